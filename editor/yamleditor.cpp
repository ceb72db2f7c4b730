// YAML view with two-way sync; see yamleditor.h.
#include <editor/yamleditor.h>

#include <editor/commands.h>

#include <document/flowdocument.h>
#include <engine/model/yamldoc.h>

#include <Qsci/qscilexeryaml.h>
#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>

#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QUndoStack>
#include <QVBoxLayout>

namespace tutti::editor {

namespace {
constexpr int kErrorMarker = 1;
constexpr int kProblemMarker = 2;
constexpr int kErrorIndicator = 8;
constexpr int kProblemIndicator = 9;
} // namespace

YamlEditor::YamlEditor(engine::FlowDocument *doc, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_undo(undoStack)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_editor = new QsciScintilla(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto *lexer = new QsciLexerYAML(m_editor);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono);
    m_editor->setLexer(lexer);
    m_editor->setUtf8(true);
    m_editor->setIndentationsUseTabs(false);
    m_editor->setIndentationWidth(2);
    m_editor->setTabWidth(2);
    m_editor->setAutoIndent(true);
    m_editor->setMarginType(0, QsciScintilla::NumberMargin);
    m_editor->setMarginLineNumbers(0, true);
    m_editor->setMarginWidth(0, QStringLiteral("00000"));
    m_editor->setMarginWidth(1, 14);
    m_editor->setMarginSensitivity(1, false);
    m_editor->markerDefine(QsciScintilla::Circle, kErrorMarker);
    m_editor->setMarkerBackgroundColor(QColor(0xdc, 0x26, 0x26), kErrorMarker);
    m_editor->setMarkerForegroundColor(QColor(0xdc, 0x26, 0x26), kErrorMarker);
    m_editor->markerDefine(QsciScintilla::RightTriangle, kProblemMarker);
    m_editor->setMarkerBackgroundColor(QColor(0xea, 0x8a, 0x0c), kProblemMarker);
    m_editor->indicatorDefine(QsciScintilla::SquiggleIndicator, kErrorIndicator);
    m_editor->setIndicatorForegroundColor(QColor(0xdc, 0x26, 0x26), kErrorIndicator);
    m_editor->indicatorDefine(QsciScintilla::SquiggleIndicator, kProblemIndicator);
    m_editor->setIndicatorForegroundColor(QColor(0xea, 0x8a, 0x0c), kProblemIndicator);
    m_editor->setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    m_editor->setCaretLineVisible(true);
    m_editor->setCaretLineBackgroundColor(QColor(0xf3, 0xf4, 0xf6));
    m_editor->setWrapMode(QsciScintilla::WrapNone);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setContentsMargins(6, 3, 6, 3);
    m_status->setStyleSheet(QStringLiteral("QLabel { background: #fee2e2; color: #991b1b; }"));
    m_status->hide();
    layout->addWidget(m_editor);
    layout->addWidget(m_status);

    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(400); // a pause in typing
    connect(&m_commitTimer, &QTimer::timeout, this, &YamlEditor::commitNow);
    connect(m_editor, &QsciScintilla::textChanged, this, &YamlEditor::onTextChanged);
    connect(doc, &engine::FlowDocument::contentChanged, this, &YamlEditor::refreshFromModel);
    connect(doc, &engine::FlowDocument::problemsChanged, this, &YamlEditor::markProblems);
    refreshFromModel();
}

QString YamlEditor::text() const
{
    return m_editor->text();
}

void YamlEditor::setText(const QString &text)
{
    m_editor->setText(text); // goes through onTextChanged like typing
}

void YamlEditor::refreshFromModel()
{
    if (m_pushing)
        return; // our own edit: the text already says it
    // Typing the document does not hold (not applied yet, or not parsing) that an edit elsewhere
    // (canvas, inspector, undo) replaces: replaced undoably, so Ctrl+Z here brings it back.
    const bool replacesTyping =
        (m_commitTimer.isActive() || m_parseError) && !m_doc->unparsedText().has_value();
    m_commitTimer.stop();
    const QString text = QString::fromStdString(m_doc->fileText());
    if (text != m_editor->text()) {
        int line = 0, index = 0;
        m_editor->getCursorPosition(&line, &index);
        const int first = m_editor->firstVisibleLine();
        m_applying = true;
        if (replacesTyping) {
            m_editor->selectAll();
            m_editor->replaceSelectedText(text);
        } else {
            m_editor->setText(text);
        }
        m_applying = false;
        m_editor->setCursorPosition(std::min(line, std::max(0, m_editor->lines() - 1)), index);
        m_editor->setFirstVisibleLine(first);
        if (replacesTyping)
            emit typingReplaced();
    }
    // Unparsed text (a file opened or restored that does not parse) keeps its error marked.
    std::optional<engine::Error> error;
    if (const auto &unparsed = m_doc->unparsedText())
        if (auto parsed = engine::parseYaml(*unparsed, m_doc->filePath()); !parsed)
            error = parsed.error();
    if (error || m_parseError) {
        m_parseError = std::move(error);
        markParseError();
    }
    markProblems();
    emit screenTextChanged();
}

void YamlEditor::onTextChanged()
{
    if (m_applying)
        return;
    m_commitTimer.start();
    emit screenTextChanged();
}

void YamlEditor::commitNow()
{
    m_commitTimer.stop();
    const std::string text = m_editor->text().toStdString();
    auto parsed = engine::parseYaml(text, m_doc->filePath());
    if (!parsed) {
        // The user's text: kept as typed (saving writes it), its error listed as a problem.
        m_parseError = parsed.error();
        markParseError();
        m_doc->setUnparsedText(text);
        emit screenTextChanged();
        return;
    }
    const bool hadError = m_parseError.has_value();
    m_parseError.reset();
    if (hadError)
        markParseError();
    m_doc->setUnparsedText(std::nullopt);
    // Comments and formatting are edits too: the text is what gets saved.
    if (parsed->root != m_doc->document() || text != m_doc->yamlText()) {
        m_pushing = true;
        m_undo->push(new ReplaceDocumentCommand(m_doc, m_doc->document(), m_doc->yamlText(),
                                                std::move(parsed->root), text));
        m_pushing = false;
    }
    markProblems();
    emit screenTextChanged();
}

QString YamlEditor::parseErrorText() const
{
    if (!m_parseError)
        return {};
    const auto &loc = m_parseError->location;
    QString where = m_doc->filePath().empty()
                        ? tr("untitled.flow.yaml")
                        : QFileInfo(QString::fromStdString(m_doc->filePath())).fileName();
    if (loc.line > 0)
        where += QStringLiteral(":%1").arg(loc.line);
    if (loc.column > 0)
        where += QStringLiteral(":%1").arg(loc.column);
    return where + QStringLiteral(": ") + QString::fromStdString(m_parseError->message);
}

void YamlEditor::markParseError()
{
    m_editor->markerDeleteAll(kErrorMarker);
    m_editor->clearAnnotations();
    m_editor->clearIndicatorRange(0, 0, m_editor->lines(), 0, kErrorIndicator);
    if (!m_parseError) {
        m_status->hide();
        emit parseErrorChanged(QString());
        return;
    }
    const auto &loc = m_parseError->location;
    const int line = std::max(0, loc.line - 1);
    const int col = std::max(0, loc.column - 1);
    const QString message = loc.isKnown() ? tr("Line %1, column %2: %3")
                                                .arg(loc.line)
                                                .arg(loc.column)
                                                .arg(QString::fromStdString(m_parseError->message))
                                          : QString::fromStdString(m_parseError->message);
    m_editor->markerAdd(line, kErrorMarker);
    const int lineLength = std::max(1, m_editor->lineLength(line) - 1);
    m_editor->fillIndicatorRange(line, std::min(col, lineLength - 1), line, lineLength,
                                 kErrorIndicator);
    QsciStyle style(-1, QStringLiteral("parse error"), QColor(0x99, 0x1b, 0x1b),
                    QColor(0xfe, 0xe2, 0xe2), m_editor->font());
    m_editor->annotate(
        line, tr("YAML error: %1").arg(QString::fromStdString(m_parseError->message)), style);
    // A file that never parsed has no last version to draw.
    m_status->setText((m_doc->steps().empty()
                           ? tr("The YAML does not parse — %1. The canvas is drawn once it does; "
                                "saving keeps your text as typed.")
                           : tr("The YAML does not parse — %1. The canvas shows the last version "
                                "that did; saving keeps your text as typed."))
                          .arg(parseErrorText()));
    m_status->show();
    emit parseErrorChanged(message);
}

void YamlEditor::markProblems()
{
    m_editor->markerDeleteAll(kProblemMarker);
    m_editor->clearIndicatorRange(0, 0, m_editor->lines(), 0, kProblemIndicator);
    // Locations refer to the document's text; only mark them while the editor shows that text.
    if (m_parseError || m_editor->text().toStdString() != m_doc->yamlText())
        return;
    for (const auto &problem : m_doc->problems()) {
        if (!problem.location.isKnown())
            continue;
        const int line = problem.location.line - 1;
        const int col = std::max(0, problem.location.column - 1);
        m_editor->markerAdd(line, kProblemMarker);
        const int lineLength = std::max(1, m_editor->lineLength(line) - 1);
        m_editor->fillIndicatorRange(line, std::min(col, lineLength - 1), line, lineLength,
                                     kProblemIndicator);
    }
}

void YamlEditor::showLocation(int line, int column)
{
    m_editor->setCursorPosition(std::max(0, line - 1), std::max(0, column - 1));
    m_editor->ensureLineVisible(std::max(0, line - 1));
    m_editor->setFocus();
}

} // namespace tutti::editor
