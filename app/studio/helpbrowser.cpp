// The offline documentation window; see helpbrowser.h.
#include "helpbrowser.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace tutti::studio {

namespace {

const QString kRoot = QStringLiteral(":/tutti/docs/");
constexpr int kMaxImageWidth = 900;

} // namespace

QVariant DocumentationView::loadResource(int type, const QUrl &name)
{
    QVariant v = QTextBrowser::loadResource(type, name);
    if (type != QTextDocument::ImageResource || v.isNull())
        return v;
    QImage image;
    if (v.canConvert<QImage>() && v.typeId() == QMetaType::QImage)
        image = v.value<QImage>();
    else
        image.loadFromData(v.toByteArray());
    if (image.isNull())
        return v;
    // Full-size screenshots would make every page scroll sideways.
    const int width = std::min(kMaxImageWidth, std::max(320, viewport()->width() - 64));
    if (image.width() > width)
        image = image.scaledToWidth(width, Qt::SmoothTransformation);
    return image;
}

QStringList HelpBrowser::pages()
{
    static const QStringList order = {
        QStringLiteral("studio.md"),      QStringLiteral("flow-format.md"),
        QStringLiteral("expressions.md"), QStringLiteral("mocks.md"),
        QStringLiteral("simulation.md"),  QStringLiteral("traces.md"),
        QStringLiteral("serve.md"),       QStringLiteral("testing.md"),
        QStringLiteral("engine.md"),      QStringLiteral("architecture.md")};
    const QStringList present =
        QDir(kRoot).entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name);
    QStringList out;
    for (const QString &p : order)
        if (present.contains(p))
            out << p;
    for (const QString &p : present) // a page added later still shows, at the end
        if (!out.contains(p))
            out << p;
    return out;
}

QString HelpBrowser::pageTitle(const QString &page)
{
    QFile f(kRoot + page);
    if (f.open(QIODevice::ReadOnly))
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.startsWith(QStringLiteral("# ")))
                return line.mid(2).remove(QLatin1Char('`')).trimmed();
        }
    return page;
}

QString HelpBrowser::shortTitle(const QString &page)
{
    const QString title = pageTitle(page);
    const qsizetype cut = title.indexOf(QRegularExpression(QStringLiteral("[:(]")));
    return cut > 0 ? title.left(cut).trimmed() : title;
}

QUrl HelpBrowser::pageUrl(const QString &page)
{
    return QUrl(QStringLiteral("qrc") + kRoot + page);
}

