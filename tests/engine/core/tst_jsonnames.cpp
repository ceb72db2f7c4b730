// Tests for JSON type names and JSON-pointer token escaping (engine/core/jsonnames).
// LABELS: unit
#include <engine/core/jsonnames.h>

#include <QTest>

using namespace tutti::engine;

class TestJsonNames : public QObject {
    Q_OBJECT

private slots:
    void typeNames_data();
    void typeNames();
    void pointerTokens_data();
    void pointerTokens();
};

void TestJsonNames::typeNames_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("schemaName");
    QTest::newRow("null") << "null"
                          << "null"
                          << "null";
    QTest::newRow("boolean") << "true"
                             << "boolean"
                             << "boolean";
    QTest::newRow("integer") << "-3"
                             << "number"
                             << "integer";
    QTest::newRow("unsigned") << "18446744073709551615"
                              << "number"
                              << "integer";
    QTest::newRow("float") << "2.5"
                           << "number"
                           << "number";
    QTest::newRow("integral float") << "2.0"
                                    << "number"
                                    << "number"; // stored as a double
    QTest::newRow("string") << "\"x\""
                            << "string"
                            << "string";
    QTest::newRow("array") << "[]"
                           << "array"
                           << "array";
    QTest::newRow("object") << "{}"
                            << "object"
                            << "object";
}

void TestJsonNames::typeNames()
{
    QFETCH(QString, json);
    QFETCH(QString, name);
    QFETCH(QString, schemaName);
    const Json value = Json::parse(json.toStdString());
    QCOMPARE(QString::fromLatin1(jsonTypeName(value)), name);
    QCOMPARE(QString::fromLatin1(jsonSchemaTypeName(value)), schemaName);
}

void TestJsonNames::pointerTokens_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("token");
    QTest::newRow("plain") << "amount"
                           << "amount";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("slash") << "a/b"
                           << "a~1b";
    QTest::newRow("tilde") << "a~b"
                           << "a~0b";
    QTest::newRow("both") << "a/b~c"
                          << "a~1b~0c";
    // "~1" itself must not read back as "/": the tilde is escaped first, never the result.
    QTest::newRow("escaped-looking") << "~1"
                                     << "~01";
    QTest::newRow("only separators") << "/~/"
                                     << "~1~0~1";
}

void TestJsonNames::pointerTokens()
{
    QFETCH(QString, key);
    QFETCH(QString, token);
    QCOMPARE(QString::fromStdString(pointerToken(key.toStdString())), token);
    std::string pointer = "/steps/0";
    appendPointerToken(pointer, key.toStdString());
    QCOMPARE(QString::fromStdString(pointer), "/steps/0" + token);
}

QTEST_GUILESS_MAIN(TestJsonNames)
#include "tst_jsonnames.moc"
