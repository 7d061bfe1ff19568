#include "runtime/agent/json_access.hpp"

#include <charconv>

namespace troupe {

namespace {

const boost::json::value& null_value() {
  static const boost::json::value null;
  return null;
}

const boost::json::array& empty_array() {
  static const boost::json::array empty;
  return empty;
}

/// The element of `arr` that `segment`, a decimal index, names; null when
/// it names none.
const boost::json::value& element_at(const boost::json::array& arr,
                                     std::string_view segment) {
  std::size_t index = 0;
  auto [end, ec] =
      std::from_chars(segment.data(), segment.data() + segment.size(), index);
  if (segment.empty() || ec != std::errc{} || end != segment.data() + segment.size() ||
      index >= arr.size())
    return null_value();
  return arr[index];
}

} // namespace

const boost::json::value& value_at(const boost::json::object& obj, std::string_view key) {
  auto i = obj.find(key);
  return i == obj.end() ? null_value() : i->value();
}

const boost::json::value& value_at(const boost::json::value& v, std::string_view key) {
  const auto* obj = v.if_object();
  return obj == nullptr ? null_value() : value_at(*obj, key);
}

std::string string_at(const boost::json::object& obj, std::string_view key) {
  const auto& x = value_at(obj, key);
  if (!x.is_string())
    return {};
  return std::string{x.as_string().c_str(), x.as_string().size()};
}

std::string string_at(const boost::json::value& v, std::string_view key) {
  const auto* obj = v.if_object();
  return obj == nullptr ? std::string{} : string_at(*obj, key);
}

int64_t int_at(const boost::json::object& obj, std::string_view key) {
  const auto& x = value_at(obj, key);
  if (x.is_int64())
    return x.as_int64();
  if (x.is_uint64())
    return static_cast<int64_t>(x.as_uint64());
  return 0;
}

int64_t int_at(const boost::json::value& v, std::string_view key) {
  const auto* obj = v.if_object();
  return obj == nullptr ? 0 : int_at(*obj, key);
}

double number_at(const boost::json::object& obj, std::string_view key) {
  const auto& x = value_at(obj, key);
  return x.is_number() ? x.to_number<double>() : 0.0;
}

double number_at(const boost::json::value& v, std::string_view key) {
  const auto* obj = v.if_object();
  return obj == nullptr ? 0.0 : number_at(*obj, key);
}

const boost::json::array& array_at(const boost::json::object& obj, std::string_view key) {
  const auto& x = value_at(obj, key);
  return x.is_array() ? x.as_array() : empty_array();
}

const boost::json::array& array_at(const boost::json::value& v, std::string_view key) {
  const auto* obj = v.if_object();
  return obj == nullptr ? empty_array() : array_at(*obj, key);
}

const boost::json::value& value_at_path(const boost::json::value& v,
                                        std::string_view path) {
  const auto* cur = &v;
  while (true) {
    auto dot = path.find('.');
    auto segment = path.substr(0, dot);
    if (const auto* arr = cur->if_array())
      cur = &element_at(*arr, segment);
    else
      cur = &value_at(*cur, segment);
    if (dot == std::string_view::npos || cur->is_null())
      return *cur;
    path.remove_prefix(dot + 1);
  }
}

const boost::json::value& value_at_path(const boost::json::object& obj,
                                        std::string_view path) {
  auto dot = path.find('.');
  const auto& first = value_at(obj, path.substr(0, dot));
  return dot == std::string_view::npos ? first
                                       : value_at_path(first, path.substr(dot + 1));
}

std::string text_of(const boost::json::value& v) {
  if (const auto* s = v.if_string())
    return std::string{s->c_str(), s->size()};
  return boost::json::serialize(v);
}

} // namespace troupe
