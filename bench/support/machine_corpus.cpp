#include "bench/support/machine_corpus.hpp"

#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <stdexcept>

namespace troupe::bench {

namespace {

namespace fs = std::filesystem;

const fs::path share_dir{"/usr/share"};
const std::vector<std::string> source_dirs{"/usr/share/doc",
                                           "/usr/share/common-licenses"};

/// Regular files under the source folders, sorted; links are left out, as
/// /usr/share/doc links whole folders of one package to another's.
std::vector<fs::path> source_files() {
  std::vector<fs::path> out;
  for (const auto& root : source_dirs) {
    std::error_code ec;
    fs::recursive_directory_iterator it{
        root, fs::directory_options::skip_permission_denied, ec};
    for (; !ec && it != fs::recursive_directory_iterator{}; it.increment(ec))
      if (!it->is_symlink() && it->is_regular_file())
        out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_gzip(const fs::path& path) {
  return path.extension() == ".gz";
}

/// Decompresses through the gzip program: setup only, never timed, and no
/// new library for a benchmark. At most `limit` + 1 bytes are kept.
std::optional<std::string> gunzip(const fs::path& path, std::size_t limit) {
  auto name = path.string();
  if (name.find('\'') != std::string::npos)
    return std::nullopt; // it could not be quoted for the shell as it is
  auto command = "gzip -dc -- '" + name + "' 2>/dev/null";
  auto* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr)
    return std::nullopt;
  std::string text;
  char chunk[65536];
  std::size_t n = 0;
  while (text.size() <= limit && (n = std::fread(chunk, 1, sizeof(chunk), pipe)) > 0)
    text.append(chunk, n);
  auto status = ::pclose(pipe);
  if (status != 0 && text.size() <= limit)
    return std::nullopt;
  return text;
}

std::optional<std::string> read_source(const fs::path& path, std::size_t limit) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  // Compressed text shrinks about threefold or more; larger files would
  // only be decompressed to be dropped.
  if (ec || size > (is_gzip(path) ? limit / 3 : limit))
    return std::nullopt;
  if (is_gzip(path))
    return gunzip(path, limit);
  std::ifstream in{path, std::ios::binary};
  return std::string{std::istreambuf_iterator<char>{in}, {}};
}

bool is_text(const std::string& text, std::size_t limit) {
  return !text.empty() && text.size() <= limit && text.find('\0') == std::string::npos &&
         utf8_invalid_offset(text) == std::string_view::npos;
}

/// doc/bash/changelog.Debian.gz -> doc_bash_changelog.Debian.txt: flat, so no
/// name starts with a dot (the corpus scan skips hidden names).
std::string corpus_name(const fs::path& source) {
  auto rel = source.lexically_relative(share_dir);
  if (is_gzip(rel))
    rel.replace_extension();
  auto name = rel.generic_string();
  std::replace(name.begin(), name.end(), '/', '_');
  return name + ".txt";
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out{path, std::ios::binary};
  out << text;
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

} // namespace

machine_corpus machine_corpus::build(const std::string& dir, std::size_t max_files,
                                     std::size_t max_file_bytes) {
  auto sources = source_files();
  auto stride =
      std::max<std::size_t>(1, sources.size() / std::max<std::size_t>(max_files, 1));
  machine_corpus corpus;
  std::set<std::string> names;
  for (std::size_t i = 0; i < sources.size() && corpus.files.size() < max_files;
       i += stride) {
    auto text = read_source(sources[i], max_file_bytes);
    auto name = corpus_name(sources[i]);
    if (!text || !is_text(*text, max_file_bytes) || !names.insert(name).second)
      continue;
    auto path = dir + "/" + name;
    write_file(path, *text);
    corpus.files.push_back(path);
    corpus.bytes += static_cast<int64_t>(text->size());
    corpus.from_gzip += is_gzip(sources[i]) ? 1 : 0;
  }
  if (corpus.files.empty())
    throw std::runtime_error("no text files found under /usr/share/doc");
  return corpus;
}

} // namespace troupe::bench
