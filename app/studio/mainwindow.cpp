// The studio's main window; see mainwindow.h.
#include "mainwindow.h"

#include "exportdialog.h"
#include "runbrowser.h"
#include "studiodebugger.h"
#include "studiohelp.h"
#include "studioicon.h"
#include "studiopanels.h"

#include <app/studio/services/studioservices.h>

#include <editor/findbar.h>
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/mockeditor.h>
#include <editor/palette.h>
#include <editor/steppresentation.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>
#include <document/newflow.h>
#include <document/specdocument.h>
#include <engine/model/yamldoc.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoGroup>
#include <QUndoStack>

namespace tutti::studio {

using editor::FlowEditor;

namespace {

constexpr int kMaxRecent = 10;

// Every key of an action once, standard keys expanded for this platform: a standard key may
// already stand for one of the others (Redo is Ctrl+Shift+Z on X11), and one key registered twice
// is an "Ambiguous shortcut overload" that never fires.
QList<QKeySequence> uniqueKeys(const QList<QKeySequence> &keys)
{
    QList<QKeySequence> out;
    for (const QKeySequence &k : keys)
        if (!k.isEmpty() && !out.contains(k))
            out << k;
    return out;
}
QList<QKeySequence> keysOf(QKeySequence::StandardKey standard, const QList<QKeySequence> &more = {})
{
    return uniqueKeys(QKeySequence::keyBindings(standard) + more);
}
// The version of saved window states: bump it when the default layout changes, so a state saved
// by an older layout is ignored (restoreState refuses another version) and the new default shows.
constexpr int kLayoutVersion = 4; // 3: History and Run Viewer docks; 4: Debugger dock
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kMiniMapKey = QStringLiteral("view/minimap");

QString errorText(const engine::Error &e)
{
    return QString::fromStdString(e.toString());
}

// SPEC §2: the nearest folder at or above the flow holding tutti.yaml, else the flow's folder.
QString workspaceOf(const QString &flowPath)
{
    QDir dir = QFileInfo(flowPath).absoluteDir();
    const QDir start = dir;
    do {
        if (dir.exists(QStringLiteral("tutti.yaml")))
            return dir.absolutePath();
    } while (dir.cdUp());
    return start.absolutePath();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("StudioMainWindow"));
    setWindowIcon(studioIcon());
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks |
                   QMainWindow::AllowNestedDocks);
    m_undoGroup = new QUndoGroup(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentChanged);

    m_problemsLabel = new QLabel(this);
    m_problemsLabel->setObjectName(QStringLiteral("problemsLabel"));
    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setMinimumWidth(60);
    statusBar()->addPermanentWidget(m_problemsLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);

    createDocks();
    createActions();
    m_studioPanels = new StudioPanels(this);
    m_runBrowser = new RunBrowser(this, m_studioPanels);
    m_debugger = new StudioDebugger(this, m_studioPanels);

    restoreWindowState();

    // The interval (and whether it runs) is a setting: StudioHelp applies it.
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosaveNow);
    updateTitle();
    updateActions();
    statusBar()->showMessage(tr("Ready"), 3000);
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    m_tree->setObjectName(QStringLiteral("workspaceTree"));
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString path = item->data(0, Qt::UserRole).toString();
        if (path.endsWith(QLatin1String(".flow.yaml")))
            openFlow(path);
        else if (editor::MockEditor::kindOf(path))
            openSpec(path);
        else if (!path.isEmpty())
            statusBar()->showMessage(
                tr("%1 is used by the run and simulate panels").arg(QFileInfo(path).fileName()),
                4000);
    });
    m_workspaceDock = new QDockWidget(tr("Workspace"), this);
    m_workspaceDock->setObjectName(QStringLiteral("workspaceDock"));
    m_workspaceDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, m_workspaceDock);

    m_palette = new editor::Palette(this);
    m_paletteDock = new QDockWidget(tr("Steps"), this);
    m_paletteDock->setObjectName(QStringLiteral("paletteDock"));
    m_paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, m_paletteDock);
    tabifyDockWidget(m_workspaceDock, m_paletteDock);
    // The side columns run the window's full height; the bottom panels sit under the canvas.
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    connect(m_palette, &editor::Palette::stepRequested, this, [this](const QString &type) {
        if (FlowEditor *e = currentEditor())
            e->addStep(type);
    });
}

void MainWindow::resetLayout()
{
    // One column on the left (Workspace and Steps tabbed, the Inspector under them), the canvas
    // with its YAML view in the middle, Run, Simulation, Problems, History and Run Viewer tabbed
    // under the canvas.
    auto dock = [this](const QString &name) { return findChild<QDockWidget *>(name); };
    QDockWidget *inspector = dock(QStringLiteral("inspectorDock"));
    QDockWidget *run = dock(QStringLiteral("runDock"));
    m_hiddenForSpec.clear(); // every dock is shown below; a current mock tab hides its own again
    QList<QDockWidget *> bottom;
    for (const QString &name : {QStringLiteral("runDock"), QStringLiteral("debuggerDock"),
                                QStringLiteral("simulationDock"), QStringLiteral("problemsDock"),
                                QStringLiteral("historyDock"), QStringLiteral("runViewerDock")})
        if (QDockWidget *d = dock(name))
            bottom << d;
    for (QDockWidget *d : findChildren<QDockWidget *>())
        d->setFloating(false);
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, m_workspaceDock);
    if (inspector)
        splitDockWidget(m_workspaceDock, inspector, Qt::Vertical);
    tabifyDockWidget(m_workspaceDock, m_paletteDock);
    for (QDockWidget *d : std::as_const(bottom)) {
        addDockWidget(Qt::BottomDockWidgetArea, d);
        if (d != bottom.front())
            tabifyDockWidget(bottom.front(), d);
    }
    for (QDockWidget *d : {m_workspaceDock, m_paletteDock, inspector, run})
        if (d)
            d->show();
    for (QDockWidget *d : std::as_const(bottom))
        d->show();
    m_paletteDock->raise(); // editing is what the window is for; the workspace is a tab away
    if (run)
        run->raise();
    updateFlowDocks();

    // Sizes need the real layout: before the window is shown they wait for showEvent.
    m_defaultSizesPending = true;
    if (!isVisible())
        return; // each editor splits itself at its first real size
    applyDefaultSizes();
    // The docks' new sizes reach the editors with the next layout pass.
    QTimer::singleShot(0, this, [this] {
        for (FlowEditor *e : editors())
            e->resetSplit();
    });
}

