// Helpers for tests that drive the studio's real main window offscreen: settings kept away
// from the user's, a copy of an example workspace, and the window's actions by shortcut.
#pragma once

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMainWindow>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace studiotest {

// QSettings (recent files, window state, last workspace) go to a test location.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("TuttiTest"));
    QApplication::setApplicationName(QStringLiteral("tst_studio"));
}

// A copy of resources/examples/NAME in `dir`, so opening it (autosave folder, recent files)
// never touches the source tree; returns the flow file's path.
inline QString copyExample(const QTemporaryDir &dir, const QString &name)
{
    const QDir from(QStringLiteral(TUTTI_EXAMPLES "/") + name);
    QDirIterator it(from.absolutePath(), QDir::Files, QDirIterator::Subdirectories);
    QString flow;
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = dir.filePath(from.relativeFilePath(source));
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(source, target);
        if (target.endsWith(QLatin1String(".flow.yaml")))
            flow = target;
    }
    return flow;
}

// Every action of the window: its own, its menus' and docks', and those added to any widget.
inline QList<QAction *> allActions(QMainWindow &window)
{
    QList<QAction *> out;
    auto add = [&out](QAction *a) {
        if (a && !out.contains(a))
            out << a;
    };
    for (QAction *a : window.findChildren<QAction *>())
        add(a);
    for (QAction *a : window.actions())
        add(a);
    for (QWidget *w : window.findChildren<QWidget *>())
        for (QAction *a : w->actions())
            add(a);
    return out;
}

inline QAction *actionWithShortcut(QMainWindow &window, const QKeySequence &key)
{
    for (QAction *a : allActions(window))
        if (a->shortcuts().contains(key))
            return a;
    return nullptr;
}

} // namespace studiotest
