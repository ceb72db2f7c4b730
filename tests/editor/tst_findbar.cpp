// Find on the canvas: which steps a text finds (id, description, type and its label, the URLs
// of the requests the type's descriptor names, a service's base_url joined to the path), and the
// bar's keys: typing jumps to the first match, Enter/F3 next, Shift+Enter/Shift+F3 previous, with
// wrap-around; the match is selected, centred and ringed; Escape closes and takes the ring away.
// LABELS: unit
#include <editor/findbar.h>
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>

#include <document/flowdocument.h>
#include <engine/model/yamldoc.h>

#include <QLabel>
#include <QLineEdit>
#include <QtTest>

using namespace tutti;

namespace {

QString checkoutPath()
{
    return QStringLiteral(TUTTI_EXAMPLES "/checkout/checkout.flow.yaml");
}

const char *kUrls = "tutti: 1\n"
                    "name: urls\n"
                    "services:\n"
                    "  api:\n"
                    "    base_url: https://api.example.com\n"
                    "steps:\n"
                    "  - id: list\n"
                    "    type: http\n"
                    "    description: Fetch the customer list\n"
                    "    service: api\n"
                    "    request: {method: GET, path: /customers}\n"
                    "  - id: hook\n"
                    "    type: http\n"
                    "    url: https://hooks.example.org/notify\n"
                    "  - id: reply\n"
                    "    type: respond\n"
                    "    body: {}\n";

QStringList ids(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *id : list)
        out << QString::fromLatin1(id);
    return out;
}

} // namespace

class TestFindBar : public QObject {
    Q_OBJECT

private slots:
    void matches_data()
    {
        QTest::addColumn<QString>("flow"); // "checkout" or "urls"
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("id") << "checkout"
                            << "charge" << ids({"charge"});
        QTest::newRow("id, any case") << "checkout"
                                      << "NOTIFY" << ids({"ship_and_notify"});
        QTest::newRow("type") << "checkout"
                              << "respond" << ids({"done", "out_of_stock"});
        QTest::newRow("type label")
            << "checkout"
            << "HTTP request" << ids({"reserve", "charge", "book", "email"});
        QTest::newRow("path") << "checkout"
                              << "/shipments" << ids({"book"});
        QTest::newRow("compensation path") << "checkout"
                                           << "refund" << ids({"charge"});
        QTest::newRow("nothing") << "checkout"
                                 << "zzz" << QStringList();
        QTest::newRow("empty") << "checkout"
                               << "  " << QStringList();
        QTest::newRow("description") << "urls"
                                     << "customer list" << ids({"list"});
        QTest::newRow("base_url + path") << "urls"
                                         << "api.example.com/customers" << ids({"list"});
        QTest::newRow("full url") << "urls"
                                  << "hooks.example.org" << ids({"hook"});
    }
    void matches()
    {
        QFETCH(QString, flow);
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        engine::FlowDocument doc;
        if (flow == u"checkout") {
            QVERIFY(doc.load(checkoutPath().toStdString()));
        } else {
            auto yaml = engine::parseYaml(kUrls, "urls.flow.yaml");
            QVERIFY(yaml);
            doc.replaceDocument(yaml->root, kUrls);
        }
        QCOMPARE(editor::FindBar::matchingSteps(doc, text), expected);
    }

    void keysCycleSelectCentreAndRing()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        e.resize(1000, 700);
        e.setYamlVisible(false);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        editor::FindBar *bar = e.findBar();
        QVERIFY(!bar->isVisible());
        bar->open();
        QVERIFY(bar->isVisible());
        QVERIFY(bar->field()->hasFocus());
        // Over the canvas, at its top right.
        QVERIFY(e.view()->viewport()->geometry().contains(bar->geometry()));
        QVERIFY(bar->geometry().right() > e.view()->width() / 2);

        QTest::keyClicks(bar->field(), QStringLiteral("http"));
        QCOMPARE(bar->matches(), ids({"reserve", "charge", "book", "email"}));
        QCOMPARE(bar->countLabel()->text(), QStringLiteral("1 of 4"));
        // Selected, ringed and scrolled into view (centred as far as the scene lets the view).
        auto shows = [&e](const QString &id) {
            const QRectF visible =
                e.view()->mapToScene(e.view()->viewport()->rect()).boundingRect();
            return e.scene()->selectedStepIds() == QStringList{id} &&
                   e.scene()->highlightedStep() == id &&
                   visible.contains(e.scene()->node(id)->sceneBoundingRect());
        };
        QVERIFY(shows(QStringLiteral("reserve")));
        QTest::keyClick(bar->field(), Qt::Key_Return);
        QVERIFY(shows(QStringLiteral("charge")));
        QCOMPARE(bar->countLabel()->text(), QStringLiteral("2 of 4"));
        QTest::keyClick(bar->field(), Qt::Key_F3);
        QVERIFY(shows(QStringLiteral("book")));
        QTest::keyClick(bar->field(), Qt::Key_Return, Qt::ShiftModifier);
        QVERIFY(shows(QStringLiteral("charge")));
        QTest::keyClick(bar->field(), Qt::Key_F3, Qt::ShiftModifier);
        QTest::keyClick(bar->field(), Qt::Key_F3, Qt::ShiftModifier); // wraps to the last
        QVERIFY(shows(QStringLiteral("email")));
        QCOMPARE(bar->countLabel()->text(), QStringLiteral("4 of 4"));

        // The flow changes under the bar: the matches follow, the current one stays.
        e.document()->renameStep("email", "mail");
        QCOMPARE(bar->currentStep(), QStringLiteral("mail"));

        bar->field()->clear();
        QTest::keyClicks(bar->field(), QStringLiteral("zzz"));
        QCOMPARE(bar->countLabel()->text(), QStringLiteral("No match"));
        QVERIFY(e.scene()->highlightedStep().isEmpty());

        bar->field()->selectAll();
        QTest::keyClicks(bar->field(), QStringLiteral("done"));
        QCOMPARE(e.scene()->highlightedStep(), QStringLiteral("done"));
        QTest::keyClick(bar->field(), Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QVERIFY(e.scene()->highlightedStep().isEmpty());
        for (QGraphicsItem *child : e.scene()->node(QStringLiteral("done"))->childItems())
            QVERIFY(child->type() != QGraphicsPathItem::Type); // the ring is gone
    }

    void aStepInACollapsedContainerShowsItsContainer()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        e.scene()->toggleCollapsed(QStringLiteral("ship_and_notify"));
        e.findBar()->open();
        e.findBar()->field()->setText(QStringLiteral("book"));
        QCOMPARE(e.findBar()->currentStep(), QStringLiteral("book"));
        QCOMPARE(e.scene()->selectedStepIds(), QStringList{QStringLiteral("ship_and_notify")});
        QCOMPARE(e.scene()->highlightedStep(), QStringLiteral("book"));
    }
};

QTEST_MAIN(TestFindBar)
#include "tst_findbar.moc"
