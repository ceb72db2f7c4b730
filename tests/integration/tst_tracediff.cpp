// `tutti trace diff RUN_A RUN_B [--json]` on the real binary: two checkout runs over the mocks
// (one charged, one declined and compensated) aligned step by step, run-id prefixes, the human
// table, the --json shape of docs/traces.md and the exit codes of the other trace commands.
// LABELS: integration
#include "clirunner.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace clitest;

class tst_TraceDiff : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_ok, m_declined;

    QString db() const { return m_dir.filePath("traces.db"); }
    QString run(int amount, int seed)
    {
        const Result r =
            tutti({"run", kExamples + "/checkout/checkout.flow.yaml", "--input",
                   QString("{\"sku\": \"A-1\", \"qty\": 1, \"amount\": %1}").arg(amount), "--seed",
                   QString::number(seed), "--json", "--trace-db", db()});
        return r.json()["run"].toString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ok = run(20, 7);
        m_declined = run(5000, 8); // the payment mock declines charges over 1000 (402)
        QVERIFY(!m_ok.isEmpty() && !m_declined.isEmpty());
    }

    void json()
    {
        // Prefixes resolve like `trace show`.
        const Result r = tutti(
            {"trace", "diff", m_ok.left(12), m_declined.left(12), "--json", "--trace-db", db()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        QCOMPARE(j["a"]["run"].toString(), m_ok);
        QCOMPARE(j["b"]["run"].toString(), m_declined);
        QCOMPARE(j["a"]["status"].toString(), QString("succeeded"));
        QCOMPARE(j["b"]["status"].toString(), QString("compensated"));
        QCOMPARE(j["b"]["error"]["type"].toString(), QString("http.402"));
        QVERIFY(j["differences"].toArray().contains(QString("status")));
        QHash<QString, QJsonObject> steps;
        QStringList order;
        for (const auto &v : j["steps"].toArray()) {
            const QJsonObject s = v.toObject();
            for (const char *key : {"path", "step", "kind", "a", "b", "latency_delta_ms",
                                    "differences", "payload", "more_payload_differences"})
                QVERIFY2(s.contains(key), key);
            steps.insert(s["path"].toString(), s);
            order << s["path"].toString();
        }
        // Aligned: reserve and charge in both; the shipping branch only in A; the reserve's
        // compensation only in B, right after the charge that failed.
        QCOMPARE(order.mid(0, 3), QStringList({"reserve", "charge", "compensate reserve"}));
        const QJsonObject charge = steps["charge"];
        QCOMPARE(charge["a"]["status"].toString(), QString("ok"));
        QCOMPARE(charge["b"]["status"].toString(), QString("error"));
        QCOMPARE(charge["b"]["error"].toString(), QString("http.402"));
        const QJsonArray names = charge["differences"].toArray();
        QVERIFY(names.contains(QString("status")) && names.contains(QString("request")) &&
                names.contains(QString("response")));
        bool amount = false, status = false;
        for (const auto &p : charge["payload"].toArray()) {
            const QJsonObject d = p.toObject();
            if (d["where"] == "request" && d["pointer"] == "/body/amount") {
                amount = true;
                QCOMPARE(d["a"].toInt(), 20);
                QCOMPARE(d["b"].toInt(), 5000);
            }
            status |= d["where"] == "response" && d["pointer"] == "/status" &&
                      d["a"].toInt() == 201 && d["b"].toInt() == 402;
        }
        QVERIFY(amount && status);
        QCOMPARE(steps["compensate reserve"]["kind"].toString(), QString("compensation"));
        QVERIFY(steps["compensate reserve"]["a"].isNull());
        QCOMPARE(steps["compensate reserve"]["differences"].toArray().first().toString(),
                 QString("only_b"));
        QCOMPARE(steps["ship_and_notify/ship/book"]["differences"].toArray().first().toString(),
                 QString("only_a"));
        QVERIFY(steps["ship_and_notify/ship/book"]["latency_delta_ms"].isNull());
        const QJsonObject summary = j["summary"].toObject();
        QCOMPARE(summary["steps"].toInt(), order.size());
        QVERIFY(summary["only_a"].toInt() >= 3);
        QCOMPARE(summary["only_b"].toInt(), 1);
    }

    void human()
    {
        const Result r = tutti({"trace", "diff", m_ok, m_declined, "--trace-db", db()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains("A  " + m_ok + "  checkout  succeeded"), qPrintable(out));
        QVERIFY(out.contains("B  " + m_declined + "  checkout  compensated"));
        QVERIFY(out.contains("run differs in: status"));
        QVERIFY(out.contains("request/body/amount: 20 -> 5000"));
        QVERIFY(out.contains("response/status: 201 -> 402"));
        QVERIFY(out.contains("only_b"));
        QVERIFY(out.contains(" steps differ ("));
        // A run against itself: nothing differs.
        const Result same = tutti({"trace", "diff", m_ok, m_ok, "--trace-db", db()});
        QCOMPARE(same.exitCode, 0);
        QVERIFY2(same.out.contains("run: same status, output and error"), same.out.constData());
        QVERIFY(same.out.contains("\n0 of "));
    }

    void exitCodes()
    {
        QCOMPARE(tutti({"trace", "diff", m_ok, "--trace-db", db()}).exitCode, 2);
        QCOMPARE(tutti({"trace", "diff", m_ok, m_ok, m_ok, "--trace-db", db()}).exitCode, 2);
        const Result unknown = tutti({"trace", "diff", m_ok, "nope", "--trace-db", db()});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("no run 'nope'"));
        // "run_" prefixes both runs: ambiguous.
        QCOMPARE(tutti({"trace", "diff", "run_", m_ok, "--trace-db", db()}).exitCode, 1);
        QCOMPARE(tutti({"trace", "diff", m_ok, m_declined, "--trace-db", m_dir.filePath("none.db")})
                     .exitCode,
                 1);
        const Result help = tutti({"trace", "--help"});
        QVERIFY(help.out.contains("tutti trace diff RUN_A RUN_B [--json]"));
    }
};

QTEST_MAIN(tst_TraceDiff)
#include "tst_tracediff.moc"
