// Tests for the run history: the lazy model (pages, filters, sorts, live rows from another
// writer, a garbage database) and the panel's filter bar, size display and opening a run.
// LABELS: unit
#include <editor/historymodel.h>
#include <editor/historypanel.h>

#include <tests/tracegen.h>
#include <tests/widgetshots.h>

#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace tutti::editor;
using namespace tutti::engine;

class TestHistoryModel : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("h%1.db").arg(m_n++));
        QVERIFY(m_writer.open(m_path.toStdString()));
        QVERIFY(tracegen::generate(m_writer, 1000));
    }
    void cleanup() { m_writer.close(); }

    void loadsPageByPage()
    {
        HistoryModel model;
        model.setPollInterval(0);
        QVERIFY(model.open(m_path));
        QCOMPARE(model.rowCount(), HistoryModel::kPageSize); // never every row
        QCOMPARE(model.columnCount(), HistoryModel::kColumnCount);
        QVERIFY(model.canFetchMore({}));
        int pages = 1;
        while (model.canFetchMore({})) {
            model.fetchMore({});
            ++pages;
        }
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(pages, 5 + 1); // the last fetch finds the end
        // Newest first, no row twice.
        QSet<QString> seen;
        for (int r = 0; r < model.rowCount(); ++r) {
            seen.insert(model.runId(r));
            if (r > 0)
                QVERIFY(model.run(r - 1).startedAt > model.run(r).startedAt);
        }
        QCOMPARE(seen.size(), 1000);
        QCOMPARE(model.rowOf(model.runId(321)), 321);
        QVERIFY(model.lastQueryMs() >= 0);
    }

    void showsColumns()
    {
        HistoryModel model;
        model.setPollInterval(0);
        QVERIFY(model.open(m_path));
        // Row 0 is run 999 (newest): succeeded; run 993 (row 6) failed with an error.
        QCOMPARE(model.data(model.index(0, HistoryModel::RunColumn)).toString(),
                 QString::fromStdString(tracegen::run(999).id));
        QCOMPARE(model.data(model.index(0, HistoryModel::FlowColumn)).toString(), "flow-4");
        QCOMPARE(model.data(model.index(6, HistoryModel::StatusColumn)).toString(), "failed");
        QCOMPARE(model.data(model.index(6, HistoryModel::ErrorColumn)).toString(),
                 "http.503: payments answered 503 Service Unavailable (at charge)");
        QCOMPARE(model.data(model.index(6, HistoryModel::StatusColumn), Qt::ForegroundRole)
                     .value<QColor>(),
                 HistoryModel::statusColor(RunStatus::Failed));
        QVERIFY(!model.data(model.index(0, HistoryModel::DurationColumn)).toString().isEmpty());
        QCOMPARE(model.headerData(HistoryModel::DurationColumn, Qt::Horizontal).toString(),
                 "Duration");
    }

    void filters_data()
    {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("fromRun"); // since = start of this run (-1: none)
        QTest::addColumn<int>("count");
        QTest::newRow("flow") << "flow-1" << -1 << "" << -1 << 200;
        QTest::newRow("status") << "" << int(RunStatus::Failed) << "" << -1 << 100;
        QTest::newRow("flow + status") << "flow-3" << int(RunStatus::Failed) << "" << -1 << 100;
        QTest::newRow("error text") << "" << -1 << "Service Unavailable" << -1 << 50;
        QTest::newRow("run id") << "" << -1
                                << QString::fromStdString(tracegen::run(77).id).mid(4, 10) << -1
                                << 1;
        QTest::newRow("time") << "" << -1 << "" << 990 << 10;
        QTest::newRow("nothing") << "flow-1" << int(RunStatus::Failed) << "" << -1 << 0;
    }
    void filters()
    {
        QFETCH(QString, flow);
        QFETCH(int, status);
        QFETCH(QString, text);
        QFETCH(int, fromRun);
        QFETCH(int, count);
        HistoryModel model;
        model.setPollInterval(0);
        QVERIFY(model.open(m_path));
        HistoryFilter f;
        f.flow = flow;
        if (status >= 0)
            f.status = RunStatus(status);
        f.text = text;
        if (fromRun >= 0)
            f.since = QDateTime::fromMSecsSinceEpoch(tracegen::run(fromRun).startedAt / 1000);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setFilter(f);
        QCOMPARE(reset.count(), 1);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), count);
        QCOMPARE(model.matchCount(), qint64(count));
        for (int r = 0; r < model.rowCount(); ++r) {
            if (!flow.isEmpty())
                QCOMPARE(QString::fromStdString(model.run(r).flow), flow);
            if (status >= 0)
                QCOMPARE(int(model.run(r).status), status);
        }
    }

    void sortsByDurationAndStart()
    {
        HistoryModel model;
        model.setPollInterval(0);
        QVERIFY(model.open(m_path));
        model.sort(HistoryModel::DurationColumn, Qt::DescendingOrder);
        QCOMPARE(model.sortOrder(), RunSort::DurationDesc);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 400);
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.run(r - 1).duration >= model.run(r).duration);
        model.sort(HistoryModel::StartedColumn, Qt::AscendingOrder);
        QCOMPARE(model.runId(0), QString::fromStdString(tracegen::run(0).id));
        model.sort(HistoryModel::DurationColumn, Qt::AscendingOrder);
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.run(r - 1).duration <= model.run(r).duration);
        model.sort(HistoryModel::FlowColumn, Qt::AscendingOrder); // not sortable: unchanged
        QCOMPARE(model.sortOrder(), RunSort::DurationAsc);
    }

    void liveRowsFromAnotherWriter()
    {
        HistoryModel model;
        model.setPollInterval(0); // the test polls: no timer, no waiting
        QVERIFY(model.open(m_path));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 400);
        QVERIFY(!model.checkForChanges()); // nothing new
        const QString oldTop = model.runId(0);

        // Another process's store (a `tutti run`): a run starts, then two finish.
        RunRecord running = tracegen::run(1000);
        running.status = RunStatus::Running;
        m_writer.runStarted(running);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.checkForChanges());
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0); // rows kept: a view keeps its selection and scroll
        QCOMPARE(model.rowCount(), 401);
        QCOMPARE(model.run(0).status, RunStatus::Running);
        QCOMPARE(model.data(model.index(0, HistoryModel::DurationColumn)).toString(), "running…");
        QCOMPARE(model.runId(1), oldTop);

        m_writer.runFinished(tracegen::run(1000)); // it succeeded
        m_writer.runFinished(tracegen::run(1001));
        QVERIFY(model.checkForChanges());
        QCOMPARE(model.rowCount(), 402);
        QCOMPARE(model.runId(0), QString::fromStdString(tracegen::run(1001).id));
        QCOMPARE(model.run(1).status, RunStatus::Succeeded); // updated in place
        QVERIFY(changed.count() >= 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowOf(oldTop), 2);

        // A filter that the new run does not match: nothing appears.
        HistoryFilter failed;
        failed.status = RunStatus::Failed;
        model.setFilter(failed);
        const int before = model.rowCount();
        m_writer.runFinished(tracegen::run(1002)); // succeeded
        QVERIFY(model.checkForChanges());
        QCOMPARE(model.rowCount(), before);
    }

    void pollTimerFindsChanges()
    {
        HistoryModel model;
        model.setPollInterval(20);
        QVERIFY(model.open(m_path));
        QSignalSpy changed(&model, &HistoryModel::databaseChanged);
        m_writer.runFinished(tracegen::run(5000));
        QVERIFY(changed.wait(5000));
        QCOMPARE(model.runId(0), QString::fromStdString(tracegen::run(5000).id));
    }

    void garbageDatabaseIsAClearError()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbage.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a database, just text that happens to be here\n");
        f.write(QByteArray(4096, '\x7f'));
        f.close();
        HistoryModel model;
        QSignalSpy error(&model, &HistoryModel::errorChanged);
        QVERIFY(!model.open(path));
        QVERIFY(!model.isOpen());
        QCOMPARE(error.count(), 1);
        QVERIFY2(model.errorString().contains("not a database"), qPrintable(model.errorString()));
        QVERIFY(model.errorString().contains(path));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(!model.checkForChanges());
        model.setFilter(HistoryFilter{QStringLiteral("x"), {}, {}, {}, {}});
        QCOMPARE(model.matchCount(), -1);

        HistoryPanel panel;
        QVERIFY(!panel.setDatabase(path));
        QVERIFY(panel.placeholderText().contains("not a database"));
        // The next database works again.
        QVERIFY(panel.setDatabase(m_path));
        QVERIFY(panel.placeholderText().isEmpty());
        QCOMPARE(panel.model()->rowCount(), HistoryModel::kPageSize);
    }

    void panelFiltersAndOpens()
    {
        HistoryPanel panel;
        panel.resize(1100, 420);
        panel.model()->setPollInterval(0);
        QSignalSpy stats(&panel, &HistoryPanel::statsUpdated);
        QVERIFY(panel.setDatabase(m_path));
        QVERIFY(stats.wait(10000)); // counted on a worker thread
        QVERIFY2(panel.sizeText().contains("1,000 runs"), qPrintable(panel.sizeText()));
        QVERIFY(panel.sizeText().contains("tutti trace prune"));
        // The view asks for as many pages as fill it, never all of them.
        QVERIFY2(panel.summaryText().endsWith("shown of 1,000 matching runs"),
                 qPrintable(panel.summaryText()));
        QVERIFY(panel.model()->rowCount() < 1000);
        QCOMPARE(panel.flowBox()->count(), 1 + 5);

        panel.statusBox()->setCurrentIndex(panel.statusBox()->findText("failed"));
        panel.flowBox()->setCurrentIndex(panel.flowBox()->findText("flow-3"));
        panel.searchEdit()->setText("inventory");
        panel.applyFilter();
        QCOMPARE(panel.model()->filter().flow, "flow-3");
        QCOMPARE(panel.model()->filter().status, RunStatus::Failed);
        QCOMPARE(panel.model()->filter().text, "inventory");
        QCOMPARE(panel.model()->rowCount(), 50);
        QCOMPARE(panel.summaryText(), "50 matching runs");
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(widgetshots::saveShot(panel, "history-filtered"));

        // Clicking the Duration header sorts in SQL.
        QHeaderView *header = panel.view()->header();
        header->setSortIndicator(HistoryModel::DurationColumn, Qt::DescendingOrder);
        QCOMPARE(panel.model()->sortOrder(), RunSort::DurationDesc);
        header->setSortIndicator(HistoryModel::FlowColumn, Qt::AscendingOrder); // refused
        QCOMPARE(panel.model()->sortOrder(), RunSort::DurationDesc);
        QCOMPARE(header->sortIndicatorSection(), int(HistoryModel::DurationColumn));

        // Double-click (activated) and Enter open the run.
        QSignalSpy open(&panel, &HistoryPanel::runActivated);
        const QString id = panel.model()->runId(3);
        QVERIFY(panel.selectRun(id));
        QCOMPARE(panel.selectedRunId(), id);
        panel.view()->setFocus();
        QTest::keyClick(panel.view(), Qt::Key_Return);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().first().toString(), id);

        // A filter that matches nothing says so.
        panel.searchEdit()->setText("zebra");
        panel.applyFilter();
        QCOMPARE(panel.placeholderText(), "No run matches these filters.");
        QCOMPARE(panel.selectedRunId(), QString());
    }

    void panelScreenshotWithManyRuns()
    {
        HistoryPanel panel;
        panel.resize(1100, 460);
        panel.model()->setPollInterval(0);
        QSignalSpy stats(&panel, &HistoryPanel::statsUpdated);
        QVERIFY(panel.setDatabase(m_path));
        QVERIFY(stats.wait(10000));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(widgetshots::saveShot(panel, "history-all"));
    }

    void emptyDatabaseSaysHowToFillIt()
    {
        HistoryPanel panel;
        QVERIFY(panel.setDatabase(m_dir.filePath(QStringLiteral("new/traces.db"))));
        QVERIFY(panel.placeholderText().startsWith("No runs yet"));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
    TraceStore m_writer;
};

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
