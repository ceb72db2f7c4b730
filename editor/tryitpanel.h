// "Try it" for a mock: send a request (method, path, body) to the mock being edited, answered
// in-process by the simulator's transport (MockToolService::openTrySession), and show the
// status, headers, body and the latency drawn. State and sequence positions carry over from
// request to request until the text changes or Reset.
#pragma once

#include <editor/mocktoolservice.h>

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tutti::editor {

class CodeEditor;

class TryItPanel : public QWidget {
    Q_OBJECT
public:
    using SessionFactory = std::function<engine::Result<std::unique_ptr<MockTrySession>>()>;

    explicit TryItPanel(SessionFactory factory, QWidget *parent = nullptr);

    void setRequest(const QString &method, const QString &path, const QString &body = {});
    // The mock's text changed: the next request loads it afresh (state starts over).
    void invalidate();
    // Sends the request in the fields; the answer is shown and returned (nullopt: the mock does
    // not load, the reason is shown).
    std::optional<TryAnswer> send();
    void reset();

    QComboBox *methodBox() const { return m_method; }
    QLineEdit *pathEdit() const { return m_path; }
    CodeEditor *bodyEdit() const { return m_body; }
    QLabel *statusLabel() const { return m_status; }
    CodeEditor *answerView() const { return m_answer; }

private:
    SessionFactory m_factory;
    std::unique_ptr<MockTrySession> m_session;
    std::uint64_t m_requests = 0;
    QComboBox *m_method;
    QLineEdit *m_path;
    CodeEditor *m_body;
    QPushButton *m_send;
    QPushButton *m_reset;
    QLabel *m_status;
    QLabel *m_headers;
    CodeEditor *m_answer;
};

} // namespace tutti::editor
