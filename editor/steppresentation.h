// How each step type looks in the studio (icon, colour, label, palette line, node summary, the
// example values of a new step): one table keyed by StepType, kept out of the engine's types on
// purpose. What a type *is* (its keys, required or not, defaults) comes from its descriptor.
#pragma once

#include <engine/core/json.h>
#include <engine/model/steps/common.h>

#include <QColor>
#include <QIcon>
#include <QString>
#include <QStringList>

namespace tutti::editor {

struct StepPresentation {
    QString type;        // "http"
    QString label;       // "HTTP request" (translated)
    QString description; // one line for the palette tooltip (translated)
    QColor color;
    QIcon icon;
};

class StepPresentations {
public:
    // The entry for a type; unknown types (and a type the table lacks) get a neutral grey one.
    static const StepPresentation &forType(const QString &type);
    // The table has the type's own entry (what the completeness test asks of every type).
    static bool has(engine::StepType type);
    static QStringList types(); // palette order: every type of the registry, in its order
    // A new step of that type with the given id (for the palette): the descriptor's required
    // keys and the type's example values, defaults where the example leaves them to the
    // descriptor; a service is the first of `flow`'s services. Valid as created where the type
    // allows it (a choice needs its cases, a container its steps).
    static engine::Json newStep(const QString &type, const std::string &id,
                                const engine::Json &flow = {});
    // One line summarising a step for its node ("POST inventory /reservations").
    static QString summary(const engine::Json &step);
};

} // namespace tutti::editor
