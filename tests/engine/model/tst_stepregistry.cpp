// Step registry: every step type is complete (descriptor, parse function, spec, docs row), its
// keys and traits are the ones the parser and executor implement, a required key is required by
// the parser, and the step tables in docs/flow-format.md are the ones the registry renders.
// LABELS: unit
#include "errortext.h"

#include <engine/core/jsonio.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>

#include <QFile>
#include <QTest>

#include <functional>

using namespace tutti::engine;
using tutti::engine::test::messages;

namespace {

const QString kDocs = QStringLiteral(TUTTI_TEST_DATA "/../../docs/flow-format.md");
const QString kBegin = QStringLiteral("<!-- step-table:begin");
const QString kEnd = QStringLiteral("<!-- step-table:end -->");
const char *kRegenerate = "TUTTI_UPDATE_DOCS=1 build/tests/tst_stepregistry docsStepTable";

constexpr std::size_t kTypes = std::variant_size_v<StepSpec>;

std::vector<StepType> allTypes()
{
    std::vector<StepType> out;
    for (std::size_t i = 0; i < kTypes; ++i)
        out.push_back(static_cast<StepType>(i));
    return out;
}

QString docsText()
{
    QFile f(kDocs);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// What one layer must provide for every step type: "" when `type` has it, else what is
// missing. Adding a layer's check (an action, an editor presentation, an inspector form) is one
// more row here or in that layer's test.
struct Aspect {
    const char *name;
    std::function<QString(StepType)> problem;
};

QString wellFormed(const FieldDescriptor &f, const QString &where)
{
    const QString at = where + "'" + QString::fromStdString(f.key) + "'";
    if (f.key.empty() || f.doc.empty())
        return at + " needs a key and a one-line doc";
    if (f.kind == FieldKind::Choice && f.options.empty())
        return at + " is a choice without options";
    if ((f.kind == FieldKind::Object || f.kind == FieldKind::List) && f.fields.empty())
        return at + " is a mapping or list without keys";
    if (f.edge) {
        const auto has = [&](FieldKind kind) {
            return std::any_of(f.fields.begin(), f.fields.end(),
                               [&](const FieldDescriptor &s) { return s.kind == kind; });
        };
        bool ok = false;
        switch (*f.edge) {
        case EdgeKind::Next:
        case EdgeKind::Default:
            ok = f.kind == FieldKind::StepRef;
            break;
        case EdgeKind::Case:
        case EdgeKind::Catch:
            ok = f.kind == FieldKind::List && has(FieldKind::StepRef);
            break;
        case EdgeKind::Branch:
            ok = f.kind == FieldKind::List && has(FieldKind::Steps);
            break;
        case EdgeKind::Body:
            ok = f.kind == FieldKind::Steps;
            break;
        case EdgeKind::Compensation:
            ok = f.kind == FieldKind::Object;
            break;
        case EdgeKind::FallThrough:
            ok = false; // implicit, never a key
            break;
        }
        if (!ok)
            return at + " makes an edge its kind cannot hold";
    }
    for (const FieldDescriptor &sub : f.fields)
        if (QString p = wellFormed(sub, at + "/"); !p.isEmpty())
            return p;
    return {};
}

const std::vector<Aspect> &aspects()
{
    static const std::vector<Aspect> all = {
        {"descriptor",
         [](StepType t) {
             if (stepDescriptors().size() != kTypes)
                 return QStringLiteral("the registry has %1 descriptors for %2 types")
                     .arg(stepDescriptors().size())
                     .arg(kTypes);
             const StepDescriptor &d = stepDescriptor(t);
             if (d.type != t)
                 return QStringLiteral("the registry line is out of StepType order");
             if (d.name.empty() || d.summary.empty())
                 return QStringLiteral("needs a name and a one-line summary");
             if (parseStepType(d.name) != t || toString(t) != d.name)
                 return QStringLiteral("its name does not round-trip");
             return QString();
         }},
        {"fields",
         [](StepType t) {
             for (const FieldDescriptor &f : stepDescriptor(t).fields)
                 if (QString p = wellFormed(f, {}); !p.isEmpty())
                     return p;
             return QString();
         }},
        {"parse function",
         [](StepType t) {
             const StepDescriptor &d = stepDescriptor(t);
             if (!d.parse)
                 return QStringLiteral("has no parse function");
             if (defaultStepSpec(t).index() != static_cast<std::size_t>(t))
                 return QStringLiteral("its StepSpec alternative is not at its enum index");
             if (d.holdsSteps() != (d.childLists != nullptr))
                 return QStringLiteral("a field holds steps but there is no childLists, or the "
                                       "other way round");
             if (d.canCompensate() != (d.compensation != nullptr))
                 return QStringLiteral("takes 'compensate' but has no compensation accessor, or "
                                       "the other way round");
             return QString();
         }},
        {"documentation row",
         [](StepType t) {
             const QString row = QStringLiteral("| `%1` |").arg(toString(t));
             const QString section = QStringLiteral("\n### `%1`\n").arg(toString(t));
             if (!docsText().contains(row))
                 return QStringLiteral("docs/flow-format.md has no row starting '%1'").arg(row);
             if (!docsText().contains(section))
                 return QStringLiteral("docs/flow-format.md has no section '%1'")
                     .arg(section.trimmed());
             return QString();
         }},
    };
    return all;
}

// The smallest valid step of a type (with a following `b` where it needs a target).
Json minimalStep(StepType type)
{
    const Json body = Json::array({{{"id", "t"}, {"type", "transform"}, {"set", {{"y", 1}}}}});
    switch (type) {
    case StepType::Http:
        return {{"id", "a"}, {"type", "http"}, {"url", "https://api.example.com/x"}};
    case StepType::Transform:
        return {{"id", "a"}, {"type", "transform"}, {"set", {{"x", 1}}}};
    case StepType::Script:
        return {{"id", "a"}, {"type", "script"}, {"code", "return 1"}};
    case StepType::Choice:
        return {{"id", "a"},
                {"type", "choice"},
                {"cases", Json::array({{{"when", "true"}, {"next", "b"}}})}};
    case StepType::Parallel:
        return {{"id", "a"},
                {"type", "parallel"},
                {"branches", Json::array({{{"name", "x"}, {"steps", body}}})}};
    case StepType::Map:
        return {{"id", "a"}, {"type", "map"}, {"items", "input.xs"}, {"steps", body}};
    case StepType::Wait:
        return {{"id", "a"}, {"type", "wait"}, {"duration", "1s"}};
    case StepType::Call:
        return {{"id", "a"}, {"type", "call"}, {"flow", "other.flow.yaml"}};
    case StepType::Respond:
        return {{"id", "a"}, {"type", "respond"}};
    case StepType::Fail:
        return {{"id", "a"}, {"type", "fail"}};
    }
    return nullptr;
}

FlowLoad parseWith(const Json &step)
{
    Json steps = Json::array({step});
    if (!stepDescriptor(*parseStepType(step.at("type").get<std::string>())).endsRun)
        steps.push_back({{"id", "b"}, {"type", "respond"}});
    return parseFlow("tutti: 1\nname: t\nsteps: " + dumpJson(steps) + "\n", "");
}

QString joinedKeys(const std::vector<std::string> &keys)
{
    QStringList out;
    for (const auto &k : keys)
        out << QString::fromStdString(k);
    return out.join(',');
}

} // namespace

class TestStepRegistry : public QObject {
    Q_OBJECT

private slots:
    void completeness_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("aspect");
        for (StepType t : allTypes())
            for (std::size_t a = 0; a < aspects().size(); ++a)
                QTest::addRow("%s: %s", toString(t), aspects()[a].name)
                    << static_cast<int>(t) << static_cast<int>(a);
    }
    void completeness()
    {
        QFETCH(int, type);
        QFETCH(int, aspect);
        const QString problem = aspects()[aspect].problem(static_cast<StepType>(type));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // The keys each type takes, in the order messages list them: what the parser accepts.
    void keys_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("keys");
        const QString common = "id,type,description,";
        const auto row = [&](StepType t, const char *keys) {
            QTest::addRow("%s", toString(t)) << static_cast<int>(t) << common + keys;
        };
        row(StepType::Http, "next,end,service,request,url,timeout,retry,catch,compensate,expect,"
                            "output,auth,allow_dynamic_host,max_body");
        row(StepType::Transform, "next,end,set");
        row(StepType::Script, "next,end,code,timeout,memory,retry,catch");
        row(StepType::Choice, "cases,default");
        row(StepType::Parallel, "next,end,branches,fail,timeout,catch");
        row(StepType::Map, "next,end,items,as,concurrency,steps,tolerate,timeout,catch");
        row(StepType::Wait, "next,end,duration,until");
        row(StepType::Call, "next,end,flow,input,timeout,retry,catch,compensate");
        row(StepType::Respond, "status,body");
        row(StepType::Fail, "error,message");
    }
    void keys()
    {
        QFETCH(int, type);
        QFETCH(QString, keys);
        QCOMPARE(joinedKeys(stepDescriptor(static_cast<StepType>(type)).keys()), keys);
    }

