// The studio's icon from the PNGs the build renders from the SVG (app/CMakeLists.txt), so it is
// crisp at every size without Qt's SVG module.
#include "studioicon.h"

namespace tutti::studio {

QIcon studioIcon()
{
    static const QIcon icon = [] {
        QIcon result;
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
            result.addFile(
                QStringLiteral(":/tutti/icons/%1x%1/apps/io.github.tutti.Studio.png").arg(size),
                QSize(size, size));
        return result;
    }();
    return icon;
}

} // namespace tutti::studio
