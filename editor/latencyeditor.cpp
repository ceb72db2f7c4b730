// Latency fields with a histogram preview; see latencyeditor.h.
#include <editor/latencyeditor.h>

#include <editor/mocktoolservice.h>
#include <editor/runcontroller.h>
#include <editor/simulationpanel.h>

#include <engine/trace/simulationreport.h>

#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tutti::editor {

using engine::Json;
using engine::Micros;

namespace {

// What a field starts with when the user picks a distribution (a typical API call).
QString startingValue(const QString &field)
{
    static const QHash<QString, QString> values = {
        {QStringLiteral("value"), QStringLiteral("80ms")},
        {QStringLiteral("min"), QStringLiteral("50ms")},
        {QStringLiteral("max"), QStringLiteral("150ms")},
        {QStringLiteral("mean"), QStringLiteral("100ms")},
        {QStringLiteral("stddev"), QStringLiteral("20ms")},
        {QStringLiteral("median"), QStringLiteral("80ms")},
        {QStringLiteral("p99"), QStringLiteral("600ms")}};
    return values.value(field, QStringLiteral("100ms"));
}

QString durationText(const Json &v)
{
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number())
        return QString::fromStdString(v.dump());
    return {};
}

// A bare number stays a number (milliseconds), anything else is a duration string.
Json durationValue(const QString &text)
{
    const QString t = text.trimmed();
    bool ok = false;
    const qlonglong whole = t.toLongLong(&ok);
    if (ok)
        return Json(static_cast<std::int64_t>(whole));
    const double real = t.toDouble(&ok);
    if (ok)
        return Json(real);
    return Json(t.toStdString());
}

constexpr int kBars = 14; // readable labels in half a form's width

QString lat(Micros v)
{
    return RunController::formatLatency(v);
}

} // namespace

LatencyEditor::LatencyEditor(MockToolService *tools, QWidget *parent)
    : QWidget(parent)
    , m_tools(tools)
{
    // Fields and numbers on the left, the histogram on the right.
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QVBoxLayout;
    outer->addLayout(layout, 2);
    auto *top = new QFormLayout;
    top->setContentsMargins(0, 0, 0, 0);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("latencyKind"));
    m_kind->addItem(tr("not set"), QString());
    for (const auto &k : m_tools->latencyKinds())
        m_kind->addItem(QString::fromStdString(k.name), QString::fromStdString(k.name));
    top->addRow(tr("Distribution"), m_kind);
    layout->addLayout(top);
    m_fieldsBox = new QWidget(this);
    m_fields = new QFormLayout(m_fieldsBox);
    m_fields->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fieldsBox);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("latencySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);
    m_chart = new QChartView(this);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(180);
    m_chart->setMinimumWidth(240);
    m_chart->chart()->legend()->hide();
    m_chart->chart()->setMargins(QMargins(2, 2, 2, 2));
    layout->addStretch(1);
    outer->addWidget(m_chart, 3);
    connect(m_kind, &QComboBox::activated, this, &LatencyEditor::onKindChosen);
    setValue(std::nullopt);
}

void LatencyEditor::setValue(const std::optional<Json> &value, const std::optional<Json> &inherited,
                             const QString &inheritedFrom)
{
    m_value = value;
    m_inherited = inherited;
    m_inheritedFrom = inheritedFrom;
    m_setting = true;
    QString kind;
    if (value) {
        if (value->is_string() || value->is_number())
            kind = QStringLiteral("fixed");
        else if (value->is_object() && value->contains("dist") && (*value)["dist"].is_string())
            kind = QString::fromStdString((*value)["dist"].get<std::string>());
    }
    const int index = m_kind->findData(kind);
    m_kind->setCurrentIndex(std::max(index, 0));
    buildFields();
    m_setting = false;
    updatePreview();
}

QLineEdit *LatencyEditor::field(const QString &name) const
{
    for (const auto &[n, edit] : m_edits)
        if (n == name)
            return edit;
    return nullptr;
}

void LatencyEditor::buildFields()
{
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    m_edits.clear();
    const QString kind = m_kind->currentData().toString();
    m_fieldsBox->setVisible(!kind.isEmpty());
    for (const auto &k : m_tools->latencyKinds()) {
        if (QString::fromStdString(k.name) != kind)
            continue;
        for (const std::string &f : k.fields) {
            const QString name = QString::fromStdString(f);
            auto *edit = new QLineEdit(m_fieldsBox);
            edit->setObjectName(QStringLiteral("latency_") + name);
            edit->setPlaceholderText(tr("e.g. %1").arg(startingValue(name)));
            edit->setToolTip(tr("A duration: 80ms, 1.5s, or a bare number of milliseconds"));
            if (m_value && (m_value->is_string() || m_value->is_number()))
                edit->setText(durationText(*m_value));
            else if (m_value && m_value->is_object() && m_value->contains(f))
                edit->setText(durationText((*m_value)[f]));
            connect(edit, &QLineEdit::editingFinished, this, [this, edit] {
                if (edit->isModified()) {
                    edit->setModified(false);
                    emitFromFields();
                }
            });
            m_fields->addRow(name, edit);
            m_edits.emplace_back(name, edit);
        }
    }
}

