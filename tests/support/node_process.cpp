#include "tests/support/node_process.hpp"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace troupe::test {

namespace {

/// What execve needs, made before fork: the child of a multi-threaded
/// process may only call async-signal-safe functions (another thread may
/// have held the allocator's lock at the fork), so it allocates nothing.
struct exec_plan {
  std::vector<std::string> strings; // argv's, then envp's
  std::vector<char*> argv;
  std::vector<char*> envp;

  exec_plan(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    strings = {TROUPE_BIN, "node", "--listen", "127.0.0.1:0"};
    strings.insert(strings.end(), args.begin(), args.end());
    auto argc = strings.size();
    // The additions first: getenv takes the first of two equal names.
    strings.insert(strings.end(), env.begin(), env.end());
    for (char** e = environ; *e != nullptr; ++e)
      strings.emplace_back(*e);
    for (size_t i = 0; i < strings.size(); ++i)
      (i < argc ? argv : envp).push_back(strings[i].data());
    argv.push_back(nullptr);
    envp.push_back(nullptr);
  }
};

/// The first line `fd` gives within `timeout_ms`, without its newline.
std::string read_line(int fd, int timeout_ms) {
  std::string line;
  char c = 0;
  while (line.empty() || line.back() != '\n') {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0 || read(fd, &c, 1) != 1)
      break;
    line += c;
  }
  if (!line.empty() && line.back() == '\n')
    line.pop_back();
  return line;
}

} // namespace

node_process::node_process(const std::string& log_path, std::vector<std::string> args,
                           std::vector<std::string> env)
    : log_path_(log_path) {
  exec_plan plan{args, env};
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error("node_process: pipe failed");
  auto log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_ = fork();
  if (pid_ < 0) {
    close(out[0]);
    close(out[1]);
    close(log_fd);
    throw std::runtime_error("node_process: fork failed");
  }
  if (pid_ == 0) {
    // dup2 clears close-on-exec on the copies: the node keeps these two.
    dup2(out[1], STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execve(TROUPE_BIN, plan.argv.data(), plan.envp.data());
    _exit(127);
  }
  close(log_fd);
  close(out[1]);
  auto line = read_line(out[0], 10000);
  close(out[0]);
  const std::string said = "troupe node listening on ";
  if (line.rfind(said, 0) != 0) {
    auto text = log();
    stop();
    throw std::runtime_error("the node said '" + line + "'; its log: " + text);
  }
  address_ = line.substr(said.size());
}

node_process::~node_process() {
  if (pid_ > 0)
    stop();
}

void node_process::kill_now() {
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int node_process::stop() {
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 1000; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  ::kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

std::string node_process::log() const {
  std::ifstream in{log_path_};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace troupe::test
