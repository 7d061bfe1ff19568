#pragma once

namespace troupe::bench {

/// User and system CPU time of the whole process so far, all threads, in
/// seconds. The difference over a measured stretch tells work from waiting:
/// on a shared machine, wall time also counts the time other programs held
/// the cores.
double process_cpu_seconds();

} // namespace troupe::bench
