// The studio's preferences (Edit › Settings…): text size of the canvas and YAML view, autosave
// interval, default run environment, where run traces are stored, colour theme, language. The one
// place their QSettings keys, defaults and limits live; the window applies them (MainWindow) when
// `changed` fires.
#pragma once

#include <QObject>
#include <QString>

class QPalette;

namespace tutti::studio {

class StudioSettings : public QObject {
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };

    struct Values {
        int textSize = kDefaultTextSize; // points; the canvas and YAML view at 10 is stock
        int autosaveSeconds = kDefaultAutosaveSeconds; // 0: autosave off
        QString defaultEnvironment; // "" = mock; used when the flow's workspace has it
        QString traceDatabase;      // "" = WORKSPACE/.tutti/traces.db, else one file
        Theme theme = Theme::System;
        QString language; // "" = the system's; else "en", "de", "fr" (at the next start)
        bool operator==(const Values &) const = default;
    };

    static constexpr int kDefaultTextSize = 10;
    static constexpr int kMinTextSize = 7;
    static constexpr int kMaxTextSize = 20;
    static constexpr int kDefaultAutosaveSeconds = 30;
    static constexpr int kMaxAutosaveSeconds = 3600;

    explicit StudioSettings(QObject *parent = nullptr);

    // Read from QSettings (out-of-range values clamped) at construction; set() writes them back.
    const Values &values() const { return m_values; }
    void set(const Values &values);
    void resetToDefaults() { set(Values{}); }

    // The language Settings names ("" = the system's), read without building a StudioSettings:
    // main() installs the translators before the first window (and before --help prints).
    static QString storedLanguage();

    // True until markStarted() has run once for this user: the welcome page greets someone who
    // has never opened the studio.
    bool isFirstRun() const { return m_firstRun; }
    void markStarted();

    // What the theme means right now: Light or Dark (System asks the platform's palette).
    static bool isDark(Theme theme);
    // The palette for a theme: the platform's for System (or for Light when it is light), a
    // dark Fusion palette for Dark.
    static QPalette paletteFor(Theme theme);
    static QString themeName(Theme theme);

signals:
    void changed(const tutti::studio::StudioSettings::Values &values);

private:
    Values m_values;
    bool m_firstRun = false;
};

} // namespace tutti::studio
