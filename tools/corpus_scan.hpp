#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace troupe {

/// The indexable files of a corpus folder as found on disk right now.
///
/// The walk goes into every subfolder but skips hidden names (".git",
/// ".notes.md") and does not follow symlinked folders, so a symlink loop
/// cannot trap it. Symlinked files are followed. Folders it may not list are
/// left out; files it cannot stat (a dangling or looping symlink) are counted
/// in `unreadable`. It never throws for file system errors.
struct corpus_scan {
  struct file {
    std::string path;     // relative to the corpus folder, '/'-separated
    std::string abs_path; // the folder joined with `path`, for opening
    int64_t mtime_ns = 0; // since the Unix epoch
    int64_t size = 0;
  };

  std::vector<file> files;
  int unreadable = 0;

  static corpus_scan run(const std::string& corpus_dir);

  /// Whether a file name ends in one of the indexed extensions (.txt, .md,
  /// .markdown, .html, .htm), ignoring case.
  static bool is_indexed_name(const std::string& name);
};

} // namespace troupe
