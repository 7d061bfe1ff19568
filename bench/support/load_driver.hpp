#pragma once

// Many calls in flight at once, as busy agents make them:
//   caller --start--> driver : sends `window` requests to the target, and
//                              one more for each answer, until all are sent
//   driver --Request--> target --Response--> driver
// The driver notes each call's latency and fulfils the plan's promise when
// the last answer is in. Header-only: it works for any request and answer.

#include "bench/support/load_sample.hpp"
#include "bench/support/trivial_actors.hpp"
#include "runtime/messages/type_ids.hpp"

#include <algorithm>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <vector>

namespace troupe::bench {

/// Calls wait without a timeout, as agents call the router: in CAF 0.17
/// every request with a timeout wakes the clock thread, which would add the
/// same cost to every arm. The router and providers time out on their own.
/// Waits that are not measured (the trace drain, a whole run) are bounded.
constexpr auto call_timeout = caf::infinite;
constexpr auto wait_timeout = std::chrono::minutes{10};

/// One batch for the driver: filled by it, read by the caller once `done`.
template <class Request> struct load_plan {
  std::vector<Request> requests;
  std::size_t window = 1;
  load_sample sample;
  std::vector<int64_t> sent_ns;
  std::size_t next = 0;
  std::size_t answered = 0;
  int64_t start_ns = 0;
  std::promise<void> done;
};

template <class Response, class Handle, class Request>
void send_next(caf::event_based_actor* self, const Handle& target,
               std::shared_ptr<load_plan<Request>> plan) {
  auto index = plan->next++;
  plan->sent_ns[index] = now_ns();
  auto answered = [self, target, plan, index](bool ok) {
    if (ok)
      plan->sample.latencies_ns.push_back(now_ns() - plan->sent_ns[index]);
    else
      ++plan->sample.failures;
    if (++plan->answered == plan->requests.size()) {
      plan->sample.wall = std::chrono::nanoseconds{now_ns() - plan->start_ns};
      plan->done.set_value();
      self->quit();
    } else if (plan->next < plan->requests.size()) {
      send_next<Response>(self, target, plan);
    }
  };
  self->request(target, call_timeout, std::move(plan->requests[index]))
      .then([answered](Response&) { answered(true); },
            [answered](caf::error&) { answered(false); });
}

template <class Response, class Handle, class Request>
caf::behavior load_driver(caf::event_based_actor* self, Handle target,
                          std::shared_ptr<load_plan<Request>> plan) {
  return {
      [=](start_atom) {
        plan->start_ns = now_ns();
        auto first = std::min(plan->window, plan->requests.size());
        for (std::size_t i = 0; i < first; ++i)
          send_next<Response>(self, target, plan);
      },
  };
}

/// Sends `requests` to `target` with `window` in flight and waits for the
/// last answer.
template <class Response, class Handle, class Request>
load_sample run_load(caf::actor_system& sys, const Handle& target,
                     std::vector<Request> requests, std::size_t window) {
  if (requests.empty())
    return {}; // the driver would wait for a last answer that never comes
  auto plan = std::make_shared<load_plan<Request>>();
  plan->sample.calls = requests.size();
  plan->sample.latencies_ns.reserve(requests.size());
  plan->sent_ns.resize(requests.size());
  plan->requests = std::move(requests);
  plan->window = window;
  auto done = plan->done.get_future();
  auto driver = sys.spawn(load_driver<Response, Handle, Request>, target, plan);
  caf::anon_send(driver, start_atom::value);
  done.wait();
  return std::move(plan->sample);
}

} // namespace troupe::bench
