#include "agents/approval_agent.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"

namespace troupe {

agent_info approval_agent::info() {
  agent_info i;
  i.name = "approval";
  i.description = "asks a person to approve the run so far; a rejection stops the run";
  i.input = boost::json::parse(R"({"summary": "string", "subject?": "string"})");
  i.output = boost::json::parse(R"({"approved": "boolean", "decided_by": "string",
      "note": "string", "summary": "string"})");
  return i;
}

void approval_agent::on_task(task_context ctx) {
  auto summary = text_of(value_at(ctx.input(), "summary"));
  auto subject = string_at(ctx.input(), "subject");
  if (subject.empty())
    subject = "step '" + ctx.step_id() + "' of run " + ctx.run_id();
  ctx.ask_approval(subject, summary, [ctx, summary](approval& decision) mutable {
    ctx.emit("approval", {{"approved", decision.approved},
                          {"decided_by", decision.decided_by},
                          {"note", decision.note}});
    if (!decision.approved)
      return ctx.fail(make_error(
          errc::rejected, "rejected by " + decision.decided_by +
                              (decision.note.empty() ? "" : ": " + decision.note)));
    ctx.reply({{"approved", true},
               {"decided_by", decision.decided_by},
               {"note", decision.note},
               {"summary", summary}});
  });
}

} // namespace troupe
