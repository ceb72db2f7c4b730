// A bounded load test of `tutti serve` on loopback: wrk for a few seconds at 20 connections
// against a flow route must see zero socket errors and zero non-2xx answers.
// LABELS: integration slow
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

class TestServeLoad : public QObject {
    Q_OBJECT

private slots:
    void wrkSeesNoErrors()
    {
        const QString wrk = QStandardPaths::findExecutable("wrk");
        if (wrk.isEmpty())
            QSKIP("wrk is not installed (installer/setup-debian.sh installs it)");
        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("TUTTI_SERVE_KEYS", "load-key");
        server.setProcessEnvironment(env);
        server.setStandardErrorFile(QProcess::nullDevice());
        server.start(QStringLiteral(TUTTI_BINARY_DIR "/app/tutti"),
                     {"serve", QStringLiteral(TUTTI_TEST_DATA "/serve/hello.flow.yaml"), "--port",
                      "0", "--no-trace", "--no-access-log", "--workers", "2"});
        QString out;
        quint16 port = 0;
        QElapsedTimer timer;
        timer.start();
        while (!port && timer.elapsed() < 10000 && server.waitForReadyRead(500)) {
            out += server.readAllStandardOutput();
            const auto m = QRegularExpression("listening on http://[^:]+:(\\d+)").match(out);
            if (m.hasMatch())
                port = m.captured(1).toUShort();
        }
        QVERIFY2(port, qPrintable(out));
        QProcess load;
        load.start(wrk, {"-t2", "-c20", "-d3s", "-H", "X-Api-Key: load-key",
                         QString("http://127.0.0.1:%1/hello?name=load").arg(port)});
        QVERIFY(load.waitForFinished(60000));
        const QString report = QString::fromUtf8(load.readAllStandardOutput());
        qInfo().noquote() << report;
        QVERIFY2(!report.contains("Socket errors"), qPrintable(report));
        QVERIFY2(!report.contains("Non-2xx"), qPrintable(report));
        const auto requests = QRegularExpression("(\\d+) requests in").match(report);
        QVERIFY2(requests.hasMatch() && requests.captured(1).toLongLong() > 100,
                 qPrintable(report));
        server.terminate();
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServeLoad)
#include "tst_serveload.moc"
