#include "runtime/text/finite_numbers.hpp"

#include <cmath>

namespace troupe {

namespace {

/// `key` escaped as a JSON pointer token (RFC 6901).
std::string pointer_token(boost::json::string_view key) {
  std::string out;
  for (char c : key)
    out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

bool non_finite(const boost::json::value& v) {
  return v.is_double() && !std::isfinite(v.get_double());
}

bool find(const boost::json::value& v, std::string& pointer) {
  if (non_finite(v))
    return true;
  auto size = pointer.size();
  if (const auto* obj = v.if_object()) {
    for (const auto& member : *obj) {
      pointer += '/' + pointer_token(member.key());
      if (find(member.value(), pointer))
        return true;
      pointer.resize(size);
    }
  } else if (const auto* arr = v.if_array()) {
    for (std::size_t i = 0; i < arr->size(); ++i) {
      pointer += '/' + std::to_string(i);
      if (find((*arr)[i], pointer))
        return true;
      pointer.resize(size);
    }
  }
  return false;
}

} // namespace

std::optional<std::string> first_non_finite(const boost::json::value& v) {
  std::string pointer;
  if (find(v, pointer))
    return pointer;
  return std::nullopt;
}

bool has_non_finite(const boost::json::value& v) {
  if (const auto* obj = v.if_object()) {
    for (const auto& member : *obj)
      if (has_non_finite(member.value()))
        return true;
  } else if (const auto* arr = v.if_array()) {
    for (const auto& element : *arr)
      if (has_non_finite(element))
        return true;
  }
  return non_finite(v);
}

void null_non_finite(boost::json::value& v) {
  if (non_finite(v)) {
    v = nullptr;
  } else if (auto* obj = v.if_object()) {
    for (auto& member : *obj)
      null_non_finite(member.value());
  } else if (auto* arr = v.if_array()) {
    for (auto& element : *arr)
      null_non_finite(element);
  }
}

std::string serialize_finite(const boost::json::value& v) {
  if (!has_non_finite(v))
    return boost::json::serialize(v);
  auto finite = v;
  null_non_finite(finite);
  return boost::json::serialize(finite);
}

} // namespace troupe
