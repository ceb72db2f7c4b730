// Helpers shared by the integration tests that drive the real `tutti` binary: run it and collect
// exit code and output, write fixture files.
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QtTest>

namespace clitest {

inline const QString kTutti = QStringLiteral(TUTTI_BINARY_DIR "/app/tutti");
inline const QString kExamples = QStringLiteral(TUTTI_EXAMPLES);

struct Result {
    int exitCode = -1;
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

// Runs `tutti ARGS` to completion (2 minutes at most). `env` defaults to this process's.
inline Result tutti(const QStringList &args, const QString &cwd = {},
                    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    p.setProcessEnvironment(env);
    p.start(kTutti, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

inline void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// Waits (at most 10 s) for a started `tutti serve` or `tutti mock` to print "listening on
// http://HOST:PORT", keeping what it printed in `out`; false when it exits or never says so.
inline bool waitListening(QProcess &process, QString &out, quint16 &port)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        out += process.readAllStandardOutput();
        const auto m = QRegularExpression("listening on http://[^:]+:(\\d+)").match(out);
        if (m.hasMatch()) {
            port = m.captured(1).toUShort();
            return true;
        }
        if (!process.waitForReadyRead(200) && process.state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

} // namespace clitest
