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

QString spanName(const engine::Span &span)
{
    const QString name = QString::fromStdString(span.name);
    const QString stepId = QString::fromStdString(span.stepId);
    // Only the exact names the executor gives (engine/runtime/executor.cpp): a name a trace
    // brought from elsewhere is shown as it is.
    switch (span.kind) {
    case engine::SpanKind::Attempt:
        if (span.attempt > 0 && name == QStringLiteral("attempt %1").arg(span.attempt))
            return StatusText::tr("attempt %1").arg(span.attempt);
        break;
    case engine::SpanKind::Wait:
        if (name == u"backoff")
            return StatusText::tr("backoff");
        break;
    case engine::SpanKind::Compensation:
        if (name == QStringLiteral("compensate %1").arg(stepId))
            return StatusText::tr("compensate %1").arg(stepId);
        break;
    case engine::SpanKind::Item:
        if (name.startsWith(u"item ")) {
            bool number = false;
            const int index = name.mid(5).toInt(&number);
            if (number)
                return StatusText::tr("item %1").arg(index);
        }
        break;
    case engine::SpanKind::Step:
    case engine::SpanKind::Branch:
    case engine::SpanKind::Debug: // "paused: breakpoint", "set vars/x": as recorded
        break;
    }
    return name;
}

} // namespace tutti::editor
