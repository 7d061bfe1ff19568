#include "bench/support/null_trace.hpp"

#include "bench/support/load_driver.hpp"
#include "runtime/trace/trace_sink.hpp"

#include <caf/scoped_actor.hpp>
#include <stdexcept>

namespace troupe::bench {

trace_sink_actor spawn_null_trace(caf::actor_system& sys) {
  auto file = open_trace_file("/dev/null");
  if (!file)
    throw std::runtime_error("cannot open /dev/null for the trace");
  return sys.spawn<caf::detached>(trace_sink, *file, caf::actor{});
}

int64_t drain_trace(caf::actor_system& sys, const trace_sink_actor& sink) {
  caf::scoped_actor self{sys};
  auto start = now_ns();
  self->request(sink, wait_timeout, caf::flush_atom::value)
      .receive([](int64_t) {},
               [](caf::error&) { throw std::runtime_error("the trace sink failed"); });
  return now_ns() - start;
}

} // namespace troupe::bench
