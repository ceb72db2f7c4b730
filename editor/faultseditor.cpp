// Fault table with the retry outlook; see faultseditor.h.
#include <editor/faultseditor.h>

#include <editor/mocktoolservice.h>

#include <engine/model/steps/common.h>
#include <engine/runtime/retry.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace tutti::editor {

using engine::Json;

namespace {

enum Column { Rate, Kind, Status, Duration, Remove, ColumnCount };

QString percent(double share)
{
    const double p = share * 100.0;
    if (p > 0 && p < 0.001)
        return QStringLiteral("< 0.001 %");
    QString text = QString::number(p, 'f', p < 1 ? 3 : 1);
    while (text.contains(QLatin1Char('.')) && (text.endsWith(QLatin1Char('0'))))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text + QStringLiteral(" %");
}

// Rates are written as the user typed them in percent: 30 -> 0.3, never 0.30000000000000004.
double rateOf(double percentValue)
{
    return std::round(percentValue * 1e4) / 1e6;
}

} // namespace

FaultOutlook FaultsEditor::outlook(const std::vector<std::pair<double, std::string>> &faults,
                                   int retries, const std::vector<std::string> &on)
{
    FaultOutlook out;
    double retried = 0, final = 0;
    for (const auto &[rate, error] : faults) {
        if (error.empty())
            continue; // a normal (maybe slower) answer
        if (engine::errorMatchesAny(error, on))
            retried += rate;
        else
            final += rate;
    }
    const double ok = std::max(0.0, 1.0 - retried - final);
    const int attempts = std::max(retries, 0) + 1;
    // Attempt k+1 happens when the first k all failed with a retried error.
    double reach = 1, requests = 0, success = 0;
    for (int k = 0; k < attempts; ++k) {
        requests += reach;
        success += reach * ok;
        reach *= retried;
    }
    out.attemptFailure = retried + final;
    out.retriedShare = retried;
    out.stepFailure = std::clamp(1.0 - success, 0.0, 1.0);
    out.requestsPerStep = requests;
    return out;
}

FaultOutlook FaultsEditor::outlookFor(const Json &faults, int retries) const
{
    std::vector<std::pair<double, std::string>> list;
    if (faults.is_array())
        for (const Json &f : faults)
            if (f.is_object() && f.contains("rate") && f["rate"].is_number())
                list.emplace_back(f["rate"].get<double>(), m_tools->faultErrorName(f));
    return outlook(list, retries, engine::RetryPolicy{}.on);
}

