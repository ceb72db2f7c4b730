// translations/*.ts are complete for the code as it is: lupdate, run on the studio's sources into
// copies of the .ts files, finds no unfinished string (new or changed in the code, not translated
// yet) and no vanished one (gone from the code, still in the file). The failure lists each string
// with its file and context; docs/studio.md ("Translations") says how to update the files.
// LABELS: unit
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Finding {
    QString kind; // "unfinished", "vanished" (or "obsolete")
    QString context;
    QString source;
};

// Every message of a .ts file whose translation is not finished or whose source is gone; a
// plural message counts as unfinished when one of its forms is empty.
QList<Finding> findingsIn(const QString &tsPath, QString *error)
{
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Finding> out;
    QXmlStreamReader xml(&file);
    QString context, source, type;
    bool emptyForm = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"name")
                context = xml.readElementText();
            else if (name == u"message") {
                source.clear();
                type.clear();
                emptyForm = false;
            } else if (name == u"source")
                source = xml.readElementText();
            else if (name == u"translation")
                type = xml.attributes().value(QStringLiteral("type")).toString();
            else if (name == u"numerusform")
                emptyForm = emptyForm || xml.readElementText().isEmpty();
        } else if (xml.isEndElement() && xml.name() == u"message") {
            if (!type.isEmpty())
                out.push_back({type, context, source});
            else if (emptyForm)
                out.push_back({QStringLiteral("unfinished"), context, source});
        }
    }
    if (xml.hasError())
        *error =
            QStringLiteral("%1:%2: %3").arg(tsPath).arg(xml.lineNumber()).arg(xml.errorString());
    return out;
}

} // namespace

class TestTranslationFiles : public QObject {
    Q_OBJECT

private slots:
    void upToDate()
    {
        const QStringList tsFiles =
            QString::fromUtf8(TUTTI_TS_FILES).split(u'|', Qt::SkipEmptyParts);
        QVERIFY(!tsFiles.isEmpty());
        QVERIFY2(QFileInfo::exists(QStringLiteral(TUTTI_I18N_SOURCES)),
                 "the list of translated sources (written at configure time) is missing");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStringList copies;
        for (const QString &ts : tsFiles) {
            const QString copy = dir.filePath(QFileInfo(ts).fileName());
            QVERIFY2(QFile::copy(ts, copy), qPrintable(ts));
            QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
            copies << copy;
        }
        // What `cmake --build build --target update_translations` runs, minus -no-obsolete, so
        // strings that left the code show up as vanished instead of being dropped.
        QStringList args = QString::fromUtf8(TUTTI_LUPDATE_OPTIONS).split(u'|', Qt::SkipEmptyParts);
        args << QStringLiteral("-I") << QStringLiteral(TUTTI_SOURCE_DIR)
             << QStringLiteral("@" TUTTI_I18N_SOURCES) << QStringLiteral("-ts") << copies;
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(TUTTI_LUPDATE), args);
        QVERIFY(lupdate.waitForFinished(120000));
        const QString log = QString::fromUtf8(lupdate.readAll());
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
                 qPrintable(log));

        QStringList report;
        for (const QString &copy : copies) {
            QString error;
            const QList<Finding> findings = findingsIn(copy, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            for (const Finding &f : findings)
                report << QStringLiteral("translations/%1: %2: [%3] \"%4\"")
                              .arg(QFileInfo(copy).fileName(), f.kind, f.context, f.source);
        }
        if (!report.isEmpty())
            qWarning().noquote()
                << report.size()
                << "string(s) to translate or drop:\n  " + report.join(QStringLiteral("\n  ")) +
                       "\nUpdate the .ts files with `cmake --build build --target "
                       "update_translations`, translate the unfinished strings (Qt Linguist: "
                       "linguist translations/tutti_de.ts, or any text editor), and commit them "
                       "(docs/studio.md, \"Translations\").";
        QVERIFY2(report.isEmpty(), "translations/*.ts are not up to date with the code (above)");
    }
};

QTEST_GUILESS_MAIN(TestTranslationFiles)
#include "tst_translationfiles.moc"
