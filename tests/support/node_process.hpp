#pragma once

// A `troupe node` in a child process, for tests and benchmarks of
// distributed runs: it listens on an ephemeral port of 127.0.0.1, and its
// log goes to a file. No test framework here: bench/ builds it too (see
// bench/CMakeLists.txt); both need TROUPE_BIN, the troupe command's path.

#include <string>
#include <sys/types.h>
#include <vector>

namespace troupe::test {

class node_process {
public:
  /// Starts `troupe node --listen 127.0.0.1:0 ARGS...` with `env` ("K=V")
  /// added to its environment, and waits for it to say where it listens;
  /// throws std::runtime_error, with what it said and logged, when it does
  /// not say so within 10 s.
  node_process(const std::string& log_path, std::vector<std::string> args = {},
               std::vector<std::string> env = {});

  /// Stops it with SIGTERM (SIGKILL if it has not ended after 10 s).
  ~node_process();

  node_process(const node_process&) = delete;
  node_process& operator=(const node_process&) = delete;

  /// "127.0.0.1:PORT".
  const std::string& address() const { return address_; }

  /// Its process id; -1 once it was stopped or killed.
  pid_t pid() const { return pid_; }

  /// Kills it at once, as a crash or a pulled plug would.
  void kill_now();

  /// Sends SIGTERM and waits; its exit status as waitpid tells it.
  int stop();

  /// What it logged so far.
  std::string log() const;

private:
  pid_t pid_ = -1;
  std::string address_;
  std::string log_path_;
};

} // namespace troupe::test
