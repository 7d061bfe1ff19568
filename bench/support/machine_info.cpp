#include "bench/support/machine_info.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sys/utsname.h>
#include <thread>

namespace troupe::bench {

namespace {

std::string cpu_model_name() {
  std::ifstream cpuinfo{"/proc/cpuinfo"};
  std::string line;
  while (std::getline(cpuinfo, line))
    if (line.rfind("model name", 0) == 0)
      return line.substr(line.find(':') + 2);
  return "unknown";
}

} // namespace

machine_info machine_info::current() {
  machine_info info;
  info.cpu_model = cpu_model_name();
  info.cores = std::thread::hardware_concurrency();
  utsname names{};
  if (::uname(&names) == 0)
    info.kernel = std::string{names.sysname} + " " + names.release;
  double loads[1] = {0.0};
  if (::getloadavg(loads, 1) == 1)
    info.load_average = loads[0];
  return info;
}

std::string machine_info::summary() const {
  char load[16];
  std::snprintf(load, sizeof load, "%.2f", load_average);
  return cpu_model + ", " + std::to_string(cores) + " cores, " + kernel +
         ", load average " + load + " at start";
}

boost::json::object machine_info::to_json() const {
  return {{"cpu_model", cpu_model},
          {"cores", cores},
          {"kernel", kernel},
          {"load_average", load_average}};
}

} // namespace troupe::bench
