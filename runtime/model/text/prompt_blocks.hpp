#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// The material blocks of a prompt, as read by the extractive model:
///   <question>...</question>
///   <document id="ID" title="TITLE">...</document>
///   <claim>...</claim>
/// Everything outside these blocks is instructions for a real model and is
/// kept only as `instructions`, the fallback material when no document is
/// given.
struct prompt_blocks {
  struct document {
    std::string id;
    std::string title;
    std::string text;
  };

  std::string question;
  std::vector<document> documents;
  std::vector<std::string> claims;
  std::string instructions;

  /// Reads the blocks of `prompt`. Attributes may come in any order with
  /// either quote style; a missing id becomes "doc-N" (N counts documents
  /// from 1). The five basic XML entities are decoded in attributes and
  /// block text.
  static prompt_blocks parse(std::string_view prompt);
};

} // namespace troupe
