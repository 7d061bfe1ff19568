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

void print_event(const trace_event& ev) {
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
    std::fprintf(stderr, "run %s: %s in %.2f s\n", ev.run_id.c_str(), ev.status.c_str(),
                 static_cast<double>(ev.duration_us) / 1e6);
  }
}

} // namespace

caf::behavior progress_printer(caf::event_based_actor*) {
  return {
      [](const trace_event& ev) { print_event(ev); },
      [](caf::flush_atom) { std::fflush(stderr); },
  };
}

} // namespace troupe
