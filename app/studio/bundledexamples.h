// The examples that ship with the studio (resources/examples, compiled in as :/tutti/examples by
// app/CMakeLists.txt): their names and descriptions from each flow's `name` and `description`,
// and a private, writable copy to open, so running or editing one never touches the bundled
// files (an installed studio's are read-only; a source tree's stay clean).
#pragma once

#include <engine/core/result.h>

#include <QList>
#include <QString>

namespace tutti::studio {

struct BundledExample {
    QString folder;      // "checkout"
    QString flowFile;    // "checkout.flow.yaml"
    QString name;        // the flow's `name`, else the folder
    QString description; // the flow's `description`, else its first comment line
};

class BundledExamples {
public:
    static QString resourceRoot(); // ":/tutti/examples"
    // Every example folder with a *.flow.yaml, by folder name.
    static QList<BundledExample> list();
    // Where copies go: AppDataLocation/examples (QStandardPaths).
    static QString copyRoot();
    // The flow file of the example's copy, made on first use; an existing copy is kept as it
    // is (the user's edits in it stay) and only files missing from it are added back.
    static engine::Result<QString> materialize(const BundledExample &example);
};

} // namespace tutti::studio
