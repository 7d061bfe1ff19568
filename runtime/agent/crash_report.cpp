#include "runtime/agent/crash_report.hpp"

#include "runtime/errors.hpp"

#include <exception>
#include <string>

namespace troupe {

void report_crashes(caf::scheduled_actor* self) {
  self->set_exception_handler(
      [](caf::scheduled_actor*, std::exception_ptr& ptr) -> caf::error {
        try {
          std::rethrow_exception(ptr);
        } catch (const std::exception& e) {
          return make_error(errc::agent_crashed,
                            std::string{"unhandled exception: "} + e.what());
        } catch (...) {
          return make_error(errc::agent_crashed, "unhandled exception of unknown type");
        }
      });
}

} // namespace troupe
