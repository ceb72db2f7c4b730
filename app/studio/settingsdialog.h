// Edit › Settings… (Ctrl+,): the StudioSettings values in a form. OK and Apply store them
// (StudioSettings::set), which the window applies at once (the language at the next start);
// Restore Defaults fills the form with the defaults.
#pragma once

#include "studiosettings.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace tutti::studio {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    // `workspace` ("" for none) offers its environments as the default environment's choices.
    SettingsDialog(StudioSettings *settings, const QString &workspace, QWidget *parent = nullptr);

    StudioSettings::Values values() const; // what the form says
    void setValues(const StudioSettings::Values &values);
    void apply(); // stores values()

    QSpinBox *textSizeBox() const { return m_textSize; }
    QSpinBox *autosaveBox() const { return m_autosave; }
    QComboBox *environmentBox() const { return m_environment; }
    QLineEdit *traceDatabaseEdit() const { return m_traceDb; }
    QComboBox *themeBox() const { return m_theme; }
    QComboBox *languageBox() const { return m_language; }

private:
    StudioSettings *m_settings;
    QSpinBox *m_textSize;
    QSpinBox *m_autosave;
    QComboBox *m_environment;
    QRadioButton *m_traceInWorkspace, *m_traceInFile;
    QLineEdit *m_traceDb;
    QPushButton *m_browse;
    QComboBox *m_theme;
    QComboBox *m_language;
};

} // namespace tutti::studio
