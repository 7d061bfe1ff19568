#include "agents/table_report_agent.hpp"

#include "agents/table_report.hpp"
#include "runtime/errors.hpp"

namespace troupe {

agent_info table_report_agent::info() {
  agent_info i;
  i.name = "table_report";
  i.description = "writes a markdown report with one table per group of rows; no model";
  i.input = boost::json::parse(R"({"groups": [{"title": "string", "rows": "array"}],
      "summary?": "string", "note?": "string"})");
  i.output = boost::json::parse(R"({"report": "string", "rows": "integer"})");
  return i;
}

void table_report_agent::on_task(task_context ctx) {
  auto report = table_report::from_params(ctx.params());
  if (!report)
    return ctx.fail(describe(report.error()));
  ctx.reply({{"report", report->render(ctx.input())},
             {"rows", table_report::row_count(ctx.input())}});
}

} // namespace troupe
