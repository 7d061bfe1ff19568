#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace troupe {

/// The indexable files of a corpus folder as found on disk right now.
///
/// The walk goes into every subfolder but skips hidden names (".git",
/// ".notes.md") and names without an indexed extension, silently. It never
/// follows a symbolic link to a folder, nor to anything outside the corpus
/// folder, and walks a folder reached twice (a bind mount of its parent)
/// once, so no link or mount loop can trap it. What it leaves out although
/// its name says it is a document (a link loop, a dangling link, a FIFO, a
/// name that is not UTF-8), and every folder it does not walk, is listed in
/// `skipped` with the reason. It never throws for file system errors.
struct corpus_scan {
  struct file {
    std::string path;     // relative to the corpus folder, '/'-separated
    std::string abs_path; // where to open it: a link's target, resolved
    int64_t mtime_ns = 0; // since the Unix epoch
    int64_t size = 0;
  };

  /// A document or folder left out, and why.
  struct skipped_file {
    std::string path;   // relative to the corpus folder, made valid UTF-8
    std::string reason; // completes "PATH ...", e.g. "is a symbolic link loop"
  };

  std::vector<file> files;           // sorted by path
  std::vector<skipped_file> skipped; // sorted by path

  static corpus_scan run(const std::string& corpus_dir);

  /// Whether a file name ends in one of the indexed extensions (.txt, .md,
  /// .markdown, .html, .htm), ignoring case.
  static bool is_indexed_name(const std::string& name);
};

} // namespace troupe
