// QScintilla editor for JSON, templates, expressions and scripts; see codeeditor.h.
#include <editor/codeeditor.h>

#include <engine/core/jsonio.h>
#include <engine/expr/expression.h>
#include <engine/model/yamldoc.h>

#include <Qsci/qsciabstractapis.h>
#include <Qsci/qscilexercustom.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexeryaml.h>

#include <QFontDatabase>
#include <QKeyEvent>
#include <QResizeEvent>
#include <QSet>

#include <functional>

namespace tutti::editor {

namespace {

constexpr int kErrorIndicator = 8;
constexpr int kExpressionIndicator = 9;

// JSON with `.` as a completion separator, so `steps.` inside a string offers step ids.
class JsonLexer : public QsciLexerJSON {
public:
    using QsciLexerJSON::QsciLexerJSON;
    QStringList autoCompletionWordSeparators() const override { return {QStringLiteral(".")}; }
};

// Colours {{ }} templates and bare expressions: literal text plain, inside the braces roots,
// strings, numbers and operators. The whole text is restyled on each change: fields are short.
class TemplateLexer : public QsciLexerCustom {
public:
    enum Style { Literal = 0, Brace, Root, Identifier, String, Number, Operator };

    TemplateLexer(bool bare, QObject *parent)
        : QsciLexerCustom(parent)
        , m_bare(bare)
    {
        const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        setDefaultFont(mono);
        for (int s = Literal; s <= Operator; ++s)
            setFont(mono, s);
        setColor(QColor(0x37, 0x41, 0x51), Literal);
        setColor(QColor(0x7c, 0x3a, 0xed), Brace);
        setColor(QColor(0x1d, 0x4e, 0xd8), Root);
        setColor(QColor(0x0f, 0x76, 0x6e), Identifier);
        setColor(QColor(0xb4, 0x53, 0x09), String);
        setColor(QColor(0xbe, 0x18, 0x5d), Number);
        setColor(QColor(0x6b, 0x72, 0x80), Operator);
        QFont bold = mono;
        bold.setBold(true);
        setFont(bold, Brace);
        setFont(bold, Root);
    }
    const char *language() const override { return "Tutti template"; }
    QString description(int style) const override
    {
        static const char *names[] = {"Literal", "Brace",  "Root",    "Identifier",
                                      "String",  "Number", "Operator"};
        return style >= 0 && style <= Operator ? QString::fromLatin1(names[style]) : QString();
    }
    QStringList autoCompletionWordSeparators() const override { return {QStringLiteral(".")}; }
    const char *wordCharacters() const override
    {
        return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    }