    // The traits, as the executor implements them (docs/engine.md).
    void traits_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("traits");
        const auto row = [](StepType t, const char *traits) {
            QTest::addRow("%s", toString(t)) << static_cast<int>(t) << QString(traits);
        };
        row(StepType::Http, "retry catch compensate timeout/attempt flow-defaults");
        row(StepType::Transform, "");
        row(StepType::Script, "retry catch timeout/attempt default-timeout script");
        row(StepType::Choice, "");
        row(StepType::Parallel, "catch timeout/step steps");
        row(StepType::Map, "catch timeout/step steps");
        row(StepType::Wait, "pauses");
        row(StepType::Call, "retry catch compensate timeout/step custom-errors");
        row(StepType::Respond, "ends-run");
        row(StepType::Fail, "ends-run");
    }
    void traits()
    {
        QFETCH(int, type);
        QFETCH(QString, traits);
        const StepDescriptor &d = stepDescriptor(static_cast<StepType>(type));
        QStringList got;
        if (d.canRetry())
            got << "retry";
        if (d.canCatch())
            got << "catch";
        if (d.canCompensate())
            got << "compensate";
        if (d.hasTimeout())
            got << (d.timeoutCoversStep ? "timeout/step" : "timeout/attempt");
        if (d.defaultTimeout)
            got << "default-timeout";
        if (d.flowDefaults)
            got << "flow-defaults";
        if (d.usesScriptEngine)
            got << "script";
        if (d.holdsSteps())
            got << "steps";
        if (d.pauses)
            got << "pauses";
        if (d.customErrorNames)
            got << "custom-errors";
        if (d.endsRun)
            got << "ends-run";
        QCOMPARE(got.join(' '), traits);
        QCOMPARE(d.canFallThrough(), !d.endsRun);
        // The docs' defaults of `timeout` and `retry` say what flowDefaults does.
        if (const FieldDescriptor *retry = d.field("retry"))
            QCOMPARE(retry->defaultValue == "`defaults.retry`", d.flowDefaults);
        if (const FieldDescriptor *timeout = d.field("timeout"))
            QCOMPARE(timeout->defaultValue == "`defaults.timeout`", d.flowDefaults);
    }

    // What each type's own keys read from outside a run (its `references`): every key that holds
    // a template or an expression, and the files it runs; never what its nested steps read.
    void references_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("secrets");
        QTest::addColumn<QString>("flowFile");
        const QString nested = "[ { id: t, type: transform, set: { n: '{{ secret.NESTED }}' } } ]";
        QTest::newRow("http")
            << "{ id: a, type: http, url: 'https://api.example.com/x/{{ secret.URL }}', request: "
               "{ method: POST, query: { q: '{{ secret.QUERY }}' }, headers: { X-K: '{{ "
               "secret.HEADER }}' }, body: { k: '{{ secret.BODY }}' } }, compensate: { method: "
               "DELETE, url: 'https://api.example.com/undo/{{ secret.UNDO }}' }, output: { v: '{{ "
               "secret.OUTPUT }}' }, auth: { type: bearer, token: '{{ secret.TOKEN }}' } }"
            << "URL QUERY HEADER BODY UNDO OUTPUT TOKEN"
            << "";
        QTest::newRow("http form")
            << "{ id: a, type: http, url: 'https://api.example.com/x', request: { method: POST, "
               "form: { k: '{{ secret.FORM }}' } } }"
            << "FORM"
            << "";
        QTest::newRow("transform")
            << "{ id: a, type: transform, set: { a: '{{ secret.A }}', b: 'x{{ secret.B }}' } }"
            << "A B"
            << "";
        QTest::newRow("script") << "{ id: a, type: script, code: 'return 1' }"
                                << ""
                                << "";
        QTest::newRow("choice")
            << "{ id: a, type: choice, cases: [ { when: \"secret.WHEN == 'x'\", next: b } ] }"
            << "WHEN"
            << "";
        QTest::newRow("parallel") << "{ id: a, type: parallel, branches: [ { name: x, steps: " +
                                         nested + " } ] }"
                                  << ""
                                  << "";
        QTest::newRow("map") << "{ id: a, type: map, items: secret.ITEMS, steps: " + nested + " }"
                             << "ITEMS"
                             << "";
        QTest::newRow("wait") << "{ id: a, type: wait, until: secret.UNTIL }"
                              << "UNTIL"
                              << "";
        QTest::newRow("call")
            << "{ id: a, type: call, flow: other.flow.yaml, input: { x: '{{ secret.INPUT }}' }, "
               "compensate: { method: POST, url: 'https://api.example.com/undo/{{ secret.UNDO }}' "
               "} }"
            << "UNDO INPUT"
            << "other.flow.yaml";
        QTest::newRow("respond") << "{ id: a, type: respond, body: { m: '{{ secret.BODY }}' } }"
                                 << "BODY"
                                 << "";
        QTest::newRow("fail") << "{ id: a, type: fail, message: '{{ secret.WHY }}' }"
                              << "WHY"
                              << "";
    }
    void references()
    {
        QFETCH(QString, step);
        QFETCH(QString, secrets);
        QFETCH(QString, flowFile);
        // The row's type (its first word) says whether a step may follow it.
        const std::string type = QString(QTest::currentDataTag()).section(' ', 0, 0).toStdString();
        const bool last = stepDescriptor(*parseStepType(type)).endsRun;
        const std::string text =
            "tutti: 1\nname: t\nsteps:\n  - " + step.toStdString() +
            (last ? "\n" : "\n  - { id: b, type: transform, set: { y: 1 } }\n");
        const FlowLoad load = parseFlow(text, "");
        QVERIFY2(load.ok(), messages(load.errors).c_str());
        StepReferences refs;
        addReferences(load.flow->steps.front(), refs);
        QStringList got;
        for (const std::string &name : refs.secrets.names())
            got << QString::fromStdString(name);
        QCOMPARE(got.join(' '), secrets);
        if (flowFile.isEmpty()) {
            QVERIFY(refs.flowFiles.names().empty());
        } else {
            QCOMPARE(refs.flowFiles.names().size(), std::size_t(1));
            QVERIFY(QString::fromStdString(refs.flowFiles.names().front()).endsWith(flowFile));
        }
    }

    // A flow's references: its services' auth, then every step's, nested lists included, each
    // name once.
    void flowReferences()
    {
        const std::string text =
            "tutti: 1\nname: t\n"
            "services: { api: { base_url: 'https://api.example.com', auth: { type: bearer, "
            "token: '{{ secret.SERVICE }}' } } }\n"
            "steps:\n"
            "  - { id: a, type: transform, set: { a: '{{ secret.TOP }}' } }\n"
            "  - id: p\n    type: parallel\n    branches:\n"
            "      - { name: x, steps: [ { id: m, type: map, items: input.xs, steps: [ { id: d, "
            "type: transform, set: { d: '{{ secret.DEEP }} {{ secret.TOP }}' } } ] } ] }\n"
            "  - { id: c, type: call, flow: sub.flow.yaml }\n"
            "  - { id: c2, type: call, flow: sub.flow.yaml }\n";
        const FlowLoad load = parseFlow(text, "");
        QVERIFY2(load.ok(), messages(load.errors).c_str());
        const StepReferences refs = tutti::engine::flowReferences(*load.flow);
        QStringList got;
        for (const std::string &name : refs.secrets.names())
            got << QString::fromStdString(name);
        QCOMPARE(got.join(' '), QString("SERVICE TOP DEEP"));
        QCOMPARE(refs.flowFiles.names().size(), std::size_t(1));
        QVERIFY(QString::fromStdString(refs.flowFiles.names().front()).endsWith("sub.flow.yaml"));
    }

    // A key the descriptor calls required is one the parser requires, and the smallest step
    // the test knows is valid.
    void requiredKeys_data()
    {
        QTest::addColumn<int>("type");
        for (StepType t : allTypes())
            QTest::addRow("%s", toString(t)) << static_cast<int>(t);
    }
    void requiredKeys()
    {
        QFETCH(int, type);
        const StepType t = static_cast<StepType>(type);
        const Json step = minimalStep(t);
        const FlowLoad ok = parseWith(step);
        QVERIFY2(ok.ok(), messages(ok.errors).c_str());
        for (const FieldDescriptor &f : stepDescriptor(t).fields) {
            if (!f.required)
                continue;
            QVERIFY2(step.contains(f.key), f.key.c_str());
            Json without = step;
            without.erase(f.key);
            const FlowLoad load = parseWith(without);
            QVERIFY2(!load.errors.empty(), ("without '" + f.key + "' the step is valid").c_str());
        }
    }

    // docs/flow-format.md holds the tables the registry renders, between the markers.
    void docsStepTable()
    {
        const QString text = docsText();
        QVERIFY2(!text.isEmpty(), qPrintable("cannot read " + kDocs));
        const qsizetype begin = text.indexOf(kBegin);
        const qsizetype afterBegin = text.indexOf(QStringLiteral("-->"), begin);
        const qsizetype end = text.indexOf(kEnd);
        QVERIFY2(begin >= 0 && afterBegin > begin && end > afterBegin,
                 "docs/flow-format.md needs the <!-- step-table:begin … --> and "
                 "<!-- step-table:end --> markers");
        const qsizetype from = afterBegin + 4; // past "-->\n"
        const QString current = text.mid(from, end - from);
        const QString wanted = QString::fromStdString(stepTableMarkdown());
        if (current == wanted)
            return;
        if (qEnvironmentVariableIntValue("TUTTI_UPDATE_DOCS") == 1) {
            QFile f(kDocs);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write((text.left(from) + wanted + text.mid(end)).toUtf8());
            qInfo("rewrote the step tables of docs/flow-format.md");
            return;
        }
        const QStringList have = current.split('\n'), want = wanted.split('\n');
        QString diff;
        for (qsizetype i = 0; i < std::max(have.size(), want.size()); ++i) {
            const QString a = i < have.size() ? have[i] : QString();
            const QString b = i < want.size() ? want[i] : QString();
            if (a != b)
                diff += QStringLiteral("line %1\n- %2\n+ %3\n").arg(i + 1).arg(a, b);
        }
        QFAIL(qPrintable("the step tables of docs/flow-format.md differ from the registry "
                         "(- docs, + registry); regenerate them with\n  " +
                         QString(kRegenerate) + "\n" + diff));
    }
};

QTEST_GUILESS_MAIN(TestStepRegistry)
#include "tst_stepregistry.moc"
