#pragma once

#include "runtime/scenario/config_error.hpp"
#include "runtime/scenario/json_locator.hpp"

#include <boost/json.hpp>
#include <string>
#include <variant>

namespace troupe {

/// Parses a configuration file's text (scenario, providers, pricing) the one
/// way all of them are read: comments and trailing commas allowed, exactly
/// one JSON document. The first syntax error comes back with its place;
/// `kind` names the file kind in the hint ("a pricing file holds ...").
std::variant<boost::json::value, config_error>
parse_config_json(const std::string& text, const std::string& file,
                  const json_locator& locator, const std::string& kind);

} // namespace troupe
