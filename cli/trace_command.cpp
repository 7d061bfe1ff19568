#include "cli/trace_command.hpp"

#include "cli/exit_codes.hpp"
#include "runtime/errors.hpp"
#include "runtime/trace/trace_reader.hpp"
#include "runtime/trace/views/messages_view.hpp"
#include "runtime/trace/views/summary_view.hpp"
#include "runtime/trace/views/timeline_view.hpp"
#include "runtime/trace/views/tree_view.hpp"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace troupe {

namespace {

constexpr int default_width = 80;

/// Colours on a terminal, unless NO_COLOR is set (https://no-color.org).
bool use_color(const std::string& choice) {
  if (choice != "auto")
    return choice == "always";
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

int terminal_width(int asked) {
  if (asked > 0)
    return asked;
  const char* columns = std::getenv("COLUMNS");
  auto width = columns ? std::atoi(columns) : 0;
  return width >= 20 && width <= 1000 ? width : default_width;
}

std::string render(const recorded_trace& trace, const trace_arguments& args) {
  if (args.view == "tree")
    return render_tree(trace, use_color(args.color));
  if (args.view == "messages")
    return render_messages(trace, args.filter, args.json);
  if (args.view == "timeline")
    return render_timeline(trace, terminal_width(args.width));
  return render_summary(trace);
}

} // namespace

int trace_command(const trace_arguments& args) {
  auto trace = read_trace_file(args.file);
  if (!trace) {
    std::fprintf(stderr, "troupe: %s\n", describe(trace.error()).c_str());
    return exit_invalid_input;
  }
  for (const auto& warning : trace->warnings)
    std::fprintf(stderr, "troupe: warning: %s\n", warning.c_str());
  auto out = render(*trace, args);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return exit_ok;
}

} // namespace troupe