    void styleText(int, int) override
    {
        if (!editor())
            return;
        const QByteArray text = editor()->text().toUtf8();
        const int n = static_cast<int>(text.size());
        startStyling(0);
        bool inside = m_bare;
        int i = 0;
        auto run = [&](int length, int style) {
            if (length > 0)
                setStyling(length, style);
        };
        static const QSet<QByteArray> roots = {"input", "steps", "vars",  "env",  "secret",
                                               "run",   "item",  "index", "error"};
        while (i < n) {
            const char c = text[i];
            if (!inside) {
                const int open = text.indexOf("{{", i);
                if (open < 0) {
                    run(n - i, Literal);
                    break;
                }
                run(open - i, Literal);
                run(2, Brace);
                i = open + 2;
                inside = true;
                continue;
            }
            if (!m_bare && c == '}' && i + 1 < n && text[i + 1] == '}') {
                run(2, Brace);
                i += 2;
                inside = false;
                continue;
            }
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && text[j] != c)
                    j += text[j] == '\\' ? 2 : 1;
                j = std::min(j + 1, n);
                run(j - i, String);
                i = j;
            } else if (std::isdigit(static_cast<unsigned char>(c))) {
                int j = i;
                while (j < n &&
                       (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '.'))
                    ++j;
                run(j - i, Number);
                i = j;
            } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                int j = i;
                while (j < n &&
                       (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_'))
                    ++j;
                const bool atStart = i == 0 || text[i - 1] != '.';
                run(j - i, atStart && roots.contains(text.mid(i, j - i)) ? Root : Identifier);
                i = j;
            } else if (std::isspace(static_cast<unsigned char>(c))) {
                run(1, Literal);
                ++i;
            } else {
                run(1, Operator);
                ++i;
            }
        }
    }

private:
    bool m_bare;
};

// Byte offset -> 1-based line and column.
std::pair<int, int> lineColumn(const QByteArray &text, qsizetype offset)
{
    int line = 1, column = 1;
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

const QStringList &rootNames()
{
    static const QStringList roots = {
        QStringLiteral("input"), QStringLiteral("steps"),  QStringLiteral("vars"),
        QStringLiteral("env"),   QStringLiteral("secret"), QStringLiteral("run"),
        QStringLiteral("item"),  QStringLiteral("index"),  QStringLiteral("error")};
    return roots;
}

// Every dotted path completion knows, plus the function names.
QStringList completionEntries(const CompletionContext &context)
{
    if (!context.templatePaths.isEmpty()) {
        QStringList entries;
        for (const QString &path : context.templatePaths) {
            entries << path.section(QLatin1Char('.'), 0, 0);
            if (path.contains(QLatin1Char('.')))
                entries << path;
        }
        for (const std::string &f : engine::expr::functionNames())
            entries << QString::fromStdString(f);
        return entries;
    }
    QStringList entries = rootNames();
    for (const QString &f : context.inputFields)
        entries << QStringLiteral("input.") + f;
    for (const QString &id : context.stepIds) {
        entries << QStringLiteral("steps.") + id;
        for (const char *part : {"status", "headers", "body"})
            entries << QStringLiteral("steps.%1.%2").arg(id, QLatin1String(part));
    }
    for (const QString &v : context.varNames)
        entries << QStringLiteral("vars.") + v;
    for (const QString &v : context.envVars)
        entries << QStringLiteral("env.") + v;
    for (const char *part :
         {"run.id", "run.attempt", "error.type", "error.message", "error.status", "error.step"})
        entries << QLatin1String(part);
    for (const std::string &f : engine::expr::functionNames())
        entries << QString::fromStdString(f);
    return entries;
}

// Completion straight from the editor's context: synchronous, so no preparation thread (QsciAPIs
// prepares in a thread that must not outlive the editor).
class ContextApis : public QsciAbstractAPIs {
public:
    ContextApis(QsciLexer *lexer, const CodeEditor *editor)
        : QsciAbstractAPIs(lexer)
        , m_editor(editor)
    {
    }
    void updateAutoCompletionList(const QStringList &context, QStringList &list) override
    {
        list << m_editor->completionsFor(context.join(QLatin1Char('.')));
    }
    QStringList callTips(const QStringList &, int, QsciScintilla::CallTipsStyle,
                         QList<int> &) override
    {
        return {};
    }

private:
    const CodeEditor *m_editor;
};

} // namespace

CodeEditor::CodeEditor(Mode mode, QWidget *parent)
    : QsciScintilla(parent)
    , m_mode(mode)
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QsciLexer *lexer = nullptr;
    switch (mode) {
    case Mode::Json:
        lexer = new JsonLexer(this);
        break;
    case Mode::Template:
        lexer = new TemplateLexer(false, this);
        break;
    case Mode::Expression:
        lexer = new TemplateLexer(true, this);
        break;
    case Mode::Script:
        lexer = new QsciLexerJavaScript(this);
        break;
    case Mode::Yaml:
        lexer = new QsciLexerYAML(this);
        break;
    }
    lexer->setDefaultFont(mono);
    if (mode == Mode::Json || mode == Mode::Script || mode == Mode::Yaml)
        lexer->setFont(mono);
    setLexer(lexer);
    setUtf8(true);
    setFont(mono);
    setIndentationsUseTabs(false);
    setIndentationWidth(2);
    setTabWidth(2);
    setAutoIndent(true);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setMatchedBraceBackgroundColor(QColor(0xdb, 0xea, 0xfe));
    setUnmatchedBraceForegroundColor(QColor(0xdc, 0x26, 0x26));
    setMarginWidth(1, 0);
    setMarginWidth(0, 0);
    setWrapMode(QsciScintilla::WrapNone);
    if (mode == Mode::Yaml) {
        setMarginType(0, QsciScintilla::NumberMargin);
        setMarginLineNumbers(0, true);
        setMarginWidth(0, QStringLiteral("00000"));
        setCaretLineVisible(true);
        setCaretLineBackgroundColor(QColor(0xf3, 0xf4, 0xf6));
    }
    setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    indicatorDefine(QsciScintilla::SquiggleIndicator, kErrorIndicator);
    setIndicatorForegroundColor(QColor(0xdc, 0x26, 0x26), kErrorIndicator);
    indicatorDefine(QsciScintilla::FullBoxIndicator, kExpressionIndicator);
    setIndicatorForegroundColor(QColor(0x8b, 0x5c, 0xf6, 40), kExpressionIndicator);
    setIndicatorDrawUnder(true, kExpressionIndicator);

