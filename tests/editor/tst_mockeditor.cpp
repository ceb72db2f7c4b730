// The mock and profile editors (editor/mockeditor.h) with the studio's own services: every
// bundled mock and profile opens without problems; form edits change only the edited lines and
// undo gives the saved bytes back; the latency preview's p50/p99 are the sampler's quantiles;
// the fault preview follows the engine's retry rules; Try it answers as the mock does; garbage
// opens as text with the error shown. Screenshots go to TUTTI_SHOTS_DIR when set.
// LABELS: unit
#include <app/studio/services/studiomocktools.h>
#include <editor/codeeditor.h>
#include <editor/faultseditor.h>
#include <editor/latencyeditor.h>
#include <editor/mockeditor.h>
#include <editor/mockform.h>
#include <editor/profileform.h>
#include <editor/tryitpanel.h>
#include <tests/widgetshots.h>

#include <document/specdocument.h>
#include <engine/core/jsonio.h>
#include <engine/model/steps/common.h>
#include <engine/trace/simulationreport.h>

#include <QComboBox>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtTest>

using namespace tutti;
using editor::MockEditor;
using editor::SpecKind;
using engine::Json;

namespace {

QString problemsText(const engine::Errors &errors)
{
    QStringList out;
    for (const auto &e : errors)
        out << QString::fromStdString(e.toString());
    return out.join(QLatin1Char('\n'));
}

QStringList lines(const std::string &text)
{
    return QString::fromStdString(text).split(QLatin1Char('\n'));
}

// Line numbers (1-based) that differ between two texts of the same line count; -1 when the
// counts differ.
QList<int> changedLines(const std::string &a, const std::string &b)
{
    const QStringList la = lines(a), lb = lines(b);
    if (la.size() != lb.size())
        return {-1};
    QList<int> out;
    for (int i = 0; i < la.size(); ++i)
        if (la[i] != lb[i])
            out << i + 1;
    return out;
}

QString copyToTemp(const QTemporaryDir &dir, const QString &source)
{
    const QString target = dir.filePath(QFileInfo(source).fileName());
    QFile::remove(target);
    QFile::copy(source, target);
    QFile(target).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return target;
}

std::string readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll().toStdString();
}

const QString kPaymentMock = QStringLiteral(TUTTI_EXAMPLES "/checkout/mocks/payment.mock.yaml");
const QString kDegradedProfile =
    QStringLiteral(TUTTI_EXAMPLES "/checkout/profiles/payment-degraded.profile.yaml");

} // namespace

class TestMockEditor : public QObject {
    Q_OBJECT
private slots:
    void opensBundledFiles_data();
    void opensBundledFiles();
    void formEditChangesOnlyItsLines();
    void formWidgetsEditTheFile();
    void yamlTypingIsOneUndoStep();
    void latencyPreviewQuantilesAreTheSamplers();
    void faultPreviewMath();
    void faultPreviewInTheForm();
    void tryItAnswersAsTheMock();
    void templateCompletion();
    void garbageOpensAsText_data();
    void garbageOpensAsText();
    void profileForm();
    void screenshots();

private:
    studio::StudioMockTools m_tools;
};

