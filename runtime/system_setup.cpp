#include "runtime/system_setup.hpp"

#include "runtime/errors.hpp"
#include "runtime/messages/type_ids.hpp"

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

} // namespace troupe
