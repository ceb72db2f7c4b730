// The bundled examples; see bundledexamples.h.
#include "bundledexamples.h"

#include <engine/model/flowparser.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace tutti::studio {

QString BundledExamples::resourceRoot()
{
    return QStringLiteral(":/tutti/examples");
}

QList<BundledExample> BundledExamples::list()
{
    QList<BundledExample> out;
    const QDir root(resourceRoot());
    for (const QString &folder : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir dir(root.filePath(folder));
        const QStringList flows =
            dir.entryList({QStringLiteral("*.flow.yaml")}, QDir::Files, QDir::Name);
        if (flows.isEmpty())
            continue;
        // The flow named like its folder is the example's main one.
        const QString main = flows.contains(folder + QStringLiteral(".flow.yaml"))
                                 ? folder + QStringLiteral(".flow.yaml")
                                 : flows.first();
        BundledExample e{folder, main, folder, {}};
        QFile f(dir.filePath(main));
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray text = f.readAll();
            const engine::FlowLoad load = engine::parseFlow(
                std::string_view(text.constData(), static_cast<size_t>(text.size())),
                main.toStdString());
            if (load.flow) {
                if (!load.flow->name.empty())
                    e.name = QString::fromStdString(load.flow->name);
                e.description = QString::fromStdString(load.flow->description);
            }
            if (e.description.isEmpty() && text.startsWith('#'))
                e.description = QString::fromUtf8(text.left(text.indexOf('\n')).mid(1)).trimmed();
        }
        out.append(e);
    }
    return out;
}

QString BundledExamples::copyRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("examples"));
}

engine::Result<QString> BundledExamples::materialize(const BundledExample &example)
{
    const QString from = QDir(resourceRoot()).filePath(example.folder);
    const QString to = QDir(copyRoot()).filePath(example.folder);
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = QDir(to).filePath(QDir(from).relativeFilePath(src));
        if (QFileInfo::exists(dst))
            continue;
        if (!QDir().mkpath(QFileInfo(dst).path()) || !QFile::copy(src, dst))
            return engine::fail(engine::ErrorCode::Io,
                                "cannot copy the example to " + dst.toStdString(),
                                {dst.toStdString(), 0, 0});
        // Resources copy read-only; the copy is the user's to edit.
        QFile::setPermissions(dst, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                       QFile::ReadOther);
    }
    const QString flow = QDir(to).filePath(example.flowFile);
    if (!QFileInfo::exists(flow))
        return engine::fail(engine::ErrorCode::Io, "the example has no flow file",
                            {flow.toStdString(), 0, 0});
    return flow;
}

} // namespace tutti::studio
