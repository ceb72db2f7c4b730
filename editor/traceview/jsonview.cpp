// Read-only JSON with folding and find, over the studio's code editor.
#include <editor/traceview/jsonview.h>

#include <editor/codeeditor.h>

#include <engine/core/jsonio.h>

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace tutti::editor {

JsonView::JsonView(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(CodeEditor::Mode::Json, this))
    , m_find(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_placeholder(new QLabel(this))
{
    m_placeholder->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setContentsMargins(6, 6, 6, 6);
    m_placeholder->hide();
    m_editor->setDisplayOnly(true);
    m_editor->setFolding(QsciScintilla::BoxedTreeFoldStyle, 2);
    m_editor->setMarginType(0, QsciScintilla::NumberMargin);
    m_editor->setMarginLineNumbers(0, true);
    m_editor->setMarginWidth(0, QStringLiteral("0000"));
    m_editor->setWrapMode(QsciScintilla::WrapWord);

    m_find->setPlaceholderText(tr("Find in JSON"));
    m_find->setClearButtonEnabled(true);
    m_find->installEventFilter(this);
    auto *prev = new QToolButton(this);
    prev->setText(QStringLiteral("↑"));
    prev->setToolTip(tr("Previous match (Shift+Enter)"));
    prev->setAutoRaise(true);
    auto *next = new QToolButton(this);
    next->setText(QStringLiteral("↓"));
    next->setToolTip(tr("Next match (Enter, F3)"));
    next->setAutoRaise(true);
    auto *fold = new QToolButton(this);
    fold->setText(tr("Fold"));
    fold->setToolTip(tr("Fold every object and array (click a ⊟ in the margin for one)"));
    fold->setAutoRaise(true);
    fold->setCheckable(true);
    m_count->setMinimumWidth(60);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(2);
    bar->addWidget(m_find, 1);
    bar->addWidget(m_count);
    bar->addWidget(prev);
    bar->addWidget(next);
    bar->addWidget(fold);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    layout->addLayout(bar);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_placeholder, 1);

    connect(m_find, &QLineEdit::textChanged, this, [this] {
        countMatches();
        m_editor->setSelection(0, 0, 0, 0);
        if (!m_find->text().isEmpty())
            findNext();
    });
    connect(next, &QToolButton::clicked, this, [this] { findNext(); });
    connect(prev, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(fold, &QToolButton::toggled, this, &JsonView::foldAll);
}

void JsonView::setJson(const engine::Json &value, const QString &placeholder)
{
    // Nothing to show: a sentence instead of the editor (it is not JSON, so not in it).
    m_empty = value.is_null();
    m_editor->setReadOnly(false);
    m_editor->setPlainText(m_empty ? QString()
                                   : QString::fromStdString(engine::dumpJson(value, 2)));
    m_editor->setReadOnly(true);
    m_placeholder->setText(placeholder);
    m_placeholder->setVisible(m_empty);
    m_editor->setVisible(!m_empty);
    m_find->setEnabled(!m_empty);
    countMatches();
}

QString JsonView::text() const
{
    return m_empty ? m_placeholder->text() : m_editor->text();
}

bool JsonView::findNext(bool backwards)
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return false;
    if (!backwards)
        return m_editor->findFirst(needle, false, false, false, true, true);
    // Backwards from the start of the current match, not from its end.
    int line = 0, index = 0, toLine = 0, toIndex = 0;
    m_editor->getSelection(&line, &index, &toLine, &toIndex);
    if (line < 0)
        m_editor->getCursorPosition(&line, &index);
    return m_editor->findFirst(needle, false, false, false, true, false, line, index);
}

void JsonView::foldAll(bool folded)
{
    // Scintilla toggles: fold only what is open, unfold only what is folded.
    const int lines = m_editor->lines();
    for (int line = 0; line < lines; ++line) {
        const int level =
            static_cast<int>(m_editor->SendScintilla(QsciScintilla::SCI_GETFOLDLEVEL, line));
        const bool header = level & QsciScintilla::SC_FOLDLEVELHEADERFLAG;
        const int depth =
            (level & QsciScintilla::SC_FOLDLEVELNUMBERMASK) - QsciScintilla::SC_FOLDLEVELBASE;
        if (!header || depth < 1)
            continue;
        const bool expanded =
            m_editor->SendScintilla(QsciScintilla::SCI_GETFOLDEXPANDED, line) != 0;
        if (expanded == folded)
            m_editor->SendScintilla(QsciScintilla::SCI_TOGGLEFOLD, line);
    }
}

void JsonView::countMatches()
{
    const QString needle = m_find->text();
    m_matches = needle.isEmpty() || m_empty
                    ? 0
                    : static_cast<int>(m_editor->text().count(needle, Qt::CaseInsensitive));
    m_count->setText(needle.isEmpty() ? QString()
                     : m_matches == 0
                         ? tr("no match")
                         : (m_matches == 1 ? tr("1 match") : tr("%1 matches").arg(m_matches)));
}

bool JsonView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_find && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter ||
            key->key() == Qt::Key_F3) {
            findNext(key->modifiers() & Qt::ShiftModifier);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace tutti::editor
