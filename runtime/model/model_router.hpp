#pragma once

// The model router: the single door between agents and models.
//   agent --model_request--> router --model_request--> provider
//   agent <-model_response-- router <-model_response-- provider
// It resolves the request's named route to a provider and model, forwards
// the request, and records one model_call trace event per request. Routing
// strategies, retries, breakers, caching and budgets plug in here.

#include "runtime/model/config/route_spec.hpp"
#include "runtime/model/model_actor.hpp"
#include "runtime/trace/trace_sink_actor.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace troupe {

struct model_router_config {
  std::map<std::string, route_spec> routes;
  std::map<std::string, model_actor> providers; // by provider name
  trace_sink_actor trace;
  bool capture_content = true;
  std::chrono::milliseconds call_timeout{std::chrono::minutes{2}};
};

struct model_router_state {
  static inline const char* name = "model_router";
  model_router_config config;
  int64_t calls = 0;
};

model_actor::behavior_type
model_router(model_actor::stateful_pointer<model_router_state> self,
             model_router_config config);

} // namespace troupe
