#pragma once

#include <caf/expected.hpp>
#include <cstdint>
#include <string>

namespace troupe {

/// Corpus files larger than this are skipped whole rather than indexed in
/// part: a search would otherwise find a document whose end it never saw.
/// The files tool reads files up to the same size.
constexpr int64_t max_document_bytes = 4 * 1024 * 1024;

/// The contents of the corpus file at `path`: UTF-8 text without NUL bytes,
/// at most max_document_bytes. Otherwise an io_failed error whose message
/// completes "FILE ..." and says what would let it be indexed, e.g. "is a
/// binary file (a NUL byte on line 3); only text files are indexed".
/// Never blocks on a FIFO and never reads more than one byte past the cap.
caf::expected<std::string> read_document_file(const std::string& path);

} // namespace troupe
