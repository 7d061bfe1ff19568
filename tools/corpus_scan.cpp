#include "tools/corpus_scan.hpp"

#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <string_view>
#include <sys/stat.h>
#include <utility>

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

bool is_utf8(const std::string& text) {
  return utf8_invalid_offset(text) == std::string_view::npos;
}

/// Whether `path` is `root` or inside it; both have their links resolved.
bool is_within(const fs::path& path, const fs::path& root) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first ==
         root.end();
}

/// "a FIFO", "a socket", ...: what a file that is neither a regular file
/// nor a folder is.
std::string kind_of(fs::file_type type) {
  switch (type) {
  case fs::file_type::fifo:
    return "a FIFO";
  case fs::file_type::socket:
    return "a socket";
  case fs::file_type::block:
  case fs::file_type::character:
    return "a device";
  default:
    return "a special file";
  }
}

/// Why the link at `link` cannot be followed; `ec` is what resolving it said.
std::string link_fault(const fs::path& link, const std::error_code& ec) {
  if (ec == std::errc::too_many_symbolic_link_levels)
    return "is a symbolic link loop";
  std::error_code read_ec;
  auto target = fs::read_symlink(link, read_ec);
  if (ec == std::errc::no_such_file_or_directory && !read_ec)
    return "is a symbolic link to " + utf8_sanitize(target.string()) +
           ", which does not exist";
  return "is a symbolic link that cannot be followed: " + ec.message();
}

/// One walk of a corpus folder: the folders still to walk, and the ones
/// walked so far by device and inode, which is what stops a mount loop.
class corpus_walk {
public:
  explicit corpus_walk(const std::string& corpus_dir) {
    std::error_code ec;
    real_root_ = fs::canonical(corpus_dir, ec);
    if (!ec)
      enter({fs::path{corpus_dir}, std::string{}});
  }

  corpus_scan run() {
    // An explicit stack instead of recursion: deep trees cannot overflow it.
    while (!todo_.empty()) {
      auto dir = std::move(todo_.back());
      todo_.pop_back();
      walk_dir(dir);
    }
    auto by_path = [](const auto& a, const auto& b) { return a.path < b.path; };
    std::sort(scan_.files.begin(), scan_.files.end(), by_path);
    std::sort(scan_.skipped.begin(), scan_.skipped.end(), by_path);
    return std::move(scan_);
  }

private:
  void skip(const std::string& rel, std::string reason) {
    scan_.skipped.push_back({utf8_sanitize(rel.empty() ? "." : rel), std::move(reason)});
  }

  /// Queues folder `dir` unless it was walked already under another name.
  void enter(pending_dir dir) {
    struct stat info {};
    if (::stat(dir.path.c_str(), &info) != 0) {
      if (errno != ENOENT) // else gone since it was listed
        skip(dir.rel,
             std::string{"is a folder that cannot be examined: "} + std::strerror(errno));
      return;
    }
    if (!walked_.insert({info.st_dev, info.st_ino}).second)
      return skip(dir.rel, "is a folder that was walked already under another name "
                           "(a mount of a folder inside itself)");
    todo_.push_back(std::move(dir));
  }

  /// Entries of one folder go to the scan, its subfolders to `todo_`.
  void walk_dir(const pending_dir& dir) {
    std::error_code ec;
    fs::directory_iterator it{dir.path, ec};
    for (; !ec && it != fs::directory_iterator{}; it.increment(ec)) {
      auto name = it->path().filename().string();
      if (!name.empty() && name[0] != '.')
        visit(*it, dir.rel.empty() ? name : dir.rel + "/" + name);
    }
    if (ec)
      skip(dir.rel, "is a folder that cannot be listed: " + ec.message());
  }

  void visit(const fs::directory_entry& entry, const std::string& rel) {
    std::error_code ec;
    auto type = entry.symlink_status(ec).type();
    if (ec == std::errc::no_such_file_or_directory)
      return; // gone since it was listed
    if (ec)
      return skip(rel, "cannot be examined: " + ec.message());
    if (type == fs::file_type::symlink)
      return visit_link(entry.path(), rel);
    if (type == fs::file_type::directory) {
      if (!is_utf8(rel))
        return skip(rel, "is a folder whose name is not UTF-8; rename it to index "
                         "the files in it");
      return enter({entry.path(), rel});
    }
    if (!corpus_scan::is_indexed_name(rel))
      return;
    if (type != fs::file_type::regular)
      return skip(rel, "is " + kind_of(type) + ", not a regular file");
    add_file(entry.path(), rel);
  }

  /// A link is followed only to a regular file inside the corpus folder.
  void visit_link(const fs::path& link, const std::string& rel) {
    std::error_code ec;
    auto target = fs::canonical(link, ec);
    if (ec) {
      if (corpus_scan::is_indexed_name(rel))
        skip(rel, link_fault(link, ec));
      return;
    }
    auto type = fs::status(target, ec).type();
    // Not even one inside: the files of a folder inside are indexed under
    // their real paths already, and those of one outside must not be.
    if (type == fs::file_type::directory)
      return skip(rel, "is a symbolic link to a folder; linked folders are not "
                       "walked, so that no file is indexed twice or from outside");
    if (!corpus_scan::is_indexed_name(rel))
      return;
    if (!is_within(target, real_root_))
      return skip(rel, "is a symbolic link to " + utf8_sanitize(target.string()) +
                           ", outside the corpus folder; only files inside it "
                           "are indexed");
    if (type != fs::file_type::regular)
      return skip(rel,
                  "is a symbolic link to " + kind_of(type) + ", not to a regular file");
    add_file(target, rel);
  }

  /// POSIX stat rather than std::filesystem: it gives the mtime in Unix
  /// nanoseconds (file_time_type's epoch is the library's choice).
  void add_file(const fs::path& real, const std::string& rel) {
    if (!is_utf8(rel))
      return skip(rel, "has a name that is not UTF-8; rename it to index it");
    struct stat info {};
    if (::stat(real.c_str(), &info) != 0)
      return skip(rel, std::string{"cannot be examined: "} + std::strerror(errno));
    auto mtime_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                    static_cast<int64_t>(info.st_mtim.tv_nsec);
    scan_.files.push_back(
        {rel, real.string(), mtime_ns, static_cast<int64_t>(info.st_size)});
  }

  fs::path real_root_;
  corpus_scan scan_;
  std::vector<pending_dir> todo_;
  std::set<std::pair<dev_t, ino_t>> walked_;
};

} // namespace

corpus_scan corpus_scan::run(const std::string& corpus_dir) {
  return corpus_walk{corpus_dir}.run();
}

bool corpus_scan::is_indexed_name(const std::string& name) {
  auto ext = lower(fs::path{name}.extension().string());
  return std::find(indexed_extensions.begin(), indexed_extensions.end(), ext) !=
         indexed_extensions.end();
}

} // namespace troupe
