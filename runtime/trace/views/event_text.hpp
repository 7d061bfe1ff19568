#pragma once

#include "runtime/messages/trace_event.hpp"

#include <cstdint>
#include <string>

namespace troupe {

/// What an event says, in one short line without its time, sender and
/// receiver (the views print those in their own columns): "step summarize,
/// item 3", "gpt-4o-mini, 732+106 tokens, $0.0002", "server_error (HTTP 503)".
/// Prompts and answers are left out; an unknown kind says its status.
std::string describe_event(const trace_event& event);

/// The model that answered a model_call: the one its response names, else
/// the one requested (the route's first target's model).
std::string answering_model(const trace_event& call);

/// How many hits a tool_call returned: its troupe.hits.count, or in a
/// trace written before there was one, the length of troupe.hits.
int64_t hit_count(const trace_event& tool_call);

/// The provider and model that answered a model_call,
/// "endpoint/gpt-4o-mini-2024-07-18"; "(none)/..." when no target did.
std::string answering_target(const trace_event& call);

/// Whether a model_call was answered from the response cache.
bool from_cache(const trace_event& call);

} // namespace troupe