FaultsEditor::FaultsEditor(MockToolService *tools, QWidget *parent)
    : QWidget(parent)
    , m_tools(tools)
{
    // The list, then what a step sees of it below: stacked, so the form fits half a window
    // without a horizontal scroll bar.
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QVBoxLayout;
    outer->addLayout(layout);
    auto *right = new QVBoxLayout;
    outer->addLayout(right);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("faultsTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Rate"), tr("Kind"), tr("Status"), tr("Duration"), QString()});
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Fixed);
    header->setSectionResizeMode(Kind, QHeaderView::Stretch);
    header->resizeSection(Rate, 92);
    header->resizeSection(Status, 64);
    header->resizeSection(Duration, 70);
    header->resizeSection(Remove, 28);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setMinimumWidth(92 + 64 + 70 + 28 + 110);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setMaximumHeight(150);
    m_table->setMinimumHeight(90);
    layout->addWidget(m_table);
    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("Add fault"), this);
    m_inherit = new QPushButton(tr("Inherit"), this);
    m_inherit->setToolTip(tr("Remove this list: the faults of the level above apply"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_inherit);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    auto *previewRow = new QHBoxLayout;
    previewRow->addWidget(new QLabel(tr("What a step sees with"), this));
    m_retries = new QSpinBox(this);
    m_retries->setObjectName(QStringLiteral("previewRetries"));
    m_retries->setRange(0, 10);
    m_retries->setValue(2);
    m_retries->setSuffix(tr(" retries"));
    m_retries->setToolTip(tr("The step's retry.retries: attempts = retries + 1"));
    previewRow->addWidget(m_retries);
    previewRow->addStretch(1);
    right->addLayout(previewRow);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("faultPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::RichText);
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    right->addWidget(m_preview);
    connect(m_add, &QPushButton::clicked, this, &FaultsEditor::addFault);
    connect(m_inherit, &QPushButton::clicked, this, [this] {
        m_value.reset();
        fillTable();
        updatePreview();
        emit edited(std::nullopt);
    });
    connect(m_retries, &QSpinBox::valueChanged, this, &FaultsEditor::updatePreview);
    setValue(std::nullopt);
}

void FaultsEditor::setValue(const std::optional<Json> &value, const std::optional<Json> &inherited,
                            const QString &inheritedFrom)
{
    m_value = value;
    m_inherited = inherited;
    m_inheritedFrom = inheritedFrom;
    fillTable();
    updatePreview();
}

void FaultsEditor::addFault()
{
    Json list = m_value && m_value->is_array() ? *m_value : Json::array();
    list.push_back(Json{{"rate", 0.05}, {"kind", "status"}, {"status", 503}});
    m_value = list;
    fillTable();
    updatePreview();
    emit edited(m_value);
}

void FaultsEditor::fillTable()
{
    m_setting = true;
    m_table->setRowCount(0);
    const Json list = m_value && m_value->is_array() ? *m_value : Json::array();
    m_inherit->setVisible(m_value.has_value());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json &f = list[i];
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *rate = new QDoubleSpinBox(m_table);
        rate->setRange(0, 100);
        rate->setDecimals(2);
        rate->setSuffix(QStringLiteral(" %"));
        rate->setKeyboardTracking(false);
        rate->setValue(f.contains("rate") && f["rate"].is_number() ? f["rate"].get<double>() * 100
                                                                   : 0);
        auto *kind = new QComboBox(m_table);
        for (const std::string &k : m_tools->faultKinds())
            kind->addItem(QString::fromStdString(k));
        const QString k = f.contains("kind") && f["kind"].is_string()
                              ? QString::fromStdString(f["kind"].get<std::string>())
                              : QString();
        if (kind->findText(k) < 0 && !k.isEmpty())
            kind->addItem(k);
        kind->setCurrentText(k);
        auto *status = new QSpinBox(m_table);
        status->setRange(100, 599);
        status->setKeyboardTracking(false);
        status->setValue(
            f.contains("status") && f["status"].is_number_integer() ? f["status"].get<int>() : 503);
        status->setEnabled(k == QLatin1String("status"));
        auto *duration = new QLineEdit(m_table);
        duration->setPlaceholderText(tr("e.g. 2s"));
        if (f.contains("duration"))
            duration->setText(f["duration"].is_string()
                                  ? QString::fromStdString(f["duration"].get<std::string>())
                                  : QString::fromStdString(f["duration"].dump()));
        duration->setEnabled(k == QLatin1String("slow_body"));
        auto *remove = new QToolButton(m_table);
        remove->setText(QStringLiteral("✕"));
        remove->setToolTip(tr("Remove this fault"));
        m_table->setCellWidget(row, Rate, rate);
        m_table->setCellWidget(row, Kind, kind);
        m_table->setCellWidget(row, Status, status);
        m_table->setCellWidget(row, Duration, duration);
        m_table->setCellWidget(row, Remove, remove);
        connect(rate, &QDoubleSpinBox::valueChanged, this, &FaultsEditor::emitFromTable);
        connect(kind, &QComboBox::activated, this, &FaultsEditor::emitFromTable);
        connect(status, &QSpinBox::valueChanged, this, &FaultsEditor::emitFromTable);
        connect(duration, &QLineEdit::editingFinished, this, [this, duration] {
            if (duration->isModified()) {
                duration->setModified(false);
                emitFromTable();
            }
        });
        connect(remove, &QToolButton::clicked, this, [this, i] {
            if (!m_value || !m_value->is_array() || i >= m_value->size())
                return;
            m_value->erase(i);
            QMetaObject::invokeMethod(
                this,
                [this] {
                    fillTable();
                    updatePreview();
                    emit edited(m_value);
                },
                Qt::QueuedConnection); // the button is deleted by fillTable
        });
    }
    m_setting = false;
}

