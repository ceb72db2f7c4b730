// The studio's icon from the PNGs the build renders from the SVG into :/tutti/icons (one per
// hicolor size, app/CMakeLists.txt), so it is crisp at every size without Qt's SVG module.
#include "studioicon.h"

#include <QDirIterator>

namespace tutti::studio {

QIcon studioIcon()
{
    static const QIcon icon = [] {
        QIcon result;
        QDirIterator it(QStringLiteral(":/tutti/icons"), {QStringLiteral("*.png")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            result.addFile(it.next());
        return result;
    }();
    return icon;
}

} // namespace tutti::studio
