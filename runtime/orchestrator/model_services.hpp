#pragma once

// What the runs of one process share: the one HTTP transport (a curl multi
// thread), the one budget guard (so a process-wide cap spans runs), the
// offline provider, the atomic file writers that write every run's
// state.json, result.json and report.md (the only threads that wait for
// fsync), the tool instances runs share (corpus searchers per index) and
// the pricing tables, read once.
// Each run spawns its own router, HTTP provider actors, trace sink and state
// writer on top of these, none of them with a thread of its own, so a run
// costs memory and no thread.

#include "runtime/http/http_transport.hpp"
#include "runtime/messages/budget_caps.hpp"
#include "runtime/model/budget/budget_guard_actor.hpp"
#include "runtime/model/budget/pricing_table.hpp"
#include "runtime/model/config/budget_spec.hpp"
#include "runtime/model/provider_actor.hpp"
#include "runtime/orchestrator/atomic_file_writer.hpp"
#include "runtime/orchestrator/pricing_tables.hpp"
#include "runtime/tool/tool_instances.hpp"

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <memory>
#include <string>
#include <vector>

namespace troupe {

struct model_services {
  std::shared_ptr<http_transport> transport;
  budget_guard_actor budget;
  provider_actor local;
  std::vector<atomic_file_writer_actor> writers; // at least one
  std::shared_ptr<tool_instances> tools;
  std::shared_ptr<pricing_tables> prices;
};

/// Starts the shared services with `file_writers` writer threads: fsync
/// waits for the disk, and the disk takes concurrent syncs in one journal
/// commit, so more writers write more files a second when runs are many.
model_services start_model_services(caf::actor_system& sys, std::size_t file_writers = 1);

/// The writer for `path`: always the same one, so a file's writes keep
/// their order.
const atomic_file_writer_actor& writer_for(const model_services& services,
                                           const std::string& path);

/// Stops the shared actors and tool instances and, once no provider holds
/// it, the transport.
void stop_model_services(model_services& services);

/// The caps of one run's budget scopes, as the router names them:
/// "run:R", "agent:R/A" and "provider:R/P".
budget_caps caps_of(const budget_spec& budget, const std::string& run_id);

/// The pricing table of `models`: its file (or the shipped one), read once
/// per process through `tables`, with the inline prices on top. Errors name
/// the file and place.
caf::expected<pricing_table> load_pricing(pricing_tables& tables,
                                          const models_spec& models);

} // namespace troupe
