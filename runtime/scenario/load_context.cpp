#include "runtime/scenario/load_context.hpp"

#include "runtime/scenario/did_you_mean.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace troupe {

namespace json = boost::json;

namespace {

std::filesystem::path absolute_folder(const std::string& dir) {
  std::error_code ec;
  auto result = std::filesystem::absolute(dir.empty() ? "." : dir, ec);
  return (ec ? std::filesystem::path{dir} : result).lexically_normal();
}

bool is_index(std::string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

std::string unescape_token(std::string_view token) {
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      out += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

/// The integral value of a double small enough to be exact, if it is one.
std::optional<int64_t> exact_integer(double d) {
  constexpr double exact_limit = 9007199254740992.0; // 2^53
  if (std::trunc(d) != d || std::fabs(d) > exact_limit)
    return std::nullopt;
  return static_cast<int64_t>(d);
}

} // namespace

load_context::load_context(std::string file, const std::string& base_dir,
                           const json_locator& locator)
    : file_(std::move(file)), base_dir_(absolute_folder(base_dir)), locator_(locator) {}

std::filesystem::path load_context::resolve(std::string_view path) const {
  std::filesystem::path p{std::string{path}};
  return (p.is_absolute() ? p : base_dir_ / p).lexically_normal();
}

void load_context::at_value(const std::string& pointer, std::string message,
                            std::string hint) {
  add(locator_.value_at(pointer), std::move(message), std::move(hint));
}

void load_context::report_duplicate_keys() {
  for (const auto& pointer : locator_.duplicate_keys())
    at_key(pointer, path_of(pointer) + " is given more than once",
           "remove all but one; otherwise the last one silently wins");
}

void load_context::at_key(const std::string& pointer, std::string message,
                          std::string hint) {
  auto where = locator_.key_at(pointer);
  add(where ? where : locator_.value_at(pointer), std::move(message), std::move(hint));
}

void load_context::in_string(const std::string& pointer, size_t offset,
                             std::string message, std::string hint) {
  add(locator_.in_string(pointer, offset), std::move(message), std::move(hint));
}

void load_context::in_file(std::string message, std::string hint) {
  add(std::nullopt, std::move(message), std::move(hint));
}

void load_context::add(std::optional<text_position> where, std::string message,
                       std::string hint) {
  auto pos = where.value_or(text_position{});
  errors_.push_back({file_, pos.line, pos.column, std::move(message), std::move(hint)});
}

void load_context::check_keys(const json::object& obj, const std::string& pointer,
                              const std::vector<std::string>& allowed) {
  auto where = pointer.empty() ? std::string{} : " in " + path_of(pointer);
  for (const auto& member : obj) {
    std::string key{member.key()};
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      at_key(json_locator::child(pointer, key), "unknown key '" + key + "'" + where,
             did_you_mean(key, allowed, "allowed keys"));
  }
}

const json::object* load_context::as_object(const json::value& value,
                                            const std::string& pointer) {
  if (const auto* obj = value.if_object())
    return obj;
  wrong_type(value, pointer, "an object");
  return nullptr;
}

const json::value* load_context::field(const json::object& obj,
                                       const std::string& pointer, std::string_view key,
                                       need presence) {
  if (const auto* value = obj.if_contains(key))
    return value;
  if (presence == need::required)
    at_value(pointer, path_of(pointer) + " has no \"" + std::string{key} + "\"");
  return nullptr;
}

const json::string* load_context::string_field(const json::object& obj,
                                               const std::string& pointer,
                                               std::string_view key, need presence) {
  const auto* value = field(obj, pointer, key, presence);
  if (value == nullptr)
    return nullptr;
  if (const auto* text = value->if_string())
    return text;
  wrong_type(*value, json_locator::child(pointer, key), "a string");
  return nullptr;
}

const json::object* load_context::object_field(const json::object& obj,
                                               const std::string& pointer,
                                               std::string_view key, need presence) {
  const auto* value = field(obj, pointer, key, presence);
  return value == nullptr ? nullptr
                          : as_object(*value, json_locator::child(pointer, key));
}

const json::array* load_context::array_field(const json::object& obj,
                                             const std::string& pointer,
                                             std::string_view key, need presence) {
  const auto* value = field(obj, pointer, key, presence);
  if (value == nullptr)
    return nullptr;
  if (const auto* arr = value->if_array())
    return arr;
  wrong_type(*value, json_locator::child(pointer, key), "an array");
  return nullptr;
}

std::optional<double> load_context::number_field(const json::object& obj,
                                                 const std::string& pointer,
                                                 std::string_view key) {
  const auto* value = field(obj, pointer, key, need::optional);
  if (value == nullptr)
    return std::nullopt;
  if (value->is_number())
    return value->to_number<double>();
  wrong_type(*value, json_locator::child(pointer, key), "a number");
  return std::nullopt;
}

std::optional<int64_t> load_context::integer_field(const json::object& obj,
                                                   const std::string& pointer,
                                                   std::string_view key) {
  const auto* value = field(obj, pointer, key, need::optional);
  if (value == nullptr)
    return std::nullopt;
  if (value->is_int64())
    return value->get_int64();
  // Beyond int64 is beyond every bound the readers check, so clamping keeps
  // such a value out of range instead of wrapping it into range.
  if (value->is_uint64())
    return static_cast<int64_t>(
        std::min<uint64_t>(value->get_uint64(), std::numeric_limits<int64_t>::max()));
  auto child = json_locator::child(pointer, key);
  if (const auto* d = value->if_double()) {
    if (auto exact = exact_integer(*d))
      return exact;
    // 1E23 is whole, but more than a double holds exactly.
    auto whole = std::trunc(*d) == *d;
    at_value(child, path_of(child) + " must be a whole number" +
                        (whole ? " between -2^53 and 2^53" : "") + ", not " +
                        json::serialize(*value));
    return std::nullopt;
  }
  wrong_type(*value, child, "an integer");
  return std::nullopt;
}

void load_context::wrong_type(const json::value& value, const std::string& pointer,
                              std::string_view expected) {
  at_value(pointer, path_of(pointer) + " must be " + std::string{expected} + ", not " +
                        kind_name(value));
}

std::string load_context::kind_name(const json::value& value) {
  switch (value.kind()) {
  case json::kind::string:
    return "a string";
  case json::kind::int64:
  case json::kind::uint64:
  case json::kind::double_:
    return "a number";
  case json::kind::bool_:
    return "a boolean";
  case json::kind::array:
    return "an array";
  case json::kind::object:
    return "an object";
  case json::kind::null:
    break;
  }
  return "null";
}

bool load_context::is_plain_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

std::string load_context::path_of(std::string_view pointer) {
  if (pointer.empty())
    return "the scenario";
  std::string out;
  size_t start = 1;
  for (;;) {
    auto slash = pointer.find('/', start);
    auto token = unescape_token(pointer.substr(start, slash - start));
    if (is_index(token))
      out += '[' + token + ']';
    else
      out += (out.empty() ? "" : ".") + token;
    if (slash == std::string_view::npos)
      return out;
    start = slash + 1;
  }
}

} // namespace troupe