void FaultsEditor::emitFromTable()
{
    if (m_setting || !m_value || !m_value->is_array())
        return;
    Json list = *m_value;
    for (int row = 0; row < m_table->rowCount() && row < static_cast<int>(list.size()); ++row) {
        Json &f = list[static_cast<std::size_t>(row)];
        const double rate =
            rateOf(static_cast<QDoubleSpinBox *>(m_table->cellWidget(row, Rate))->value());
        const Json rateOld = f.contains("rate") ? f["rate"] : Json();
        if (!(rateOld.is_number() && std::abs(rateOld.get<double>() - rate) < 1e-12))
            f["rate"] = rate;
        const std::string kind =
            static_cast<QComboBox *>(m_table->cellWidget(row, Kind))->currentText().toStdString();
        f["kind"] = kind;
        if (kind == "status")
            f["status"] = static_cast<QSpinBox *>(m_table->cellWidget(row, Status))->value();
        else
            f.erase("status");
        const QString duration =
            static_cast<QLineEdit *>(m_table->cellWidget(row, Duration))->text().trimmed();
        if (kind == "slow_body")
            f["duration"] = duration.isEmpty() ? std::string("2s") : duration.toStdString();
        else
            f.erase("duration");
    }
    if (list == *m_value)
        return;
    m_value = list;
    // Enable the fields that apply to the kinds now chosen.
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString kind =
            static_cast<QComboBox *>(m_table->cellWidget(row, Kind))->currentText();
        m_table->cellWidget(row, Status)->setEnabled(kind == QLatin1String("status"));
        auto *d = static_cast<QLineEdit *>(m_table->cellWidget(row, Duration));
        d->setEnabled(kind == QLatin1String("slow_body"));
        if (kind == QLatin1String("slow_body") && d->text().isEmpty())
            d->setText(QStringLiteral("2s"));
    }
    updatePreview();
    emit edited(m_value);
}

QString FaultsEditor::previewText() const
{
    return m_preview->text();
}

void FaultsEditor::updatePreview()
{
    const std::optional<Json> &effective = m_value ? m_value : m_inherited;
    const QString from =
        m_value ? QString()
                : tr("Not set here: %1. ")
                      .arg(m_inheritedFrom.isEmpty() ? tr("inherited") : m_inheritedFrom);
    if (!effective || !effective->is_array() || effective->empty()) {
        m_preview->setText(from.toHtmlEscaped() + tr("No faults: every request gets its answer."));
        return;
    }
    const int retries = m_retries->value();
    const FaultOutlook o = outlookFor(*effective, retries);
    QStringList errors;
    for (const Json &f : *effective) {
        if (!f.is_object() || !f.contains("rate") || !f["rate"].is_number())
            continue;
        const std::string name = m_tools->faultErrorName(f);
        errors << QStringLiteral("%1 %2").arg(name.empty() ? tr("slower answer")
                                                           : QString::fromStdString(name),
                                              percent(f["rate"].get<double>()));
    }
    QStringList on;
    for (const std::string &n : engine::RetryPolicy{}.on)
        on << QString::fromStdString(n);
    m_preview->setText(
        from.toHtmlEscaped() +
        tr("Each request fails <b>%1</b> (%2). A step with %3 retries (%4 attempts; retried by "
           "default: %5) still fails <b>%6</b> of the time and sends %7 requests on average.")
            .arg(percent(o.attemptFailure), errors.join(QStringLiteral(", ")).toHtmlEscaped())
            .arg(retries)
            .arg(retries + 1)
            .arg(on.join(QStringLiteral(", ")), percent(o.stepFailure))
            .arg(o.requestsPerStep, 0, 'f', 2));
}

} // namespace tutti::editor
