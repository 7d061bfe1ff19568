// libFuzzer target: `troupe trace` on a hostile file. The bytes are a
// trace.jsonl; when the reader accepts them, every view and export runs on
// the trace as the command would: the summary, the span tree (plain and
// coloured), the messages (as text and JSON, unfiltered and filtered, and
// line by line as --follow prints them), the timeline, the Perfetto, OTLP
// and Mermaid exports, and the diff of the trace against itself and against
// its first half (a cut run). The follower of --follow reads the same bytes
// from a file written in two parts.
//
// Properties, besides no crash, hang, leak or sanitizer report:
//   - a rejected trace has an error with a message; an accepted one starts
//     with a run_start;
//   - the text views are valid UTF-8 and hold no control character but line
//     ends (the tree's colours are its own escapes), whatever the trace says;
//   - the Perfetto and OTLP exports are JSON, the Mermaid one valid UTF-8.

#include "fuzz/fuzz_property.hpp"
#include "runtime/errors.hpp"
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

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using troupe::fuzz::require;

void check_text_view(const std::string& text, const char* view) {
  require(troupe::fuzz::valid_utf8(text), "views write valid UTF-8", view);
  require(troupe::fuzz::terminal_safe_text(text), "views write no control characters",
          view);
}

void check_json_export(const std::string& text, const char* format) {
  boost::system::error_code ec;
  boost::json::parse(text, ec);
  require(!ec, "the export is JSON", format);
}

void run_views(const troupe::recorded_trace& trace, std::size_t size) {
  check_text_view(troupe::render_summary(trace), "summary");
  check_text_view(troupe::render_tree(trace, false), "tree");
  require(troupe::fuzz::valid_utf8(troupe::render_tree(trace, true)),
          "views write valid UTF-8", "tree in colour");
  check_text_view(troupe::render_messages(trace, {}, false), "messages");
  troupe::render_messages(trace, {}, true); // the events' own lines
  troupe::message_filter filter;
  filter.kinds = {"task", "model_call", "model_attempt", "result"};
  filter.agents = {"orchestrator", trace.events.back().event.to};
  filter.steps = {"summarize"};
  filter.since_us = 1000;
  filter.grep = "\"ok\"";
  check_text_view(troupe::render_messages(trace, filter, false), "filtered messages");
  auto start = trace.start_us();
  std::string follow_text = troupe::message_header();
  for (const auto& e : trace.events)
    follow_text += troupe::render_message_line(e, start);
  check_text_view(follow_text, "messages --follow");
  // The widths `--width` accepts, 20 to 1000, picked by the input.
  check_text_view(troupe::render_timeline(trace, 20 + static_cast<int>(size % 981)),
                  "timeline");
  check_json_export(troupe::export_perfetto(trace), "perfetto");
  check_json_export(troupe::export_otlp(trace), "otlp");
  require(troupe::fuzz::valid_utf8(troupe::export_mermaid(trace)),
          "exports write valid UTF-8", "mermaid");
  auto cut = trace;
  cut.events.resize((cut.events.size() + 1) / 2);
  check_text_view(troupe::render_diff(trace, trace), "diff");
  check_text_view(troupe::render_diff(cut, trace), "diff");
  check_text_view(troupe::render_diff(trace, cut), "diff");
}

/// A file of this process's own that the follower reads; removed when the
/// fuzzer exits.
class follow_file {
public:
  follow_file() {
    std::random_device rd;
    path_ =
        (fs::temp_directory_path() / ("troupe-fuzz-" + std::to_string(rd()) + ".jsonl"))
            .string();
  }
  ~follow_file() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  follow_file(const follow_file&) = delete;
  follow_file& operator=(const follow_file&) = delete;

  const std::string& path() const { return path_; }

private:
  std::string path_;
};

/// `troupe trace messages --follow` on the bytes, written in two parts.
void follow(const std::string& text) {
  static const follow_file file;
  const auto& path = file.path();
  std::ofstream{path, std::ios::binary | std::ios::trunc}.write(
      text.data(), static_cast<std::streamsize>(text.size() / 2));
  troupe::trace_follower follower{path};
  std::size_t events = 0;
  auto count = [&](const troupe::recorded_event&) { ++events; };
  auto done = follower.poll(count);
  if (done && !*done) {
    std::ofstream{path, std::ios::binary | std::ios::app}.write(
        text.data() + text.size() / 2,
        static_cast<std::streamsize>(text.size() - text.size() / 2));
    done = follower.poll(count);
  }
  if (!done)
    require(!troupe::describe(done.error()).empty(), "a follower's error has a message");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text{reinterpret_cast<const char*>(data), size};
  std::istringstream in{text};
  auto trace = troupe::read_trace(in, "fuzz.jsonl");
  if (!trace) {
    require(!troupe::describe(trace.error()).empty(), "a rejection has a message");
  } else {
    require(!trace->events.empty() && trace->events.front().event.kind == "run_start",
            "an accepted trace starts with a run_start");
    run_views(*trace, size);
  }
  follow(text);
  return 0;
}
