// tutti-studio's command line without a display: --help and --version print and exit 0 (they
// used to abort while QApplication looked for a display).
// LABELS: unit
#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

class tst_StudioCli : public QObject {
    Q_OBJECT

    // Runs the studio as over ssh: no display, no platform plugin chosen.
    static int runHeadless(const QStringList &args, QString &out)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(name));
        QProcess studio;
        studio.setProcessEnvironment(env);
        studio.start(QStringLiteral(TUTTI_BINARY_DIR "/app/tutti-studio"), args);
        if (!studio.waitForFinished(30000))
            return -1;
        out = QString::fromUtf8(studio.readAllStandardOutput());
        return studio.exitStatus() == QProcess::NormalExit ? studio.exitCode() : -2;
    }

private slots:
    void helpNeedsNoDisplay_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--help") << "--help"
                                << "Usage:";
        QTest::newRow("-h") << "-h"
                            << "--screenshot";
        QTest::newRow("--version") << "--version"
                                   << "Tutti Studio";
    }
    void helpNeedsNoDisplay()
    {
        QFETCH(QString, option);
        QFETCH(QString, expected);
        QString out;
        QCOMPARE(runHeadless({option}, out), 0);
        QVERIFY2(out.contains(expected), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(tst_StudioCli)
#include "tst_studiocli.moc"
