#pragma once

// The structured agent: a model call configured entirely by the scenario.
//   orchestrator --task{any inputs}--> structured --model_request(json_schema)--> router
//   orchestrator <--{the schema's properties, carried inputs, model}-- structured
// Its prompt template may use every task input by name ({{ticket}} for
// `with: {"ticket": ...}`); objects and arrays are given as JSON text. The
// answer must follow params.schema (a JSON Schema object); it is checked
// for the required properties and enum values, so the steps after it can
// route on them (see "where" in docs/scenario-format.md).
// Params: "schema" (required), "operation" (default: the agent id),
// "max_tokens" (default 400), "carry" (input names copied to the output).

#include "troupe/agent.hpp"

namespace troupe {

class structured_agent : public agent {
public:
  static agent_info info();
  void on_task(task_context ctx) override;
};

} // namespace troupe
