#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace troupe {

/// The whole content of the regular file at `path`, or nothing when it is
/// missing, a folder or unreadable.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

} // namespace troupe