HelpBrowser::HelpBrowser(QWidget *parent)
    : QWidget(parent, Qt::Window)
{
    setObjectName(QStringLiteral("helpBrowser"));
    setWindowTitle(tr("Tutti Studio Documentation"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto *bar = new QHBoxLayout;
    m_back = new QToolButton(this);
    m_back->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_back->setToolTip(tr("Back (Alt+Left)"));
    m_back->setShortcut(QKeySequence::Back);
    m_forward = new QToolButton(this);
    m_forward->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_forward->setToolTip(tr("Forward (Alt+Right)"));
    m_forward->setShortcut(QKeySequence::Forward);
    m_find = new QLineEdit(this);
    m_find->setObjectName(QStringLiteral("docFind"));
    m_find->setPlaceholderText(tr("Find in page (Ctrl+F, Enter for next)"));
    m_find->setClearButtonEnabled(true);
    m_status = new QLabel(this);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_back);
    bar->addWidget(m_forward);
    bar->addWidget(m_find, 1);
    bar->addWidget(m_status);
    layout->addLayout(bar);

    auto *split = new QSplitter(this);
    m_pages = new QListWidget(split);
    m_pages->setObjectName(QStringLiteral("docPages"));
    for (const QString &page : pages()) {
        auto *item = new QListWidgetItem(shortTitle(page), m_pages);
        item->setData(Qt::UserRole, page);
        item->setToolTip(pageTitle(page) + QStringLiteral("\ndocs/") + page);
    }
    m_view = new DocumentationView(split);
    m_view->setObjectName(QStringLiteral("docView"));
    m_view->setOpenLinks(false); // openLink decides: pages in place, the web outside
    m_view->document()->setDocumentMargin(16);
    split->addWidget(m_pages);
    split->addWidget(m_view);
    split->setStretchFactor(1, 1);
    m_pages->setMinimumWidth(160);
    m_pages->setSpacing(2);
    split->setSizes({200, 800});
    layout->addWidget(split, 1);

    connect(m_pages, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item && item->data(Qt::UserRole).toString() != currentPage())
            showPage(item->data(Qt::UserRole).toString());
    });
    connect(m_view, &QTextBrowser::anchorClicked, this, &HelpBrowser::openLink);
    connect(m_view, &QTextBrowser::sourceChanged, this, &HelpBrowser::onSourceChanged);
    connect(m_view, &QTextBrowser::backwardAvailable, m_back, &QWidget::setEnabled);
    connect(m_view, &QTextBrowser::forwardAvailable, m_forward, &QWidget::setEnabled);
    connect(m_back, &QToolButton::clicked, m_view, &QTextBrowser::backward);
    connect(m_forward, &QToolButton::clicked, m_view, &QTextBrowser::forward);
    connect(m_find, &QLineEdit::returnPressed, this, [this] { find(); });
    connect(m_find, &QLineEdit::textEdited, this, [this] {
        m_view->moveCursor(QTextCursor::Start);
        find();
    });
    auto *findKey = new QShortcut(QKeySequence::Find, this);
    connect(findKey, &QShortcut::activated, this, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    m_back->setEnabled(false);
    m_forward->setEnabled(false);
    resize(1000, 720);
}

bool HelpBrowser::showPage(const QString &page)
{
    const QString name = page.section(QLatin1Char('#'), 0, 0);
    if (!QFile::exists(kRoot + name))
        return false;
    QUrl url = pageUrl(name);
    if (const QString anchor = page.section(QLatin1Char('#'), 1); !anchor.isEmpty())
        url.setFragment(anchor);
    m_view->setSource(url, QTextDocument::MarkdownResource);
    return true;
}

QString HelpBrowser::currentPage() const
{
    return m_view->source().fileName();
}

void HelpBrowser::openLink(const QUrl &link)
{
    const QUrl url = m_view->source().resolved(link);
    if (url.scheme() == u"qrc") {
        if (url.path().endsWith(QLatin1String(".md")) && QFile::exists(u':' + url.path())) {
            m_view->setSource(url, QTextDocument::MarkdownResource);
            return;
        }
        if (url.path() == m_view->source().path() && url.hasFragment()) {
            m_view->scrollToAnchor(url.fragment());
            return;
        }
        m_status->setText(tr("%1 is not part of the offline documentation").arg(link.toString()));
        return;
    }
    QDesktopServices::openUrl(url); // http(s), mailto
}

void HelpBrowser::onSourceChanged(const QUrl &url)
{
    m_status->clear();
    const QString page = url.fileName();
    for (int i = 0; i < m_pages->count(); ++i)
        if (m_pages->item(i)->data(Qt::UserRole).toString() == page) {
            const QSignalBlocker block(m_pages);
            m_pages->setCurrentRow(i);
        }
    setWindowTitle(tr("%1 — Tutti Studio Documentation").arg(pageTitle(page)));
}

void HelpBrowser::find(bool backward)
{
    const QString text = m_find->text();
    if (text.isEmpty()) {
        m_status->clear();
        return;
    }
    QTextDocument::FindFlags flags;
    if (backward)
        flags |= QTextDocument::FindBackward;
    if (!m_view->find(text, flags)) {
        m_view->moveCursor(backward ? QTextCursor::End : QTextCursor::Start);
        m_status->setText(m_view->find(text, flags) ? tr("wrapped") : tr("not found"));
    } else {
        m_status->clear();
    }
}

} // namespace tutti::studio
