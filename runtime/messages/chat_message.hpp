#pragma once

#include <caf/meta/type_name.hpp>
#include <string>

namespace troupe {

/// One turn of a chat prompt: role is "system", "user" or "assistant".
struct chat_message {
  std::string role;
  std::string content;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, chat_message& x) {
  return f(caf::meta::type_name("chat_message"), x.role, x.content);
}

} // namespace troupe
