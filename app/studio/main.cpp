// tutti-studio [WORKSPACE|FLOW] [--screenshot FILE]: the desktop studio.
#include "mainwindow.h"

#include <editor/floweditor.h>
#include <editor/flowview.h>
#include <editor/steppresentation.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#ifndef TUTTI_VERSION_STRING
#define TUTTI_VERSION_STRING "0.1.0"
#endif

int main(int argc, char **argv)
{
    QElapsedTimer startup;
    startup.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tutti Studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tutti Studio"));
    QApplication::setOrganizationName(QStringLiteral("Tutti"));
    QApplication::setApplicationVersion(QStringLiteral(TUTTI_VERSION_STRING));
    QApplication::setWindowIcon(tutti::editor::StepPresentations::appIcon());

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("tutti"), QStringLiteral("_"),
                        QStringLiteral(":/tutti/translations")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Design, run and break API orchestration flows."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QApplication::translate("main", "A workspace folder or a *.flow.yaml file."),
        QStringLiteral("[WORKSPACE|FLOW]"));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the window to FILE (PNG) and quit."),
        QStringLiteral("FILE"));
    QCommandLineOption size(QStringLiteral("size"),
                            QApplication::translate("main", "Window size for --screenshot, WxH."),
                            QStringLiteral("WxH"), QStringLiteral("1400x860"));
    parser.addOption(screenshot);
    parser.addOption(size);
    parser.process(app);

    tutti::studio::MainWindow window;
    const bool shot = parser.isSet(screenshot);
    window.setInteractive(!shot);
    if (shot) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        if (!window.openPath(args.first()) && shot)
            return 1;
    } else if (!shot) {
        const QString last = QSettings().value(QStringLiteral("workspace/last")).toString();
        if (!last.isEmpty() && QDir(last).exists())
            window.setWorkspace(last);
    }
    window.show();
    if (shot) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(300, &window, [&window, file] {
            if (auto *e = window.currentEditor())
                e->view()->fitAll();
            QTimer::singleShot(200, &window, [&window, file] {
                const bool ok = window.grab().save(file);
                QApplication::exit(ok ? 0 : 4);
            });
        });
    }
    if (qEnvironmentVariableIsSet("TUTTI_STUDIO_TIMING"))
        QTimer::singleShot(0, [&startup] {
            qInfo("first window after %lld ms", static_cast<long long>(startup.elapsed()));
        });
    return app.exec();
}
