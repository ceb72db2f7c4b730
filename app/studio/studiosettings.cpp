// The studio's preferences; see studiosettings.h.
#include "studiosettings.h"

#include <QApplication>
#include <QGuiApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

#include <algorithm>
#include <memory>

namespace tutti::studio {

namespace {

// Every key of the settings dialog; nothing else reads or writes them.
constexpr auto kTextSize = "settings/textSize";
constexpr auto kAutosave = "settings/autosaveSeconds";
constexpr auto kEnvironment = "settings/defaultEnvironment";
constexpr auto kTraceDb = "settings/traceDatabase";
constexpr auto kTheme = "settings/theme";
constexpr auto kLanguage = "settings/language";
constexpr auto kStarted = "settings/started";

QString key(const char *k)
{
    return QString::fromLatin1(k);
}

StudioSettings::Theme themeFromString(const QString &s)
{
    if (s == u"light")
        return StudioSettings::Theme::Light;
    if (s == u"dark")
        return StudioSettings::Theme::Dark;
    return StudioSettings::Theme::System;
}

QString themeToString(StudioSettings::Theme t)
{
    switch (t) {
    case StudioSettings::Theme::Light:
        return QStringLiteral("light");
    case StudioSettings::Theme::Dark:
        return QStringLiteral("dark");
    case StudioSettings::Theme::System:
        break;
    }
    return QStringLiteral("system");
}

// The platform's palette as the application started with it: once the studio sets a palette of
// its own, QApplication::palette() no longer tells what the system uses.
const QPalette &systemPalette()
{
    static const QPalette palette = QGuiApplication::palette();
    return palette;
}

bool isDarkPalette(const QPalette &p)
{
    const QColor window = p.color(QPalette::Window);
    const QColor text = p.color(QPalette::WindowText);
    return text.lightnessF() > window.lightnessF();
}

QPalette lightPalette()
{
    static const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion ? fusion->standardPalette() : QPalette(QColor(0xef, 0xf0, 0xf1));
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2e, 0x33), base(0x1f, 0x22, 0x26), text(0xe6, 0xe8, 0xeb);
    const QColor disabled(0x7f, 0x85, 0x8c), highlight(0x25, 0x63, 0xeb);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x60, 0xa5, 0xfa));
    p.setColor(QPalette::LinkVisited, QColor(0xa7, 0x8b, 0xfa));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, window.lighter(130));
    p.setColor(QPalette::Midlight, window.lighter(115));
    // Mid is a grey between text and window: panels use it for dimmed hints (palette(mid)).
    p.setColor(QPalette::Mid, QColor(0x80, 0x86, 0x8e));
    p.setColor(QPalette::Dark, window.darker(150));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, window.lighter(140));
    return p;
}

} // namespace

StudioSettings::StudioSettings(QObject *parent)
    : QObject(parent)
{
    (void)systemPalette(); // remember it before anyone replaces it
    const QSettings s;
    m_values.textSize =
        std::clamp(s.value(key(kTextSize), kDefaultTextSize).toInt(), kMinTextSize, kMaxTextSize);
    m_values.autosaveSeconds = std::clamp(s.value(key(kAutosave), kDefaultAutosaveSeconds).toInt(),
                                          0, kMaxAutosaveSeconds);
    m_values.defaultEnvironment = s.value(key(kEnvironment)).toString();
    m_values.traceDatabase = s.value(key(kTraceDb)).toString();
    m_values.theme = themeFromString(s.value(key(kTheme)).toString());
    m_values.language = storedLanguage();
    m_firstRun = !s.value(key(kStarted), false).toBool();
}

void StudioSettings::set(const Values &values)
{
    Values v = values;
    v.textSize = std::clamp(v.textSize, kMinTextSize, kMaxTextSize);
    v.autosaveSeconds = std::clamp(v.autosaveSeconds, 0, kMaxAutosaveSeconds);
    v.defaultEnvironment = v.defaultEnvironment.trimmed();
    v.traceDatabase = v.traceDatabase.trimmed();
    QSettings s;
    s.setValue(key(kTextSize), v.textSize);
    s.setValue(key(kAutosave), v.autosaveSeconds);
    s.setValue(key(kEnvironment), v.defaultEnvironment);
    s.setValue(key(kTraceDb), v.traceDatabase);
    s.setValue(key(kTheme), themeToString(v.theme));
    s.setValue(key(kLanguage), v.language);
    const bool differs = !(v == m_values);
    m_values = v;
    if (differs)
        emit changed(m_values);
}

QString StudioSettings::storedLanguage()
{
    return QSettings().value(key(kLanguage)).toString();
}

void StudioSettings::markStarted()
{
    QSettings().setValue(key(kStarted), true);
}

bool StudioSettings::isDark(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return false;
    case Theme::Dark:
        return true;
    case Theme::System:
        break;
    }
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    if (const auto scheme = QGuiApplication::styleHints()->colorScheme();
        scheme != Qt::ColorScheme::Unknown)
        return scheme == Qt::ColorScheme::Dark;
#endif
    return isDarkPalette(systemPalette()); // Qt 6.4: the window colour's lightness says it
}

QPalette StudioSettings::paletteFor(Theme theme)
{
    if (theme == Theme::System)
        return systemPalette();
    if (theme == Theme::Light)
        return isDarkPalette(systemPalette()) ? lightPalette() : systemPalette();
    return darkPalette();
}

QString StudioSettings::themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return tr("Light");
    case Theme::Dark:
        return tr("Dark");
    case Theme::System:
        break;
    }
    return tr("System (%1)").arg(isDark(Theme::System) ? tr("dark") : tr("light"));
}

} // namespace tutti::studio
