// Which version of a flow the studio's Run, Debug and Simulate use: always the editor's current
// one, unsaved edits included, so all three see the same flow; and how the panels name it.
// Sub-flows that `call` steps name are read from their files (their saved versions).
#pragma once

#include <engine/core/result.h>
#include <engine/session/runplan.h>

#include <QString>

namespace tutti::engine {
class FlowDocument;
}

namespace tutti::editor {

struct FlowVersion {
    engine::FlowSource source; // the file's path with the editor's current text
    bool unsaved = false;      // the text differs from the file
    // "unsaved edits of checkout.flow.yaml" or "checkout.flow.yaml as saved".
    QString label;
};

// The flow as the editor holds it now. Refused, with the parse error located
// (FILE:LINE:COL), while the YAML view holds text that does not parse: running the last version
// that did would run something that is not on screen. The document needs a file name (its
// workspace, mocks and sub-flows are found from it).
engine::Result<FlowVersion> currentFlowVersion(const engine::FlowDocument &doc);

} // namespace tutti::editor
