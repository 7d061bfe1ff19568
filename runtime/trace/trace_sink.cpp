#include "runtime/trace/trace_sink.hpp"

#include "runtime/errors.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <caf/send.hpp>
#include <cerrno>
#include <cstring>

namespace troupe {

namespace {

using sink_ptr = trace_sink_impl_actor::stateful_pointer<trace_sink_state>;

// A bigger batch than this goes out at once, whatever the time.
constexpr std::size_t max_buffered_bytes = 256 * 1024;

// The buffer kept between batches; a bigger one is freed once written.
constexpr std::size_t kept_buffer_bytes = 4 * 1024;

/// Events after which a reader should see everything up to them.
bool is_boundary(const std::string& kind) {
  return kind == "run_start" || kind == "run_end" || kind == "step_start" ||
         kind == "step_end" || kind == "agent_down";
}

void write_out(trace_sink_state& st) {
  if (st.buffer.empty() || st.file == nullptr)
    return;
  auto wrote = std::fwrite(st.buffer.data(), 1, st.buffer.size(), st.file);
  if ((wrote != st.buffer.size() || std::fflush(st.file) != 0) && st.write_error.empty())
    st.write_error = std::strerror(errno);
  st.buffer.clear();
  // A sink lives as long as its run, and thousands of runs may wait at once:
  // a big batch's memory goes back instead of waiting for the next batch.
  if (st.buffer.capacity() > kept_buffer_bytes)
    std::string{}.swap(st.buffer);
}

void append(sink_ptr self, const trace_event& event) {
  auto& st = self->state;
  ++st.written;
  if (st.file == nullptr) // no trace file: the sink only feeds its listener
    return;
  append_json_line(event, st.buffer);
  if (is_boundary(event.kind) || st.buffer.size() >= max_buffered_bytes) {
    write_out(st);
  } else if (!st.timer_set) {
    st.timer_set = true;
    self->delayed_send(self, flush_interval, tick_atom::value);
  }
}

} // namespace

trace_sink_state::~trace_sink_state() {
  write_out(*this);
  if (file != nullptr)
    std::fclose(file);
}

trace_sink_impl_actor::behavior_type
trace_sink(trace_sink_impl_actor::stateful_pointer<trace_sink_state> self,
           std::FILE* file, caf::actor listener) {
  self->state.file = file;
  self->state.listener = std::move(listener);
  return {
      [=](trace_event& event) {
        append(self, event);
        if (self->state.listener)
          caf::anon_send(self->state.listener, std::move(event));
      },
      [=](caf::flush_atom) -> caf::result<int64_t> {
        write_out(self->state);
        if (!self->state.write_error.empty())
          return make_error(errc::io_failed,
                            "cannot write the trace file: " + self->state.write_error);
        return self->state.written;
      },
      [=](tick_atom) {
        self->state.timer_set = false;
        write_out(self->state);
      },
  };
}

caf::expected<std::FILE*> open_trace_file(const std::string& path, bool append) {
  auto* file = std::fopen(path.c_str(), append ? "a" : "w");
  if (file == nullptr)
    return make_error(errc::io_failed,
                      "cannot open trace file " + path + ": " + std::strerror(errno));
  return file;
}

} // namespace troupe
