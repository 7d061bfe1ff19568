#pragma once

// The table_report agent writes a markdown report of grouped rows, without
// a model.
//   orchestrator --task{groups: [{title, rows}], summary?, note?}--> table_report
//   orchestrator <--{report, rows}-- table_report
// One table per group, one column per configured field; "rows" counts the
// rows of all groups. Groups usually come from for_each steps, e.g. one with
// `where` per risk level. Bad params fail every task, naming the param.
// Params: "title" (default "Report"), "columns" (required, [{"header",
// "field": "dotted.path"}]), "summary_field" (default "summary": the dotted
// path of the summary paragraph in the task input).

#include "troupe/agent.hpp"

namespace troupe {

class table_report_agent : public agent {
public:
  static agent_info info();
  void on_task(task_context ctx) override;
};

} // namespace troupe