void MainWindow::applyDefaultSizes()
{
    m_defaultSizesPending = false;
    auto dock = [this](const QString &name) { return findChild<QDockWidget *>(name); };
    QDockWidget *inspector = dock(QStringLiteral("inspectorDock"));
    QDockWidget *run = dock(QStringLiteral("runDock"));
    const int column = std::clamp(width() * 19 / 100, 250, 320);
    const int panel = std::clamp(height() * 25 / 100, 200, 280);
    resizeDocks({m_workspaceDock}, {column}, Qt::Horizontal);
    if (inspector)
        resizeDocks({m_workspaceDock, inspector}, {height() * 35 / 100, height() * 65 / 100},
                    Qt::Vertical);
    if (run)
        resizeDocks({run}, {panel}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_defaultSizesPending)
        applyDefaultSizes();
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1400, 900);
    // A missing state, or one saved by another layout version, gives the default layout.
    if (!restoreState(settings.value(kStateKey).toByteArray(), kLayoutVersion))
        resetLayout();
}

void MainWindow::saveWindowState()
{
    // Docks hidden only because a mock or profile tab is current are saved as the user has them.
    const QList<QPointer<QDockWidget>> hidden = std::exchange(m_hiddenForSpec, {});
    for (QDockWidget *d : hidden)
        if (d)
            d->show();
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kLayoutVersion));
    m_hiddenForSpec = hidden;
    for (QDockWidget *d : hidden)
        if (d)
            d->hide();
}

