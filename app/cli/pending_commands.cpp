// TEMPORARY (removed once `mock` and `simulate` land): weak placeholders so the CLI links
// meanwhile.
#include "clisupport.h"
#include "commands.h"
namespace tutti::cli {
__attribute__((weak)) int mockCommand(const QStringList &)
{
    err("tutti mock: not built yet\n");
    return ExitInternal;
}
__attribute__((weak)) int simulateCommand(const QStringList &)
{
    err("tutti simulate: not built yet\n");
    return ExitInternal;
}
} // namespace tutti::cli
