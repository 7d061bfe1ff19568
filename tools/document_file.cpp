#include "tools/document_file.hpp"

#include "runtime/errors.hpp"
#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace troupe {

namespace {

/// Closes the descriptor it holds.
struct file_descriptor {
  int fd;
  ~file_descriptor() {
    if (fd >= 0)
      ::close(fd);
  }
};

caf::error fault(const std::string& what) {
  return make_error(errc::io_failed, what);
}

caf::error errno_fault(const char* what) {
  return fault(std::string{what} + ": " + std::strerror(errno));
}

std::size_t line_of(const std::string& text, std::size_t offset) {
  return static_cast<std::size_t>(
             std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n')) +
         1;
}

/// Rounded up, so that no file over the cap reads as the cap.
std::string mebibytes(int64_t bytes) {
  auto tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

caf::error too_large(int64_t bytes) {
  return fault("is " + mebibytes(bytes) + "; files over " +
               std::to_string(max_document_bytes / (1024 * 1024)) +
               " MiB are not indexed");
}

/// Everything up to one byte past the cap, so that a file that grew since
/// it was measured as `size` bytes is still caught.
caf::expected<std::string> read_capped(int fd, int64_t size) {
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(size));
  std::array<char, 64 * 1024> chunk{};
  auto limit = static_cast<std::size_t>(max_document_bytes) + 1;
  while (bytes.size() < limit) {
    auto n = ::read(fd, chunk.data(), std::min(chunk.size(), limit - bytes.size()));
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return errno_fault("cannot be read");
    if (n == 0)
      break;
    bytes.append(chunk.data(), static_cast<std::size_t>(n));
  }
  return bytes;
}

} // namespace

caf::expected<std::string> read_document_file(const std::string& path) {
  // O_NONBLOCK: a file swapped for a FIFO since the scan must not hang the
  // refresh in open(); its type is checked on the open descriptor below.
  file_descriptor file{
      ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (file.fd < 0)
    return errno_fault("cannot be opened");
  struct stat info {};
  if (::fstat(file.fd, &info) != 0)
    return errno_fault("cannot be examined");
  if (!S_ISREG(info.st_mode))
    return fault("is not a regular file");
  if (info.st_size > max_document_bytes)
    return too_large(info.st_size);
  auto bytes = read_capped(file.fd, info.st_size);
  if (!bytes)
    return bytes.error();
  if (static_cast<int64_t>(bytes->size()) > max_document_bytes)
    return too_large(static_cast<int64_t>(bytes->size()));
  // Notepad's "Unicode" is UTF-16, full of NUL bytes but not binary.
  if (bytes->rfind("\xFF\xFE", 0) == 0 || bytes->rfind("\xFE\xFF", 0) == 0)
    return fault("is UTF-16 text (it starts with a UTF-16 byte order mark); save it "
                 "as UTF-8 to index it");
  if (auto nul = bytes->find('\0'); nul != std::string::npos)
    return fault("is a binary file (a NUL byte on line " +
                 std::to_string(line_of(*bytes, nul)) + "); only text files are indexed");
  if (auto bad = utf8_invalid_offset(*bytes); bad != std::string::npos)
    return fault("is not UTF-8 text (an invalid byte on line " +
                 std::to_string(line_of(*bytes, bad)) +
                 "); save it as UTF-8 to index it");
  return bytes;
}

} // namespace troupe