void TestMockEditor::opensBundledFiles_data()
{
    QTest::addColumn<QString>("path");
    QDirIterator it(QStringLiteral(TUTTI_EXAMPLES),
                    {QStringLiteral("*.mock.yaml"), QStringLiteral("*.profile.yaml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    int n = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QTest::newRow(qPrintable(QDir(QStringLiteral(TUTTI_EXAMPLES)).relativeFilePath(path)))
            << path;
        ++n;
    }
    QVERIFY(n >= 10);
}

void TestMockEditor::opensBundledFiles()
{
    QFETCH(QString, path);
    const auto kind = MockEditor::kindOf(path);
    QVERIFY(kind);
    MockEditor e(*kind, &m_tools);
    QVERIFY(e.openFile(path));
    QVERIFY2(e.document()->problems().empty(), qPrintable(problemsText(e.document()->problems())));
    QVERIFY(e.document()->parses());
    QVERIFY(!e.isModified());
    QVERIFY(e.banner()->isHidden());
    QCOMPARE(e.yamlView()->text().toStdString(), readAll(path));
    QVERIFY(e.form()->pages()->count() >= 2); // the file, and its routes or services
    // Every page builds.
    for (int i = 0; i < e.form()->pages()->count(); ++i) {
        e.form()->selectPage(i);
        QCOMPARE(e.form()->currentPage(), i);
    }
    QCOMPARE(e.tryIt() != nullptr, *kind == SpecKind::Mock);
}

void TestMockEditor::formEditChangesOnlyItsLines()
{
    QTemporaryDir dir;
    const QString path = copyToTemp(dir, kPaymentMock);
    const std::string saved = readAll(path);
    MockEditor e(SpecKind::Mock, &m_tools);
    QVERIFY(e.openFile(path));

    // Field edit: the status of route 2 (line 9 of the file).
    QVERIFY(
        e.applyEdit(QStringLiteral("/routes/1/respond/status"), Json(202), QStringLiteral("s")));
    QCOMPARE(changedLines(saved, e.document()->text()), QList<int>{9});
    QVERIFY(e.isModified());
    // Latency of the last route (line 20: `latency: 20ms`).
    QVERIFY(e.applyEdit(QStringLiteral("/routes/3/latency"), Json("35ms"), QStringLiteral("l")));
    QCOMPARE(changedLines(saved, e.document()->text()), (QList<int>{9, 20}));
    // A fault rate inside a flow-style list.
    QVERIFY(e.applyEdit(QStringLiteral("/routes/1/faults/0/rate"), Json(0.3), QStringLiteral("f")));
    QCOMPARE(changedLines(saved, e.document()->text()), (QList<int>{9, 13, 20}));
    QVERIFY(e.document()->problems().empty());
    // The header comment and the rest survive; undo gives the saved bytes back.
    QVERIFY(e.document()->text().starts_with("# Payment:"));
    while (e.undoStack()->canUndo())
        e.undoStack()->undo();
    QCOMPARE(e.document()->text(), saved);
    QCOMPARE(e.yamlView()->text().toStdString(), saved);
    QVERIFY(!e.isModified());
    e.undoStack()->redo();
    QVERIFY(e.isModified());
    QVERIFY(e.save());
    QCOMPARE(readAll(path), e.document()->text());
    QCOMPARE(changedLines(saved, readAll(path)), QList<int>{9});
    QVERIFY(!e.isModified());
}

void TestMockEditor::formWidgetsEditTheFile()
{
    QTemporaryDir dir;
    const QString path = copyToTemp(dir, kPaymentMock);
    const std::string saved = readAll(path);
    MockEditor e(SpecKind::Mock, &m_tools);
    QVERIFY(e.openFile(path));
    e.form()->selectPage(2); // POST /charges (the second route)
    auto *status =
        e.form()->pageWidget()->findChild<QSpinBox *>(QStringLiteral("/routes/1/respond/status"));
    QVERIFY(status);
    QCOMPARE(status->value(), 201);
    status->setValue(202);
    status->setValue(203); // one field stepping: one undo step
    QCOMPARE(e.undoStack()->count(), 1);
    QCOMPARE(e.document()->json()["routes"][1]["respond"]["status"].get<int>(), 203);
    QVERIFY(e.document()->problems().empty());
    // The page stays (same widget) after its own edit.
    QCOMPARE(
        e.form()->pageWidget()->findChild<QSpinBox *>(QStringLiteral("/routes/1/respond/status")),
        status);

    // Latency through the distribution editor.
    editor::LatencyEditor *latency = e.mockForm()->latencyEditor();
    QVERIFY(latency);
    QCOMPARE(latency->kindBox()->currentText(), QStringLiteral("lognormal"));
    QLineEdit *p99 = latency->field(QStringLiteral("p99"));
    QVERIFY(p99);
    QCOMPARE(p99->text(), QStringLiteral("600ms"));
    p99->setText(QStringLiteral("900ms"));
    p99->setModified(true);
    emit p99->editingFinished();
    QCOMPARE(e.document()->json()["routes"][1]["latency"]["p99"].get<std::string>(), "900ms");
    QCOMPARE(e.undoStack()->count(), 2);

    // Add a route, then remove it: structural edits rebuild the pages.
    const int pages = e.form()->pages()->count();
    e.form()->findChild<QPushButton *>(); // the buttons exist
    e.applyEdit(
        QStringLiteral("/routes/4"),
        Json{{"match", {{"method", "GET"}, {"path", "/health"}}}, {"respond", Json::object()}},
        QStringLiteral("add"), true);
    QCOMPARE(e.form()->pages()->count(), pages + 1);
    QCOMPARE(e.form()->pages()->item(pages)->text(), QStringLiteral("GET /health"));
    QVERIFY(e.document()->problems().empty());
    e.undoStack()->undo();
    QCOMPARE(e.form()->pages()->count(), pages);
    while (e.undoStack()->canUndo())
        e.undoStack()->undo();
    QCOMPARE(e.document()->text(), saved);
    QVERIFY(!e.isModified());
}

void TestMockEditor::yamlTypingIsOneUndoStep()
{
    QTemporaryDir dir;
    const QString path = copyToTemp(dir, kPaymentMock);
    const std::string saved = readAll(path);
    MockEditor e(SpecKind::Mock, &m_tools);
    QVERIFY(e.openFile(path));
    QString text = QString::fromStdString(saved);
    text.replace(QStringLiteral("status: 402"), QStringLiteral("status: 409"));
    e.yamlView()->setText(text); // as if typed
    QVERIFY(e.isModified());     // pending: on screen, not yet committed
    e.commitYamlNow();
    QCOMPARE(e.undoStack()->count(), 1);
    QCOMPARE(e.document()->json()["routes"][0]["respond"]["status"].get<int>(), 409);
    e.form()->selectPage(1);
    QCOMPARE(e.form()
                 ->pageWidget()
                 ->findChild<QSpinBox *>(QStringLiteral("/routes/0/respond/status"))
                 ->value(),
             409);
    e.undoStack()->undo();
    QCOMPARE(e.yamlView()->text().toStdString(), saved);
    QVERIFY(!e.isModified());
}

void TestMockEditor::latencyPreviewQuantilesAreTheSamplers()
{
    const Json lognormal = {{"dist", "lognormal"}, {"median", "80ms"}, {"p99", "600ms"}};
    for (const Json &value :
         {lognormal, Json("20ms"), Json{{"dist", "uniform"}, {"min", "10ms"}, {"max", "30ms"}},
          Json{{"dist", "normal"}, {"mean", "100ms"}, {"stddev", "20ms"}}}) {
        editor::LatencyEditor latency(&m_tools);
        latency.setValue(value);
        auto drawn = m_tools.sampleLatency(value, editor::LatencyEditor::kPreviewSamples,
                                           editor::LatencyEditor::kPreviewSeed);
        QVERIFY(drawn);
        QCOMPARE(latency.samples(), *drawn);
        std::sort(drawn->begin(), drawn->end());
        QCOMPARE(latency.p50(), engine::percentileOfSorted(*drawn, 50));
        QCOMPARE(latency.p99(), engine::percentileOfSorted(*drawn, 99));
        QVERIFY(latency.summaryText().contains(QStringLiteral("p99")));
        QCOMPARE(latency.chartView()->chart()->series().size(), 3); // histogram, p50, p99
    }
    // The distribution is the one written: median 80 ms, p99 600 ms within sampling error.
    editor::LatencyEditor latency(&m_tools);
    latency.setValue(lognormal);
    QVERIFY(std::abs(latency.p50() - 80'000) < 8'000);
    QVERIFY(std::abs(latency.p99() - 600'000) < 120'000);
    QCOMPARE(editor::LatencyEditor(&m_tools).p50(), 0); // not set: nothing drawn
    // A fixed latency is exactly itself.
    latency.setValue(Json("20ms"));
    QCOMPARE(latency.p50(), 20'000);
    QCOMPARE(latency.p99(), 20'000);
}

void TestMockEditor::faultPreviewMath()
{
    using editor::FaultsEditor;
    const std::vector<std::string> on = engine::RetryPolicy{}.on;
    // 30 % 503 with 2 retries: the step fails when all 3 attempts do, 0.3^3 = 2.7 %.
    auto o = FaultsEditor::outlook({{0.3, "http.503"}}, 2, on);
    QCOMPARE(o.attemptFailure, 0.3);
    QVERIFY(std::abs(o.stepFailure - 0.027) < 1e-12);
    QVERIFY(std::abs(o.requestsPerStep - (1 + 0.3 + 0.09)) < 1e-12);
    // No retries: what the route does.
    QVERIFY(std::abs(FaultsEditor::outlook({{0.3, "http.503"}}, 0, on).stepFailure - 0.3) < 1e-12);
    // A 4xx is not retried by default: retries do not help.
    QVERIFY(std::abs(FaultsEditor::outlook({{0.3, "http.404"}}, 2, on).stepFailure - 0.3) < 1e-12);
    // Mixed: 2 % 503 + 0.5 % reset (both retried), 1 % malformed (parse, not retried).
    o = FaultsEditor::outlook({{0.02, "http.503"}, {0.005, "connection"}, {0.01, "parse"}}, 1, on);
    const double ok = 1 - 0.035;
    QVERIFY(std::abs(o.stepFailure - (1 - ok * (1 + 0.025))) < 1e-12);
    // slow_body answers (slowly): never a failure.
    QCOMPARE(FaultsEditor::outlook({{0.5, ""}}, 0, on).stepFailure, 0.0);
    // The studio's service names the errors as the http step sees them.
    QCOMPARE(m_tools.faultErrorName(Json{{"kind", "status"}, {"status", 503}}), "http.503");
    QCOMPARE(m_tools.faultErrorName(Json{{"kind", "status"}}), "http.503");
    QCOMPARE(m_tools.faultErrorName(Json{{"kind", "hang"}}), "timeout");
    QCOMPARE(m_tools.faultErrorName(Json{{"kind", "reset"}}), "connection");
    QCOMPARE(m_tools.faultErrorName(Json{{"kind", "malformed"}}), "parse");
    QCOMPARE(m_tools.faultErrorName(Json{{"kind", "slow_body"}, {"duration", "1s"}}), "");
}

void TestMockEditor::faultPreviewInTheForm()
{
    editor::FaultsEditor faults(&m_tools);
    faults.setValue(Json::array({Json{{"rate", 0.3}, {"kind", "status"}, {"status", 503}}}));
    QCOMPARE(faults.retriesBox()->value(), 2);
    QVERIFY2(faults.previewText().contains(QStringLiteral("2.7 %")),
             qPrintable(faults.previewText()));
    QVERIFY(faults.previewText().contains(QStringLiteral("30 %")));
    faults.retriesBox()->setValue(0);
    QVERIFY(faults.previewText().contains(QStringLiteral("fails <b>30 %</b> of the time")));
    faults.retriesBox()->setValue(3);
    QVERIFY2(faults.previewText().contains(QStringLiteral("0.81 %")),
             qPrintable(faults.previewText()));
    // Edits from the table: a rate typed in percent is written as the fraction.
    QSignalSpy edited(&faults, &editor::FaultsEditor::edited);
    auto *rate = qobject_cast<QDoubleSpinBox *>(faults.table()->cellWidget(0, 0));
    QVERIFY(rate);
    rate->setValue(12.5);
    QCOMPARE(edited.count(), 1);
    QCOMPARE((*faults.value())[0]["rate"].get<double>(), 0.125);
    faults.addFault();
    QCOMPARE(faults.value()->size(), 2u);
}

void TestMockEditor::tryItAnswersAsTheMock()
{
    MockEditor e(SpecKind::Mock, &m_tools);
    QVERIFY(e.openFile(kPaymentMock));
    editor::TryItPanel *t = e.tryIt();
    QVERIFY(t);
    t->setRequest(QStringLiteral("GET"), QStringLiteral("/charges/ch_42"));
    auto answer = t->send();
    QVERIFY(answer && answer->answered);
    QCOMPARE(answer->response.status, 200);
    QCOMPARE(answer->latency, 20'000); // the route's fixed 20ms
    QCOMPARE(*engine::parseJson(answer->response.body),
             (Json{{"id", "ch_42"}, {"status", "captured"}}));
    QVERIFY(t->statusLabel()->text().contains(QStringLiteral("200")));
    QVERIFY(t->answerView()->text().contains(QStringLiteral("ch_42")));
    // Body matchers: over 1000 is declined.
    t->setRequest(QStringLiteral("POST"), QStringLiteral("/charges"),
                  QStringLiteral("{\"amount\": 5000}"));
    answer = t->send();
    QVERIFY(answer && answer->answered);
    QCOMPARE(answer->response.status, 402);
    // Unmatched: the mock's 404 with the closest routes.
    t->setRequest(QStringLiteral("GET"), QStringLiteral("/nope"));
    answer = t->send();
    QCOMPARE(answer->response.status, 404);
    QVERIFY(answer->response.body.find("closest_routes") != std::string::npos);
    // Edits reach the next request.
    QVERIFY(
        e.applyEdit(QStringLiteral("/routes/3/respond/status"), Json(203), QStringLiteral("s")));
    t->setRequest(QStringLiteral("GET"), QStringLiteral("/charges/x"));
    QCOMPARE(t->send()->response.status, 203);
    // A sequence advances and Reset starts it over.
    QVERIFY(
        e.applyEdit(QStringLiteral("/routes/3"),
                    Json{{"match", {{"method", "GET"}, {"path", "/charges/{id}"}}},
                         {"sequence", Json::array({Json{{"status", 404}}, Json{{"status", 200}}})}},
                    QStringLiteral("seq"), true));
    QVERIFY(e.document()->problems().empty());
    QCOMPARE(t->send()->response.status, 404);
    QCOMPARE(t->send()->response.status, 200);
    QCOMPARE(t->send()->response.status, 200);
    t->reset();
    QCOMPARE(t->send()->response.status, 404);
    // Selecting a route fills the request in.
    e.form()->selectPage(0);
    e.form()->selectPage(1);
    QCOMPARE(t->methodBox()->currentText(), QStringLiteral("POST"));
    QCOMPARE(t->pathEdit()->text(), QStringLiteral("/charges"));
}

void TestMockEditor::templateCompletion()
{
    MockEditor e(SpecKind::Mock, &m_tools);
    QVERIFY(e.openFile(kPaymentMock));
    const editor::CompletionContext c = e.mockForm()->completionFor(2); // POST /charges/{id}/refund
    editor::CodeEditor body(editor::CodeEditor::Mode::Json);
    body.setCompletionContext(c);
    const QStringList roots = body.completionsFor(QString());
    for (const char *root : {"request", "params", "state", "uuid", "now"})
        QVERIFY2(roots.contains(QLatin1String(root)), root);
    QVERIFY(!roots.contains(QStringLiteral("steps"))); // a flow's roots are not a mock's
    QCOMPARE(body.completionsFor(QStringLiteral("params.")), QStringList{QStringLiteral("id")});
    QVERIFY(body.completionsFor(QStringLiteral("request.")).contains(QStringLiteral("body")));
    QCOMPARE(body.completionsFor(QStringLiteral("state.")), QStringList{QStringLiteral("charges")});
    // The body field of a route page offers them.
    e.form()->selectPage(2);
    auto *field = e.form()->pageWidget()->findChild<editor::CodeEditor *>(
        QStringLiteral("/routes/1/respond/body"));
    QVERIFY(field);
    QVERIFY(field->completionsFor(QStringLiteral("state.")).contains(QStringLiteral("charges")));
}

void TestMockEditor::garbageOpensAsText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("parses");
    QTest::newRow("unclosed flow") << QByteArray("tutti-mock: 1\nroutes: [ { match: \n") << false;
    QTest::newRow("tab indent") << QByteArray("tutti-mock: 1\nroutes:\n\t- x\n") << false;
    QTest::newRow("scalar") << QByteArray("just some words\n") << true;
    QTest::newRow("wrong types") << QByteArray("tutti-mock: 1\nservice: [1]\nroutes: 5\nstate: 3\n"
                                               "latency: {dist: nope}\nfaults: 7\n")
                                 << true;
    QTest::newRow("routes of junk")
        << QByteArray("tutti-mock: 1\nservice: x\nroutes: [1, [2], {match: 3, respond: 4, "
                      "latency: [], faults: [{rate: x}]}]\n")
        << true;
    QTest::newRow("binary") << QByteArray("\x01\x02\xff\xfe: :\n", 8) << false;
}

void TestMockEditor::garbageOpensAsText()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, parses);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("junk.mock.yaml"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    MockEditor e(SpecKind::Mock, &m_tools);
    QVERIFY(e.openFile(path));
    QCOMPARE(e.document()->parses(), parses);
    QVERIFY(!e.document()->problems().empty());
    QVERIFY(e.problemsList()->count() >= 1);
    QCOMPARE(e.banner()->isHidden(), parses);
    QCOMPARE(e.form()->isEnabled(), parses);
    for (int i = 0; i < e.form()->pages()->count(); ++i)
        e.form()->selectPage(i); // every page builds from whatever is there
    e.tryIt()->send();           // says why it cannot, never crashes
    QVERIFY(e.tryIt()->statusLabel()->text().contains(QStringLiteral("does not load")));
    // Saved as typed.
    e.yamlView()->setText(e.yamlView()->text() + QStringLiteral("# more\n"));
    QVERIFY(e.save());
    QCOMPARE(readAll(path), e.yamlView()->text().toStdString()); // what is on screen
    if (QString::fromUtf8(text).toUtf8() == text)
        QCOMPARE(readAll(path), text.toStdString() + "# more\n");
    QVERIFY(!e.isModified());
    // A form edit on text that does not parse is refused with the reason.
    if (!parses)
        QVERIFY(!e.applyEdit(QStringLiteral("/service"), Json("x"), QStringLiteral("x")));
}

void TestMockEditor::profileForm()
{
    QTemporaryDir dir;
    const QString path = copyToTemp(dir, kDegradedProfile);
    const std::string saved = readAll(path);
    MockEditor e(SpecKind::Profile, &m_tools);
    QVERIFY(e.openFile(path));
    QVERIFY(e.profileForm());
    QCOMPARE(e.form()->pages()->count(), 3);
    QCOMPARE(e.form()->pages()->item(1)->text(), QStringLiteral("payment"));
    QVERIFY(e.form()->pages()->item(2)->text().contains(QStringLiteral("POST /charges")));
    e.form()->selectPage(1);
    editor::FaultsEditor *faults = e.profileForm()->faultsEditor();
    QVERIFY(faults);
    QVERIFY2(faults->previewText().contains(QStringLiteral("2.7 %")),
             qPrintable(faults->previewText()));
    e.form()->selectPage(2);
    editor::LatencyEditor *latency = e.profileForm()->latencyEditor();
    QVERIFY(latency);
    QCOMPARE(latency->kindBox()->currentText(), QStringLiteral("lognormal"));
    QVERIFY(std::abs(latency->p50() - 150'000) < 15'000);
    // The route inherits the service's faults in its preview.
    QVERIFY(e.profileForm()->faultsEditor()->previewText().contains(QStringLiteral("2.7 %")));
    // Add a service overlay; it validates (the profile parser) and undo restores the bytes.
    e.profileForm()->addService(QStringLiteral("shipping"));
    QCOMPARE(e.form()->pages()->count(), 4);
    QVERIFY(e.document()->json()["services"].contains("shipping"));
    QVERIFY2(e.document()->problems().empty(), qPrintable(problemsText(e.document()->problems())));
    QVERIFY(e.applyEdit(QStringLiteral("/services/payment/faults/0/rate"), Json(0.1),
                        QStringLiteral("rate")));
    while (e.undoStack()->canUndo())
        e.undoStack()->undo();
    QCOMPARE(e.document()->text(), saved);
    QVERIFY(!e.isModified());
}

void TestMockEditor::screenshots()
{
    {
        MockEditor e(SpecKind::Mock, &m_tools);
        QVERIFY(e.openFile(kPaymentMock));
        e.resize(1400, 900);
        e.show();
        e.form()->selectPage(2); // POST /charges: lognormal latency, two faults
        e.tryIt()->setRequest(QStringLiteral("POST"), QStringLiteral("/charges"),
                              QStringLiteral("{\"amount\": 120}"));
        e.tryIt()->send();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        QCoreApplication::processEvents();
        // Scrolled so the latency chart and the fault preview are in view.
        auto *scroll = e.form()->findChild<QScrollArea *>();
        QVERIFY(scroll);
        scroll->ensureWidgetVisible(e.mockForm()->faultsEditor(), 0, 8);
        QCoreApplication::processEvents();
        QVERIFY(widgetshots::saveShot(e, QStringLiteral("mock-editor.png")));
    }
    {
        MockEditor e(SpecKind::Profile, &m_tools);
        QVERIFY(e.openFile(kDegradedProfile));
        e.resize(1400, 900);
        e.show();
        e.form()->selectPage(2); // the POST /charges overlay: its latency, the service's faults
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        QCoreApplication::processEvents();
        QVERIFY(widgetshots::saveShot(e, QStringLiteral("profile-editor.png")));
    }
}

QTEST_MAIN(TestMockEditor)
#include "tst_mockeditor.moc"
