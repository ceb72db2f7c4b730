// `tutti-studio WORKSPACE --run RUN --screenshot FILE --size WxH` renders the studio with a stored
// run open in the viewer (a prefix of its id is enough) and exits 0; an unknown run exits 1 and
// says why. Runs the real binary offscreen.
// LABELS: unit
#include <tests/tracegen.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// A PNG's width and height from its IHDR chunk (no Gui here).
QSize pngSize(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = f.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG"))
        return {};
    auto be32 = [&](int at) {
        return (quint8(head[at]) << 24) | (quint8(head[at + 1]) << 16) |
               (quint8(head[at + 2]) << 8) | quint8(head[at + 3]);
    };
    return QSize(int(be32(16)), int(be32(20)));
}

} // namespace

class tst_StudioRun : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ws;

    int studio(const QStringList &args, QString *err = nullptr)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("XDG_CONFIG_HOME", m_dir.filePath("config")); // not the user's settings
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TUTTI_BINARY_DIR "/app/tutti-studio"), args);
        if (!p.waitForFinished(60000))
            return -1;
        if (err)
            *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    }

private slots:
    void initTestCase()
    {
        m_ws = m_dir.filePath("ws");
        const QDir from(QStringLiteral(TUTTI_EXAMPLES "/checkout"));
        QDirIterator it(from.absolutePath(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString source = it.next();
            const QString target = QDir(m_ws).filePath(from.relativeFilePath(source));
            QDir().mkpath(QFileInfo(target).absolutePath());
            QVERIFY(QFile::copy(source, target));
        }
        tutti::engine::TraceStore store;
        QVERIFY(store.open(QDir(m_ws).filePath(".tutti/traces.db").toStdString()));
        tracegen::write(store, tracegen::failedCheckout(
                                   "run_feedc0ffee000001",
                                   QDir(m_ws).filePath("checkout.flow.yaml").toStdString()));
        QVERIFY(store.flush());
    }

    void screenshotOfARun()
    {
        const QString png = m_dir.filePath("run.png");
        QString err;
        QCOMPARE(
            studio({m_ws, "--run", "run_feedc0", "--screenshot", png, "--size", "1200x800"}, &err),
            0);
        QCOMPARE(pngSize(png), QSize(1200, 800));
    }

    void unknownRunFails()
    {
        const QString png = m_dir.filePath("none.png");
        QString err;
        QCOMPARE(studio({m_ws, "--run", "run_nothere", "--screenshot", png}, &err), 1);
        QVERIFY2(err.contains("no run 'run_nothere'"), qPrintable(err));
        QVERIFY(!QFile::exists(png));
    }

    void helpNamesTheOption()
    {
        QProcess p;
        p.start(QStringLiteral(TUTTI_BINARY_DIR "/app/tutti-studio"), {"--help"});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains("--run <RUN>"));
    }
};

QTEST_GUILESS_MAIN(tst_StudioRun)
#include "tst_studiorun.moc"
