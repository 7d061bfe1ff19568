#include "runtime/system_setup.hpp"

#include "runtime/errors.hpp"
#include "runtime/messages/spawn_agent.hpp"
#include "runtime/messages/type_ids.hpp"

#include <caf/io/middleman.hpp>
#include <caf/timespan.hpp>

namespace troupe {

void add_troupe_types(caf::actor_system_config& cfg) {
  cfg.add_message_types<caf::id_block::troupe>();
  cfg.add_error_category(errc_category,
                         [](uint8_t code, caf::atom_value, const caf::message& context) {
                           auto text = to_string(static_cast<errc>(code));
                           if (context.match_elements<std::string>())
                             text += ": " + context.get_as<std::string>(0);
                           return text;
                         });
}

void add_troupe_network(caf::actor_system_config& cfg,
                        std::chrono::milliseconds heartbeat,
                        std::chrono::milliseconds timeout) {
  cfg.load<caf::io::middleman>();
  cfg.set("middleman.heartbeat-interval", caf::timespan{heartbeat});
  cfg.set("middleman.connection-timeout", caf::timespan{timeout});
}

} // namespace troupe
