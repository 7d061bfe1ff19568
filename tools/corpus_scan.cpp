#include "tools/corpus_scan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <string_view>
#include <sys/stat.h>

namespace troupe {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 5> indexed_extensions = {
    ".txt", ".md", ".markdown", ".html", ".htm"};

/// A folder still to walk and its path relative to the corpus folder.
struct pending_dir {
  fs::path path;
  std::string rel;
};

std::string lower(std::string text) {
  for (auto& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// Adds the indexable file at `entry` (a regular file or a symlink) unless
/// its target cannot be read as one. POSIX stat rather than std::filesystem:
/// it gives the mtime in Unix nanoseconds (file_time_type's epoch is the
/// library's choice) and size and type in one call.
void add_file(const fs::directory_entry& entry, const std::string& rel,
              corpus_scan& scan) {
  struct stat info {};
  if (::stat(entry.path().c_str(), &info) != 0) {
    ++scan.unreadable; // dangling symlink or symlink loop
    return;
  }
  if (!S_ISREG(info.st_mode))
    return; // symlinked folder, fifo, device: not a document
  auto mtime_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                  static_cast<int64_t>(info.st_mtim.tv_nsec);
  scan.files.push_back(
      {rel, entry.path().string(), mtime_ns, static_cast<int64_t>(info.st_size)});
}

/// Files of one folder go to `scan`, subfolders to `todo`.
void walk_dir(const pending_dir& dir, corpus_scan& scan, std::vector<pending_dir>& todo) {
  std::error_code ec;
  fs::directory_iterator it{dir.path, fs::directory_options::skip_permission_denied, ec};
  for (; !ec && it != fs::directory_iterator{}; it.increment(ec)) {
    auto name = it->path().filename().string();
    if (name.empty() || name[0] == '.')
      continue;
    auto rel = dir.rel.empty() ? name : dir.rel + "/" + name;
    std::error_code type_ec;
    auto type = it->symlink_status(type_ec);
    if (type_ec)
      continue;
    if (fs::is_directory(type))
      todo.push_back({it->path(), rel});
    else if ((fs::is_regular_file(type) || fs::is_symlink(type)) &&
             corpus_scan::is_indexed_name(name))
      add_file(*it, rel, scan);
  }
}

} // namespace

corpus_scan corpus_scan::run(const std::string& corpus_dir) {
  corpus_scan scan;
  std::vector<pending_dir> todo{{fs::path{corpus_dir}, std::string{}}};
  // An explicit stack instead of recursion: deep trees cannot overflow it.
  while (!todo.empty()) {
    auto dir = std::move(todo.back());
    todo.pop_back();
    walk_dir(dir, scan, todo);
  }
  std::sort(scan.files.begin(), scan.files.end(),
            [](const file& a, const file& b) { return a.path < b.path; });
  return scan;
}

bool corpus_scan::is_indexed_name(const std::string& name) {
  auto ext = lower(fs::path{name}.extension().string());
  return std::find(indexed_extensions.begin(), indexed_extensions.end(), ext) !=
         indexed_extensions.end();
}

} // namespace troupe
