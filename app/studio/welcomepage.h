// What the studio shows while no flow is open (and so on first start): how to begin — new flow,
// open flow, open workspace, the documentation —, the recent files, and the bundled examples
// with their descriptions; a click opens one. It covers its parent (the empty tab area).
#pragma once

#include "bundledexamples.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace tutti::studio {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    // Covers `parent` (kept the parent's size).
    explicit WelcomePage(QWidget *parent);

    void setRecentFiles(const QStringList &paths);
    // The one-time greeting for someone who has never started the studio.
    void setFirstRun(bool firstRun);

signals:
    void newFlowRequested();
    void openFlowRequested();
    void openWorkspaceRequested();
    void documentationRequested();
    void shortcutsRequested();
    void recentRequested(const QString &path);
    void exampleRequested(const tutti::studio::BundledExample &example);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLabel *m_greeting;
    QVBoxLayout *m_recent;
};

} // namespace tutti::studio
