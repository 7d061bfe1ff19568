#include "bench/support/process_cpu.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace troupe::bench {

double process_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double process_cpu_seconds(pid_t pid) {
  std::ifstream in{"/proc/" + std::to_string(pid) + "/stat"};
  std::string stat{std::istreambuf_iterator<char>{in}, {}};
  // "PID (COMMAND) STATE ...": the command may hold spaces and brackets, so
  // the fields are counted from the last ')'; utime and stime are fields
  // 14 and 15, the 12th and 13th after it, in clock ticks.
  auto name_end = stat.rfind(')');
  if (name_end == std::string::npos)
    return -1;
  std::istringstream fields{stat.substr(name_end + 1)};
  std::string field;
  for (int i = 0; i < 11; ++i)
    fields >> field;
  unsigned long long utime = 0, stime = 0;
  if (!(fields >> utime >> stime))
    return -1;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

} // namespace troupe::bench
