#include "runtime/scenario/where_reader.hpp"

#include "runtime/scenario/placeholder.hpp"
#include "runtime/scenario/reference.hpp"

namespace troupe {

namespace json = boost::json;

namespace {

/// The reference into the element that `key` most likely meant: itself when
/// it starts with `item` (braces taken off); the rest of it when it starts
/// with the for_each list (`classify.complexity` over `classify`), a field of
/// the element otherwise (`complexity`).
std::string suggested_key(std::string_view key, std::string_view for_each) {
  auto braces = placeholder::scan(key);
  if (!braces.empty())
    return braces.size() == 1 && braces[0].closed
               ? suggested_key(braces[0].name, for_each)
               : "item.FIELD";
  auto ref = reference::parse(key);
  if (!ref)
    return "item.FIELD";
  if (ref->root == "item")
    return ref->text;
  if (key == for_each)
    return "item";
  auto prefix = std::string{for_each} + ".";
  if (!for_each.empty() && key.substr(0, prefix.size()) == prefix)
    return "item." + std::string{key.substr(prefix.size())};
  auto dot = key.find('.');
  return "item." + std::string{dot == std::string_view::npos ? key : key.substr(dot + 1)};
}

/// How values are written, shown with a key that works even when the
/// written one does not (that one gets its own error).
std::string value_hint(std::string_view key, std::string_view for_each) {
  auto ref = suggested_key(key, for_each);
  return "compare with one value, \"" + ref + "\": \"simple\", or with several, \"" +
         ref + "\": [\"simple\", \"easy\"]";
}

} // namespace

where_reader::where_reader(load_context& ctx, std::string step_name)
    : ctx_(ctx), step_name_(std::move(step_name)) {}

std::vector<item_condition> where_reader::read(const json::object& step,
                                               const std::string& pointer) {
  std::vector<item_condition> result;
  const auto* where = ctx_.object_field(step, pointer, "where");
  if (where == nullptr)
    return result;
  auto where_pointer = json_locator::child(pointer, "where");
  const auto* for_each = step.if_contains("for_each");
  if (for_each == nullptr) {
    ctx_.at_key(where_pointer, step_name_ + " has \"where\" but no \"for_each\"",
                "\"where\" picks the elements of a for_each list that get a task; add "
                "\"for_each\": \"STEP.FIELD\" or remove \"where\"");
    return result;
  }
  if (where->empty()) {
    ctx_.at_value(where_pointer, "\"where\" of " + step_name_ + " has no conditions",
                  "add one, e.g. \"item.complexity\": \"simple\", or remove \"where\"");
    return result;
  }
  for_each_ = for_each->is_string() ? std::string{for_each->get_string()} : "";
  for (const auto& member : *where)
    if (auto condition = read_condition(member, where_pointer))
      result.push_back(std::move(*condition));
  return result;
}

std::optional<item_condition>
where_reader::read_condition(const json::key_value_pair& member,
                             const std::string& pointer) {
  std::string ref{member.key()};
  auto member_pointer = json_locator::child(pointer, ref);
  // Both halves are checked, so a bad key does not hide a bad value.
  bool key_ok = check_key(ref, member_pointer);
  auto accepted = read_accepted(member.value(), member_pointer, ref);
  if (!key_ok || !accepted)
    return std::nullopt;
  return item_condition{std::move(ref), std::move(*accepted)};
}

bool where_reader::check_key(std::string_view key, const std::string& pointer) {
  auto quoted = "\"where\" key '" + std::string{key} + "' of " + step_name_;
  if (!placeholder::scan(key).empty()) {
    ctx_.at_key(pointer, quoted + " takes a bare reference, without braces",
                "write \"" + suggested_key(key, for_each_) + "\"");
    return false;
  }
  auto ref = reference::parse(key);
  if (ref && ref->root == "item")
    return true;
  ctx_.at_key(pointer, quoted + " must refer to the element, starting with 'item'",
              "write \"" + suggested_key(key, for_each_) + "\"");
  return false;
}

std::optional<json::array> where_reader::read_accepted(const json::value& value,
                                                       const std::string& pointer,
                                                       const std::string& ref) {
  const auto* list = value.if_array();
  if (list == nullptr) {
    if (!check_scalar(value, pointer, ref))
      return std::nullopt;
    json::array one;
    one.push_back(value);
    return one;
  }
  if (list->empty()) {
    ctx_.at_value(pointer,
                  "\"where\" value of '" + ref + "' in " + step_name_ +
                      " is an empty list, which no element matches",
                  value_hint(ref, for_each_));
    return std::nullopt;
  }
  bool ok = true;
  for (size_t i = 0; i < list->size(); ++i)
    ok = check_scalar((*list)[i], json_locator::child(pointer, i), ref) && ok;
  return ok ? std::optional<json::array>{*list} : std::nullopt;
}

bool where_reader::check_scalar(const json::value& value, const std::string& pointer,
                                const std::string& ref) {
  if (!value.is_object() && !value.is_array())
    return true;
  ctx_.at_value(pointer,
                "\"where\" value of '" + ref + "' in " + step_name_ +
                    " must be a string, number, boolean or null, not " +
                    load_context::kind_name(value),
                value_hint(ref, for_each_));
  return false;
}

} // namespace troupe
