// Edit › Secrets: the workspace's secrets in the OS keychain (the installed SecretStore), by name.
// Values are typed into a password field and go straight to the store; the dialog never shows
// one, and nothing is written to a file. When the keychain cannot be reached the dialog says so
// and how to give secrets instead (TUTTI_SECRET_NAME).
#pragma once

#include <engine/core/secretstore.h>

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace tutti::studio {

class SecretsDialog : public QDialog {
    Q_OBJECT
public:
    SecretsDialog(std::shared_ptr<engine::SecretStore> store, QString workspace,
                  QWidget *parent = nullptr);

    QListWidget *names() const { return m_names; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *valueEdit() const { return m_value; }
    QPushButton *storeButton() const { return m_storeButton; }
    QPushButton *removeButton() const { return m_remove; }
    QLabel *status() const { return m_status; }

    // Stores the name and value fields' secret (what the Store button does); false with the
    // reason in status() when it cannot.
    bool storeEntered();
    bool removeSelected();

private:
    void reload();
    void updateButtons();

    std::shared_ptr<engine::SecretStore> m_store;
    QString m_workspace;
    QListWidget *m_names;
    QLineEdit *m_name, *m_value;
    QPushButton *m_storeButton, *m_remove;
    QLabel *m_status;
    bool m_available = false;
};

} // namespace tutti::studio