    m_apis = new ContextApis(lexer, this);
    // A whole file gets no completion list on every word typed; fields of a form do.
    setAutoCompletionSource(mode == Mode::Yaml ? QsciScintilla::AcsNone : QsciScintilla::AcsAPIs);
    setAutoCompletionThreshold(1);
    setAutoCompletionCaseSensitivity(false);
    setAutoCompletionUseSingle(QsciScintilla::AcusNever);
    setCallTipsStyle(QsciScintilla::CallTipsNoContext);

    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(250);
    connect(&m_checkTimer, &QTimer::timeout, this, &CodeEditor::check);
    connect(this, &QsciScintilla::textChanged, this, &CodeEditor::onTextChanged);
}

void CodeEditor::setSingleLine(bool singleLine)
{
    m_singleLine = singleLine;
    if (singleLine) {
        setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        const int h = QFontMetrics(font()).height() + 10;
        setFixedHeight(h);
        SendScintilla(SCI_SETEXTRAASCENT, 1);
    } else {
        setMinimumHeight(0);
        setMaximumHeight(QWIDGETSIZE_MAX);
    }
}

void CodeEditor::setAutoHeight(int minLines, int maxLines)
{
    m_minLines = minLines;
    m_maxLines = maxLines;
    setWrapMode(QsciScintilla::WrapWord);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    fitHeight();
}

void CodeEditor::fitHeight()
{
    if (m_maxLines <= 0)
        return;
    // Wrapped lines count as displayed lines once laid out; logical lines before that.
    int visible = static_cast<int>(SendScintilla(SCI_VISIBLEFROMDOCLINE, lines()));
    visible = std::clamp(std::max(visible, lines()), m_minLines, m_maxLines);
    const int lineHeight = static_cast<int>(SendScintilla(SCI_TEXTHEIGHT, 0));
    setFixedHeight(visible * lineHeight + 2 * frameWidth() + 6);
}

void CodeEditor::setCompletionContext(const CompletionContext &context)
{
    m_context = context;
}

QStringList CodeEditor::completionsFor(const QString &prefix) const
{
    QStringList out;
    QSet<QString> seen;
    const bool top = prefix.isEmpty() || !prefix.contains(QLatin1Char('.'));
    const QString dotted = prefix.left(prefix.lastIndexOf(QLatin1Char('.')) + 1);
    const QString partial = prefix.mid(dotted.size());
    for (const QString &entry : completionEntries(m_context)) {
        if (top) {
            if (entry.contains(QLatin1Char('.')) || !entry.startsWith(partial, Qt::CaseInsensitive))
                continue;
            if (!seen.contains(entry)) {
                seen.insert(entry);
                out << entry;
            }
            continue;
        }
        if (!entry.startsWith(dotted))
            continue;
        const QString next = entry.mid(dotted.size()).section(QLatin1Char('.'), 0, 0);
        if (!next.startsWith(partial, Qt::CaseInsensitive) || seen.contains(next))
            continue;
        seen.insert(next);
        out << next;
    }
    return out;
}

