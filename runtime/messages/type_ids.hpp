#pragma once

// Troupe's message vocabulary: every type that travels between actors is
// listed here once, so CAF can serialise it (and send it to another node).
// Register the block with `cfg.add_message_types<caf::id_block::troupe>()`.

#include "runtime/messages/agent_result.hpp"
#include "runtime/messages/approval_decision.hpp"
#include "runtime/messages/approval_request.hpp"
#include "runtime/messages/attempt_result.hpp"
#include "runtime/messages/budget_cap.hpp"
#include "runtime/messages/budget_caps.hpp"
#include "runtime/messages/budget_decision.hpp"
#include "runtime/messages/budget_query.hpp"
#include "runtime/messages/budget_reserve.hpp"
#include "runtime/messages/budget_settle.hpp"
#include "runtime/messages/budget_status.hpp"
#include "runtime/messages/chat_message.hpp"
#include "runtime/messages/http_response.hpp"
#include "runtime/messages/model_attempt.hpp"
#include "runtime/messages/model_request.hpp"
#include "runtime/messages/model_response.hpp"
#include "runtime/messages/run_checkpoint.hpp"
#include "runtime/messages/run_outcome.hpp"
#include "runtime/messages/search_hit.hpp"
#include "runtime/messages/task.hpp"
#include "runtime/messages/tool_call.hpp"
#include "runtime/messages/tool_result.hpp"
#include "runtime/messages/trace_event.hpp"

#include <caf/type_id.hpp>

namespace troupe {
// Declared only: its header needs the actor handles, whose headers need
// this block. Include runtime/messages/spawn_agent.hpp to send or register it.
struct spawn_agent;
} // namespace troupe

CAF_BEGIN_TYPE_ID_BLOCK(troupe, caf::first_custom_type_id)

CAF_ADD_TYPE_ID(troupe, (troupe::chat_message))
CAF_ADD_TYPE_ID(troupe, (troupe::task))
CAF_ADD_TYPE_ID(troupe, (troupe::agent_result))
CAF_ADD_TYPE_ID(troupe, (troupe::model_request))
CAF_ADD_TYPE_ID(troupe, (troupe::model_attempt))
CAF_ADD_TYPE_ID(troupe, (troupe::model_response))
CAF_ADD_TYPE_ID(troupe, (troupe::tool_call))
CAF_ADD_TYPE_ID(troupe, (troupe::search_hit))
CAF_ADD_TYPE_ID(troupe, (troupe::tool_result))
CAF_ADD_TYPE_ID(troupe, (troupe::trace_event))
CAF_ADD_TYPE_ID(troupe, (troupe::run_outcome))
CAF_ADD_TYPE_ID(troupe, (troupe::attempt_result))
CAF_ADD_TYPE_ID(troupe, (troupe::http_response))
CAF_ADD_TYPE_ID(troupe, (troupe::budget_reserve))
CAF_ADD_TYPE_ID(troupe, (troupe::budget_decision))
CAF_ADD_TYPE_ID(troupe, (troupe::budget_settle))
CAF_ADD_TYPE_ID(troupe, (troupe::budget_cap))
CAF_ADD_TYPE_ID(troupe, (troupe::budget_caps))
CAF_ADD_TYPE_ID(troupe, (troupe::budget_query))
CAF_ADD_TYPE_ID(troupe, (troupe::budget_status))
CAF_ADD_TYPE_ID(troupe, (troupe::approval_request))
CAF_ADD_TYPE_ID(troupe, (troupe::approval_decision))
CAF_ADD_TYPE_ID(troupe, (troupe::run_checkpoint))
CAF_ADD_TYPE_ID(troupe, (troupe::spawn_agent))

CAF_ADD_ATOM(troupe, troupe, start_atom, "start")
CAF_ADD_ATOM(troupe, troupe, deadline_atom, "deadline")
CAF_ADD_ATOM(troupe, troupe, retry_atom, "retry")
CAF_ADD_ATOM(troupe, troupe, tick_atom, "tick")
CAF_ADD_ATOM(troupe, troupe, interrupt_atom, "interrupt")
CAF_ADD_ATOM(troupe, troupe, reconnect_atom, "reconnect")

CAF_END_TYPE_ID_BLOCK(troupe)
