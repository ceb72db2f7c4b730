// The Debian package (packaging/): `cpack -G DEB` makes it from this build folder; its control
// data and contents, desktop entry, metainfo, MIME type, icons, man pages and bash completion are
// checked, lintian finds neither errors nor warnings that are not overridden with a reason, and
// the unpacked tree (dpkg-deb -x) runs an example.
// LABELS: integration slow package
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

namespace {

const QString kAppId = QStringLiteral("io.github.tutti.Studio");
const QString kFlowMime = QStringLiteral("application/x-tutti-flow+yaml");

struct Output {
    int exitCode = -1;
    QString out, err;
};

Output run(const QString &program, const QStringList &args, const QString &cwd = {},
           int timeoutMs = 300000)
{
    QProcess p;
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString gunzip(const QString &path)
{
    return run(QStringLiteral("gzip"), {QStringLiteral("-dc"), path}).out;
}

// The rows of `tutti --help`'s "Commands:" section: what the man page and completion must know.
QStringList commandsOf(const QString &help)
{
    QStringList commands;
    const QString section = help.section(QStringLiteral("\nCommands:\n"), 1).section("\n\n", 0, 0);
    static const QRegularExpression row(QStringLiteral("^  ([a-z][a-z-]*)"),
                                        QRegularExpression::MultilineOption);
    for (auto it = row.globalMatch(section); it.hasNext();)
        commands << it.next().captured(1);
    return commands;
}

QStringList optionsOf(const QString &help)
{
    QStringList options;
    static const QRegularExpression option(QStringLiteral("(?:^|[^\\w-])(--?[a-zA-Z][\\w-]*)"));
    for (auto it = option.globalMatch(help); it.hasNext();)
        options << it.next().captured(1);
    options.removeDuplicates();
    return options;
}

} // namespace

class TestPackage : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_deb;
    QString m_root; // the package unpacked
    QString m_tutti;
    QStringList m_commands;

    QString usr(const QString &path) const { return m_root + "/usr/" + path; }
    QString help(const QString &command) const
    {
        return run(m_tutti,
                   command.isEmpty() ? QStringList{"--help"} : QStringList{command, "--help"})
            .out;
    }
    // What bash offers for `tutti WORDS` with the cursor after the last word.
    QStringList complete(const QStringList &words) const
    {
        const QString script = QStringLiteral(
            "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _tutti; "
            "printf '%s\\n' \"${COMPREPLY[@]}\"");
        const Output o = run(QStringLiteral("bash"),
                             QStringList{"-c", script, "bash",
                                         usr("share/bash-completion/completions/tutti"), m_tutti} +
                                 words);
        return o.out.split(u'\n', Qt::SkipEmptyParts);
    }

private slots:
    void initTestCase()
    {
        // installer/setup-debian.sh installs every one of these.
        for (const char *tool : {"dpkg-deb", "dpkg-shlibdeps", "lintian", "desktop-file-validate",
                                 "appstreamcli", "update-mime-database", "groff", "bash", "gzip"})
            QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(),
                     qPrintable(
                         QStringLiteral("%1 is missing: run installer/setup-debian.sh").arg(tool)));
        QVERIFY(m_tmp.isValid());
        const QString out = m_tmp.path() + "/out";
        const Output cpack = run(QStringLiteral(TUTTI_CPACK), {"-G", "DEB", "-B", out},
                                 QStringLiteral(TUTTI_BINARY_DIR), 900000);
        QVERIFY2(cpack.exitCode == 0, qPrintable(cpack.out + cpack.err));
        const QStringList debs = QDir(out).entryList({"*.deb"}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        QVERIFY2(QRegularExpression("^tutti_" + QRegularExpression::escape(TUTTI_VERSION) +
                                    "_[a-z0-9]+\\.deb$")
                     .match(debs.first())
                     .hasMatch(),
                 qPrintable(debs.first()));
        m_deb = out + "/" + debs.first();
        m_root = m_tmp.path() + "/root";
        QCOMPARE(run("dpkg-deb", {"-x", m_deb, m_root}).exitCode, 0);
        m_tutti = usr("bin/tutti");
        m_commands = commandsOf(help({}));
        QVERIFY2(m_commands.size() >= 7, qPrintable(help({})));
    }

    void control()
    {
        const Output info = run("dpkg-deb", {"-I", m_deb});
        QCOMPARE(info.exitCode, 0);
        auto field = [this](const char *name) {
            return run("dpkg-deb", {"-f", m_deb, name}).out.trimmed();
        };
        QCOMPARE(field("Package"), QStringLiteral("tutti"));
        QCOMPARE(field("Version"), QStringLiteral(TUTTI_VERSION));
        QCOMPARE(field("Section"), QStringLiteral("devel"));
        // Computed by dpkg-shlibdeps from both binaries (plus the studio's platform plugins).
        const QString depends = field("Depends");
        for (const char *dependency :
             {"libc6", "libqt6core6", "libqt6widgets6", "libqt6network6", "libqt6qml6", "libcurl4",
              "libyaml-cpp0.7", "libsqlite3-0", "libqscintilla2-qt6", "qt6-qpa-plugins"})
            QVERIFY2(depends.contains(QLatin1String(dependency)),
                     qPrintable(QStringLiteral("%1 not in Depends: %2").arg(dependency, depends)));
        QVERIFY2(depends.contains(QRegularExpression("libqt6core6 \\(>= [0-9.]+")),
                 qPrintable(depends));
    }

