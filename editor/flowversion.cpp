// The flow version runs and simulations use; see flowversion.h.
#include <editor/flowversion.h>

#include <document/flowdocument.h>
#include <engine/model/yamldoc.h>

#include <QCoreApplication>
#include <QFileInfo>

namespace tutti::editor {

engine::Result<FlowVersion> currentFlowVersion(const engine::FlowDocument &doc)
{
    if (doc.filePath().empty())
        return engine::fail(engine::ErrorCode::Validation, "the flow has no file name yet");
    if (const auto &unparsed = doc.unparsedText()) {
        auto parsed = engine::parseYaml(*unparsed, doc.filePath());
        if (!parsed) {
            engine::Error e = parsed.error();
            e.message = "the flow does not parse: " + e.message;
            return std::unexpected(std::move(e));
        }
    }
    FlowVersion version;
    version.source = {doc.filePath(), doc.fileText(), {}};
    version.unsaved = doc.isModified();
    const QString name = QFileInfo(QString::fromStdString(doc.filePath())).fileName();
    version.label =
        version.unsaved
            ? QCoreApplication::translate("FlowVersion", "unsaved edits of %1").arg(name)
            : QCoreApplication::translate("FlowVersion", "%1 as saved").arg(name);
    return version;
}

} // namespace tutti::editor
