// `tutti run --otlp-endpoint`: the real binary sends the run's spans to a local receiver,
// collector headers come from OTEL_EXPORTER_OTLP_HEADERS, a bad endpoint is a usage error, and
// a collector that is down costs a warning, never the run's result.
// LABELS: integration
#include "../engine/net/loopbackserver.h"
#include "clirunner.h"

#include <QJsonArray>
#include <QtTest>

using tutti::engine::test::LoopbackServer;

namespace {

const QString kCheckout = clitest::kExamples + "/checkout/checkout.flow.yaml";
const QString kInput = QStringLiteral("{\"sku\":\"A-100\",\"qty\":2,\"amount\":42}");

QJsonObject bodyOf(const tutti::engine::test::SeenRequest &r)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object();
}

} // namespace

class TestOtlp : public QObject {
    Q_OBJECT
private slots:
    void runSendsItsSpans()
    {
        LoopbackServer collector;
        QVERIFY(collector.start());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc,x-tenant=t1");
        const auto r =
            clitest::tutti({"run", kCheckout, "--input", kInput, "--no-trace", "--json",
                            "--otlp-endpoint", QString::fromStdString(collector.url("/"))},
                           {}, env);
        QCOMPARE(r.exitCode, 0);
        const QString runId = r.json()[u"run"].toString();
        QVERIFY(!runId.isEmpty());

        const auto requests = collector.requests();
        QCOMPARE(requests.size(), std::size_t(1)); // sent before the process exits
        const auto &req = requests.front();
        QCOMPARE(req.method, std::string("POST"));
        QCOMPARE(req.path, std::string("/v1/traces"));
        QVERIFY(req.header("authorization"));
        QCOMPARE(*req.header("authorization"), std::string("Bearer abc"));
        QCOMPARE(*req.header("x-tenant"), std::string("t1"));

        const QJsonArray spans =
            bodyOf(req)[u"resourceSpans"][0][u"scopeSpans"][0][u"spans"].toArray();
        // The run's root span plus at least a step and an attempt per checkout step.
        QVERIFY2(spans.size() > 4, qPrintable(QString::number(spans.size())));
        QString runAttribute;
        for (const auto &a : spans[0][u"attributes"].toArray())
            if (a[u"key"] == "tutti.run.id")
                runAttribute = a[u"value"][u"stringValue"].toString();
        QCOMPARE(runAttribute, runId);
        const QString traceId = spans[0][u"traceId"].toString();
        QCOMPARE(traceId.size(), 32);
        QSet<QString> names;
        for (const auto &s : spans) {
            QCOMPARE(s[u"traceId"].toString(), traceId);
            QVERIFY(s[u"kind"].isDouble()); // an integer enum, not "SPAN_KIND_…"
            QVERIFY(s[u"startTimeUnixNano"].isString());
            names << s[u"name"].toString();
        }
        QVERIFY2(names.contains("charge"), qPrintable(QStringList(names.values()).join(',')));
    }

    void badEndpointIsAUsageError_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("variable"); // OTEL_EXPORTER_OTLP_HEADERS
        QTest::addColumn<QString>("message");
        QTest::newRow("scheme") << "collector:4318"
                                << ""
                                << "http:// or https://";
        QTest::newRow("header") << "http://127.0.0.1:1"
                                << "novalue"
                                << "OTEL_EXPORTER_OTLP_HEADERS";
        QTest::newRow("header CRLF") << "http://127.0.0.1:1"
                                     << "a=b%0D%0AX: y"
                                     << "line break";
    }
    void badEndpointIsAUsageError()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, variable);
        QFETCH(QString, message);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!variable.isEmpty())
            env.insert("OTEL_EXPORTER_OTLP_HEADERS", variable);
        const auto r = clitest::tutti(
            {"run", kCheckout, "--input", kInput, "--no-trace", "--otlp-endpoint", endpoint}, {},
            env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }

    void collectorDownOnlyWarns()
    {
        int port = 0;
        {
            LoopbackServer gone;
            QVERIFY(gone.start());
            port = gone.port();
        }
        const auto r =
            clitest::tutti({"run", kCheckout, "--input", kInput, "--no-trace", "--json",
                            "--otlp-endpoint", "http://127.0.0.1:" + QString::number(port)});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()[u"status"].toString(), QString("succeeded"));
        QVERIFY2(r.err.contains("warning: OTLP export failed"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestOtlp)
#include "tst_otlp.moc"
