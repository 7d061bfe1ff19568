#include "runtime/errors.hpp"

#include <caf/make_message.hpp>
#include <caf/sec.hpp>

namespace troupe {

bool is_retryable(errc code) {
  return code == errc::model_failed || code == errc::tool_failed ||
         code == errc::node_unreachable;
}

std::string to_string(errc code) {
  switch (code) {
  case errc::invalid_input:
    return "invalid_input";
  case errc::agent_failed:
    return "agent_failed";
  case errc::model_failed:
    return "model_failed";
  case errc::malformed_answer:
    return "malformed_answer";
  case errc::tool_failed:
    return "tool_failed";
  case errc::deadline_exceeded:
    return "deadline_exceeded";
  case errc::step_limit_reached:
    return "step_limit_reached";
  case errc::agent_crashed:
    return "agent_crashed";
  case errc::budget_exceeded:
    return "budget_exceeded";
  case errc::io_failed:
    return "io_failed";
  case errc::rejected:
    return "rejected";
  case errc::node_refused:
    return "node_refused";
  case errc::node_unreachable:
    return "node_unreachable";
  }
  return "unknown";
}

bool has_code(const caf::error& err, errc code) {
  return err.category() == errc_category && err.code() == static_cast<uint8_t>(code);
}

caf::error make_error(errc code, std::string message) {
  return caf::error{static_cast<uint8_t>(code), errc_category,
                    caf::make_message(std::move(message))};
}

std::string describe(const caf::error& err) {
  if (!err)
    return "no error";
  const auto& ctx = err.context();
  if (ctx.match_elements<std::string>())
    return ctx.get_as<std::string>(0);
  if (err.category() == caf::atom("system"))
    return caf::to_string(static_cast<caf::sec>(err.code()));
  return caf::to_string(err);
}

} // namespace troupe
