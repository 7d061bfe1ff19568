#pragma once

#include "runtime/agent/agent_registry.hpp"
#include "runtime/scenario/load_context.hpp"
#include "runtime/scenario/placeholder.hpp"
#include "runtime/scenario/scenario_spec.hpp"

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace troupe {

/// Reads an agent's `prompt`: an inline string, {"text": ...} or
/// {"file": ...} (read now, relative to the scenario folder), with an
/// optional "version". Checks that every `{{variable}}` has a provider: a
/// declared input (`inputs.NAME`) or a variable the agent type fills in.
class prompt_reader {
public:
  prompt_reader(load_context& ctx, const std::vector<input_spec>& inputs);

  /// Sets agent.prompt and agent.prompt_source from `value`; `type` is
  /// nullptr when the agent's type is unknown, which skips variable checks.
  void read(const boost::json::value& value, const std::string& pointer,
            const agent_type* type, agent_spec& agent);

private:
  /// Prompt text and where errors about its content should point.
  struct source {
    std::string text;
    std::string version = "1";
    std::string origin;  // "inline" or the resolved file path
    std::string pointer; // of the JSON string holding the text, or of "file"
    bool in_json = true; // text is that JSON string, so offsets map into it
  };

  std::optional<source> read_source(const boost::json::value& value,
                                    const std::string& pointer, const agent_spec& agent);
  std::optional<source> read_object(const boost::json::object& obj,
                                    const std::string& pointer, const agent_spec& agent);
  std::optional<source> read_file(const boost::json::string& file,
                                  const std::string& pointer);
  bool check_placeholders(const source& src, const agent_spec& agent);
  void check_variables(const source& src, const agent_type& type,
                       const agent_spec& agent);
  void report(const source& src, size_t offset, std::string message, std::string hint);

  load_context& ctx_;
  std::vector<std::string> inputs_;
};

} // namespace troupe
