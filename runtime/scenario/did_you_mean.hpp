#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// The entry of `known` closest to `name` by edit distance, when it is close
/// enough to be a likely typo.
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& known);

/// A hint for an unknown `name`: "did you mean 'x'? LABEL: a, b, c", without
/// the question when nothing is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& known,
                         std::string_view label);

/// "a, b, c", or "none" for an empty list.
std::string join_names(const std::vector<std::string>& names);

} // namespace troupe
