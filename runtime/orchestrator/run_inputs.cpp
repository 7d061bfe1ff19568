#include "runtime/orchestrator/run_inputs.hpp"

#include "runtime/errors.hpp"

#include <algorithm>

namespace troupe {

namespace {

std::string declared_names(const scenario_spec& spec) {
  std::string out;
  for (const auto& in : spec.inputs)
    out += (out.empty() ? "" : ", ") + in.name;
  return out.empty() ? "(none)" : out;
}

} // namespace

caf::expected<boost::json::object>
resolve_run_inputs(const scenario_spec& spec,
                   const std::map<std::string, std::string>& given) {
  for (const auto& kvp : given) {
    auto declared =
        std::any_of(spec.inputs.begin(), spec.inputs.end(),
                    [&](const input_spec& in) { return in.name == kvp.first; });
    if (!declared)
      return make_error(errc::invalid_input,
                        "scenario '" + spec.name + "' has no input named '" + kvp.first +
                            "'; its inputs are: " + declared_names(spec));
  }
  boost::json::object out;
  for (const auto& in : spec.inputs) {
    auto i = given.find(in.name);
    if (i != given.end())
      out[in.name] = i->second;
    else if (in.default_value)
      out[in.name] = *in.default_value;
    else
      return make_error(errc::invalid_input, "input '" + in.name +
                                                 "' is required: pass --input " +
                                                 in.name + "=VALUE");
  }
  return out;
}

} // namespace troupe
