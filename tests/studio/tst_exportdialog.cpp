// File → Export… (issue 13 item 5): the dialog on the checkout example previews the ASL
// (an HTTP Task), lists the warnings of a flow with a script step, follows unsaved edits, offers
// the environments of tutti.yaml, and Save writes the file or the bundle folder.
// LABELS: unit
#include <app/studio/exportdialog.h>
#include <app/studio/mainwindow.h>
#include <tests/widgetshots.h>

#include "studiotesting.h"

#include <editor/environmentpicker.h>
#include <editor/floweditor.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>

#include <QComboBox>
#include <QTest>

using namespace tutti;
using studio::ExportDialog;
using studio::MainWindow;

class TestExportDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<MainWindow> m_window;
    QString m_flow;

    ExportDialog *openDialog()
    {
        QAction *action = nullptr;
        for (QAction *a : studiotest::allActions(*m_window))
            if (a->text().remove('&') == QStringLiteral("Export…"))
                action = a;
        if (!action)
            return nullptr;
        action->trigger();
        auto dialogs = m_window->findChildren<ExportDialog *>();
        return dialogs.isEmpty() ? nullptr : dialogs.last();
    }

private slots:
    void initTestCase()
    {
        studiotest::isolateSettings();
        QVERIFY(m_tmp.isValid());
        m_flow = studiotest::copyExample(m_tmp, "checkout");
        m_window = std::make_unique<MainWindow>();
        m_window->setInteractive(false);
        QVERIFY(m_window->openFlow(m_flow));
        QTRY_VERIFY(!m_window->currentEditor()->document()->validationPending());
    }

    void previewsAsl()
    {
        ExportDialog *d = openDialog();
        QVERIFY(d);
        QVERIFY(d->selectTarget("asl"));
        QVERIFY2(d->previewText().contains("arn:aws:states:::http:invoke"),
                 qPrintable(d->previewText().left(400)));
        QVERIFY(d->languageBox()->isVisibleTo(d));
        // The environments of tutti.yaml are offered; staging's URLs become ApiEndpoints.
        QComboBox *env = d->environmentPicker()->environmentBox();
        QVERIFY(env->findText("staging") >= 0);
        env->setCurrentIndex(env->findText("staging"));
        d->refresh();
        QVERIFY(d->previewText().contains("https://pay.staging.example.com/v2"));
        d->resize(1000, 720);
        d->show();
        QVERIFY(widgetshots::saveShot(*d, QStringLiteral("export-asl")));
        // Save writes the file: the same bytes as the preview.
        const QString out = m_tmp.filePath("checkout.asl.json");
        QCOMPARE(d->saveTo(out), QString());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), d->previewText());
        d->close();
    }

    void previewsArgo()
    {
        ExportDialog *d = openDialog();
        QVERIFY(d);
        QVERIFY(d->selectTarget("argo"));
        QVERIFY2(d->previewText().contains("apiVersion: argoproj.io/v1alpha1"),
                 qPrintable(d->previewText().left(400)));
        QVERIFY(d->previewText().contains("kind: Workflow"));
        QVERIFY(!d->languageBox()->isVisibleTo(d)); // a choice of ASL only
        // Compensation cannot see step results in an exit handler: the dialog says so.
        QVERIFY(!d->warnings().isEmpty());
        const QString out = m_tmp.filePath("checkout.argo.yaml");
        QCOMPARE(d->saveTo(out), QString());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), d->previewText());
        d->close();
    }

    void exportsUnsavedEditsAndWarnsForScript()
    {
        editor::FlowEditor *e = m_window->currentEditor();
        QString text = e->yamlEditor()->text();
        // A script step, unsaved: ASL cannot carry it and the dialog says so, naming it.
        const qsizetype steps = text.indexOf("\nsteps:\n");
        QVERIFY(steps >= 0);
        text.insert(steps + 8, "  - id: tally\n    type: script\n    code: \"return 1;\"\n");
        e->yamlEditor()->setText(text);
        e->yamlEditor()->commitNow();
        QTRY_VERIFY(!e->document()->validationPending());
        QVERIFY(e->document()->isModified());
        ExportDialog *d = openDialog();
        QVERIFY(d);
        QVERIFY(d->selectTarget("asl"));
        QVERIFY2(d->previewText().contains("NOT CARRIED"), qPrintable(d->previewText().left(600)));
        bool named = false;
        for (const QString &w : d->warnings())
            named = named || w.startsWith("step tally:");
        QVERIFY2(named, qPrintable(d->warnings().join('\n')));
        d->resize(1000, 720);
        d->show();
        QVERIFY(widgetshots::saveShot(*d, QStringLiteral("export-warnings")));
        d->close();
    }

    void savesBundle()
    {
        ExportDialog *d = openDialog();
        QVERIFY(d);
        QVERIFY(d->selectTarget("bundle"));
        QVERIFY(!d->languageBox()->isVisibleTo(d));
        QVERIFY(d->previewText().contains("FROM debian:12"));
        QVERIFY(d->previewText().contains("kind: Deployment"));
        d->resize(1000, 720);
        d->show();
        QVERIFY(widgetshots::saveShot(*d, QStringLiteral("export-bundle")));
        const QString dir = m_tmp.filePath("bundle");
        QCOMPARE(d->saveTo(dir), QString());
        for (const char *f : {"Dockerfile", "kubernetes/deployment.yaml",
                              "flows/checkout.flow.yaml", "flows/mocks/payment.mock.yaml"})
            QVERIFY2(QFileInfo::exists(dir + "/" + f), f);
        // The bundle holds the editor's version (the unsaved script step of the test before).
        QFile flow(dir + "/flows/checkout.flow.yaml");
        QVERIFY(flow.open(QIODevice::ReadOnly));
        QVERIFY(flow.readAll().contains("id: tally"));
        // Again into the now non-empty folder: refused unless forced (the dialog asks).
        QVERIFY(d->saveTo(dir).contains("not empty"));
        QCOMPARE(d->saveTo(dir, true), QString());
        d->close();
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
