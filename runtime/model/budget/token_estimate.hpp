#pragma once

#include "runtime/messages/model_request.hpp"

#include <cstdint>

namespace troupe {

/// An upper bound of the input tokens of `request` on any tokenizer in use:
/// one token per byte of content plus a per-message overhead. Budget
/// reservations use it so that settled usage can never exceed them.
int64_t max_input_tokens(const model_request& request);

/// A realistic estimate (about four bytes a token), for choosing between
/// targets by expected cost and for context-window checks.
int64_t estimated_input_tokens(const model_request& request);

} // namespace troupe
