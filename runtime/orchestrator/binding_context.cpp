#include "runtime/orchestrator/binding_context.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"
#include "runtime/scenario/placeholder.hpp"

#include <cstdlib>

namespace troupe {

namespace {

/// Follows `path` (dot separated keys or array indexes) from `root`.
std::optional<boost::json::value> follow(const boost::json::value& root,
                                         std::string_view path) {
  const boost::json::value* cur = &root;
  while (!path.empty()) {
    auto dot = path.find('.');
    auto key = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (const auto* obj = cur->if_object()) {
      auto i = obj->find(key);
      if (i == obj->end())
        return std::nullopt;
      cur = &i->value();
    } else if (const auto* arr = cur->if_array()) {
      char* end = nullptr;
      std::string k{key};
      auto index = std::strtoul(k.c_str(), &end, 10);
      if (k.empty() || *end != '\0' || index >= arr->size())
        return std::nullopt;
      cur = &(*arr)[index];
    } else {
      return std::nullopt;
    }
  }
  return *cur;
}

/// The same from an object, without first copying the whole object into a
/// temporary value (a run's inputs may hold a large fan-out list).
std::optional<boost::json::value> follow(const boost::json::object& root,
                                         std::string_view path) {
  if (path.empty())
    return boost::json::value(root);
  auto dot = path.find('.');
  auto i = root.find(path.substr(0, dot));
  if (i == root.end())
    return std::nullopt;
  return follow(i->value(), dot == std::string_view::npos ? std::string_view{}
                                                          : path.substr(dot + 1));
}

} // namespace

binding_context::binding_context(const boost::json::object& inputs,
                                 const boost::json::object& outputs,
                                 const boost::json::value* item, std::string loop_query)
    : inputs_(inputs), outputs_(outputs), item_(item),
      loop_query_(std::move(loop_query)) {}

std::optional<boost::json::value> binding_context::resolve(std::string_view ref) const {
  auto dot = ref.find('.');
  auto head = ref.substr(0, dot);
  auto rest = dot == std::string_view::npos ? std::string_view{} : ref.substr(dot + 1);
  if (head == "inputs")
    return follow(inputs_, rest);
  if (head == "item")
    return item_ == nullptr ? std::nullopt : follow(*item_, rest);
  if (head == "loop")
    return rest == "query" ? std::optional<boost::json::value>{loop_query_.c_str()}
                           : std::nullopt;
  auto i = outputs_.find(head);
  if (i == outputs_.end())
    return std::nullopt;
  return follow(i->value(), rest);
}

caf::expected<boost::json::value>
binding_context::expand(const boost::json::value& templ) const {
  if (const auto* s = templ.if_string())
    return expand_string(std::string{s->c_str(), s->size()});
  if (const auto* arr = templ.if_array()) {
    boost::json::array out;
    for (const auto& v : *arr) {
      auto x = expand(v);
      if (!x)
        return x.error();
      out.push_back(std::move(*x));
    }
    return boost::json::value(std::move(out));
  }
  if (const auto* obj = templ.if_object()) {
    boost::json::object out;
    for (const auto& kvp : *obj) {
      auto x = expand(kvp.value());
      if (!x)
        return x.error();
      out[kvp.key()] = std::move(*x);
    }
    return boost::json::value(std::move(out));
  }
  return templ;
}

caf::expected<boost::json::value>
binding_context::expand_string(const std::string& text) const {
  auto unresolved = [](const std::string& ref) {
    return make_error(errc::invalid_input, "reference {{" + ref + "}} has no value");
  };
  auto refs = placeholder::scan(text);
  // Exactly one reference and nothing else keeps the value's JSON type.
  if (refs.size() == 1 && refs[0].closed && refs[0].offset == 0 &&
      refs[0].end == text.size()) {
    if (auto v = resolve(refs[0].name))
      return std::move(*v);
    return unresolved(refs[0].name);
  }
  std::string out;
  size_t pos = 0;
  for (const auto& ref : refs) {
    if (!ref.closed)
      break;
    out.append(text, pos, ref.offset - pos);
    auto v = resolve(ref.name);
    if (!v)
      return unresolved(ref.name);
    out += text_of(*v);
    pos = ref.end;
  }
  out.append(text, pos, std::string::npos);
  return boost::json::value(boost::json::string_view{out});
}

} // namespace troupe
