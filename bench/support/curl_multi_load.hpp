#pragma once

#include "bench/support/load_sample.hpp"
#include "runtime/http/http_request.hpp"

#include <cstddef>

namespace troupe::bench {

/// The HTTP benchmark's baseline: `calls` copies of `request` (a POST) sent
/// straight through one libcurl multi handle on the calling thread, with
/// `concurrency` in flight. Easy handles are reused, so are connections, as
/// in a careful hand-written client; the options, and the cap of 64
/// connections to one host, match the transport's.
/// A call fails unless curl succeeds and the status is 200.
load_sample curl_multi_load(const http_request& request, std::size_t calls,
                            std::size_t concurrency);

} // namespace troupe::bench
