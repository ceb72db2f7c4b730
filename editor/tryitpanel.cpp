// Requests to the mock being edited; see tryitpanel.h.
#include <editor/tryitpanel.h>

#include <editor/codeeditor.h>
#include <editor/runcontroller.h>

#include <engine/core/jsonio.h>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tutti::editor {

TryItPanel::TryItPanel(SessionFactory factory, QWidget *parent)
    : QWidget(parent)
    , m_factory(std::move(factory))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *row = new QHBoxLayout;
    m_method = new QComboBox(this);
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE")});
    m_path = new QLineEdit(QStringLiteral("/"), this);
    m_path->setObjectName(QStringLiteral("tryPath"));
    m_path->setPlaceholderText(tr("/charges/ch_1?verbose=1"));
    m_send = new QPushButton(tr("Send"), this);
    m_send->setDefault(true);
    m_reset = new QPushButton(tr("Reset state"), this);
    m_reset->setToolTip(tr("Back to the mock's initial state and the start of its sequences"));
    row->addWidget(m_method);
    row->addWidget(m_path, 1);
    row->addWidget(m_send);
    row->addWidget(m_reset);
    layout->addLayout(row);
    m_body = new CodeEditor(CodeEditor::Mode::Json, this);
    m_body->setAutoHeight(1, 4);
    layout->addWidget(new QLabel(tr("Request body (JSON, optional)"), this));
    layout->addWidget(m_body);
    m_status = new QLabel(tr("Send a request to see what the mock answers."), this);
    m_status->setObjectName(QStringLiteral("tryStatus"));
    m_status->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_headers = new QLabel(this);
    m_headers->setWordWrap(true);
    m_headers->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headers->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(m_headers);
    m_answer = new CodeEditor(CodeEditor::Mode::Json, this);
    m_answer->setReadOnly(true);
    m_answer->setObjectName(QStringLiteral("tryAnswer"));
    layout->addWidget(m_answer, 1);
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    connect(m_path, &QLineEdit::returnPressed, this, [this] { send(); });
    connect(m_reset, &QPushButton::clicked, this, &TryItPanel::reset);
}

void TryItPanel::setRequest(const QString &method, const QString &path, const QString &body)
{
    m_method->setCurrentText(method);
    m_path->setText(path);
    m_body->setPlainText(body);
}

void TryItPanel::invalidate()
{
    m_session.reset();
}

void TryItPanel::reset()
{
    if (m_session)
        m_session->reset();
    m_requests = 0;
    m_status->setText(tr("State reset: the next request sees the mock's initial state."));
    m_headers->clear();
    m_answer->setPlainText({});
}

std::optional<TryAnswer> TryItPanel::send()
{
    if (!m_session) {
        auto session = m_factory();
        if (!session) {
            m_status->setText(
                tr("<span style='color:#b91c1c'>The mock does not load: %1</span>")
                    .arg(QString::fromStdString(session.error().toString()).toHtmlEscaped()));
            m_headers->clear();
            m_answer->setPlainText({});
            return std::nullopt;
        }
        m_session = std::move(*session);
        m_requests = 0;
    }
    TryRequest request;
    request.method = m_method->currentText().trimmed().toUpper().toStdString();
    request.path = m_path->text().trimmed().toStdString();
    request.body = m_body->text().trimmed().toStdString();
    if (!request.body.empty())
        request.headers.emplace_back("Content-Type", "application/json");
    request.seed = ++m_requests; // request n draws as the n-th: different faults, reproducible
    TryAnswer answer = m_session->send(request);
    const QString latency = RunController::formatLatency(answer.latency);
    if (!answer.answered) {
        m_status->setText(tr("<b style='color:#b91c1c'>%1</b> after %2 &nbsp; <span "
                             "style='color:gray'>request %3</span>")
                              .arg(QString::fromStdString(answer.error).toHtmlEscaped(), latency)
                              .arg(m_requests));
        m_headers->clear();
        m_answer->setPlainText({});
        return answer;
    }
    const int status = answer.response.status;
    const QString colour = status < 300   ? QStringLiteral("#15803d")
                           : status < 500 ? QStringLiteral("#b45309")
                                          : QStringLiteral("#b91c1c");
    m_status->setText(tr("<b style='color:%1; font-size:14px'>%2</b> &nbsp; latency <b>%3</b> "
                         "&nbsp; <span style='color:gray'>request %4</span>")
                          .arg(colour)
                          .arg(status)
                          .arg(latency)
                          .arg(m_requests));
    QStringList headers;
    for (const auto &[name, value] : answer.response.headers)
        headers << QStringLiteral("%1: %2").arg(QString::fromStdString(name),
                                                QString::fromStdString(value));
    m_headers->setText(headers.join(QLatin1Char('\n')));
    QString body = QString::fromStdString(answer.response.body);
    if (auto parsed = engine::parseJson(answer.response.body); parsed && parsed->is_structured())
        body = QString::fromStdString(engine::dumpJson(*parsed, 2));
    m_answer->setPlainText(body);
    return answer;
}

} // namespace tutti::editor
