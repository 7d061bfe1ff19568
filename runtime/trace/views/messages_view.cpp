#include "runtime/trace/views/messages_view.hpp"

#include "runtime/trace/views/event_text.hpp"
#include "runtime/trace/views/text_table.hpp"
#include "runtime/trace/views/view_text.hpp"

#include <algorithm>

namespace troupe {

namespace {

/// The shown events, by time; events of the same microsecond in file order.
std::vector<const recorded_event*> select(const recorded_trace& trace,
                                          const message_filter& filter) {
  std::vector<const recorded_event*> out;
  auto start = trace.start_us();
  for (const auto& e : trace.events)
    if (filter.matches(e, start))
      out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return a->event.ts_us < b->event.ts_us;
  });
  return out;
}

std::string route(const trace_event& ev) {
  if (ev.from.empty() && ev.to.empty())
    return "";
  return terminal_safe(ev.from) + " -> " + terminal_safe(ev.to);
}

/// `text` in `width` columns, left-aligned (`right` for numbers); longer
/// text keeps its length.
std::string padded(std::string text, std::size_t width, bool right = false) {
  if (text.size() >= width)
    return text;
  std::string pad(width - text.size(), ' ');
  return right ? pad + text : text + pad;
}

/// The --follow columns: time, from -> to, kind, what.
std::string follow_line(std::string time, std::string route, std::string kind,
                        std::string what) {
  return padded(std::move(time), 8, true) + "  " + padded(std::move(route), 28) + "  " +
         padded(std::move(kind), 14) + "  " + what + "\n";
}

} // namespace

std::string message_header() {
  return follow_line("time (s)", "from -> to", "kind", "what");
}

std::string render_message_line(const recorded_event& e, int64_t run_start_us) {
  return follow_line(offset_text(e.event.ts_us - run_start_us), route(e.event),
                     terminal_safe(e.event.kind), describe_event(e.event));
}

std::string render_messages(const recorded_trace& trace, const message_filter& filter,
                            bool json) {
  auto shown = select(trace, filter);
  std::string out;
  if (json) {
    for (const auto* e : shown)
      out += e->text + "\n";
    return out;
  }
  if (shown.empty())
    return "no event matches\n";
  text_table table{{"time (s)", "from -> to", "kind", "what"}, "rlll"};
  for (const auto* e : shown)
    table.add_row({offset_text(e->event.ts_us - trace.start_us()), route(e->event),
                   terminal_safe(e->event.kind), describe_event(e->event)});
  return table.render();
}

} // namespace troupe
