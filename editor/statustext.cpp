// Status names in the user's language; see statustext.h.
#include <editor/statustext.h>

#include <QCoreApplication>

namespace tutti::editor {

namespace {

struct StatusText {
    Q_DECLARE_TR_FUNCTIONS(tutti::editor::StatusText)
};

// Every name engine::toString gives a RunStatus or a StepStatus, for lupdate: the translations
// are looked up by the engine's own text.
[[maybe_unused]] const char *const kNames[] = {
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "running"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "succeeded"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "failed"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "cancelled"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "compensated"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "compensation_failed"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "interrupted"),
};

} // namespace

QString statusText(engine::RunStatus status)
{
    return StatusText::tr(engine::toString(status));
}

QString statusText(engine::StepStatus status)
{
    return StatusText::tr(engine::toString(status));
}

} // namespace tutti::editor
