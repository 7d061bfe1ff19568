#include "runtime/trace/trace_follower.hpp"

#include "runtime/errors.hpp"
#include "runtime/text/ascii_text.hpp"
#include "runtime/trace/trace_reader.hpp"

#include <filesystem>
#include <fstream>
#include <thread>

namespace troupe {

namespace fs = std::filesystem;

namespace {

// How much is read at a time: a follower holds at most one line and this
// much more, however large the file it starts on.
constexpr std::size_t read_chunk_bytes = std::size_t{1} << 20;

std::string wait_text(std::chrono::milliseconds wait) {
  return wait.count() % 1000 == 0 ? std::to_string(wait.count() / 1000) + " s"
                                  : std::to_string(wait.count()) + " ms";
}

} // namespace

trace_follower::trace_follower(std::string path, follow_options options)
    : path_(std::move(path)), options_(options) {}

caf::error trace_follower::follow(const event_handler& on_event) {
  auto deadline = std::chrono::steady_clock::now() + options_.appear_timeout;
  for (;;) {
    auto done = poll(on_event);
    if (!done)
      return done.error();
    if (*done)
      return caf::none;
    if (file_.empty() && std::chrono::steady_clock::now() >= deadline)
      return make_error(errc::invalid_input,
                        trace_file_path(path_) + " did not appear within " +
                            wait_text(options_.appear_timeout) +
                            "; is a run writing it (troupe run --out DIR)?");
    std::this_thread::sleep_for(options_.poll_interval);
  }
}

caf::expected<bool> trace_follower::poll(const event_handler& on_event) {
  if (file_.empty() && !find_file())
    return false;
  return read_appended(on_event);
}

bool trace_follower::find_file() {
  // A run folder may exist before its trace does: resolve the path anew.
  auto file = trace_file_path(path_);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    return false;
  file_ = file;
  builder_.emplace(file_);
  return true;
}

caf::expected<bool> trace_follower::read_appended(const event_handler& on_event) {
  std::error_code ec;
  auto size = fs::file_size(file_, ec);
  if (ec)
    return make_error(errc::invalid_input,
                      "cannot read trace file " + file_ + ": " + ec.message());
  if (size < offset_) { // replaced: open_trace_file empties a reused folder's trace
    builder_.emplace(file_);
    pending_.clear();
    offset_ = 0;
    line_ = 0;
  }
  std::ifstream in{file_, std::ios::binary};
  in.seekg(static_cast<std::streamoff>(offset_));
  std::string chunk(read_chunk_bytes, '\0');
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) ||
         in.gcount() > 0) {
    auto got = static_cast<std::size_t>(in.gcount());
    offset_ += got;
    pending_.append(chunk, 0, got);
    auto done = take_lines(on_event);
    if (!done || *done)
      return done;
  }
  if (in.bad())
    return make_error(errc::invalid_input, "cannot read trace file " + file_);
  return false;
}

caf::expected<bool> trace_follower::take_lines(const event_handler& on_event) {
  std::size_t begin = 0;
  for (auto end = pending_.find('\n'); end != std::string::npos;
       begin = end + 1, end = pending_.find('\n', begin)) {
    ++line_;
    auto text = pending_.substr(begin, end - begin);
    if (trim(text).empty())
      continue;
    if (auto err = builder_->add(line_, std::move(text)))
      return err;
    const auto& added = builder_->trace().events.back();
    on_event(added);
    if (added.event.kind == "run_end")
      return true;
  }
  pending_.erase(0, begin);
  if (pending_.size() > max_trace_line_bytes)
    return line_too_long(file_, line_ + 1, max_trace_line_bytes);
  return false;
}

} // namespace troupe
