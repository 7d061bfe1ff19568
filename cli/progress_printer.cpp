#include "cli/progress_printer.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/messages/type_ids.hpp"

#include <cstdio>

namespace troupe {

namespace {

std::string step_label(const trace_event& ev) {
  const auto& a = ev.attributes;
  auto index = int_at(a, "index") + 1;
  auto total = int_at(a, "steps_total");
  return "[" + std::to_string(index) + "/" + std::to_string(total) + "] " +
         string_at(a, "step");
}

/// Prints `line` unless a line with the same `key` was printed before.
void warn_once(progress_state& st, const std::string& key, const std::string& line) {
  if (st.warned.insert(key).second)
    std::fprintf(stderr, "  ! %s\n", line.c_str());
}

void count_call(progress_state& st, const trace_event& ev) {
  ++st.calls_by_provider[ev.to.empty() ? "none" : ev.to];
  st.cost_usd += ev.cost_usd;
  const auto* cached = ev.attributes.is_object()
                           ? ev.attributes.as_object().if_contains("troupe.cached")
                           : nullptr;
  if (cached && cached->is_bool() && cached->as_bool())
    ++st.cached;
}

void print_model_event(progress_state& st, const trace_event& ev) {
  const auto& a = ev.attributes;
  auto target =
      string_at(a, "gen_ai.provider.name") + "/" + string_at(a, "gen_ai.request.model");
  if (ev.kind == "model_call") {
    count_call(st, ev);
  } else if (ev.kind == "failover") {
    auto reason = string_at(a, "troupe.failover.reason");
    auto next = string_at(a, "troupe.failover.to_provider");
    auto why = string_at(a, "error.message");
    warn_once(st, "failover " + target + reason,
              target + ": " + reason + (why.empty() ? "" : " (" + why + ")") +
                  (next.empty() ? "" : "; trying " + next));
  } else if (ev.kind == "breaker" && ev.status == "open") {
    auto why = string_at(a, "error.message");
    warn_once(st, "breaker " + target,
              target + " keeps failing" + (why.empty() ? "" : " (" + why + ")") +
                  ": circuit breaker open, skipping it for a while");
  } else if (ev.kind == "budget_refused") {
    warn_once(st, "budget", string_at(a, "troupe.budget.detail"));
  }
}

/// Where placed agents run, and the nodes they lose.
void print_placement_event(progress_state& st, const trace_event& ev) {
  auto node = string_at(ev.attributes, "troupe.node");
  auto why = string_at(ev.attributes, "error.message");
  if (ev.kind == "agent_placed")
    std::fprintf(stderr, "  %s: on node %s\n", ev.from.c_str(), node.c_str());
  else if (ev.kind == "placement_failed")
    warn_once(st, "placement " + ev.from + node + why,
              ev.from + ": node " + node + " not used: " + why);
  else if (ev.kind == "placement_fallback")
    warn_once(st, "fallback " + ev.from,
              ev.from + ": no node of its placement is up; running it in this process");
  else if (ev.kind == "node_lost")
    warn_once(st, "lost " + ev.from + node + std::to_string(ev.ts_us),
              ev.from + ": lost node " + node + ", " +
                  std::to_string(int_at(ev.attributes, "tasks_moved")) +
                  " task(s) sent elsewhere");
}

void print_spend(const progress_state& st) {
  int64_t total = 0;
  std::string by;
  for (const auto& [provider, n] : st.calls_by_provider) {
    total += n;
    by += (by.empty() ? "" : ", ") + provider + " " + std::to_string(n);
  }
  if (total > 0)
    std::fprintf(stderr, "model calls: %lld (%s), %lld from cache, $%.4f\n",
                 static_cast<long long>(total), by.c_str(),
                 static_cast<long long>(st.cached), st.cost_usd);
}

void print_event(progress_state& st, const trace_event& ev) {
  const auto& a = ev.attributes;
  if (ev.kind == "step_start") {
    auto tasks = int_at(a, "tasks");
    std::fprintf(stderr, "%s: %s%s\n", step_label(ev).c_str(),
                 tasks == 1 ? "running"
                            : (std::to_string(tasks) + " tasks in parallel").c_str(),
                 int_at(a, "round") > 0 ? " (follow-up round)" : "");
  } else if (ev.kind == "step_end") {
    std::fprintf(stderr, "%s: done in %.1f ms\n", step_label(ev).c_str(),
                 static_cast<double>(ev.duration_us) / 1000.0);
  } else if (ev.kind == "loop_back") {
    std::fprintf(stderr, "  -> %s asks for more sources on \"%s\": back to %s\n",
                 string_at(a, "from_step").c_str(), string_at(a, "query").c_str(),
                 string_at(a, "to_step").c_str());
  } else if (ev.kind == "loop_back_refused") {
    std::fprintf(stderr, "  -> %s wanted more sources; not looping (%s)\n",
                 string_at(a, "from_step").c_str(), string_at(a, "reason").c_str());
  } else if (ev.kind == "run_end") {
    print_spend(st);
    std::fprintf(stderr, "run %s: %s in %.2f s\n", ev.run_id.c_str(), ev.status.c_str(),
                 static_cast<double>(ev.duration_us) / 1e6);
  } else if (ev.kind == "agent_placed" || ev.kind == "placement_failed" ||
             ev.kind == "placement_fallback" || ev.kind == "node_lost") {
    print_placement_event(st, ev);
  } else {
    print_model_event(st, ev);
  }
}

} // namespace

caf::behavior progress_printer(caf::stateful_actor<progress_state>* self) {
  return {
      [=](const trace_event& ev) { print_event(self->state, ev); },
      [](caf::flush_atom) { std::fflush(stderr); },
  };
}

} // namespace troupe
