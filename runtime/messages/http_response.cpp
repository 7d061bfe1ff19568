#include "runtime/messages/http_response.hpp"

namespace troupe {

std::string to_string(http_failure f) {
  switch (f) {
  case http_failure::none:
    return "none";
  case http_failure::timeout:
    return "timeout";
  case http_failure::connect_failed:
    return "connect_failed";
  case http_failure::connection_lost:
    return "connection_lost";
  case http_failure::too_large:
    return "too_large";
  case http_failure::other:
    return "other";
  }
  return "other";
}

} // namespace troupe
