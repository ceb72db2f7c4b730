// Layering rules of CONVENTIONS.md, checked on the built binaries and the sources: the CLI never
// links Qt Gui/Widgets; the engine never includes mocks/editor/app/document or Gui/Widgets
// headers; the document library (FlowDocument) builds on the engine and QtCore only; mocks
// never include the editor; the editor neither includes nor links the mocks (the app injects run
// and simulation services); the server never includes mocks, editor or Gui; SQLite, libcurl and
// RE2 stay behind their one seam each.
// LABELS: unit
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

class TestLayering : public QObject {
    Q_OBJECT

    static QString root() { return QStringLiteral(TUTTI_TEST_DATA "/../.."); }

    static QStringList includesViolating(const QString &folder, const QRegularExpression &forbidden)
    {
        QStringList hits;
        QDirIterator it(root() + "/" + folder, {"*.h", "*.cpp"}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            int lineNumber = 0;
            while (!file.atEnd()) {
                const QString line = QString::fromUtf8(file.readLine()).trimmed();
                ++lineNumber;
                if (line.startsWith("#include") && forbidden.match(line).hasMatch())
                    hits << QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(line);
            }
        }
        return hits;
    }

    // What `ldd` lists for a built binary ("" when it could not run).
    static QString linkedLibraries(const QString &binary)
    {
        QProcess ldd;
        ldd.start("ldd", {binary});
        if (!ldd.waitForFinished(30000))
            return {};
        return QString::fromUtf8(ldd.readAllStandardOutput());
    }

private slots:
    void cliLinksNoGui()
    {
        const QString libs = linkedLibraries(QStringLiteral(TUTTI_BINARY_DIR "/app/tutti"));
        QVERIFY2(libs.contains("libQt6Core"), qPrintable(libs)); // the check itself works
        QVERIFY2(!libs.contains("libQt6Gui"), qPrintable(libs));
        QVERIFY2(!libs.contains("libQt6Widgets"), qPrintable(libs));
    }

    void studioLinksTheEditor()
    {
        QVERIFY(linkedLibraries(QStringLiteral(TUTTI_BINARY_DIR "/app/tutti-studio"))
                    .contains("libQt6Widgets"));
    }