void MainWindow::updateFlowDocks()
{
    // The docks only a flow uses give their space to a mock or profile tab (which lists its own
    // problems under its YAML), and those that were shown come back with the next flow tab or
    // the welcome page.
    if (currentSpecEditor()) {
        for (const QString &name :
             {QStringLiteral("inspectorDock"), QStringLiteral("runDock"),
              QStringLiteral("debuggerDock"), QStringLiteral("simulationDock"),
              QStringLiteral("problemsDock"), QStringLiteral("paletteDock")})
            if (QDockWidget *d = findChild<QDockWidget *>(name); d && !d->isHidden()) {
                m_hiddenForSpec << d;
                d->hide();
            }
        return;
    }
    const QList<QPointer<QDockWidget>> hidden = std::exchange(m_hiddenForSpec, {});
    for (QDockWidget *d : hidden)
        if (d)
            d->show();
}

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    auto onEditor = [this](auto fn) {
        return [this, fn] {
            if (FlowEditor *e = currentEditor())
                fn(e);
        };
    };

    // File
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(make(tr("&New Flow"), QKeySequence::New, [this] { newFlow(); }));
    file->addAction(make(tr("&Open Flow…"), QKeySequence::Open, [this] { openDialog(); }));
    file->addAction(make(tr("Open &Workspace…"), QKeySequence(tr("Ctrl+Shift+O")),
                         [this] { openWorkspaceDialog(); }));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    m_save = make(tr("&Save"), QKeySequence::Save, [this] {
        if (auto *m = currentSpecEditor())
            saveSpec(m);
        else if (FlowEditor *e = currentEditor())
            save(e);
    });
    m_saveAs = make(tr("Save &As…"), QKeySequence::SaveAs, [this] {
        if (auto *m = currentSpecEditor())
            saveSpec(m, true);
        else if (FlowEditor *e = currentEditor())
            saveAs(e);
    });
    file->addAction(m_save);
    file->addAction(m_saveAs);
    file->addAction(make(tr("Save A&ll"), QKeySequence(tr("Ctrl+Alt+S")), [this] { saveAll(); }));
    file->addAction(
        make(tr("&Export…"), QKeySequence(tr("Ctrl+Shift+E")), onEditor([this](FlowEditor *e) {
                 auto *dialog = new ExportDialog(e->document(), this);
                 dialog->setAttribute(Qt::WA_DeleteOnClose);
                 dialog->show();
             })));
    m_close =
        make(tr("&Close Flow"), QKeySequence::Close, [this] { closeTab(m_tabs->currentIndex()); });
    file->addAction(m_close);
    file->addSeparator();
    file->addAction(make(tr("&Quit"), QKeySequence::Quit, [this] { close(); }));

    // Edit
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    // Both habits work: Ctrl+Shift+Z and Ctrl+Y, whatever the platform's standard Redo is.
    redo->setShortcuts(keysOf(QKeySequence::Redo, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                                                   QKeySequence(Qt::CTRL | Qt::Key_Y)}));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    m_cut = make(tr("Cu&t"), QKeySequence::Cut,
                 onEditor([](FlowEditor *e) { e->scene()->cutSelection(); }));
    m_copy = make(tr("&Copy"), QKeySequence::Copy,
                  onEditor([](FlowEditor *e) { e->scene()->copySelection(); }));
    m_paste = make(tr("&Paste"), QKeySequence::Paste,
                   onEditor([](FlowEditor *e) { e->scene()->paste(); }));
    m_duplicate = make(tr("D&uplicate"), QKeySequence(tr("Ctrl+D")),
                       onEditor([](FlowEditor *e) { e->scene()->duplicateSelection(); }));
    m_delete = make(tr("&Delete"), QKeySequence::Delete,
                    onEditor([](FlowEditor *e) { e->scene()->deleteSelection(); }));
    // Not the platform's whole Delete list: on X11 it holds Ctrl+D, which is Duplicate here.
    m_delete->setShortcuts({QKeySequence(Qt::Key_Delete), QKeySequence(Qt::Key_Backspace)});
    m_selectAll = make(tr("Select &All"), QKeySequence::SelectAll, onEditor([](FlowEditor *e) {
                           QStringList all;
                           for (const auto &info : e->document()->steps())
                               all << QString::fromStdString(info.id);
                           e->scene()->selectSteps(all);
                       }));
    m_rename = make(tr("Re&name Step…"), QKeySequence(Qt::Key_F2),
                    onEditor([](FlowEditor *e) { e->renameSelected(); }));
    // Canvas edit shortcuts must not steal keys from the YAML editor or text fields: they act
    // where they are added, the menu and each canvas (addEditor).
    for (QAction *a : canvasActions())
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QAction *a : {m_cut, m_copy, m_paste, m_duplicate, m_delete, m_selectAll, m_rename})
        edit->addAction(a);
    edit->addSeparator();
    // Find on the canvas (editor/findbar.h): by id, name, type or URL.
    m_find = make(tr("&Find…"), QKeySequence::Find,
                  onEditor([](FlowEditor *e) { e->findBar()->open(); }));
    m_findNext = make(tr("Find &Next"), QKeySequence::FindNext,
                      onEditor([](FlowEditor *e) { e->findBar()->findNext(); }));
    m_findPrevious = make(tr("Find Pre&vious"), QKeySequence::FindPrevious,
                          onEditor([](FlowEditor *e) { e->findBar()->findPrevious(); }));
    m_findNext->setShortcuts(keysOf(QKeySequence::FindNext, {QKeySequence(Qt::Key_F3)}));
    m_findPrevious->setShortcuts(
        keysOf(QKeySequence::FindPrevious, {QKeySequence(Qt::SHIFT | Qt::Key_F3)}));
    for (QAction *a : {m_find, m_findNext, m_findPrevious})
        edit->addAction(a);
    edit->addAction(make(tr("Find &Step Type…"), QKeySequence(tr("Ctrl+K")), [this] {
        m_paletteDock->show();
        m_paletteDock->raise();
        m_palette->focusSearch();
    }));

    // View
    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_zoomIn = make(tr("Zoom &In"), QKeySequence::ZoomIn,
                    onEditor([](FlowEditor *e) { e->view()->zoomIn(); }));
    m_zoomIn->setShortcuts(keysOf(QKeySequence::ZoomIn, {QKeySequence(tr("Ctrl+="))}));
    m_zoomOut = make(tr("Zoom &Out"), QKeySequence::ZoomOut,
                     onEditor([](FlowEditor *e) { e->view()->zoomOut(); }));
    m_zoomReset = make(tr("&Actual Size"), QKeySequence(tr("Ctrl+0")),
                       onEditor([](FlowEditor *e) { e->view()->resetZoom(); }));
    m_fit = make(tr("&Fit Flow"), QKeySequence(tr("Ctrl+9")),
                 onEditor([](FlowEditor *e) { e->view()->fitAll(); }));
    m_layout =
        make(tr("Automatic &Layout"), QKeySequence(tr("Ctrl+L")), onEditor([](FlowEditor *e) {
                 e->scene()->autoLayout();
                 e->view()->fitAll();
             }));
    // Checked follows the current tab's YAML view (FlowEditor::yamlVisibilityChanged).
    m_toggleYaml = make(tr("&YAML View"), QKeySequence(Qt::Key_F4),
                        onEditor([](FlowEditor *e) { e->setYamlVisible(!e->isYamlVisible()); }));
    m_toggleYaml->setCheckable(true);
    m_toggleYaml->setChecked(true);
    m_toggleMiniMap = make(tr("&Minimap"), QKeySequence(tr("Ctrl+M")), [this] {
        QSettings().setValue(kMiniMapKey, m_toggleMiniMap->isChecked());
        for (FlowEditor *e : editors())
            e->view()->setMiniMapEnabled(m_toggleMiniMap->isChecked());
    });
    m_toggleMiniMap->setCheckable(true);
    m_toggleMiniMap->setChecked(QSettings().value(kMiniMapKey, true).toBool());
    m_toggleMiniMap->setToolTip(tr("Overview of the flow (hidden while all of it is in view)"));
    for (QAction *a : {m_zoomIn, m_zoomOut, m_zoomReset, m_fit})
        view->addAction(a);
    view->addSeparator();
    view->addAction(m_layout);
    view->addAction(m_toggleYaml);
    view->addAction(m_toggleMiniMap);
    view->addSeparator();
    m_panelsMenu = view->addMenu(tr("&Panels"));
    view->addAction(make(tr("&Reset Layout"), QKeySequence(), [this] { resetLayout(); }));
    m_panelsMenu->addAction(m_workspaceDock->toggleViewAction());
    m_panelsMenu->addAction(m_paletteDock->toggleViewAction());
    view->addAction(make(tr("Next Flow"), QKeySequence(tr("Ctrl+Tab")), [this] {
        if (m_tabs->count() > 1)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    }));
    view->addAction(make(tr("Previous Flow"), QKeySequence(tr("Ctrl+Shift+Tab")), [this] {
        if (m_tabs->count() > 1)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) %
                                    m_tabs->count());
    }));

    // Arrange
    using Align = editor::FlowScene::Align;
    QMenu *arrange = menuBar()->addMenu(tr("&Arrange"));
    m_alignH = make(tr("Align &Horizontally"), QKeySequence(tr("Ctrl+Shift+H")),
                    onEditor([](FlowEditor *e) { e->scene()->alignSelection(Align::Horizontal); }));
    m_alignV = make(tr("Align &Vertically"), QKeySequence(tr("Ctrl+Shift+V")),
                    onEditor([](FlowEditor *e) { e->scene()->alignSelection(Align::Vertical); }));
    m_distH = make(tr("Distribute Hori&zontally"), QKeySequence(), onEditor([](FlowEditor *e) {
                       e->scene()->alignSelection(Align::DistributeHorizontally);
                   }));
    m_distV = make(tr("Distribute V&ertically"), QKeySequence(), onEditor([](FlowEditor *e) {
                       e->scene()->alignSelection(Align::DistributeVertically);
                   }));
    m_collapse = make(tr("&Collapse/Expand Container"), QKeySequence(tr("Ctrl+.")),
                      onEditor([](FlowEditor *e) {
                          for (const QString &id : e->scene()->selectedStepIds())
                              e->scene()->toggleCollapsed(id);
                      }));
    for (QAction *a : {m_alignH, m_alignV, m_distH, m_distV, m_collapse})
        arrange->addAction(a);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_help = new StudioHelp(this, edit, help); // Documentation, Shortcuts, Settings, welcome page
    help->addAction(make(tr("&About Tutti Studio"), QKeySequence(), [this] { about(); }));

    // A slim toolbar for the most frequent actions.
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setMovable(false);
    // The menu's Undo/Redo say what they undo ("Undo Move step"); on the toolbar that would make
    // the buttons change width and shift the rest, so it has fixed labels and says it in tooltips.
    auto *undoTool = new QAction(tr("Undo"), this);
    auto *redoTool = new QAction(tr("Redo"), this);
    undoTool->setObjectName(QStringLiteral("undoTool"));
    redoTool->setObjectName(QStringLiteral("redoTool"));
    for (QAction *tool : {undoTool, redoTool})
        tool->setEnabled(false);
    connect(undoTool, &QAction::triggered, m_undoGroup, &QUndoGroup::undo);
    connect(redoTool, &QAction::triggered, m_undoGroup, &QUndoGroup::redo);
    connect(m_undoGroup, &QUndoGroup::canUndoChanged, undoTool, &QAction::setEnabled);
    connect(m_undoGroup, &QUndoGroup::canRedoChanged, redoTool, &QAction::setEnabled);
    connect(undo, &QAction::changed, undoTool,
            [undo, undoTool] { undoTool->setToolTip(undo->text().remove(QLatin1Char('&'))); });
    connect(redo, &QAction::changed, redoTool,
            [redo, redoTool] { redoTool->setToolTip(redo->text().remove(QLatin1Char('&'))); });
    for (QAction *a : {m_save, undoTool, redoTool, m_layout, m_fit, m_toggleYaml})
        bar->addAction(a);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Tutti Studio"),
        tr("<h3>Tutti Studio %1</h3><p>Design, run and break API orchestration flows.</p>")
            .arg(QApplication::applicationVersion()));
}

