#include "runtime/model/provider/http_provider.hpp"

#include "runtime/model/provider/rate_limit_headers.hpp"

#include <caf/sec.hpp>
#include <cstdlib>
#include <optional>
#include <utility>

namespace troupe {

namespace {

using provider_pointer = http_provider_actor::stateful_pointer<http_provider_state>;

std::string read_key(const std::string& variable) {
  if (variable.empty())
    return {};
  const char* value = std::getenv(variable.c_str());
  return value == nullptr ? std::string{} : std::string{value};
}

attempt_result failure(attempt_outcome outcome, std::string error) {
  attempt_result result;
  result.outcome = outcome;
  result.error = std::move(error);
  return result;
}

/// Why a request cannot be sent at all, before any network call.
std::optional<attempt_result> unsendable(const http_provider_state& state) {
  const auto& spec = state.spec;
  if (state.codec == nullptr)
    return failure(attempt_outcome::bad_request,
                   "provider '" + spec.name + "' has type '" + spec.type +
                       "', which Troupe cannot call over HTTP: use \"openai\" or "
                       "\"anthropic\"");
  if (!spec.api_key_env.empty() && state.api_key.empty())
    return failure(attempt_outcome::auth_failed,
                   "environment variable " + spec.api_key_env +
                       " is not set: export it, or change api_key_env of provider '" +
                       spec.name + "'");
  return std::nullopt;
}

caf::typed_response_promise<attempt_result> send(provider_pointer self,
                                                 const model_request& request) {
  auto& state = self->state;
  // The codec sets the timeout from the spec.
  auto http = state.codec->encode(request, state.spec, state.api_key);
  auto id = state.transport->submit(std::move(http),
                                    caf::actor_cast<caf::strong_actor_ptr>(self));
  auto promise = self->make_response_promise<attempt_result>();
  state.pending.emplace(id, promise);
  return promise;
}

/// The provider's view of its limits, for the router's rate limiter.
void add_limit_hints(attempt_result& result, const http_response& response) {
  auto hints =
      read_rate_limit_headers(response.headers, std::chrono::system_clock::now());
  result.remaining_requests = hints.remaining_requests.value_or(-1);
  result.remaining_tokens = hints.remaining_tokens.value_or(-1);
  if (hints.reset_after)
    result.limit_reset_ms = hints.reset_after->count();
}

void answer(provider_pointer self, const http_response& response) {
  auto& pending = self->state.pending;
  auto found = pending.find(response.request_id);
  // http_response is an ordinary message: one that answers none of our
  // requests did not come from our transport, and is dropped.
  if (found == pending.end())
    return;
  auto promise = std::move(found->second);
  pending.erase(found);
  auto result = self->state.codec->decode(response);
  // provider_codec does not promise latency; the shared classification sets it.
  if (result.latency_us == 0)
    result.latency_us = response.elapsed_us;
  add_limit_hints(result, response);
  promise.deliver(std::move(result));
}

} // namespace

http_provider_state::~http_provider_state() {
  // Cancelled requests get no reply, so nothing is sent to a dead actor and
  // their connections are freed. Each caller hears what it would have, had
  // the request found us dead: CAF 0.17 promises do not break by themselves.
  for (auto& [id, promise] : pending) {
    transport->cancel(id);
    promise.deliver(caf::make_error(caf::sec::request_receiver_down));
  }
}

http_provider_actor::behavior_type
http_provider(provider_pointer self, provider_spec spec,
              std::shared_ptr<http_transport> transport) {
  auto& state = self->state;
  state.codec = make_provider_codec(spec);
  state.api_key = read_key(spec.api_key_env);
  state.spec = std::move(spec);
  state.transport = std::move(transport);
  return {
      [self](const model_request& request) -> caf::result<attempt_result> {
        if (auto refused = unsendable(self->state))
          return std::move(*refused);
        return send(self, request);
      },
      [self](const http_response& response) { answer(self, response); },
  };
}

} // namespace troupe