    void contents_data()
    {
        QTest::addColumn<QString>("path");
        QStringList paths = {"bin/tutti",
                             "bin/tutti-studio",
                             "share/man/man1/tutti.1.gz",
                             "share/man/man1/tutti-studio.1.gz",
                             "share/bash-completion/completions/tutti",
                             "share/applications/" + kAppId + ".desktop",
                             "share/metainfo/" + kAppId + ".metainfo.xml",
                             "share/mime/packages/tutti.xml",
                             "share/icons/hicolor/scalable/apps/" + kAppId + ".svg",
                             "share/doc/tutti/copyright",
                             "share/doc/tutti/changelog.gz",
                             "share/lintian/overrides/tutti"};
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
            paths << QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kAppId);
        // Every example file, and nothing a run leaves behind (.tutti/).
        QDirIterator it(QStringLiteral(TUTTI_EXAMPLES), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString relative =
                QDir(QStringLiteral(TUTTI_EXAMPLES)).relativeFilePath(it.next());
            if (!relative.contains(QLatin1String(".tutti/")))
                paths << "share/tutti/examples/" + relative;
        }
        for (const QString &p : paths)
            QTest::newRow(qPrintable(p)) << p;
    }
    void contents()
    {
        QFETCH(QString, path);
        static const QStringList listing = [this] {
            QStringList paths;
            for (const QString &line : run("dpkg-deb", {"-c", m_deb}).out.split(u'\n'))
                paths << line.section(QLatin1String(" ./usr/"), 1)
                             .section(QLatin1String(" -> "), 0, 0);
            return paths;
        }();
        QVERIFY2(listing.contains(path), qPrintable(path + " is not in the package"));
        for (const QString &p : listing)
            QVERIFY2(!p.contains(QLatin1String("/.tutti/")), qPrintable(p));
        if (path.startsWith(QLatin1String("bin/")))
            QVERIFY(QFileInfo(usr(path)).isExecutable());
        if (path.endsWith(QLatin1String(".png"))) {
            const int size = path.section(u'/', 3, 3).section(u'x', 0, 0).toInt();
            QFile png(usr(path)); // width and height are the IHDR chunk's first 8 bytes
            QVERIFY(png.open(QIODevice::ReadOnly));
            const QByteArray head = png.read(24);
            QVERIFY(head.startsWith("\x89PNG"));
            QCOMPARE(qFromBigEndian<quint32>(head.constData() + 16), quint32(size));
            QCOMPARE(qFromBigEndian<quint32>(head.constData() + 20), quint32(size));
        }
    }

    // Errors fail; so does a warning, unless packaging/lintian-overrides overrides it with a
    // reason.
    void lintian()
    {
        const Output o = run("lintian", {"--fail-on", "error,warning", m_deb});
        qInfo().noquote() << "lintian:" << (o.out + o.err).trimmed();
        QVERIFY2(o.exitCode == 0, qPrintable(o.out + o.err));
        QVERIFY2(
            !o.out.contains(QRegularExpression("^[EW]: ", QRegularExpression::MultilineOption)),
            qPrintable(o.out));
    }

    void desktopEntry()
    {
        const QString file = usr("share/applications/" + kAppId + ".desktop");
        const Output o = run("desktop-file-validate", {file});
        QVERIFY2(o.exitCode == 0 && o.out.isEmpty(), qPrintable(o.out + o.err));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(
            QRegularExpression("^Exec=tutti-studio %F$", QRegularExpression::MultilineOption)));
        QVERIFY(
            text.contains(QRegularExpression("^MimeType=.*" + QRegularExpression::escape(kFlowMime),
                                             QRegularExpression::MultilineOption)));
        QVERIFY(text.contains("Icon=" + kAppId + "\n"));
    }

    // Pedantic notes only: the id's capital letters (io.github.tutti.Studio names the desktop
    // file as well, the reverse-DNS form desktop ids take).
    void metainfo()
    {
        const QString file = usr("share/metainfo/" + kAppId + ".metainfo.xml");
        const Output o = run("appstreamcli", {"validate", "--no-net", "--pedantic", file});
        QVERIFY2(o.exitCode == 0, qPrintable(o.out + o.err));
        for (const QString &line : o.out.split(u'\n', Qt::SkipEmptyParts))
            if (QRegularExpression("^[EWIP]: ").match(line).hasMatch())
                QVERIFY2(line.startsWith(QLatin1String("P: ")) &&
                             line.contains(QLatin1String("cid-contains-uppercase-letter")),
                         qPrintable(line));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains("<release version=\"" TUTTI_VERSION "\""));
        QVERIFY(text.contains(QRegularExpression("<image>https://[^<]+/docs/screenshots/"
                                                 "studio-run\\.png</image>")));
        QVERIFY(
            QFileInfo::exists(QStringLiteral(TUTTI_SOURCE_DIR "/docs/screenshots/studio-run.png")));
    }

    // A file manager finds *.flow.yaml to be a Tutti flow (and still YAML), and not other YAML.
    void mimeType()
    {
        const QString share = usr("share");
        QCOMPARE(run("update-mime-database", {share + "/mime"}).exitCode, 0);
        // QMimeDatabase reads XDG_DATA_DIRS when first used: this is its first use in the test.
        qputenv("XDG_DATA_DIRS", (share + ":/usr/share").toUtf8());
        qputenv("XDG_DATA_HOME", (m_tmp.path() + "/nonexistent").toUtf8());
        const QMimeDatabase db;
        const QMimeType flow = db.mimeTypeForFile(QStringLiteral("/x/checkout.flow.yaml"),
                                                  QMimeDatabase::MatchExtension);
        QCOMPARE(flow.name(), kFlowMime);
        QVERIFY2(flow.inherits(QStringLiteral("application/x-yaml")),
                 qPrintable(flow.parentMimeTypes().join(u' ')));
        QCOMPARE(flow.iconName(), kAppId);
        QVERIFY(db.mimeTypeForFile(QStringLiteral("/x/tutti.yaml"), QMimeDatabase::MatchExtension)
                    .name() != kFlowMime);
    }

    // The COMMANDS section is every command's own --help: every command and option is in it, and
    // groff reads both pages without a warning (what lintian checks with man --warnings).
    void manPages()
    {
        const QString page = gunzip(usr("share/man/man1/tutti.1.gz"));
        for (const QString &command : m_commands) {
            const QString header = ".SS \"tutti " + command + "\"\n";
            QVERIFY2(page.contains(header), qPrintable(command));
            const QString section = page.section(header, 1).section(QLatin1String("\n.S"), 0, 0);
            for (QString option : optionsOf(help(command)))
                QVERIFY2(section.contains(option.replace(u'-', QLatin1String("\\-"))),
                         qPrintable(command + " " + option));
        }
        QVERIFY(page.contains(".TH TUTTI 1 ") && page.contains("\"tutti " TUTTI_VERSION "\""));
        for (const char *name : {"tutti.1.gz", "tutti-studio.1.gz"}) {
            const QString file = usr("share/man/man1/") + name;
            QProcess groff;
            groff.start("groff",
                        {"-k", "-man", "-Tutf8", "-ww", "-z"}); // -k: UTF-8 input, as man reads it
            groff.write(gunzip(file).toUtf8());
            groff.closeWriteChannel();
            QVERIFY(groff.waitForFinished());
            QCOMPARE(groff.exitCode(), 0);
            QCOMPARE(QString::fromUtf8(groff.readAllStandardError()), QString());
        }
        const QString studio = gunzip(usr("share/man/man1/tutti-studio.1.gz"));
        QVERIFY(studio.contains("\\-\\-screenshot"));
    }

    void completion()
    {
        const QStringList top = complete({""});
        for (const QString &command : m_commands) {
            QVERIFY2(top.contains(command), qPrintable(top.join(u' ')));
            const QStringList options = complete({command, "--"});
            for (const QString &option : optionsOf(help(command)))
                if (option.startsWith(QLatin1String("--")))
                    QVERIFY2(options.contains(option), qPrintable(command + " " + option));
        }
        QVERIFY(top.contains("--version"));
        QCOMPARE(complete({"trace", ""}),
                 (QStringList{"diff", "export", "list", "prune", "show", "stats"}));
        QCOMPARE(complete({"secret", ""}), (QStringList{"delete", "get", "list", "set"}));
        QCOMPARE(complete({"export", "f.flow.yaml", "--to", ""}),
                 (QStringList{"asl", "argo", "bundle"}));
        QCOMPARE(complete({"simulate", "f.flow.yaml", "--keep", ""}),
                 (QStringList{"failed", "all", "none"}));
        const QString examples = usr("share/tutti/examples/checkout/");
        QVERIFY(complete({"run", examples}).contains(examples + "checkout.flow.yaml"));
        QVERIFY(!complete({"run", examples}).contains(examples + "tutti.yaml"));
    }

    // The unpacked binaries run (the libraries come from this system) and run an installed example.
    void runsUnpacked()
    {
        QCOMPARE(run(m_tutti, {"--version"}).out, QStringLiteral("tutti " TUTTI_VERSION "\n"));
        QVERIFY(run(usr("bin/tutti-studio"), {"--version"}).out.contains(TUTTI_VERSION));
        const Output o =
            run(m_tutti, {"run", usr("share/tutti/examples/checkout/checkout.flow.yaml"), "--input",
                          "{\"sku\":\"A-100\",\"qty\":2,\"amount\":42}", "--trace-db",
                          m_tmp.path() + "/traces.db", "--json"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.out + o.err));
        QCOMPARE(QJsonDocument::fromJson(o.out.toUtf8()).object().value(u"status").toString(),
                 QStringLiteral("succeeded"));
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
