#include "runtime/model/model_router.hpp"

#include "runtime/errors.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace troupe {

namespace {

boost::json::array to_json(const std::vector<chat_message>& messages) {
  boost::json::array out;
  for (const auto& m : messages)
    out.push_back(boost::json::object{{"role", m.role}, {"content", m.content}});
  return out;
}

boost::json::array to_json(const std::vector<model_attempt>& attempts) {
  boost::json::array out;
  for (const auto& a : attempts)
    out.push_back(boost::json::object{{"provider", a.provider},
                                      {"model", a.model},
                                      {"outcome", a.outcome},
                                      {"error", a.error},
                                      {"latency_us", a.latency_us}});
  return out;
}

/// The model_call event for `request`; the caller adds the outcome.
trace_event call_event(const model_request& request, const std::string& span,
                       const std::string& provider, int64_t start_us) {
  trace_event ev;
  ev.kind = "model_call";
  ev.ts_us = start_us;
  ev.run_id = request.run_id;
  ev.span_id = span;
  ev.parent_span = request.parent_span;
  ev.from = request.agent_id;
  ev.to = provider;
  ev.message_type = "model_request";
  ev.duration_us = now_us() - start_us;
  boost::json::object attrs{{"gen_ai.operation.name", "chat"},
                            {"gen_ai.provider.name", provider},
                            {"gen_ai.request.model", request.model},
                            {"gen_ai.request.max_tokens", request.max_tokens},
                            {"gen_ai.request.temperature", request.temperature},
                            {"troupe.operation", request.operation},
                            {"troupe.route", request.route},
                            {"troupe.prompt.version", request.prompt_version},
                            {"troupe.prompt.hash", request.prompt_hash}};
  ev.attributes = std::move(attrs);
  return ev;
}

void add_response(trace_event& ev, const model_response& response, bool content) {
  auto& attrs = ev.attributes.as_object();
  attrs["gen_ai.response.model"] = response.model;
  attrs["gen_ai.response.finish_reasons"] = boost::json::array{response.finish_reason};
  attrs["troupe.cached"] = response.cached;
  attrs["troupe.attempts"] = to_json(response.attempts);
  if (content)
    attrs["gen_ai.output.text"] = response.text;
  ev.input_tokens = response.input_tokens;
  ev.output_tokens = response.output_tokens;
  ev.cost_usd = response.cost_usd;
  ev.status = "ok";
}

} // namespace

model_actor::behavior_type
model_router(model_actor::stateful_pointer<model_router_state> self,
             model_router_config config) {
  self->state.config = std::move(config);
  return {
      [=](model_request& request) -> caf::result<model_response> {
        const auto& cfg = self->state.config;
        auto route = cfg.routes.find(request.route);
        if (route == cfg.routes.end())
          return make_error(errc::model_failed, "agent '" + request.agent_id +
                                                    "' asked for unknown route '" +
                                                    request.route + "'");
        const auto& target = route->second.targets.at(0);
        auto provider = cfg.providers.find(target.provider);
        if (provider == cfg.providers.end())
          return make_error(errc::model_failed,
                            "route '" + request.route + "' names provider '" +
                                target.provider + "', which is not running");
        request.model = target.model;
        auto route_name = request.route;
        auto span = request.parent_span + "/m" + std::to_string(++self->state.calls);
        auto start = now_us();
        auto ev = call_event(request, span, provider->first, start);
        if (cfg.capture_content)
          ev.attributes.as_object()["gen_ai.input.messages"] = to_json(request.messages);
        auto rp = self->make_response_promise<model_response>();
        self->request(provider->second, cfg.call_timeout, std::move(request))
            .then(
                [=](model_response& response) mutable {
                  ev.duration_us = now_us() - start;
                  add_response(ev, response, self->state.config.capture_content);
                  self->send(self->state.config.trace, std::move(ev));
                  rp.deliver(std::move(response));
                },
                [=](caf::error& err) mutable {
                  ev.duration_us = now_us() - start;
                  ev.status = "error";
                  ev.attributes.as_object()["error.message"] = describe(err);
                  self->send(self->state.config.trace, std::move(ev));
                  rp.deliver(make_error(errc::model_failed,
                                        "model call on route '" + route_name +
                                            "' failed: " + describe(err)));
                });
        return rp;
      },
  };
}

} // namespace troupe
