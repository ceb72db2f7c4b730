// The welcome page; see welcomepage.h.
#include "welcomepage.h"

#include <QCommandLinkButton>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFontMetrics>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace tutti::studio {

namespace {

constexpr int kMaxRecent = 6;
constexpr int kMinColumnWidth = 300;

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    l->setFont(f);
    l->setContentsMargins(0, 12, 0, 4);
    return l;
}

QCommandLinkButton *link(const QString &text, const QString &description, const QString &name,
                         QWidget *parent)
{
    auto *b = new QCommandLinkButton(text, description, parent);
    b->setObjectName(name);
    b->setCursor(Qt::PointingHandCursor);
    // Inside a scroll area the layout ignores height-for-width and would squeeze the wrapped
    // description: reserve the height it needs at the narrowest column.
    b->setMinimumWidth(kMinColumnWidth);
    b->setMinimumHeight(b->heightForWidth(kMinColumnWidth));
    return b;
}

// ~ for the home folder: shorter and still exact.
QString shortPath(const QString &path)
{
    const QString home = QDir::homePath();
    return path.startsWith(home + QLatin1Char('/')) ? QStringLiteral("~") + path.mid(home.size())
                                                    : path;
}

} // namespace

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setBackgroundRole(QPalette::Base);
    outer->addWidget(scroll);

    auto *content = new QWidget(scroll);
    content->setBackgroundRole(QPalette::Base);
    auto *centre = new QHBoxLayout(content);
    auto *column = new QWidget(content);
    column->setMaximumWidth(1000);
    centre->addStretch(1);
    centre->addWidget(column, 100);
    centre->addStretch(1);
    scroll->setWidget(content);

    auto *main = new QVBoxLayout(column);
    main->setContentsMargins(24, 24, 24, 24);
    auto *title = new QLabel(tr("Tutti Studio"), column);
    QFont tf = title->font();
    tf.setPointSizeF(tf.pointSizeF() * 2);
    tf.setBold(true);
    title->setFont(tf);
    main->addWidget(title);
    auto *tagline = new QLabel(tr("Design, run and break API orchestration flows."), column);
    tagline->setForegroundRole(QPalette::PlaceholderText);
    main->addWidget(tagline);
    m_greeting = new QLabel(column);
    m_greeting->setObjectName(QStringLiteral("welcomeGreeting"));
    m_greeting->setWordWrap(true);
    m_greeting->setText(
        tr("New here? Open an example on the right: each is a workspace with a flow and the mocks "
           "it talks to, so <b>Run</b> (F5) and <b>Simulate</b> (F6) work without a network. "
           "Help › Documentation (F1) has the flow format and every panel."));
    m_greeting->setContentsMargins(0, 8, 0, 0);
    m_greeting->hide();
    main->addWidget(m_greeting);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(32);
    main->addLayout(grid);

    // Start and recent files on the left.
    auto *left = new QVBoxLayout;
    left->addWidget(heading(tr("Start"), column));
    struct Start {
        QString text, description, name;
        void (WelcomePage::*signal)();
    };
    const Start starts[] = {
        {tr("New Flow"), tr("Start a flow in a new tab (Ctrl+N)"), QStringLiteral("welcomeNew"),
         &WelcomePage::newFlowRequested},
        {tr("Open Flow…"), tr("A flow, mock or profile file (Ctrl+O)"),
         QStringLiteral("welcomeOpen"), &WelcomePage::openFlowRequested},
        {tr("Open Workspace…"), tr("A folder with flows, mocks/ and profiles/ (Ctrl+Shift+O)"),
         QStringLiteral("welcomeWorkspace"), &WelcomePage::openWorkspaceRequested},
        {tr("Documentation"), tr("The flow format, the studio, mocks and simulation (F1)"),
         QStringLiteral("welcomeDocs"), &WelcomePage::documentationRequested},
        {tr("Keyboard Shortcuts"), tr("Every menu action and its keys"),
         QStringLiteral("welcomeShortcuts"), &WelcomePage::shortcutsRequested},
    };
    for (const Start &s : starts) {
        QCommandLinkButton *b = link(s.text, s.description, s.name, column);
        connect(b, &QCommandLinkButton::clicked, this, s.signal);
        left->addWidget(b);
    }
    left->addWidget(heading(tr("Recent"), column));
    m_recent = new QVBoxLayout;
    left->addLayout(m_recent);
    left->addStretch(1);
    grid->addLayout(left, 0, 0);

    // The bundled examples on the right.
    auto *right = new QVBoxLayout;
    right->addWidget(heading(tr("Examples"), column));
    const QList<BundledExample> examples = BundledExamples::list();
    for (const BundledExample &e : examples) {
        QCommandLinkButton *b =
            link(e.name, e.description, QStringLiteral("example:") + e.folder, column);
        b->setToolTip(tr("Opens a copy of the %1 example in %2")
                          .arg(e.folder, shortPath(BundledExamples::copyRoot())));
        connect(b, &QCommandLinkButton::clicked, this, [this, e] { emit exampleRequested(e); });
        right->addWidget(b);
    }
    if (examples.isEmpty())
        right->addWidget(new QLabel(tr("This build has no bundled examples."), column));
    auto *note =
        new QLabel(tr("An example opens as your own copy: edit and run it freely."), column);
    note->setForegroundRole(QPalette::PlaceholderText);
    note->setWordWrap(true);
    right->addWidget(note);
    right->addStretch(1);
    grid->addLayout(right, 0, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    main->addStretch(1);

    setRecentFiles({});
    parent->installEventFilter(this);
    setGeometry(parent->rect());
}

void WelcomePage::setFirstRun(bool firstRun)
{
    m_greeting->setVisible(firstRun);
}

void WelcomePage::setRecentFiles(const QStringList &paths)
{
    while (QLayoutItem *item = m_recent->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int shown = 0;
    for (const QString &path : paths) {
        if (shown == kMaxRecent)
            break;
        if (!QFileInfo::exists(path))
            continue;
        // The folder on one line, elided in the middle: its start and its end tell most.
        const QString folder = QFontMetrics(font()).elidedText(
            shortPath(QFileInfo(path).absolutePath()), Qt::ElideMiddle, kMinColumnWidth - 40);
        QCommandLinkButton *b =
            link(QFileInfo(path).fileName(), folder, QStringLiteral("recent:") + path, this);
        b->setToolTip(path);
        connect(b, &QCommandLinkButton::clicked, this,
                [this, path] { emit recentRequested(path); });
        m_recent->addWidget(b);
        ++shown;
    }
    if (shown == 0) {
        auto *none = new QLabel(tr("Nothing opened yet."), this);
        none->setForegroundRole(QPalette::PlaceholderText);
        none->setContentsMargins(12, 0, 0, 0);
        m_recent->addWidget(none);
    }
}

bool WelcomePage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parent() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

} // namespace tutti::studio
