#pragma once

// Lets a Boost.JSON value inside a message cross CAF's serializers: it is
// written as its canonical JSON text and parsed back on load, so payloads stay
// structured in memory and exact on the wire. A number that is not finite
// (a model's 1e999) crosses as null: Boost.JSON would write `Infinity`, which
// no reader, its own included, parses.

#include "runtime/text/finite_numbers.hpp"

#include <boost/json.hpp>
#include <caf/error.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/sec.hpp>
#include <string>

namespace troupe {

struct json_text {
  boost::json::value* value;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, json_text& x) {
  std::string text;
  if constexpr (Inspector::reads_state)
    text = serialize_finite(*x.value);
  auto load = caf::meta::load_callback([&]() -> caf::error {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(text, ec);
    if (ec)
      return caf::make_error(caf::sec::invalid_argument,
                             "malformed JSON payload: " + ec.message());
    *x.value = std::move(parsed);
    return caf::none;
  });
  return f(caf::meta::type_name("json"), text, load);
}

} // namespace troupe
