#include "runtime/trace/views/event_text.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/text/utf8.hpp"
#include "runtime/trace/span_path.hpp"
#include "runtime/trace/views/saturated.hpp"
#include "runtime/trace/views/view_text.hpp"

#include <functional>
#include <map>

namespace troupe {

namespace {

using describer = std::function<std::string(const trace_event&)>;

/// A quoted excerpt of free text (a query), at most about 60 bytes.
std::string quoted(const std::string& text) {
  auto cut = utf8_prefix(text, 60);
  return "\"" + std::string{cut} + (cut.size() < text.size() ? "...\"" : "\"");
}

/// ", error: MESSAGE" when the event carries an error message.
std::string error_suffix(const trace_event& ev) {
  auto message = string_at(ev.attributes, "error.message");
  return message.empty() ? "" : ", error: " + message;
}

std::string target(const trace_event& ev) {
  return string_at(ev.attributes, "gen_ai.provider.name") + "/" +
         string_at(ev.attributes, "gen_ai.request.model");
}

std::string tokens(const trace_event& ev) {
  return std::to_string(ev.input_tokens) + "+" + std::to_string(ev.output_tokens) +
         " tokens";
}

std::string run_start(const trace_event& ev) {
  return string_at(ev.attributes, "scenario") + " (" +
         string_at(ev.attributes, "scenario_file") + "), schema " +
         string_at(ev.attributes, "schema");
}

std::string run_end(const trace_event& ev) {
  return ev.status + " after " +
         count_text(int_at(ev.attributes, "steps_completed"), "step") + ", " +
         count_text(int_at(ev.attributes, "loop_rounds"), "loop round") +
         error_suffix(ev);
}

/// ", 2 of 5 items kept by where" for a step with a `where`, else "".
std::string where_text(const boost::json::value& a) {
  if (value_at(a, "items_kept").is_null())
    return "";
  auto kept = int_at(a, "items_kept");
  return ", " + std::to_string(kept) + " of " +
         std::to_string(saturated_sum(kept, int_at(a, "items_skipped"))) +
         " items kept by where";
}

std::string step_start(const trace_event& ev) {
  const auto& a = ev.attributes;
  auto round = int_at(a, "round");
  return "step " + string_at(a, "step") + " (" +
         std::to_string(saturated_sum(int_at(a, "index"), 1)) + " of " +
         std::to_string(int_at(a, "steps_total")) + "), " +
         count_text(int_at(a, "tasks"), "task") + where_text(a) +
         (round > 0 ? ", round " + std::to_string(round) : "");
}

std::string step_end(const trace_event& ev) {
  return "step " + string_at(ev.attributes, "step") + " done";
}

/// "step summarize, task t3": a task and its result share the span, which
/// names the step too (an error result has no "step" attribute).
std::string step_task(const trace_event& ev) {
  return "step " + step_of_span(ev.span_id) + ", task " +
         std::string{span_leaf(ev.span_id)};
}

std::string task(const trace_event& ev) {
  const auto& a = ev.attributes;
  auto out = step_task(ev);
  if (!value_at(a, "item_index").is_null())
    out += ", item " + std::to_string(int_at(a, "item_index"));
  if (auto round = int_at(a, "round"); round > 0)
    out += ", round " + std::to_string(round);
  if (auto node = string_at(a, "troupe.node"); !node.empty())
    out += ", on " + node;
  return out;
}

std::string task_reused(const trace_event& ev) {
  return step_task(ev) + ": answered from an earlier identical task";
}

std::string result(const trace_event& ev) {
  auto out = step_task(ev);
  if (ev.duration_us > 0)
    out += ", after " + duration_text(ev.duration_us);
  if (auto more = string_at(ev.attributes, "needs_more"); !more.empty())
    out += ", needs more: " + quoted(more);
  if (auto node = string_at(ev.attributes, "troupe.node"); !node.empty())
    out += ", from " + node;
  return out + error_suffix(ev);
}

std::string model_call(const trace_event& ev) {
  const auto& a = ev.attributes;
  auto out = string_at(a, "troupe.operation") + " on route " +
             string_at(a, "troupe.route") + ", " + answering_model(ev) + ", " +
             tokens(ev) + ", " + usd_text(ev.cost_usd) + ", " +
             duration_text(ev.duration_us);
  if (from_cache(ev))
    out += ", from the cache";
  return out + error_suffix(ev);
}

std::string model_attempt(const trace_event& ev) {
  auto out = target(ev) + ": " + ev.status;
  if (auto http = int_at(ev.attributes, "http.response.status_code"); http != 0)
    out += " (HTTP " + std::to_string(http) + ")";
  if (ev.status == "ok")
    out += ", " + tokens(ev);
  return out + error_suffix(ev);
}

std::string retry(const trace_event& ev) {
  const auto& a = ev.attributes;
  return "retry " + std::to_string(int_at(a, "troupe.retry.number")) + " of " +
         target(ev) + " in " + std::to_string(int_at(a, "troupe.retry.delay_ms")) +
         " ms after " + string_at(a, "error.type");
}

std::string failover(const trace_event& ev) {
  const auto& a = ev.attributes;
  auto next = string_at(a, "troupe.failover.to_provider");
  auto to = next.empty() ? std::string{"no target left"}
                         : next + "/" + string_at(a, "troupe.failover.to_model");
  auto why = string_at(a, "error.message");
  return target(ev) + " -> " + to + ": " + string_at(a, "troupe.failover.reason") +
         (why.empty() ? "" : " (" + why + ")");
}

std::string cache_hit(const trace_event& ev) {
  return "answered from the cache for " + target(ev);
}

std::string breaker(const trace_event& ev) {
  return "circuit breaker of " + target(ev) + " " +
         string_at(ev.attributes, "troupe.breaker.state") + error_suffix(ev);
}

std::string budget(const trace_event& ev) {
  const auto& a = ev.attributes;
  auto detail = string_at(a, "troupe.budget.detail");
  return usd_text(number_at(a, "troupe.budget.usd")) + ", " +
         std::to_string(int_at(a, "troupe.budget.tokens")) + " tokens" +
         (detail.empty() ? "" : ": " + detail);
}

/// `"query" -> 3 hits`; without content, only the count.
std::string tool_call(const trace_event& ev) {
  const auto& query = value_at(ev.attributes, "troupe.query");
  auto asked = query.is_string() ? quoted(text_of(query)) + " -> " : "";
  return asked + count_text(hit_count(ev), "hit") + error_suffix(ev);
}

std::string loop_back(const trace_event& ev) {
  const auto& a = ev.attributes;
  auto out = string_at(a, "from_step") + " -> " + string_at(a, "to_step") + " for " +
             quoted(string_at(a, "query"));
  return ev.kind == "loop_back" ? out + ", round " + std::to_string(int_at(a, "round"))
                                : out + " refused: " + string_at(a, "reason");
}

std::string agent_down(const trace_event& ev) {
  return "agent " + ev.from + " stopped" + error_suffix(ev);
}

std::string agent_restart(const trace_event& ev) {
  return "agent " + ev.from + " restarted (" +
         std::to_string(int_at(ev.attributes, "restarts_in_window")) + " in window)" +
         error_suffix(ev);
}

/// agent_placed, placement_failed, placement_fallback, node_lost.
std::string placement(const trace_event& ev) {
  auto node = string_at(ev.attributes, "troupe.node");
  if (ev.kind == "agent_placed")
    return "agent " + ev.from + " started on " + node;
  if (ev.kind == "placement_fallback")
    return "agent " + ev.from + " falls back to a local instance" + error_suffix(ev);
  if (ev.kind == "node_lost")
    return "agent " + ev.from + " lost node " + node + ", " +
           count_text(int_at(ev.attributes, "tasks_moved"), "task") + " moved" +
           error_suffix(ev);
  return "agent " + ev.from + " could not start on " + node + error_suffix(ev);
}

std::string task_timeout(const trace_event& ev) {
  const auto& a = ev.attributes;
  auto retry = value_at(a, "retry");
  return "attempt " + std::to_string(int_at(a, "attempt")) + " timed out after " +
         std::to_string(int_at(a, "timeout_ms")) + " ms" +
         (retry.is_bool() && retry.as_bool() ? ", sent again" : ", no retry left");
}

/// An agent's own event: its name and data, as the agent gave them.
std::string agent_event(const trace_event& ev) {
  const auto& data = value_at(ev.attributes, "data");
  return string_at(ev.attributes, "name") + (data.is_object() && !data.as_object().empty()
                                                 ? " " + boost::json::serialize(data)
                                                 : "");
}

std::string run_resume(const trace_event& ev) {
  auto from = string_at(ev.attributes, "from_step");
  return "resumed after " + std::to_string(int_at(ev.attributes, "steps_completed")) +
         " completed steps" + (from.empty() ? "" : ", from step " + from);
}

const std::map<std::string, describer>& describers() {
  static const std::map<std::string, describer> all{
      {"run_start", run_start},
      {"run_end", run_end},
      {"step_start", step_start},
      {"step_end", step_end},
      {"task", task},
      {"task_reused", task_reused},
      {"result", result},
      {"model_call", model_call},
      {"model_attempt", model_attempt},
      {"retry", retry},
      {"failover", failover},
      {"cache_hit", cache_hit},
      {"breaker", breaker},
      {"budget_reserve", budget},
      {"budget_settle", budget},
      {"budget_refused", budget},
      {"tool_call", tool_call},
      {"loop_back", loop_back},
      {"loop_back_refused", loop_back},
      {"agent_down", agent_down},
      {"agent_restart", agent_restart},
      {"task_timeout", task_timeout},
      {"agent_event", agent_event},
      {"run_resume", run_resume},
      {"agent_placed", placement},
      {"placement_failed", placement},
      {"placement_fallback", placement},
      {"node_lost", placement},
  };
  return all;
}

} // namespace

std::string answering_model(const trace_event& call) {
  auto model = string_at(call.attributes, "gen_ai.response.model");
  return model.empty() ? string_at(call.attributes, "gen_ai.request.model") : model;
}

std::string answering_target(const trace_event& call) {
  return (call.to.empty() ? std::string{"(none)"} : call.to) + "/" +
         answering_model(call);
}

int64_t hit_count(const trace_event& tool_call) {
  const auto& count = value_at(tool_call.attributes, "troupe.hits.count");
  return count.is_number()
             ? int_at(tool_call.attributes, "troupe.hits.count")
             : static_cast<int64_t>(array_at(tool_call.attributes, "troupe.hits").size());
}

bool from_cache(const trace_event& call) {
  const auto& cached = value_at(call.attributes, "troupe.cached");
  return cached.is_bool() && cached.as_bool();
}

std::string describe_event(const trace_event& event) {
  auto found = describers().find(event.kind);
  return terminal_safe(found == describers().end() ? event.status : found->second(event));
}

} // namespace troupe
