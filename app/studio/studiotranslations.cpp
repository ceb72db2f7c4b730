// The studio's translators; see studiotranslations.h.
#include "studiotranslations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>
#include <vector>

namespace tutti::studio {

namespace {

// Where app/CMakeLists.txt puts the compiled .ts files (qt_add_translations) and the copies of
// Qt's own it found at configure time.
constexpr auto kStudioDir = ":/tutti/translations";
constexpr auto kQtDir = ":/tutti/translations/qt";

std::vector<std::unique_ptr<QTranslator>> &installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

// Loads NAME_LANG.qm from the first folder that has it for `locale` (the first of its UI
// languages that has one); installs it and returns its language, or "" when none was found.
QString install(const QLocale &locale, const QString &name, const QStringList &dirs)
{
    auto translator = std::make_unique<QTranslator>();
    for (const QString &dir : dirs)
        if (translator->load(locale, name, QStringLiteral("_"), dir)) {
            QCoreApplication::installTranslator(translator.get());
            const QString language = translator->language();
            installed().push_back(std::move(translator));
            return language.isEmpty() ? locale.name() : language;
        }
    return QString();
}

} // namespace

QList<StudioLanguage> studioLanguages()
{
    return {{QString(), QCoreApplication::translate("tutti::studio::SettingsDialog", "System")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("fr"), QStringLiteral("Français")}};
}

QLocale installStudioTranslations(const QString &code)
{
    for (auto &t : installed())
        QCoreApplication::removeTranslator(t.get());
    installed().clear();

    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    if (!code.isEmpty())
        QLocale::setDefault(locale);
    if (code == u"en") // the source language: nothing to load
        return locale;
    const QString language =
        install(locale, QStringLiteral("tutti"), {QString::fromLatin1(kStudioDir)});
    if (language.isEmpty())
        return QLocale(QLocale::English); // a language the studio does not speak: all English
    // Qt's own texts in the same language: the copies compiled in, else the system's.
    const QLocale found(language);
    const QStringList qtDirs{QString::fromLatin1(kQtDir),
                             QLibraryInfo::path(QLibraryInfo::TranslationsPath)};
    install(found, QStringLiteral("qtbase"), qtDirs);
    install(found, QStringLiteral("qscintilla"), qtDirs);
    return found;
}

} // namespace tutti::studio