// ---- workspace --------------------------------------------------------------------------------

void MainWindow::setWorkspace(const QString &dir)
{
    m_workspace = QDir(dir).absolutePath();
    QSettings().setValue(QStringLiteral("workspace/last"), m_workspace);
    refreshWorkspaceTree();
    updateTitle();
    emit workspaceChanged(m_workspace);
}

void MainWindow::refreshWorkspaceTree()
{
    m_tree->clear();
    if (m_workspace.isEmpty())
        return;
    const QDir dir(m_workspace);
    auto *root = new QTreeWidgetItem(m_tree, {dir.dirName()});
    root->setIcon(0, studioIcon());
    auto group = [&](const QString &title, const QDir &folder, const QString &pattern,
                     const QString &type) {
        auto *item = new QTreeWidgetItem(root, {title});
        const auto files = folder.entryInfoList({pattern}, QDir::Files, QDir::Name);
        for (const QFileInfo &f : files) {
            auto *child = new QTreeWidgetItem(item, {f.fileName()});
            child->setData(0, Qt::UserRole, f.absoluteFilePath());
            child->setIcon(0, editor::StepPresentations::forType(type).icon);
            child->setToolTip(0, f.absoluteFilePath());
        }
        if (files.isEmpty()) {
            auto *none = new QTreeWidgetItem(item, {tr("(none)")});
            none->setDisabled(true);
        }
        item->setExpanded(true);
    };
    group(tr("Flows"), dir, QStringLiteral("*.flow.yaml"), QStringLiteral("parallel"));
    group(tr("Mocks"), QDir(dir.filePath(QStringLiteral("mocks"))), QStringLiteral("*.mock.yaml"),
          QStringLiteral("http"));
    group(tr("Profiles"), QDir(dir.filePath(QStringLiteral("profiles"))),
          QStringLiteral("*.profile.yaml"), QStringLiteral("wait"));
    root->setExpanded(true);
}