void LatencyEditor::onKindChosen()
{
    if (m_setting)
        return;
    const QString kind = m_kind->currentData().toString();
    buildFields();
    for (const auto &[name, edit] : m_edits)
        if (edit->text().isEmpty())
            edit->setText(startingValue(name));
    if (kind.isEmpty()) {
        m_value.reset();
        emit edited(std::nullopt);
        updatePreview();
        return;
    }
    emitFromFields();
}

void LatencyEditor::emitFromFields()
{
    const QString kind = m_kind->currentData().toString();
    if (kind.isEmpty())
        return;
    Json out;
    // `fixed` keeps the short form (80ms) unless the file spelt it as a mapping.
    const bool shortForm = kind == QLatin1String("fixed") &&
                           !(m_value && m_value->is_object() && m_value->contains("dist"));
    if (shortForm && m_edits.size() == 1) {
        out = durationValue(m_edits.front().second->text());
    } else {
        out = Json::object();
        out["dist"] = kind.toStdString();
        for (const auto &[name, edit] : m_edits)
            out[name.toStdString()] = durationValue(edit->text());
    }
    m_value = out;
    updatePreview();
    emit edited(out);
}

QString LatencyEditor::summaryText() const
{
    return m_summary->text();
}

void LatencyEditor::updatePreview()
{
    auto *chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    m_samples.clear();
    m_p50 = m_p99 = 0;
    const std::optional<Json> &effective = m_value ? m_value : m_inherited;
    const QString from =
        m_value ? QString()
                : tr(" (not set here: %1)")
                      .arg(m_inheritedFrom.isEmpty() ? tr("inherited") : m_inheritedFrom);
    if (!effective) {
        // Not set and nothing above it: the owner's words say what applies (the mock's own for
        // a profile); a mock's default that is not set means no latency at all.
        m_summary->setText(m_inheritedFrom.isEmpty()
                               ? tr("No latency: answers at once.")
                               : tr("Not set here: %1.").arg(m_inheritedFrom));
        chart->setTitle({});
        m_chart->setVisible(false);
        return;
    }
    auto drawn = m_tools->sampleLatency(*effective, kPreviewSamples, kPreviewSeed);
    if (!drawn) {
        m_summary->setText(QStringLiteral("<span style='color:#b91c1c'>%1</span>")
                               .arg(QString::fromStdString(drawn.error().message).toHtmlEscaped()));
        m_chart->setVisible(false);
        return;
    }
    m_chart->setVisible(true);
    m_samples = std::move(*drawn);
    std::vector<Micros> sorted = m_samples;
    std::sort(sorted.begin(), sorted.end());
    m_p50 = engine::percentileOfSorted(sorted, 50);
    m_p99 = engine::percentileOfSorted(sorted, 99);
    m_summary->setText(tr("<span style='color:#15803d'>p50 <b>%1</b></span> &nbsp; <span "
                          "style='color:#b91c1c'>p99 <b>%2</b></span><br><span "
                          "style='color:gray'>of %L3 draws%4</span>")
                           .arg(lat(m_p50), lat(m_p99))
                           .arg(kPreviewSamples)
                           .arg(from.toHtmlEscaped()));
    // Bars as a stepped area over a value axis in milliseconds, so the axis has readable ticks
    // whatever the width; the buckets are the simulation panel's (same widths and counts).
    const Micros w = SimulationPanel::bucketWidth(sorted, kBars);
    const double start = static_cast<double>((sorted.front() / w) * w) / 1000.0;
    const double width = static_cast<double>(w) / 1000.0;
    auto *upper = new QLineSeries;
    double edge = start;
    int top = 0;
    upper->append(edge, 0);
    for (const auto &[label, count] : SimulationPanel::histogram(m_samples, kBars)) {
        Q_UNUSED(label)
        upper->append(edge, count);
        upper->append(edge + width, count);
        edge += width;
        top = std::max(top, count);
    }
    upper->append(edge, 0);
    auto *area = new QAreaSeries(upper);
    area->setColor(QColor(0x63, 0x66, 0xf1));
    area->setBorderColor(QColor(0x43, 0x38, 0xca));
    chart->addSeries(area);
    auto *x = new QValueAxis;
    x->setRange(start, edge);
    x->setLabelFormat(QStringLiteral("%g"));
    x->setTickCount(6);
    x->setTitleText(tr("latency, ms"));
    QFont small = x->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    x->setLabelsFont(small);
    auto *y = new QValueAxis;
    y->setRange(0, std::max(top, 1) * 1.1);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setLabelsFont(small);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    area->attachAxis(x);
    area->attachAxis(y);
    // p50 and p99 as dashed lines.
    for (const auto &[value, colour] :
         {std::pair{m_p50, QColor(0x15, 0x80, 0x3d)}, std::pair{m_p99, QColor(0xb9, 0x1c, 0x1c)}}) {
        auto *line = new QLineSeries;
        const double ms = static_cast<double>(value) / 1000.0;
        line->append(ms, 0);
        line->append(ms, std::max(top, 1) * 1.1);
        QPen pen(colour);
        pen.setStyle(Qt::DashLine);
        pen.setWidth(2);
        line->setPen(pen);
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
}

} // namespace tutti::editor
