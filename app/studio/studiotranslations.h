// Which language the studio speaks: the system locale's, or the one Settings names. Installs the
// studio's translations (translations/tutti_LANG.ts, compiled into the binary) and Qt's own
// (standard dialogs and buttons, the YAML view's context menu) before any window is built.
#pragma once

#include <QList>
#include <QLocale>
#include <QString>

namespace tutti::studio {

struct StudioLanguage {
    QString code;       // "" = the system's, else "en", "de", "fr"
    QString nativeName; // as the Settings dialog lists it
};

// The choices of Settings › Language: System first, then English and every shipped translation.
QList<StudioLanguage> studioLanguages();

// Installs the translators for `code` ("" = QLocale::system(), whose UI languages follow
// LANGUAGE, LC_ALL, LC_MESSAGES and LANG); an override also becomes QLocale's default, so dates
// and numbers match the text. A second call replaces what the first installed (tests switch
// languages). Returns the locale whose translations are in use (English when none fits).
QLocale installStudioTranslations(const QString &code);

} // namespace tutti::studio