bool MainWindow::openPath(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        setWorkspace(info.absoluteFilePath());
        const auto flows =
            QDir(info.absoluteFilePath())
                .entryInfoList({QStringLiteral("*.flow.yaml")}, QDir::Files, QDir::Name);
        bool any = false;
        for (const QFileInfo &f : flows)
            any = openFlow(f.absoluteFilePath()) || any;
        if (flows.isEmpty())
            statusBar()->showMessage(
                tr("No flows in %1 yet: File › New Flow starts one").arg(info.absoluteFilePath()),
                6000);
        return any || flows.isEmpty();
    }
    if (!info.exists()) {
        if (m_interactive)
            QMessageBox::warning(this, tr("Open"), tr("%1 does not exist.").arg(path));
        return false;
    }
    if (editor::MockEditor::kindOf(info.fileName()))
        return openSpec(info.absoluteFilePath());
    return openFlow(info.absoluteFilePath());
}

bool MainWindow::openFlow(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (FlowEditor *e : editors())
        if (e->filePath() == absolute) {
            m_tabs->setCurrentWidget(e);
            return true;
        }
    if (m_workspace.isEmpty() || !absolute.startsWith(m_workspace + QLatin1Char('/')))
        setWorkspace(workspaceOf(absolute));
    auto *e = new FlowEditor(this);
    if (auto ok = e->openFile(absolute); !ok) {
        const QString message = tr("Cannot open %1:\n%2").arg(absolute, errorText(ok.error()));
        if (m_interactive)
            QMessageBox::warning(this, tr("Open Flow"), message);
        else
            qWarning("%s", qPrintable(message));
        delete e;
        return false;
    }
    addEditor(e);
    addRecent(absolute);
    if (const QString error = e->parseErrorText(); !error.isEmpty())
        statusBar()->showMessage(tr("%1 does not parse: %2").arg(e->displayName(), error), 15000);
    offerRecovery(e);
    return true;
}

void MainWindow::addEditor(FlowEditor *e)
{
    m_undoGroup->addStack(e->undoStack());
    e->view()->addActions(canvasActions()); // their shortcuts work where the canvas has focus
    e->view()->setMiniMapEnabled(m_toggleMiniMap->isChecked());
    const int index = m_tabs->addTab(e, studioIcon(), e->displayName());
    m_tabs->setTabToolTip(index, e->filePath());
    connect(e, &FlowEditor::modificationChanged, this, [this, e](bool) {
        const int i = m_tabs->indexOf(e);
        if (i >= 0)
            m_tabs->setTabText(i, e->displayName() +
                                      (e->isModified() ? QStringLiteral(" ●") : QString()));
        updateTitle();
    });
    connect(e, &FlowEditor::statusMessage, this,
            [this](const QString &m) { statusBar()->showMessage(m, 6000); });
    m_tabs->setCurrentWidget(e);
    // Lay out once the tab has its real size.
    QTimer::singleShot(0, e, [e] { e->view()->fitAll(); });
}

QList<FlowEditor *> MainWindow::editors() const
{
    QList<FlowEditor *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *e = qobject_cast<FlowEditor *>(m_tabs->widget(i)))
            out << e;
    return out;
}

FlowEditor *MainWindow::currentEditor() const
{
    return qobject_cast<FlowEditor *>(m_tabs->currentWidget());
}

void MainWindow::addPanel(QDockWidget *dock, Qt::DockWidgetArea area)
{
    if (dock->objectName().isEmpty())
        dock->setObjectName(dock->windowTitle());
    addDockWidget(area, dock);
    m_panelsMenu->addAction(dock->toggleViewAction());
}

void MainWindow::onCurrentChanged()
{
    for (const auto &c : std::as_const(m_currentConnections))
        disconnect(c);
    m_currentConnections.clear();
    FlowEditor *e = currentEditor();
    m_current = e;
    editor::MockEditor *spec = currentSpecEditor();
    m_undoGroup->setActiveStack(e ? e->undoStack() : spec ? spec->undoStack() : nullptr);
    if (e) {
        auto showProblems = [this, e] {
            // What is on screen: text that does not parse is never "valid".
            const QString parseError = e->parseErrorText();
            const auto n = static_cast<int>(e->document()->problems().size());
            m_problemsLabel->setText(!parseError.isEmpty() ? tr("✗ does not parse")
                                     : n                   ? tr("⚠ %n problem(s)", nullptr, n)
                                                           : tr("✓ valid"));
            m_problemsLabel->setToolTip(parseError);
        };
        auto showZoom = [this](double z) {
            m_zoomLabel->setText(QStringLiteral("%1%").arg(qRound(z * 100)));
        };
        m_currentConnections << connect(e->document(), &engine::FlowDocument::problemsChanged, this,
                                        showProblems);
        m_currentConnections << connect(e->yamlEditor(), &editor::YamlEditor::parseErrorChanged,
                                        this, showProblems);
        m_currentConnections << connect(e->view(), &editor::FlowView::zoomChanged, this, showZoom);
        m_currentConnections << connect(e, &FlowEditor::selectionChanged, this,
                                        &MainWindow::selectedStepsChanged);
        m_currentConnections << connect(e, &FlowEditor::yamlVisibilityChanged, m_toggleYaml,
                                        &QAction::setChecked);
        showProblems();
        showZoom(e->view()->zoom());
        m_toggleYaml->setChecked(e->isYamlVisible());
    } else {
        m_problemsLabel->clear();
        m_zoomLabel->clear();
        // Mock, profile and welcome tabs have no YAML view to show: unchecked, not a greyed
        // "pressed" button.
        m_toggleYaml->setChecked(false);
        if (spec) {
            auto showProblems = [this, spec] {
                const auto n = static_cast<int>(spec->document()->problems().size());
                m_problemsLabel->setText(n ? tr("⚠ %n problem(s)", nullptr, n) : tr("✓ valid"));
            };
            m_currentConnections << connect(
                spec->document(), &engine::SpecDocument::problemsChanged, this, showProblems);
            showProblems();
        }
    }
    updateTitle();
    updateActions();
    updateFlowDocks();
    emit currentEditorChanged(e);
}

