// Edit › Secrets (app/studio/secretsdialog.h) on an in-memory store: store, list, replace and
// remove a workspace's secrets without ever showing a value; a bad name and an unreachable
// keychain say why; the menu action is there.
// LABELS: studio
#include "mainwindow.h"
#include "secretsdialog.h"
#include "studiohelp.h"

#include <tests/widgetshots.h>

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QtTest>

using namespace tutti;
using namespace tutti::studio;

namespace {

class BrokenStore final : public engine::SecretStore {
public:
    engine::Result<std::map<std::string, std::string>> all(const std::string &) override
    {
        return broken<std::map<std::string, std::string>>();
    }
    engine::Result<std::vector<std::string>> names(const std::string &) override
    {
        return broken<std::vector<std::string>>();
    }
    engine::Result<std::optional<std::string>> get(const std::string &,
                                                   const std::string &) override
    {
        return broken<std::optional<std::string>>();
    }
    engine::Result<void> set(const std::string &, const std::string &, const std::string &) override
    {
        return engine::fail(engine::ErrorCode::Io, "no Secret Service is running (test)");
    }
    engine::Result<bool> remove(const std::string &, const std::string &) override
    {
        return broken<bool>();
    }

private:
    template <class T>
    engine::Result<T> broken()
    {
        return engine::fail(engine::ErrorCode::Io, "no Secret Service is running (test)");
    }
};

QStringList namesIn(const SecretsDialog &d)
{
    QStringList out;
    for (int i = 0; i < d.names()->count(); ++i)
        out << d.names()->item(i)->text();
    return out;
}

} // namespace

class TestSecretsDialog : public QObject {
    Q_OBJECT

private slots:
    void storeListRemove()
    {
        auto store = std::make_shared<engine::MemorySecretStore>();
        QVERIFY(store->set("/ws", "EXISTING", "old"));
        SecretsDialog d(store, "/ws");
        QCOMPARE(namesIn(d), QStringList{"EXISTING"});
        d.nameEdit()->setText("API_KEY");
        d.valueEdit()->setText("s3cr3t-value");
        QCOMPARE(d.valueEdit()->echoMode(), QLineEdit::Password);
        QVERIFY(d.storeButton()->isEnabled());
        QTest::mouseClick(d.storeButton(), Qt::LeftButton);
        QCOMPARE(**store->get("/ws", "API_KEY"), std::string("s3cr3t-value"));
        QVERIFY(d.valueEdit()->text().isEmpty()); // not kept in the dialog
        QCOMPARE(namesIn(d), (QStringList{"API_KEY", "EXISTING"}));
        // Nothing on screen shows a value.
        for (const QLabel *l : d.findChildren<QLabel *>())
            QVERIFY(!l->text().contains("s3cr3t") && !l->text().contains("old"));
        // Choosing a name fills the field: storing again replaces the value.
        d.names()->setCurrentRow(1);
        QCOMPARE(d.nameEdit()->text(), QStringLiteral("EXISTING"));
        d.valueEdit()->setText("new");
        QVERIFY(d.storeEntered());
        QCOMPARE(**store->get("/ws", "EXISTING"), std::string("new"));
        // Remove.
        d.names()->setCurrentRow(0);
        QVERIFY(d.removeButton()->isEnabled());
        QVERIFY(d.removeSelected());
        QVERIFY(!*store->get("/ws", "API_KEY"));
        QCOMPARE(namesIn(d), QStringList{"EXISTING"});
        if (qEnvironmentVariableIsSet("TUTTI_SHOTS_DIR")) {
            d.show();
            QVERIFY(widgetshots::saveShot(d, QStringLiteral("secrets-dialog")));
        }
    }

    void badNamesAreRefused()
    {
        auto store = std::make_shared<engine::MemorySecretStore>();
        SecretsDialog d(store, "/ws");
        d.nameEdit()->setText("not a name");
        d.valueEdit()->setText("x");
        QVERIFY(!d.storeEntered());
        QVERIFY(d.status()->text().contains("letters, digits"));
        QVERIFY(store->names("/ws")->empty());
    }

    void anUnreachableKeychainSaysWhy()
    {
        SecretsDialog d(std::make_shared<BrokenStore>(), "/ws");
        QVERIFY(d.status()->text().contains("Secret Service"));
        QVERIFY(!d.storeButton()->isEnabled());
        QVERIFY(!d.nameEdit()->isEnabled());
        SecretsDialog none(std::make_shared<engine::MemorySecretStore>(), QString());
        QVERIFY(none.status()->text().contains("workspace"));
        QVERIFY(!none.storeButton()->isEnabled());
    }

    void theEditMenuHasIt()
    {
        MainWindow w;
        w.setInteractive(false);
        auto *action = w.findChild<QAction *>(QStringLiteral("secretsAction"));
        QVERIFY(action);
        QVERIFY(!action->text().isEmpty());
    }
};

QTEST_MAIN(TestSecretsDialog)
#include "tst_secretsdialog.moc"
