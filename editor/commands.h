// Undo commands of the studio. They act on the FlowDocument API by step id — never on
// graphics items — so they work (and are tested) without a scene. Compound edits are macros.
#pragma once

#include <document/flowdocument.h>

#include <QPointF>
#include <QStringList>
#include <QUndoCommand>

#include <functional>
#include <map>
#include <optional>

class QUndoStack;

namespace tutti::editor {

using engine::FlowDocument;
using engine::Json;

class AddStepCommand : public QUndoCommand {
public:
    AddStepCommand(FlowDocument *doc, Json step, std::string listPointer, int index,
                   std::optional<QPointF> position, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    const std::string &stepId() const { return m_id; }

private:
    FlowDocument *m_doc;
    Json m_step;
    std::string m_listPointer;
    int m_index;
    std::optional<QPointF> m_position;
    std::string m_id;
};

// Removes one step (and its nested steps); undo puts it back where it was, with its layout.
class RemoveStepCommand : public QUndoCommand {
public:
    RemoveStepCommand(FlowDocument *doc, std::string id, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    FlowDocument *m_doc;
    std::string m_id;
    Json m_step;
    std::string m_listPointer;
    int m_index = -1;
    std::map<std::string, engine::NodeLayout> m_layouts;
};

// A step's JSON before and after an edit (connect, disconnect, field changes).
class ReplaceStepCommand : public QUndoCommand {
public:
    ReplaceStepCommand(FlowDocument *doc, std::string id, Json before, Json after,
                       const QString &text, bool alreadyApplied, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    FlowDocument *m_doc;
    std::string m_id;
    Json m_before, m_after;
    bool m_skipRedo;
};

class RenameStepCommand : public QUndoCommand {
public:
    RenameStepCommand(FlowDocument *doc, std::string from, std::string to,
                      QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    FlowDocument *m_doc;
    std::string m_from, m_to;
};

class MoveStepsCommand : public QUndoCommand {
public:
    using Positions = std::map<std::string, std::pair<double, double>>;
    MoveStepsCommand(FlowDocument *doc, Positions before, Positions after, const QString &text,
                     QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    FlowDocument *m_doc;
    Positions m_before, m_after;
};

// The whole document (a YAML view edit); layouts of surviving ids are kept by the document.
class ReplaceDocumentCommand : public QUndoCommand {
public:
    ReplaceDocumentCommand(FlowDocument *doc, Json before, std::string beforeText, Json after,
                           std::string afterText, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    FlowDocument *m_doc;
    Json m_before, m_after;
    std::string m_beforeText, m_afterText;
    bool m_first = true;
};

class SetCollapsedCommand : public QUndoCommand {
public:
    SetCollapsedCommand(FlowDocument *doc, std::string id, bool collapsed,
                        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    FlowDocument *m_doc;
    std::string m_id;
    bool m_collapsed;
};

// ---- compound edits, pushed as one undo step each; they return the error of a refused edit --

// Runs `op` (an edit of step `id` through the document API) and records it as one command.
engine::Result<void> pushStepEdit(QUndoStack *stack, FlowDocument *doc, const std::string &id,
                                  const QString &text,
                                  const std::function<engine::Result<void>()> &op);
engine::Result<void> pushConnect(QUndoStack *stack, FlowDocument *doc, const std::string &from,
                                 engine::EdgeKind kind, const std::string &to,
                                 const std::string &label = {});
engine::Result<void> pushDisconnect(QUndoStack *stack, FlowDocument *doc, const std::string &from,
                                    engine::EdgeKind kind, int index);
// Deletes steps and first disconnects every edge that pointed at them from other steps.
void pushDeleteSteps(QUndoStack *stack, FlowDocument *doc, const QStringList &ids);
// Adds copies of steps (ids made unique, references among them kept) at an offset; returns new ids.
QStringList pushPasteSteps(QUndoStack *stack, FlowDocument *doc, const Json &steps,
                           const std::map<std::string, std::pair<double, double>> &positions,
                           QPointF offset, const std::string &listPointer = "/steps",
                           int index = -1);

} // namespace tutti::editor