void MainWindow::updateTitle()
{
    FlowEditor *e = currentEditor();
    editor::MockEditor *spec = currentSpecEditor();
    QString title = e ? e->displayName() : spec ? spec->displayName() : QString();
    if (!m_workspace.isEmpty())
        title +=
            (title.isEmpty() ? QString() : QStringLiteral(" — ")) + QDir(m_workspace).dirName();
    setWindowTitle(title.isEmpty() ? QStringLiteral("[*]") + tr("Tutti Studio")
                                   : title + QStringLiteral("[*] — ") + tr("Tutti Studio"));
    setWindowModified((e && e->isModified()) || (spec && spec->isModified()));
}

void MainWindow::updateActions()
{
    const bool has = currentEditor() != nullptr;
    for (QAction *a :
         {m_save,      m_saveAs, m_close,     m_cut,        m_copy,     m_paste,
          m_duplicate, m_delete, m_selectAll, m_rename,     m_zoomIn,   m_zoomOut,
          m_zoomReset, m_fit,    m_layout,    m_toggleYaml, m_alignH,   m_alignV,
          m_distH,     m_distV,  m_collapse,  m_find,       m_findNext, m_findPrevious})
        a->setEnabled(has);
    if (currentSpecEditor())
        for (QAction *a : {m_save, m_saveAs, m_close})
            a->setEnabled(true);
}

// ---- files ------------------------------------------------------------------------------------

void MainWindow::newFlow()
{
    auto *e = new FlowEditor(this);
    // A small valid flow to start from (document/newflow.h); not an edit until the user's first.
    const std::string text(engine::newFlowTemplate());
    if (auto yaml = engine::parseYaml(text, "untitled.flow.yaml"))
        e->document()->replaceDocument(std::move(yaml->root), text);
    e->document()->validateNow();
    e->document()->setModified(false);
    addEditor(e);
}

void MainWindow::openDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Flow"), m_workspace,
        tr("Flows, mocks and profiles (*.flow.yaml *.mock.yaml *.profile.yaml);;YAML (*.yaml "
           "*.yml)"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::openWorkspaceDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Workspace"), m_workspace);
    if (!dir.isEmpty())
        openPath(dir);
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    int n = 1;
    for (const QString &path : recent) {
        QAction *a = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(n % 10).arg(QFileInfo(path).fileName()));
        a->setToolTip(path);
        a->setStatusTip(path);
        connect(a, &QAction::triggered, this, [this, path] { openPath(path); });
        ++n;
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Recent Files"), this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            updateRecentMenu();
        });
    }
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

bool MainWindow::save(FlowEditor *e)
{
    if (e->filePath().isEmpty())
        return saveAs(e);
    if (auto ok = e->save(); !ok) {
        if (m_interactive)
            QMessageBox::critical(this, tr("Save"),
                                  tr("Cannot save:\n%1").arg(errorText(ok.error())));
        else
            statusBar()->showMessage(tr("Cannot save: %1").arg(errorText(ok.error())));
        return false;
    }
    removeAutosave(e->filePath());
    reportSaved(e);
    return true;
}