    void engineIncludesNothingAboveIt()
    {
        const QRegularExpression forbidden(
            R"(<(mocks|editor|app|document)/|<Qt(Gui|Widgets)|<Q(Widget|Application|Painter|Pixmap|Image|Color)\b|<Qsci)");
        const QStringList hits = includesViolating("engine", forbidden);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join('\n')));
    }

    void documentIsAQtCoreLayerUnderTheEditor()
    {
        // FlowDocument left engine/model for document/, a library of its own.
        QVERIFY(QFile::exists(root() + "/document/flowdocument.h"));
        QVERIFY(!QFile::exists(root() + "/engine/model/flowdocument.h"));
        // Its sources see the engine and QtCore, nothing above or beside them.
        const QRegularExpression forbidden(
            R"(<(mocks|editor|app|server)/|<Qt(Gui|Widgets|Qml|Network)|<Q(Widget|Application|GuiApplication|Painter|Color|UndoStack|JSEngine)\b|<Qsci)");
        const QStringList hits = includesViolating("document", forbidden);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join('\n')));
        // Its test links the library alone: no Gui, no Widgets in the binary.
        const QString libs =
            linkedLibraries(QStringLiteral(TUTTI_BINARY_DIR "/tests/tst_flowdocument"));
        QVERIFY2(libs.contains("libQt6Core"), qPrintable(libs)); // the check itself works
        QVERIFY2(!libs.contains("libQt6Gui"), qPrintable(libs));
        QVERIFY2(!libs.contains("libQt6Widgets"), qPrintable(libs));
        // And nothing below it includes it.
        for (const char *folder : {"engine", "mocks", "server"}) {
            const QStringList up =
                includesViolating(QString::fromLatin1(folder), QRegularExpression("<document/"));
            QVERIFY2(up.isEmpty(), qPrintable(up.join('\n')));
        }
    }

    void mocksIncludeNoEditorOrGui()
    {
        const QRegularExpression forbidden(
            R"(<(editor|app)/|<Qt(Gui|Widgets)|<Q(Widget|Application)\b)");
        const QStringList hits = includesViolating("mocks", forbidden);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join('\n')));
    }

    void editorNeitherIncludesNorLinksMocks()
    {
        // The studio's panels get their run and simulation services from the app (app/studio/):
        // the editor sees engine interfaces and its own, never the simulator.
        const QStringList hits = includesViolating("editor", QRegularExpression("<mocks/"));
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join('\n')));

        // The link graph as CMake has it (tests/CMakeLists.txt writes tutti_editor's libraries).
        QFile links(QStringLiteral(TUTTI_BINARY_DIR "/layering/tutti_editor.links"));
        QVERIFY2(links.open(QIODevice::ReadOnly), qPrintable(links.fileName()));
        const QStringList libs = QString::fromUtf8(links.readAll()).split('\n', Qt::SkipEmptyParts);
        QVERIFY2(libs.contains("tutti_engine"), qPrintable(libs.join(' '))); // the check works
        QVERIFY2(!libs.contains("tutti_mocks"), qPrintable(libs.join(' ')));

        // And the archive itself: no symbol of the mocks is referenced from the editor's code.
        QProcess nm;
        nm.start("nm", {"-C", "--undefined-only",
                        QStringLiteral(TUTTI_BINARY_DIR "/editor/libtutti_editor.a")});
        QVERIFY(nm.waitForFinished(60000));
        QCOMPARE(nm.exitCode(), 0);
        const QString symbols = QString::fromUtf8(nm.readAllStandardOutput());
        QVERIFY(symbols.contains("tutti::engine::")); // the check itself works
        QStringList mockSymbols;
        for (const QString &line : symbols.split('\n'))
            if (line.contains("tutti::mocks::"))
                mockSymbols << line.trimmed();
        QVERIFY2(mockSymbols.isEmpty(), qPrintable(mockSymbols.mid(0, 20).join('\n')));
    }

    void serverIncludesNoMocksEditorOrGui()
    {
        // The server gets its transports from the app; it never sees the mocks, the editor or
        // Gui, and the engine never includes it.
        const QRegularExpression forbidden(
            R"(<(mocks|editor|app)/|<Qt(Gui|Widgets)|<Q(Widget|Application|HttpServer)\b)");
        const QStringList hits = includesViolating("server", forbidden);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join('\n')));
        const QStringList up = includesViolating("engine", QRegularExpression("<server/"));
        QVERIFY2(up.isEmpty(), qPrintable(up.join('\n')));
    }

    void sqliteAndCurlStayBehindTheirSeams()
    {
        const QStringList sqlite = includesViolating("engine", QRegularExpression("sqlite3\\.h"));
        for (const QString &hit : sqlite)
            QVERIFY2(hit.contains("/engine/trace/"), qPrintable(hit));
        for (const char *folder : {"engine", "mocks", "editor", "app"}) {
            const QStringList curl =
                includesViolating(QString::fromLatin1(folder), QRegularExpression("curl/curl\\.h"));
            for (const QString &hit : curl)
                QVERIFY2(hit.contains("/engine/net/"), qPrintable(hit));
        }
    }

    void regularExpressionsGoThroughTheRegexSeam()
    {
        // Patterns from files and run data (schema `pattern`, mock `regex`) must run in linear
        // time: RE2, included by engine/core/regex.cpp only; everything else uses engine::Regex.
        for (const char *folder : {"engine", "mocks", "editor", "app"}) {
            const QStringList re2 =
                includesViolating(QString::fromLatin1(folder), QRegularExpression("<re2/"));
            for (const QString &hit : re2)
                QVERIFY2(hit.contains("/engine/core/regex.cpp:"), qPrintable(hit));
        }
        QVERIFY(!includesViolating("engine", QRegularExpression("<re2/re2\\.h>")).isEmpty());
        // No backtracking engine where patterns can come from input. (yamldoc.cpp matches its
        // own fixed number patterns against YAML scalars.)
        for (const char *folder : {"engine", "mocks"}) {
            const QStringList backtracking = includesViolating(
                QString::fromLatin1(folder), QRegularExpression("<regex>|<QRegularExpression>"));
            for (const QString &hit : backtracking)
                QVERIFY2(hit.contains("/engine/model/yamldoc.cpp:"), qPrintable(hit));
        }
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
