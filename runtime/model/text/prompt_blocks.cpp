#include "runtime/model/text/prompt_blocks.hpp"

#include "runtime/text/ascii_text.hpp"

#include <array>
#include <cctype>
#include <optional>

namespace troupe {

namespace {

constexpr std::array<std::string_view, 3> all_blocks = {"question", "document", "claim"};

struct opening_tag {
  std::size_t begin;   // position of '<'
  std::size_t content; // first byte after '>'
  std::string_view name;
  std::string_view attributes;
};

/// Position of the '>' closing a tag whose attributes start at `from`; a '>'
/// inside a quoted attribute value does not count.
std::optional<std::size_t> tag_end(std::string_view text, std::size_t from) {
  char quote = 0;
  for (auto pos = from; pos < text.size(); ++pos) {
    char c = text[pos];
    if (quote != 0) {
      if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return pos;
    }
  }
  return std::nullopt;
}

/// The tag of block `name` opening at `pos`, if there is one: the name must
/// be followed by '>' or by whitespace and attributes.
std::optional<opening_tag> opening_at(std::string_view text, std::size_t pos,
                                      std::string_view name) {
  auto after = pos + 1 + name.size();
  if (after >= text.size() || text.compare(pos + 1, name.size(), name) != 0)
    return std::nullopt;
  if (text[after] != '>' && !is_ascii_space(text[after]))
    return std::nullopt;
  auto end = tag_end(text, after);
  if (!end)
    return std::nullopt;
  return opening_tag{pos, *end + 1, name, text.substr(after, *end - after)};
}

template <class Names>
std::optional<opening_tag> find_opening(std::string_view text, std::size_t from,
                                        const Names& names) {
  for (auto pos = text.find('<', from); pos != std::string_view::npos;
       pos = text.find('<', pos + 1))
    for (auto name : names)
      if (auto tag = opening_at(text, pos, name))
        return tag;
  return std::nullopt;
}

std::string decode_entities(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, char>, 6> entities = {{
      {"&lt;", '<'},
      {"&gt;", '>'},
      {"&amp;", '&'},
      {"&quot;", '"'},
      {"&apos;", '\''},
      {"&#39;", '\''},
  }};
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    bool replaced = false;
    if (text[pos] == '&') {
      for (const auto& [entity, c] : entities) {
        if (text.compare(pos, entity.size(), entity) == 0) {
          decoded += c;
          pos += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced)
      decoded += text[pos++];
  }
  return decoded;
}

std::size_t skip_spaces(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_ascii_space(text[pos]))
    ++pos;
  return pos;
}

/// Reads `name="value"` pairs (either quote style, or unquoted) and keeps
/// the id and title.
void read_attributes(std::string_view attributes, prompt_blocks::document& doc) {
  std::size_t pos = skip_spaces(attributes, 0);
  while (pos < attributes.size()) {
    auto name_begin = pos;
    while (pos < attributes.size() && attributes[pos] != '=' &&
           !is_ascii_space(attributes[pos]))
      ++pos;
    auto name = attributes.substr(name_begin, pos - name_begin);
    pos = skip_spaces(attributes, pos);
    if (pos >= attributes.size() || attributes[pos] != '=') {
      pos = skip_spaces(attributes, pos);
      continue;
    }
    pos = skip_spaces(attributes, pos + 1);
    std::string_view value;
    if (pos < attributes.size() && (attributes[pos] == '"' || attributes[pos] == '\'')) {
      auto close = attributes.find(attributes[pos], pos + 1);
      if (close == std::string_view::npos)
        close = attributes.size();
      value = attributes.substr(pos + 1, close - pos - 1);
      pos = close + 1;
    } else {
      auto value_begin = pos;
      while (pos < attributes.size() && !is_ascii_space(attributes[pos]))
        ++pos;
      value = attributes.substr(value_begin, pos - value_begin);
    }
    if (name == "id")
      doc.id = decode_entities(trim(value));
    else if (name == "title")
      doc.title = decode_entities(trim(value));
    pos = skip_spaces(attributes, pos);
  }
}

void add_block(prompt_blocks& blocks, const opening_tag& tag, std::string_view body) {
  auto text = decode_entities(trim(body));
  if (tag.name == "question") {
    // The first question wins: later ones are usually quoted history.
    if (blocks.question.empty())
      blocks.question = std::move(text);
  } else if (tag.name == "claim") {
    if (!text.empty())
      blocks.claims.push_back(std::move(text));
  } else {
    prompt_blocks::document doc;
    read_attributes(tag.attributes, doc);
    if (doc.id.empty())
      doc.id = "doc-" + std::to_string(blocks.documents.size() + 1);
    doc.text = std::move(text);
    blocks.documents.push_back(std::move(doc));
  }
}

} // namespace

prompt_blocks prompt_blocks::parse(std::string_view prompt) {
  prompt_blocks blocks;
  std::size_t pos = 0;
  while (auto tag = find_opening(prompt, pos, all_blocks)) {
    blocks.instructions.append(prompt.substr(pos, tag->begin - pos));
    std::string closing = "</" + std::string{tag->name} + ">";
    auto close = prompt.find(closing, tag->content);
    auto same = find_opening(prompt, tag->content, std::array{tag->name});
    // Another opening of the same block before this one closes means this
    // tag is only mentioned in the instructions ("see the <document> blocks").
    if (same && (close == std::string_view::npos || same->begin < close)) {
      blocks.instructions.append(prompt.substr(tag->begin, same->begin - tag->begin));
      pos = same->begin;
      continue;
    }
    // An unterminated block runs to the end: the prompt was cut short.
    auto body_end = close == std::string_view::npos ? prompt.size() : close;
    add_block(blocks, *tag, prompt.substr(tag->content, body_end - tag->content));
    pos = close == std::string_view::npos ? prompt.size() : close + closing.size();
  }
  blocks.instructions.append(prompt.substr(pos));
  return blocks;
}

} // namespace troupe
