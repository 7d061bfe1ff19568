#pragma once

#include <sys/types.h>

namespace troupe::bench {

/// User and system CPU time of the whole process so far, all threads, in
/// seconds. The difference over a measured stretch tells work from waiting:
/// on a shared machine, wall time also counts the time other programs held
/// the cores.
double process_cpu_seconds();

/// The same for another process of this machine, e.g. a `troupe node` the
/// benchmark started: utime + stime of /proc/PID/stat (all its threads);
/// -1 when it cannot be read (no such process).
double process_cpu_seconds(pid_t pid);

} // namespace troupe::bench
