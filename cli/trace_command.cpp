#include "cli/trace_command.hpp"

#include "cli/exit_codes.hpp"
#include "runtime/errors.hpp"
#include "runtime/orchestrator/run_files.hpp"
#include "runtime/trace/export/mermaid_export.hpp"
#include "runtime/trace/export/otlp_export.hpp"
#include "runtime/trace/export/perfetto_export.hpp"
#include "runtime/trace/trace_follower.hpp"
#include "runtime/trace/trace_reader.hpp"
#include "runtime/trace/views/diff_view.hpp"
#include "runtime/trace/views/messages_view.hpp"
#include "runtime/trace/views/summary_view.hpp"
#include "runtime/trace/views/timeline_view.hpp"
#include "runtime/trace/views/tree_view.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
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

int fail(const caf::error& err) {
  std::fprintf(stderr, "troupe: %s\n", describe(err).c_str());
  return exit_invalid_input;
}

void print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

/// The trace at `path`, its warnings printed; none after printing why.
std::optional<recorded_trace> read(const std::string& path) {
  auto trace = read_trace_file(path);
  if (!trace) {
    fail(trace.error());
    return std::nullopt;
  }
  for (const auto& warning : trace->warnings)
    std::fprintf(stderr, "troupe: warning: %s\n", warning.c_str());
  return std::move(*trace);
}

std::string render(const recorded_trace& trace, const trace_arguments& args) {
  if (args.view == "tree")
    return render_tree(trace, use_color(args.color));
  if (args.view == "messages")
    return render_messages(trace, args.filter, args.json);
  if (args.view == "timeline")
    return render_timeline(trace, terminal_width(args.width));
  if (args.view == "export" && args.format == "perfetto")
    return export_perfetto(trace);
  if (args.view == "export" && args.format == "otlp")
    return export_otlp(trace);
  if (args.view == "export")
    return export_mermaid(trace);
  return render_summary(trace);
}

int diff(const trace_arguments& args) {
  auto a = read(args.file);
  auto b = a ? read(args.other_file) : std::nullopt;
  if (!b)
    return exit_invalid_input;
  print(render_diff(*a, *b));
  return exit_ok;
}

/// Prints the events that pass the filter as the run writes them; stdout
/// is flushed after each, so a pipe sees them as they come.
int follow(const trace_arguments& args) {
  if (!std::filesystem::exists(trace_file_path(args.file)))
    std::fprintf(stderr, "troupe: waiting for a run to write %s\n", args.file.c_str());
  trace_follower follower{args.file};
  int64_t start_us = 0;
  bool header = args.json;
  auto err = follower.follow([&](const recorded_event& e) {
    if (e.event.kind == "run_start")
      start_us = e.event.ts_us;
    if (!args.filter.matches(e, start_us))
      return;
    print(args.json
              ? e.text + "\n"
              : (header ? "" : message_header()) + render_message_line(e, start_us));
    header = true;
    std::fflush(stdout);
  });
  return err ? fail(err) : exit_ok;
}

} // namespace

int trace_command(const trace_arguments& args) {
  if (args.view == "diff")
    return diff(args);
  if (args.follow)
    return follow(args);
  auto trace = read(args.file);
  if (!trace)
    return exit_invalid_input;
  auto out = render(*trace, args);
  if (args.out.empty()) {
    print(out);
    return exit_ok;
  }
  if (auto err = write_file_atomic(args.out, out)) {
    std::fprintf(stderr, "troupe: %s\n", describe(err).c_str());
    return exit_setup_failed;
  }
  return exit_ok;
}

} // namespace troupe
