// The keychain secret store over qtkeychain (keychainstore.h).
#include <app/keychain/keychainstore.h>

#include <engine/core/json.h>
#include <engine/core/jsonio.h>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <algorithm>
#include <memory>

namespace tutti::keychain {

namespace {

using engine::ErrorCode;
using engine::fail;

const QString kService = QStringLiteral("tutti");

QString keyOf(const std::string &workspace, const std::string &name)
{
    return QString::fromStdString(workspace + "\n" + name);
}
QString indexKey(const std::string &workspace)
{
    return QString::fromStdString(workspace + "\n(names)");
}

struct Outcome {
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString message;
    QString text;
};

// Runs `job` (which deletes itself when done) and waits for it, at most kTimeoutMs.
std::shared_ptr<Outcome> wait(QKeychain::Job *job)
{
    auto outcome = std::make_shared<Outcome>();
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain file
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [outcome, &loop](QKeychain::Job *j) {
        outcome->finished = true;
        outcome->error = j->error();
        outcome->message = j->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j))
            outcome->text = read->textData();
        loop.quit();
    });
    QTimer::singleShot(KeychainSecretStore::kTimeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!outcome->finished)
        loop.exec();
    return outcome;
}

engine::Error ioError(std::string message)
{
    engine::Error e;
    e.code = ErrorCode::Io;
    e.message = std::move(message);
    return e;
}

// "No keychain" and what to do instead, with why it is not there.
engine::Error noSecretService(const std::string &why)
{
    return ioError("no Secret Service is running, so the OS keychain cannot be used (" + why +
                   "). Start one (gnome-keyring, KeePassXC with its Secret Service, KWallet) in "
                   "your desktop session, or give secrets as TUTTI_SECRET_NAME environment "
                   "variables");
}

// The message of a failed job: a keychain that is not there says so and what to do instead.
engine::Error problem(const Outcome &o)
{
    if (!o.finished)
        return ioError("the OS keychain did not answer within " +
                       std::to_string(KeychainSecretStore::kTimeoutMs / 1000) +
                       " s (is it locked, waiting for a password?); set TUTTI_SECRET_NAME instead");
    const std::string said = o.message.toStdString();
    const bool missing = o.error == QKeychain::NoBackendAvailable ||
                         o.message.contains(QLatin1String("org.freedesktop.secrets")) ||
                         o.message.contains(QLatin1String("ServiceUnknown")) ||
                         o.message.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive) ||
                         o.message.contains(QLatin1String("DBus"), Qt::CaseInsensitive);
    if (missing)
        return noSecretService(said);
    if (o.error == QKeychain::AccessDenied)
        return ioError("the OS keychain refused access (" + said + ")");
    return ioError("the OS keychain failed: " + said);
}

// Whether a keychain can answer at all, asked of the session bus without waiting: no bus, or no
// Secret Service (nor KWallet) running or activatable, is said at once instead of after a
// timeout.
std::optional<engine::Error> unavailable()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return noSecretService("no D-Bus session: " + bus.lastError().message().toStdString());
    QDBusConnectionInterface *iface = bus.interface();
    const QStringList services = {QStringLiteral("org.freedesktop.secrets"),
                                  QStringLiteral("org.kde.kwalletd6"),
                                  QStringLiteral("org.kde.kwalletd5")};
    const QStringList activatable = iface->activatableServiceNames().value();
    for (const QString &s : services)
        if (iface->isServiceRegistered(s).value() || activatable.contains(s))
            return std::nullopt;
    return noSecretService("nothing owns org.freedesktop.secrets on the session bus");
}

std::shared_ptr<Outcome> read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(key);
    return wait(job);
}

} // namespace

engine::Result<std::vector<std::string>> KeychainSecretStore::names(const std::string &workspace)
{
    if (auto why = unavailable())
        return std::unexpected(*why);
    auto o = read(indexKey(workspace));
    if (o->finished && o->error == QKeychain::EntryNotFound)
        return std::vector<std::string>{};
    if (!o->finished || o->error != QKeychain::NoError)
        return std::unexpected(problem(*o));
    std::vector<std::string> out;
    // The index is ours, but the keychain is shared: read it as untrusted text.
    if (auto json = engine::parseJson(o->text.toStdString(), {1u << 20, 4});
        json && json->is_array())
        for (const auto &n : *json)
            if (n.is_string() && engine::secretNameProblem(n.get<std::string>()).empty())
                out.push_back(n.get<std::string>());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

engine::Result<std::optional<std::string>> KeychainSecretStore::get(const std::string &workspace,
                                                                    const std::string &name)
{
    if (auto why = unavailable())
        return std::unexpected(*why);
    auto o = read(keyOf(workspace, name));
    if (o->finished && o->error == QKeychain::EntryNotFound)
        return std::optional<std::string>{};
    if (!o->finished || o->error != QKeychain::NoError)
        return std::unexpected(problem(*o));
    return std::optional<std::string>(o->text.toStdString());
}

engine::Result<std::map<std::string, std::string>>
KeychainSecretStore::all(const std::string &workspace)
{
    auto list = names(workspace);
    if (!list)
        return std::unexpected(list.error());
    std::map<std::string, std::string> out;
    for (const std::string &name : *list) {
        auto value = get(workspace, name);
        if (!value)
            return std::unexpected(value.error());
        if (*value)
            out.emplace(name, **value);
    }
    return out;
}

engine::Result<void> KeychainSecretStore::writeNames(const std::string &workspace,
                                                     const std::vector<std::string> &names)
{
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(indexKey(workspace));
    job->setTextData(QString::fromStdString(engine::Json(names).dump()));
    auto o = wait(job);
    if (!o->finished || o->error != QKeychain::NoError)
        return std::unexpected(problem(*o));
    return {};
}

engine::Result<void> KeychainSecretStore::set(const std::string &workspace, const std::string &name,
                                              const std::string &value)
{
    if (const std::string why = engine::secretNameProblem(name); !why.empty())
        return fail(ErrorCode::Validation, why);
    auto list = names(workspace);
    if (!list)
        return std::unexpected(list.error());
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(keyOf(workspace, name));
    job->setTextData(QString::fromStdString(value));
    auto o = wait(job);
    if (!o->finished || o->error != QKeychain::NoError)
        return std::unexpected(problem(*o));
    if (std::find(list->begin(), list->end(), name) == list->end()) {
        list->push_back(name);
        return writeNames(workspace, *list);
    }
    return {};
}

engine::Result<bool> KeychainSecretStore::remove(const std::string &workspace,
                                                 const std::string &name)
{
    auto list = names(workspace);
    if (!list)
        return std::unexpected(list.error());
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(keyOf(workspace, name));
    auto o = wait(job);
    const bool existed = o->finished && o->error == QKeychain::NoError;
    if (o->finished && o->error != QKeychain::NoError && o->error != QKeychain::EntryNotFound)
        return std::unexpected(problem(*o));
    auto it = std::find(list->begin(), list->end(), name);
    if (it != list->end()) {
        list->erase(it);
        if (auto w = writeNames(workspace, *list); !w)
            return std::unexpected(w.error());
    }
    return existed;
}

} // namespace tutti::keychain
