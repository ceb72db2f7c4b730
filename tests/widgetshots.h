// Screenshots from widget tests, to look at as a user would (never asserted): with
// TUTTI_SHOTS_DIR set, saveShot() writes the widget as drawn now to DIR/NAME.png.
#pragma once

#include <QDir>
#include <QString>
#include <QWidget>

namespace widgetshots {

// True when the shot was written or none was asked for; false when writing it failed.
inline bool saveShot(QWidget &widget, QString name)
{
    const QString dir = qEnvironmentVariable("TUTTI_SHOTS_DIR");
    if (dir.isEmpty())
        return true;
    if (!name.endsWith(QLatin1String(".png")))
        name += QLatin1String(".png");
    QDir().mkpath(dir);
    return widget.grab().save(QDir(dir).filePath(name));
}

} // namespace widgetshots
