#pragma once

// Boost.JSON 1.81 reads a number beyond a double's range (1e999) as an
// infinity, and writes an infinity as `Infinity` and a NaN as `NaN`, which
// no JSON parser, its own included, reads back. Whatever Troupe writes must
// stay JSON (trace lines, result.json, state.json, payloads on the wire):
// such numbers are written as null, as JSON.stringify does, and the trace
// reader refuses a line that holds one.

#include <boost/json.hpp>
#include <optional>
#include <string>

namespace troupe {

/// The JSON pointer of the first number in `v` that is not finite, if any.
std::optional<std::string> first_non_finite(const boost::json::value& v);

/// Whether `v` holds a number that is not finite: first_non_finite without
/// building the pointer, for the trace sink's every line.
bool has_non_finite(const boost::json::value& v);

/// Makes every number in `v` that is not finite null.
void null_non_finite(boost::json::value& v);

/// `v` as JSON text, with every number that is not finite written as null.
std::string serialize_finite(const boost::json::value& v);

} // namespace troupe
