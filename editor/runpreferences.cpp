// The run preferences of the process; see runpreferences.h.
#include <editor/runpreferences.h>

namespace tutti::editor {

namespace {
RunPreferences &stored()
{
    static RunPreferences preferences;
    return preferences;
}
} // namespace

const RunPreferences &RunPreferences::current()
{
    return stored();
}

void RunPreferences::setCurrent(RunPreferences preferences)
{
    stored() = std::move(preferences);
}

} // namespace tutti::editor
