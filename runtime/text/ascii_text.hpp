#pragma once

#include <string_view>

namespace troupe {

/// True for ASCII white space (space, tab, line ends, form feed); bytes of
/// multibyte UTF-8 characters never are.
bool is_ascii_space(char c);

/// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

} // namespace troupe
