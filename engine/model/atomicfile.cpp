// Atomic file writes; see atomicfile.h.
#include <engine/model/atomicfile.h>

#include <QSaveFile>

namespace tutti::engine {

Result<void> writeFileAtomically(const std::string &path, std::string_view bytes)
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, "cannot write: " + file.errorString().toStdString(),
                    {path, 0, 0});
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) !=
        static_cast<qint64>(bytes.size())) {
        const std::string why = file.errorString().toStdString();
        file.cancelWriting();
        return fail(ErrorCode::Io, "cannot write: " + why, {path, 0, 0});
    }
    if (!file.commit())
        return fail(ErrorCode::Io, "cannot write: " + file.errorString().toStdString(),
                    {path, 0, 0});
    return {};
}

} // namespace tutti::engine
