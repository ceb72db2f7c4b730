// How each step type looks in the studio (icon, colour, label, new-step template): the
// presentation registry keyed by type name, kept out of the engine's types on purpose.
#pragma once

#include <engine/core/json.h>

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
    // The entry for a type; unknown types get a neutral grey entry.
    static const StepPresentation &forType(const QString &type);
    static QStringList types(); // palette order
    // A minimal valid-looking step of that type with the given id (for the palette).
    static engine::Json newStep(const QString &type, const std::string &id);
    // The application icon (drawn, so it is crisp at every size).
    static QIcon appIcon();
    // One line summarising a step for its node ("POST inventory /reservations").
    static QString summary(const engine::Json &step);
};

} // namespace tutti::editor
