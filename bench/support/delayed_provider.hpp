#pragma once

// A fake remote model with a fixed latency, for the scale benchmark.
//   router --model_request--> delayed_provider : waits `latency` (a timer,
//                                                no thread sleeps), then
//   router <--attempt_result-- the answer `inner` gave to the same request
// With the offline `local` provider as `inner`, agents get real content. Each
// distinct request is computed once by `inner` and then answered from
// memory: a remote model's work does not run on this machine's cores, so
// thousands of runs asking the same questions measure the runtime, not the
// extractive model. Counts the calls it takes.

#include "runtime/model/provider_actor.hpp"

#include <atomic>
#include <caf/typed_response_promise.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace troupe::bench {

/// The provider's own handle: the provider interface plus its timer.
using delayed_provider_actor =
    provider_actor::extend<caf::reacts_to<tick_atom, uint64_t>>;

struct delayed_provider_state {
  static inline const char* name = "delayed_provider";
  using promise = caf::typed_response_promise<attempt_result>;
  struct delayed_call {
    promise answer;
    model_request request;
  };
  uint64_t next_id = 0;
  std::unordered_map<uint64_t, delayed_call> delayed;
  std::unordered_map<std::string, attempt_result> answers; // by canonical request
  std::unordered_map<std::string, std::vector<promise>> computing;
};

delayed_provider_actor::behavior_type
delayed_provider(delayed_provider_actor::stateful_pointer<delayed_provider_state> self,
                 provider_actor inner, std::chrono::milliseconds latency,
                 std::shared_ptr<std::atomic<int64_t>> calls);

} // namespace troupe::bench
