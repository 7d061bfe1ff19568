#pragma once

#include <string>
#include <string_view>

namespace troupe {

/// 16 hex digits of FNV-1a-64 over `text`: a stable fingerprint to tell
/// contents apart (prompt versions, index files), not a security hash.
std::string content_hash(std::string_view text);

} // namespace troupe