void CodeEditor::setPlainText(const QString &text)
{
    if (text == this->text())
        return;
    m_settingText = true;
    setText(text);
    m_settingText = false;
    check();
}

void CodeEditor::setDisplayOnly(bool displayOnly)
{
    m_displayOnly = displayOnly;
    setReadOnly(displayOnly);
    setAutoCompletionSource(displayOnly || m_mode == Mode::Yaml ? QsciScintilla::AcsNone
                                                                : QsciScintilla::AcsAPIs);
    if (displayOnly) {
        m_checkTimer.stop();
        setError({}, 0, 0);
        SendScintilla(SCI_SETINDICATORCURRENT, kExpressionIndicator);
        SendScintilla(SCI_INDICATORCLEARRANGE, 0, SendScintilla(SCI_GETLENGTH));
    }
}

void CodeEditor::onTextChanged()
{
    if (m_displayOnly) {
        fitHeight();
        return;
    }
    markExpressions();
    fitHeight();
    m_checkTimer.start();
    if (!m_settingText)
        emit edited();
}

void CodeEditor::validateNow()
{
    m_checkTimer.stop();
    check();
}

engine::Json CodeEditor::jsonValue() const
{
    const std::string text = this->text().toStdString();
    if (QString::fromStdString(text).trimmed().isEmpty())
        return nullptr;
    auto value = engine::parseJson(text);
    return value ? std::move(*value) : engine::Json();
}

void CodeEditor::check()
{
    m_checkTimer.stop();
    const QByteArray bytes = text().toUtf8();
    const std::string text = bytes.toStdString();
    using engine::SourceLocation;
    switch (m_mode) {
    case Mode::Json: {
        if (QString::fromUtf8(bytes).trimmed().isEmpty())
            return setError({}, 0, 0);
        auto parsed = engine::parseJson(text);
        if (!parsed)
            return setError(
                tr("Not valid JSON: %1").arg(QString::fromStdString(parsed.error().message)),
                parsed.error().location.line, parsed.error().location.column);
        const engine::Json value = std::move(*parsed);
        // Templates inside string leaves: locate the string in the text to place the mark.
        QString firstError;
        int errLine = 0, errColumn = 0;
        std::function<void(const engine::Json &)> walk = [&](const engine::Json &v) {
            if (!firstError.isEmpty())
                return;
            if (v.is_string()) {
                const std::string &s = v.get_ref<const std::string &>();
                if (s.find("{{") == std::string::npos)
                    return;
                auto parsed = engine::expr::Template::parse(s, SourceLocation{{}, 1, 1});
                if (parsed)
                    return;
                const std::string quoted = engine::dumpJson(engine::Json(s));
                const auto at = text.find(quoted);
                const qsizetype base = at == std::string::npos ? 0 : qsizetype(at) + 1;
                const int col =
                    parsed.error().location.line <= 1 ? parsed.error().location.column : 1;
                const auto [line, column] = lineColumn(bytes, base + std::max(col, 1) - 1);
                firstError = QString::fromStdString(parsed.error().message);
                errLine = line;
                errColumn = column;
                return;
            }
            if (v.is_structured())
                for (const auto &child : v)
                    walk(child);
        };
        walk(value);
        return setError(firstError, errLine, errColumn);
    }
    case Mode::Template:
    case Mode::Expression: {
        if (m_mode == Mode::Expression && QString::fromUtf8(bytes).trimmed().isEmpty())
            return setError({}, 0, 0);
        auto parsed =
            m_mode == Mode::Template
                ? engine::expr::Template::parse(text, SourceLocation{{}, 1, 1})
                : engine::expr::Template::parseBareExpression(text, SourceLocation{{}, 1, 1});
        if (parsed)
            return setError({}, 0, 0);
        const auto &loc = parsed.error().location;
        return setError(QString::fromStdString(parsed.error().message), std::max(loc.line, 1),
                        std::max(loc.column, 1));
    }
    case Mode::Script:
        // Scripts are checked when they run (QJSEngine lives in the engine); only brackets here.
        return setError({}, 0, 0);
    case Mode::Yaml: {
        auto parsed = engine::parseYaml(text, {});
        if (parsed)
            return setError({}, 0, 0);
        const auto &loc = parsed.error().location;
        return setError(QString::fromStdString(parsed.error().message), std::max(loc.line, 1),
                        std::max(loc.column, 1));
    }
    }
}

