#include "bench/support/delayed_provider.hpp"

#include "runtime/model/cache/response_cache.hpp"

namespace troupe::bench {

namespace {

using provider_ptr = delayed_provider_actor::stateful_pointer<delayed_provider_state>;

/// Answers from memory, or asks `inner` once for all who wait for the same.
void answer(provider_ptr self, const provider_actor& inner,
            delayed_provider_state::promise promise, model_request request) {
  auto& st = self->state;
  auto key = canonical_request(request, request.model);
  if (auto known = st.answers.find(key); known != st.answers.end()) {
    promise.deliver(known->second);
    return;
  }
  auto& waiting = st.computing[key];
  waiting.push_back(std::move(promise));
  if (waiting.size() > 1)
    return;
  self->request(inner, caf::infinite, std::move(request))
      .then(
          [=](attempt_result& result) {
            self->state.answers.emplace(key, result);
            for (auto& p : self->state.computing[key])
              p.deliver(result);
            self->state.computing.erase(key);
          },
          [=](caf::error& err) {
            for (auto& p : self->state.computing[key])
              p.deliver(err);
            self->state.computing.erase(key);
          });
}

} // namespace

delayed_provider_actor::behavior_type
delayed_provider(provider_ptr self, provider_actor inner,
                 std::chrono::milliseconds latency,
                 std::shared_ptr<std::atomic<int64_t>> calls) {
  return {
      [=](model_request& request) -> delayed_provider_state::promise {
        calls->fetch_add(1, std::memory_order_relaxed);
        auto promise = self->make_response_promise<attempt_result>();
        if (latency.count() == 0) {
          answer(self, inner, promise, std::move(request));
          return promise;
        }
        auto id = self->state.next_id++;
        self->state.delayed.emplace(
            id, delayed_provider_state::delayed_call{promise, std::move(request)});
        self->delayed_send(self, latency, tick_atom::value, id);
        return promise;
      },
      [=](tick_atom, uint64_t id) {
        auto i = self->state.delayed.find(id);
        if (i == self->state.delayed.end())
          return;
        auto call = std::move(i->second);
        self->state.delayed.erase(i);
        answer(self, inner, std::move(call.answer), std::move(call.request));
      },
  };
}

} // namespace troupe::bench
