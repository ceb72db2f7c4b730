// tutti-studio [WORKSPACE|FILE...] [--run RUN] [--screenshot FILE]: the desktop studio.
#include "mainwindow.h"
#include "runbrowser.h"
#include "studioicon.h"
#include "studiopanels.h"
#include "studiosettings.h"
#include "studiotranslations.h"

#include <app/keychain/keychainstore.h>
#include <editor/codeeditor.h>
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/inspector.h>
#include <editor/runpanel.h>
#include <editor/simulationpanel.h>
#include <editor/steppresentation.h>
#include <engine/core/secretstore.h>

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>

#include <memory>
#include <string_view>

namespace {

// --help and --version print text and quit: they must work without a display (over ssh, in a
// CI log), where constructing a QApplication aborts.
bool onlyPrints(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--")
            break;
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-?" || arg == "-v" ||
            arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer startup;
    startup.start();
    const bool printOnly = onlyPrints(argc, argv);
    std::unique_ptr<QCoreApplication> application;
    if (printOnly)
        application = std::make_unique<QCoreApplication>(argc, argv);
    else
        application = std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("Tutti Studio"));
    // {{ secret.NAME }}: TUTTI_SECRET_NAME, else the OS keychain (Edit › Secrets).
    tutti::engine::installSecretStore(std::make_shared<tutti::keychain::KeychainSecretStore>());
    QCoreApplication::setOrganizationName(QStringLiteral("Tutti"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUTTI_VERSION));
    if (!printOnly) {
        QApplication::setApplicationDisplayName(QStringLiteral("Tutti Studio"));
        QApplication::setWindowIcon(tutti::studio::studioIcon());
    }

    // Before anything shows text (the window, and --help): the language of Settings, else the
    // system's.
    tutti::studio::installStudioTranslations(tutti::studio::StudioSettings::storedLanguage());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Design, run and break API orchestration flows."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QApplication::translate("main", "A workspace folder, or a file to open: a flow "
                                        "(*.flow.yaml), mock (*.mock.yaml) or profile "
                                        "(*.profile.yaml)."),
        QStringLiteral("[WORKSPACE|FILE...]"));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the window to FILE (PNG) and quit."),
        QStringLiteral("FILE"));
    QCommandLineOption size(QStringLiteral("size"),
                            QApplication::translate("main", "Window size for --screenshot, WxH."),
                            QStringLiteral("WxH"), QStringLiteral("1400x860"));
    // For --screenshot: do something first and render when it is done (README screenshots).
    QCommandLineOption after(QStringLiteral("after"),
                             QApplication::translate("main", "With --screenshot: 'run' or "
                                                             "'simulate' first, render when done."),
                             QStringLiteral("ACTION"));
    QCommandLineOption input(QStringLiteral("input"),
                             QApplication::translate("main", "Run input (JSON) for --after run."),
                             QStringLiteral("JSON"));
    QCommandLineOption profile(QStringLiteral("profile"),
                               QApplication::translate("main", "Mock profile file name."),
                               QStringLiteral("NAME"));
    QCommandLineOption runs(QStringLiteral("runs"),
                            QApplication::translate("main", "Runs for --after simulate."),
                            QStringLiteral("N"));
    QCommandLineOption select(QStringLiteral("select"),
                              QApplication::translate("main", "Step to select (inspector)."),
                              QStringLiteral("STEP"));
    QCommandLineOption seed(QStringLiteral("seed"),
                            QApplication::translate("main", "Run seed for --after run."),
                            QStringLiteral("S"));
    QCommandLineOption openRun(
        QStringLiteral("run"),
        QApplication::translate("main", "Open a stored run in the run viewer (its id, or a "
                                        "prefix only it has), its flow painted with it."),
        QStringLiteral("RUN"));
    parser.addOption(openRun);
    parser.addOption(screenshot);
    parser.addOption(size);
    for (const QCommandLineOption *o : {&after, &input, &profile, &runs, &select, &seed}) {
        const_cast<QCommandLineOption *>(o)->setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(*o);
    }
    parser.process(app); // --help and --version print and exit(0) here
    if (printOnly)
        return 0;

    tutti::studio::MainWindow window;
    const bool shot = parser.isSet(screenshot);
    window.setInteractive(!shot);
    if (shot) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
        window.resetLayout(); // screenshots show the default layout, not this user's
    }
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        // Several files come from a file manager (the desktop entry's %F): open each.
        bool opened = true;
        for (const QString &path : args)
            opened = window.openPath(path) && opened;
        if (!opened && shot)
            return 1;
    } else if (!shot) {
        const QString last = QSettings().value(QStringLiteral("workspace/last")).toString();
        if (!last.isEmpty() && QDir(last).exists())
            window.setWorkspace(last);
    }
    if (parser.isSet(openRun)) {
        QString error;
        if (!window.runBrowser()->openRun(parser.value(openRun), {}, &error)) {
            qWarning("tutti-studio: %s", qPrintable(error));
            if (shot)
                return 1;
        }
    }
    window.show();
    if (shot) {
        const QString file = parser.value(screenshot);
        auto grab = [&window, file] {
            QTimer::singleShot(300, &window, [&window, file] {
                const bool ok = window.grab().save(file);
                QApplication::exit(ok ? 0 : 4);
            });
        };
        const QString action = parser.value(after);
        QTimer::singleShot(300, &window, [&, grab, action] {
            auto *e = window.currentEditor();
            tutti::studio::StudioPanels *panels = window.panels();
            if (e)
                e->view()->fitAll();
            if (e && parser.isSet(select)) {
                e->scene()->selectSteps({parser.value(select)});
                panels->inspector()->setStep(parser.value(select));
            }
            if (e && action == u"run") {
                tutti::editor::RunPanel *run = panels->runPanel();
                if (parser.isSet(input))
                    run->inputEditor()->setPlainText(parser.value(input));
                if (parser.isSet(seed))
                    run->findChild<QLineEdit *>(QStringLiteral("seedEdit"))
                        ->setText(parser.value(seed));
                if (parser.isSet(profile))
                    run->profileBox()->setCurrentIndex(
                        std::max(0, run->profileBox()->findText(parser.value(profile))));
                QObject::connect(run, &tutti::editor::RunPanel::runFinished, &window, grab);
                panels->run();
                if (!run->controller()->isRunning())
                    grab(); // refused: the panel says why, which is worth seeing too
            } else if (e && action == u"simulate") {
                tutti::editor::SimulationPanel *sim = panels->simulationPanel();
                if (parser.isSet(runs))
                    sim->runsBox()->setValue(parser.value(runs).toInt());
                if (parser.isSet(profile))
                    sim->profileBox()->setCurrentIndex(
                        std::max(0, sim->profileBox()->findText(parser.value(profile))));
                QObject::connect(sim, &tutti::editor::SimulationPanel::simulationFinished, &window,
                                 grab);
                panels->simulate();
                if (!sim->isRunning())
                    grab();
            } else {
                grab();
            }
        });
    }
    if (qEnvironmentVariableIsSet("TUTTI_STUDIO_TIMING"))
        QTimer::singleShot(0, [&startup] {
            qInfo("first window after %lld ms", static_cast<long long>(startup.elapsed()));
        });
    return QApplication::exec();
}
