#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace troupe::bench {

/// A corpus folder made of this machine's own documentation: the text files
/// of /usr/share/doc (copyright files, READMEs, changelogs, gzip-compressed
/// ones decompressed) and /usr/share/common-licenses, each copied flat into
/// the folder as NAME.txt, so Troupe and a plain FTS5 table index the same
/// bytes as plain text. Only files that are non-empty UTF-8 without NUL
/// bytes and at most `max_file_bytes` long are kept.
struct machine_corpus {
  std::vector<std::string> files; // absolute paths in the corpus folder
  int64_t bytes = 0;
  std::size_t from_gzip = 0; // how many of `files` were decompressed

  /// Fills `dir` (which must exist) with about `max_files` files, taken at
  /// an even stride over the sorted sources so a small corpus still mixes
  /// packages. Throws when nothing usable is found.
  static machine_corpus build(const std::string& dir, std::size_t max_files,
                              std::size_t max_file_bytes);

  double megabytes() const { return static_cast<double>(bytes) / 1e6; }
};

} // namespace troupe::bench
