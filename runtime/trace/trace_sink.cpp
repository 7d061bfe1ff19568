#include "runtime/trace/trace_sink.hpp"

#include "runtime/errors.hpp"
#include "runtime/trace/trace_event_json.hpp"

#include <caf/send.hpp>
#include <cerrno>
#include <cstring>

namespace troupe {

trace_sink_state::~trace_sink_state() {
  if (file != nullptr)
    std::fclose(file);
}

trace_sink_actor::behavior_type
trace_sink(trace_sink_actor::stateful_pointer<trace_sink_state> self, std::FILE* file,
           caf::actor listener) {
  self->state.file = file;
  self->state.listener = std::move(listener);
  return {
      [=](trace_event& event) {
        auto line = boost::json::serialize(to_json(event));
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), self->state.file);
        std::fflush(self->state.file);
        ++self->state.written;
        if (self->state.listener)
          caf::anon_send(self->state.listener, std::move(event));
      },
      [=](caf::flush_atom) -> int64_t {
        std::fflush(self->state.file);
        return self->state.written;
      },
  };
}

caf::expected<std::FILE*> open_trace_file(const std::string& path) {
  auto* file = std::fopen(path.c_str(), "a");
  if (file == nullptr)
    return make_error(errc::io_failed,
                      "cannot open trace file " + path + ": " + std::strerror(errno));
  return file;
}

} // namespace troupe
