// Help › Documentation (F1): the docs/*.md pages, compiled into the studio as resources
// (:/tutti/docs, app/CMakeLists.txt), readable offline: the page list on the left, the page on
// the right with its screenshots; links between pages open in place, web links in the browser.
#pragma once

#include <QTextBrowser>
#include <QUrl>
#include <QWidget>

class QLabel;
class QListWidget;
class QLineEdit;
class QToolButton;

namespace tutti::studio {

// The page view: scales screenshots down to the width of the view.
class DocumentationView : public QTextBrowser {
    Q_OBJECT
public:
    using QTextBrowser::QTextBrowser;
    QVariant loadResource(int type, const QUrl &name) override;
};

class HelpBrowser : public QWidget {
    Q_OBJECT
public:
    explicit HelpBrowser(QWidget *parent = nullptr);

    // "flow-format.md" (with an optional "#anchor"); false when there is no such page.
    bool showPage(const QString &page);
    // The pages in reading order: the studio first, then the formats, then the internals.
    static QStringList pages();
    // A page's first heading, without Markdown code marks ("Flow file reference (*.flow.yaml)").
    static QString pageTitle(const QString &page);
    // The title up to its first ':' or '(' for the page list ("Flow file reference").
    static QString shortTitle(const QString &page);
    static QUrl pageUrl(const QString &page);

    DocumentationView *view() const { return m_view; }
    QListWidget *pageList() const { return m_pages; }
    QString currentPage() const; // "studio.md"

private:
    void openLink(const QUrl &url);
    void onSourceChanged(const QUrl &url);
    void find(bool backward = false);

    QListWidget *m_pages;
    DocumentationView *m_view;
    QLineEdit *m_find;
    QLabel *m_status;
    QToolButton *m_back, *m_forward;
};

} // namespace tutti::studio
