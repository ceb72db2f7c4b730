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

// The file's text before and after a command, so undo and redo give back the exact bytes: an
// edit undone through the document API is patched back, and that is not always byte for byte
// (a deleted step comes back in canonical style). Only the changed middle of the text is kept.
class TextStep {
public:
    // After the command's edit was done (first time: recorded) or redone; `was` is the text
    // before it.
    void done(FlowDocument *doc, const std::string &was);
    // After it was undone; `was` is the text before the undo.
    void undone(FlowDocument *doc, const std::string &was) const;

private:
    bool m_recorded = false;
    std::size_t m_prefix = 0, m_suffix = 0;
    std::string m_before, m_after; // the middles
    std::size_t m_beforeHash = 0, m_afterHash = 0;
};

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
    TextStep m_text;
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
    TextStep m_text;
};

// A step's JSON before and after an edit (connect, disconnect, field changes).
class ReplaceStepCommand : public QUndoCommand {
public:
    ReplaceStepCommand(FlowDocument *doc, std::string id, Json before, Json after,
                       const QString &text, bool alreadyApplied, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    // An edit applied before the command was made: the text before it (see TextStep).
    void recordText(const std::string &before) { m_text.done(m_doc, before); }

private:
    FlowDocument *m_doc;
    std::string m_id;
    Json m_before, m_after;
    bool m_skipRedo;
    TextStep m_text;
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
    TextStep m_text;
};

// Moves a step to another position of its own list (the order its steps run in).
class MoveStepInListCommand : public QUndoCommand {
public:
    MoveStepInListCommand(FlowDocument *doc, std::string id, int index,
                          QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    FlowDocument *m_doc;
    std::string m_id;
    int m_index;
    int m_from = -1;
    TextStep m_text;
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
