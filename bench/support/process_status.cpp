#include "bench/support/process_status.hpp"

#include <fstream>
#include <malloc.h>
#include <string>

namespace troupe::bench {

process_status process_status::read() {
  process_status out;
  std::ifstream in{"/proc/self/status"};
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:")
      in >> out.rss_kb;
    else if (key == "VmHWM:")
      in >> out.peak_rss_kb;
    else if (key == "Threads:")
      in >> out.threads;
    std::getline(in, key);
  }
  return out;
}

bool process_status::reset_peak() {
  malloc_trim(0);
  std::ofstream out{"/proc/self/clear_refs"};
  out << "5";
  return static_cast<bool>(out.flush());
}

} // namespace troupe::bench