void CodeEditor::setError(const QString &message, int line, int column)
{
    const int length = static_cast<int>(SendScintilla(SCI_GETLENGTH));
    SendScintilla(SCI_SETINDICATORCURRENT, kErrorIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, length);
    clearAnnotations();
    if (!message.isEmpty()) {
        int pos = static_cast<int>(positionFromLineIndex(line - 1, column - 1));
        pos = std::clamp(pos, 0, length);
        // Mark from the reported column to the end of that word (at least one character).
        int end = static_cast<int>(SendScintilla(SCI_WORDENDPOSITION, pos, true));
        if (end <= pos)
            end = std::min(pos + 1, length);
        if (end <= pos && pos > 0) // error at the very end: mark the last character
            --pos;
        SendScintilla(SCI_INDICATORFILLRANGE, pos, end - pos);
        if (!m_singleLine)
            annotate(line - 1, QStringLiteral("%1: %2").arg(column).arg(message), 0);
        setToolTip(tr("Column %1: %2").arg(column).arg(message));
    } else {
        setToolTip({});
    }
    const bool changed = message != m_error || line != m_errorLine || column != m_errorColumn;
    m_error = message;
    m_errorLine = message.isEmpty() ? 0 : line;
    m_errorColumn = message.isEmpty() ? 0 : column;
    if (changed)
        emit errorChanged(m_error);
}

void CodeEditor::markExpressions()
{
    const QByteArray bytes = text().toUtf8();
    SendScintilla(SCI_SETINDICATORCURRENT, kExpressionIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, bytes.size());
    if (m_mode == Mode::Expression || m_mode == Mode::Script)
        return;
    qsizetype from = 0;
    while ((from = bytes.indexOf("{{", from)) >= 0) {
        qsizetype to = bytes.indexOf("}}", from + 2);
        to = to < 0 ? bytes.size() : to + 2;
        SendScintilla(SCI_INDICATORFILLRANGE, from, to - from);
        from = to;
    }
}

void CodeEditor::showLocation(int line, int column)
{
    setFocus(Qt::OtherFocusReason);
    setCursorPosition(std::max(line - 1, 0), std::max(column - 1, 0));
    ensureCursorVisible();
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (m_singleLine && enter && !isListActive()) {
        validateNow();
        emit editingFinished();
        event->accept();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QsciScintilla::resizeEvent(event);
    // A new width rewraps the text: fit once the wrap is laid out (not inside this event, as
    // fitting changes the height and would resize again).
    if (m_maxLines > 0 && event->oldSize().width() != event->size().width())
        QTimer::singleShot(0, this, &CodeEditor::fitHeight);
}

void CodeEditor::focusOutEvent(QFocusEvent *event)
{
    QsciScintilla::focusOutEvent(event);
    // The completion list takes focus while open; that is not the end of editing.
    if (!isListActive()) {
        validateNow();
        emit editingFinished();
    }
}

} // namespace tutti::editor
