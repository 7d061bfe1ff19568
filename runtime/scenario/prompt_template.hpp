#pragma once

#include <caf/expected.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// A prompt text with `{{name}}` placeholders. Parsed once at load time so
/// that unknown variables are load errors, not surprises mid-run. The hash
/// is a content fingerprint recorded in the trace next to the version.
class prompt_template {
public:
  using lookup = std::function<std::optional<std::string>(std::string_view)>;

  /// Parses `text`; fails on an unclosed or empty placeholder.
  static caf::expected<prompt_template> parse(std::string text, std::string version);

  /// The distinct placeholder names, in order of first use.
  const std::vector<std::string>& variables() const noexcept { return variables_; }

  /// Substitutes every placeholder; fails naming the first one `vars` lacks.
  caf::expected<std::string> render(const lookup& vars) const;

  const std::string& text() const noexcept { return text_; }
  const std::string& version() const noexcept { return version_; }

  /// 16 hex digits of FNV-1a-64 over the text.
  const std::string& hash() const noexcept { return hash_; }

private:
  struct piece {
    bool is_variable;
    std::string value;
  };

  std::string text_;
  std::string version_;
  std::string hash_;
  std::vector<piece> pieces_;
  std::vector<std::string> variables_;
};

} // namespace troupe