bool MainWindow::saveAs(FlowEditor *e)
{
    QString path;
    if (m_prompts.savePath)
        path = m_prompts.savePath(e);
    else if (m_interactive)
        path = QFileDialog::getSaveFileName(this, tr("Save Flow As"),
                                            e->filePath().isEmpty() ? m_workspace : e->filePath(),
                                            tr("Flows (*.flow.yaml)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".flow.yaml")))
        path += QStringLiteral(".flow.yaml");
    const QString before = e->filePath();
    if (auto ok = e->saveAs(path); !ok) {
        if (m_interactive)
            QMessageBox::critical(this, tr("Save"),
                                  tr("Cannot save:\n%1").arg(errorText(ok.error())));
        else
            statusBar()->showMessage(tr("Cannot save: %1").arg(errorText(ok.error())));
        return false;
    }
    removeAutosave(before); // its edits are in the new file now
    const int i = m_tabs->indexOf(e);
    m_tabs->setTabText(i, e->displayName());
    m_tabs->setTabToolTip(i, e->filePath());
    addRecent(e->filePath());
    updateTitle();
    reportSaved(e);
    return true;
}

bool MainWindow::saveAll()
{
    bool all = true;
    for (FlowEditor *e : editors())
        if (e->isModified())
            all = save(e) && all;
    for (editor::MockEditor *m : specEditors())
        if (m->isModified())
            all = saveSpec(m) && all;
    return all;
}

void MainWindow::reportSaved(FlowEditor *e)
{
    // Text that does not parse is saved as typed; say so plainly, and where it breaks.
    const QString error = e->parseErrorText();
    if (error.isEmpty())
        statusBar()->showMessage(tr("Saved %1").arg(e->filePath()), 4000);
    else
        statusBar()->showMessage(
            tr("Saved %1 as typed, but it does not parse: %2").arg(e->displayName(), error), 15000);
}

bool MainWindow::maybeSave(FlowEditor *e)
{
    if (!e->isModified())
        return true;
    SaveChoice choice = SaveChoice::Discard;
    if (m_prompts.saveChanges) {
        choice = m_prompts.saveChanges(e);
    } else if (m_interactive) {
        m_tabs->setCurrentWidget(e);
        QString question = tr("%1 has unsaved changes. Save them?").arg(e->displayName());
        if (const QString error = e->parseErrorText(); !error.isEmpty())
            question += QStringLiteral("\n\n") +
                        tr("The YAML does not parse (%1); it is saved as typed.").arg(error);
        const auto answer = QMessageBox::warning(
            this, tr("Unsaved changes"), question,
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        choice = answer == QMessageBox::Save      ? SaveChoice::Save
                 : answer == QMessageBox::Discard ? SaveChoice::Discard
                                                  : SaveChoice::Cancel;
    } else {
        return true; // non-interactive: nothing asked, the autosave stays
    }
    if (choice == SaveChoice::Cancel)
        return false;
    if (choice == SaveChoice::Save)
        return save(e);
    removeAutosave(e->filePath()); // the user chose to drop the changes
    return true;
}

bool MainWindow::closeTab(int index)
{
    if (auto *m = qobject_cast<editor::MockEditor *>(m_tabs->widget(index))) {
        if (!maybeSaveSpec(m))
            return false;
        m_undoGroup->removeStack(m->undoStack());
        m_tabs->removeTab(index);
        m->deleteLater();
        return true;
    }
    auto *e = qobject_cast<FlowEditor *>(m_tabs->widget(index));
    if (!e || !maybeSave(e))
        return false;
    m_undoGroup->removeStack(e->undoStack());
    m_tabs->removeTab(index);
    e->deleteLater();
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (FlowEditor *e : editors())
        if (!maybeSave(e)) {
            event->ignore();
            return;
        }
    for (editor::MockEditor *m : specEditors())
        if (!maybeSaveSpec(m)) {
            event->ignore();
            return;
        }
    saveWindowState();
    event->accept();
}

// ---- autosave and recovery --------------------------------------------------------------------

QString MainWindow::autosaveDir() const
{
    return m_workspace.isEmpty() ? QString()
                                 : QDir(m_workspace).filePath(QStringLiteral(".tutti/autosave"));
}

QString MainWindow::autosavePathFor(const QString &flowPath, bool layout) const
{
    // Name + a short hash of the full path: two files with one name never share an autosave. The
    // kind's suffix stays (NAME-HASH.flow.yaml, NAME-HASH.mock.yaml, NAME-HASH.profile.yaml).
    const QByteArray hash =
        QCryptographicHash::hash(flowPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(10);
    QString base = QFileInfo(flowPath).fileName();
    QString suffix = QStringLiteral(".flow.yaml");
    for (const QString &s : {QStringLiteral(".mock.yaml"), QStringLiteral(".profile.yaml")})
        if (base.endsWith(s))
            suffix = s;
    if (base.endsWith(suffix))
        base.chop(suffix.size());
    if (layout)
        suffix = QStringLiteral(".flow.layout.json");
    return QDir(autosaveDir())
        .filePath(base + QLatin1Char('-') + QString::fromLatin1(hash) + suffix);
}

void MainWindow::autosaveNow()
{
    if (autosaveDir().isEmpty())
        return;
    auto failed = [this](const engine::Error &error) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(errorText(error)), 6000);
    };
    for (FlowEditor *e : editors()) {
        // Modified includes typing not applied yet: writeAutosave applies it, as typed.
        if (!e->isModified() || e->filePath().isEmpty())
            continue;
        QDir().mkpath(autosaveDir());
        if (auto ok = e->writeAutosave(autosavePathFor(e->filePath()),
                                       autosavePathFor(e->filePath(), true));
            !ok)
            failed(ok.error());
    }
    for (editor::MockEditor *m : specEditors()) {
        if (!m->isModified() || m->filePath().isEmpty())
            continue;
        QDir().mkpath(autosaveDir());
        if (auto ok = m->writeAutosave(autosavePathFor(m->filePath())); !ok)
            failed(ok.error());
    }
}

void MainWindow::removeAutosave(const QString &flowPath)
{
    if (flowPath.isEmpty() || autosaveDir().isEmpty())
        return;
    QFile::remove(autosavePathFor(flowPath));
    QFile::remove(autosavePathFor(flowPath, true));
}

bool MainWindow::autosaveIsNewer(const QString &path) const
{
    const QFileInfo saved(autosavePathFor(path));
    return saved.exists() && saved.lastModified() > QFileInfo(path).lastModified();
}

bool MainWindow::askRecover(const QString &path, const QString &name)
{
    return QMessageBox::question(
               this, tr("Recover unsaved changes?"),
               tr("Tutti Studio found an autosaved version of %1 from %2 that is newer "
                  "than the file — probably from a session that did not end cleanly. "
                  "Restore it?")
                   .arg(name, QLocale().toString(QFileInfo(autosavePathFor(path)).lastModified(),
                                                 QLocale::ShortFormat)),
               QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
}

void MainWindow::reportRecovered(const engine::Result<void> &ok, const QString &name,
                                 const QString &parseError)
{
    if (!ok) {
        if (m_interactive)
            QMessageBox::warning(this, tr("Recover"),
                                 tr("The autosave cannot be read:\n%1").arg(errorText(ok.error())));
    } else if (!parseError.isEmpty()) {
        statusBar()->showMessage(
            tr("Restored unsaved changes of %1; they do not parse: %2").arg(name, parseError),
            15000);
    } else {
        statusBar()->showMessage(tr("Restored unsaved changes of %1").arg(name), 6000);
    }
}

void MainWindow::offerRecovery(FlowEditor *e)
{
    if (!autosaveIsNewer(e->filePath()))
        return;
    bool restore = false;
    if (m_prompts.recover)
        restore = m_prompts.recover(e);
    else if (!m_interactive)
        return;
    else
        restore = askRecover(e->filePath(), e->displayName());
    if (restore) {
        // In this order: the parse error is the restored text's.
        const auto ok =
            e->restoreFrom(autosavePathFor(e->filePath()), autosavePathFor(e->filePath(), true));
        reportRecovered(ok, e->displayName(), e->parseErrorText());
    } else {
        removeAutosave(e->filePath());
    }
}

void MainWindow::offerRecovery(editor::MockEditor *m)
{
    if (!autosaveIsNewer(m->filePath()))
        return;
    bool restore = false;
    if (m_prompts.recoverSpec)
        restore = m_prompts.recoverSpec(m);
    else if (!m_interactive)
        return;
    else
        restore = askRecover(m->filePath(), m->displayName());
    if (restore) {
        auto ok = m->restoreFrom(autosavePathFor(m->filePath()));
        const auto &error = m->document()->parseError();
        reportRecovered(ok, m->displayName(), error ? errorText(*error) : QString());
    } else {
        removeAutosave(m->filePath());
    }
}

// ---- mock and profile editors ----------------------------------------------------------------

bool MainWindow::openSpec(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (editor::MockEditor *m : specEditors())
        if (m->filePath() == absolute) {
            m_tabs->setCurrentWidget(m);
            return true;
        }
    const auto kind = editor::MockEditor::kindOf(absolute);
    if (!kind)
        return false;
    if (m_workspace.isEmpty() || !absolute.startsWith(m_workspace + QLatin1Char('/'))) {
        // Without a tutti.yaml, the folder holding mocks/ or profiles/ is the workspace.
        QDir dir(workspaceOf(absolute));
        if (!dir.exists(QStringLiteral("tutti.yaml")) &&
            (dir.dirName() == QLatin1String("mocks") || dir.dirName() == QLatin1String("profiles")))
            dir.cdUp();
        setWorkspace(dir.absolutePath());
    }
    auto *m = new editor::MockEditor(*kind, &m_studioPanels->services().mockTools(), this);
    if (auto ok = m->openFile(absolute); !ok) {
        const QString message = tr("Cannot open %1:\n%2").arg(absolute, errorText(ok.error()));
        if (m_interactive)
            QMessageBox::warning(this, tr("Open"), message);
        else
            qWarning("%s", qPrintable(message));
        delete m;
        return false;
    }
    m_undoGroup->addStack(m->undoStack());
    const int index = m_tabs->addTab(
        m,
        editor::StepPresentations::forType(*kind == editor::SpecKind::Mock ? QStringLiteral("http")
                                                                           : QStringLiteral("wait"))
            .icon,
        m->displayName());
    m_tabs->setTabToolTip(index, absolute);
    connect(m, &editor::MockEditor::modificationChanged, this, [this, m](bool) {
        const int i = m_tabs->indexOf(m);
        if (i >= 0)
            m_tabs->setTabText(i, m->displayName() +
                                      (m->isModified() ? QStringLiteral(" ●") : QString()));
        updateTitle();
    });
    connect(m, &editor::MockEditor::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    m_tabs->setCurrentWidget(m);
    addRecent(absolute);
    offerRecovery(m);
    return true;
}

editor::MockEditor *MainWindow::currentSpecEditor() const
{
    return qobject_cast<editor::MockEditor *>(m_tabs->currentWidget());
}

QList<editor::MockEditor *> MainWindow::specEditors() const
{
    QList<editor::MockEditor *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *m = qobject_cast<editor::MockEditor *>(m_tabs->widget(i)))
            out << m;
    return out;
}

bool MainWindow::saveSpec(editor::MockEditor *m, bool as)
{
    engine::Result<void> ok;
    QString before = m->filePath();
    if (as) {
        const QString suffix = m->kind() == editor::SpecKind::Mock
                                   ? QStringLiteral(".mock.yaml")
                                   : QStringLiteral(".profile.yaml");
        QString path = QFileDialog::getSaveFileName(this, tr("Save As"), m->filePath(),
                                                    QStringLiteral("*") + suffix);
        if (path.isEmpty())
            return false;
        if (!path.endsWith(suffix))
            path += suffix;
        before = m->filePath();
        ok = m->saveAs(path);
        const int i = m_tabs->indexOf(m);
        m_tabs->setTabText(i, m->displayName());
        m_tabs->setTabToolTip(i, m->filePath());
    } else {
        ok = m->save();
    }
    if (!ok) {
        if (m_interactive)
            QMessageBox::critical(this, tr("Save"),
                                  tr("Cannot save:\n%1").arg(errorText(ok.error())));
        return false;
    }
    removeAutosave(before); // its edits are in the file now
    // Saved as typed; say so when the text does not load.
    const auto &problems = m->document()->problems();
    statusBar()->showMessage(problems.empty()
                                 ? tr("Saved %1").arg(m->filePath())
                                 : tr("Saved %1 as typed — it has %n problem(s): %2", nullptr,
                                      static_cast<int>(problems.size()))
                                       .arg(m->filePath(), errorText(problems.front())),
                             problems.empty() ? 4000 : 10000);
    updateTitle();
    return true;
}

bool MainWindow::maybeSaveSpec(editor::MockEditor *m)
{
    if (!m->isModified() || !m_interactive)
        return true;
    m_tabs->setCurrentWidget(m);
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("%1 has unsaved changes. Save them?").arg(m->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard) {
        removeAutosave(m->filePath()); // the user chose to drop the changes
        return true;
    }
    return saveSpec(m);
}

} // namespace tutti::studio
