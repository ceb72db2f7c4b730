// The Secrets dialog; see secretsdialog.h.
#include "secretsdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace tutti::studio {

SecretsDialog::SecretsDialog(std::shared_ptr<engine::SecretStore> store, QString workspace,
                             QWidget *parent)
    : QDialog(parent)
    , m_store(std::move(store))
    , m_workspace(std::move(workspace))
{
    setWindowTitle(tr("Secrets"));
    setObjectName(QStringLiteral("secretsDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Secrets of this workspace, kept in the system keychain. Flows read them as "
           "<code>{{ secret.NAME }}</code>; a TUTTI_SECRET_NAME environment variable wins. "
           "Values are never shown or written to a file."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *where = new QLabel(m_workspace.isEmpty() ? tr("No workspace is open.")
                                                   : tr("Workspace: %1").arg(m_workspace),
                             this);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(where);
    m_names = new QListWidget(this);
    m_names->setObjectName(QStringLiteral("secretNames"));
    layout->addWidget(m_names, 1);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("secretName"));
    m_name->setPlaceholderText(tr("NAME (letters, digits, _)"));
    m_value = new QLineEdit(this);
    m_value->setObjectName(QStringLiteral("secretValue"));
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setPlaceholderText(tr("value (not shown)"));
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Value:"), m_value);
    layout->addLayout(form);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("secretsStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_storeButton = buttons->addButton(tr("&Store"), QDialogButtonBox::ActionRole);
    m_remove = buttons->addButton(tr("&Remove"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_storeButton, &QPushButton::clicked, this, [this] { storeEntered(); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeSelected(); });
    connect(m_name, &QLineEdit::textChanged, this, &SecretsDialog::updateButtons);
    connect(m_names, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty())
            m_name->setText(name);
        updateButtons();
    });
    resize(520, 420);
    reload();
}

void SecretsDialog::reload()
{
    m_names->clear();
    m_available = false;
    if (!m_store || m_workspace.isEmpty()) {
        m_status->setText(!m_store ? tr("No keychain in this build: use TUTTI_SECRET_NAME "
                                        "environment variables.")
                                   : tr("Open a workspace to keep its secrets."));
    } else if (auto names = m_store->names(m_workspace.toStdString()); !names) {
        m_status->setText(QString::fromStdString(names.error().message));
    } else {
        m_available = true;
        for (const std::string &n : *names)
            m_names->addItem(QString::fromStdString(n));
        m_status->setText(names->empty() ? tr("No secrets stored for this workspace yet.")
                                         : QString());
    }
    updateButtons();
}

void SecretsDialog::updateButtons()
{
    const std::string name = m_name->text().trimmed().toStdString();
    m_storeButton->setEnabled(m_available && !name.empty());
    m_remove->setEnabled(m_available && m_names->currentItem() != nullptr);
    m_name->setEnabled(m_available);
    m_value->setEnabled(m_available);
}

bool SecretsDialog::storeEntered()
{
    if (!m_available)
        return false;
    const std::string name = m_name->text().trimmed().toStdString();
    if (const std::string why = engine::secretNameProblem(name); !why.empty()) {
        m_status->setText(QString::fromStdString(why));
        return false;
    }
    auto set = m_store->set(m_workspace.toStdString(), name, m_value->text().toStdString());
    m_value->clear(); // the value leaves the dialog's memory as soon as it is stored
    if (!set) {
        m_status->setText(QString::fromStdString(set.error().message));
        return false;
    }
    reload();
    m_status->setText(tr("Stored %1.").arg(QString::fromStdString(name)));
    return true;
}

bool SecretsDialog::removeSelected()
{
    if (!m_available || !m_names->currentItem())
        return false;
    const QString name = m_names->currentItem()->text();
    auto removed = m_store->remove(m_workspace.toStdString(), name.toStdString());
    if (!removed) {
        m_status->setText(QString::fromStdString(removed.error().message));
        return false;
    }
    reload();
    m_name->clear();
    m_status->setText(tr("Removed %1.").arg(name));
    return true;
}

} // namespace tutti::studio
