#pragma once

#include "bench/support/load_driver.hpp"

#include <caf/scoped_actor.hpp>

namespace troupe::bench {

/// Sends `requests` to `target` one at a time from a blocking actor, each
/// after the previous answer: the latency of a call on an idle path.
template <class Response, class Handle, class Request>
load_sample sequential_calls(caf::actor_system& sys, const Handle& target,
                             std::vector<Request> requests) {
  caf::scoped_actor self{sys};
  load_sample sample;
  sample.calls = requests.size();
  sample.latencies_ns.reserve(requests.size());
  auto start = now_ns();
  for (auto& request : requests) {
    auto sent = now_ns();
    self->request(target, call_timeout, std::move(request))
        .receive([&](Response&) { sample.latencies_ns.push_back(now_ns() - sent); },
                 [&](caf::error&) { ++sample.failures; });
  }
  sample.wall = std::chrono::nanoseconds{now_ns() - start};
  return sample;
}

} // namespace troupe::bench
