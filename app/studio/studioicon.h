// The studio's application icon: the window, its tabs and the welcome tree show the same mark the
// desktop menu does (packaging/io.github.tutti.Studio.svg, rendered at every size by the build).
#pragma once

#include <QIcon>

namespace tutti::studio {

QIcon studioIcon();

} // namespace tutti::studio
