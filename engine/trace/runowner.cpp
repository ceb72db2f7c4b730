// Owner leases of runs: this process's identity from /proc, and whether a recorded owner lives.
#include <engine/trace/runowner.h>

#include <fstream>
#include <sstream>

#include <unistd.h>

namespace tutti::engine {

namespace internal {

bool parseProcStat(const std::string &line, std::int64_t &startTicks, bool &zombie)
{
    const auto close = line.rfind(')');
    if (close == std::string::npos)
        return false;
    std::istringstream fields(line.substr(close + 1));
    std::string field;
    // After the command name come field 3 (state) … field 22 (starttime).
    for (int n = 3; n <= 22; ++n) {
        if (!(fields >> field))
            return false;
        if (n == 3)
            zombie = field == "Z" || field == "X";
    }
    try {
        std::size_t used = 0;
        startTicks = std::stoll(field, &used);
        return used == field.size();
    } catch (const std::exception &) {
        return false;
    }
}

} // namespace internal

namespace {

std::string firstLine(const std::string &path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string hostName()
{
    char buffer[256] = {};
    if (gethostname(buffer, sizeof buffer - 1) != 0)
        return {};
    return buffer;
}

} // namespace

RunOwner currentOwner()
{
    RunOwner owner;
    owner.pid = static_cast<std::int64_t>(getpid());
    bool zombie = false;
    if (!internal::parseProcStat(firstLine("/proc/self/stat"), owner.startTicks, zombie))
        owner.startTicks = 0;
    owner.bootId = firstLine("/proc/sys/kernel/random/boot_id");
    owner.host = hostName();
    return owner;
}

OwnerState ownerState(const RunOwner &owner, const RunOwner &self)
{
    if (owner.pid <= 0)
        return OwnerState::Unknown;
    if (owner.host.empty() || owner.host != self.host || self.bootId.empty())
        return OwnerState::Unknown;
    if (owner.bootId != self.bootId) // same machine, rebooted since: every process of then is gone
        return OwnerState::Gone;
    if (owner.pid == self.pid && owner.startTicks == self.startTicks)
        return OwnerState::Alive;
    const std::string line = firstLine("/proc/" + std::to_string(owner.pid) + "/stat");
    if (line.empty())
        return OwnerState::Gone; // no such process
    std::int64_t ticks = 0;
    bool zombie = false;
    if (!internal::parseProcStat(line, ticks, zombie))
        return OwnerState::Unknown;
    if (zombie || (owner.startTicks != 0 && ticks != owner.startTicks))
        return OwnerState::Gone; // dead but not reaped, or the pid now belongs to another process
    return OwnerState::Alive;
}

} // namespace tutti::engine
