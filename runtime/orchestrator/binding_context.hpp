#pragma once

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace troupe {

/// What a step's `with` templates can see: run inputs, earlier outputs, the
/// current fan-out item and the loop-back query. References are dotted
/// paths (`inputs.question`, `search.sources.0.id`, `item.text`, `loop.query`);
/// the loader has already checked that they point at something that exists
/// by the time the step runs.
class binding_context {
public:
  binding_context(const boost::json::object& inputs, const boost::json::object& outputs,
                  const boost::json::value* item, std::string loop_query);

  /// The value `ref` points at, or nothing.
  std::optional<boost::json::value> resolve(std::string_view ref) const;

  /// Expands every string of `templ`: exactly "{{ref}}" becomes the referenced
  /// value (keeping its JSON type); other strings get each {{ref}} replaced
  /// by its text. Fails naming the first reference that does not resolve.
  caf::expected<boost::json::value> expand(const boost::json::value& templ) const;

private:
  caf::expected<boost::json::value> expand_string(const std::string& text) const;

  const boost::json::object& inputs_;
  const boost::json::object& outputs_;
  const boost::json::value* item_;
  std::string loop_query_;
};

} // namespace troupe
