// Status names in the user's language; see statustext.h.
#include <editor/statustext.h>

#include <QCoreApplication>

namespace tutti::editor {

namespace {

struct StatusText {
    Q_DECLARE_TR_FUNCTIONS(tutti::editor::StatusText)
};

// Every name engine::toString gives a RunStatus, a StepStatus, a SpanStatus or a SpanKind, for
// lupdate: the translations are looked up by the engine's own text.
[[maybe_unused]] const char *const kNames[] = {
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "running"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "succeeded"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "failed"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "cancelled"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "compensated"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "compensation_failed"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "interrupted"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "ok"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "error"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "step"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "attempt"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "wait"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "compensation"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "branch"),
    QT_TRANSLATE_NOOP("tutti::editor::StatusText", "item"),
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

QString statusText(engine::SpanStatus status)
{
    return StatusText::tr(engine::toString(status));
}

QString kindText(engine::SpanKind kind)
{
    return StatusText::tr(engine::toString(kind));
}

} // namespace tutti::editor
