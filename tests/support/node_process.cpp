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

[[noreturn]] void exec_node(int out_fd, const std::string& log_path,
                            const std::vector<std::string>& args,
                            const std::vector<std::string>& env) {
  dup2(out_fd, STDOUT_FILENO);
  auto log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(log_fd, STDERR_FILENO);
  for (const auto& kv : env)
    putenv(const_cast<char*>(kv.c_str()));
  std::vector<std::string> all{TROUPE_BIN, "node", "--listen", "127.0.0.1:0"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(TROUPE_BIN, argv.data());
  _exit(127);
}

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
  int out[2];
  if (pipe(out) != 0)
    throw std::runtime_error("node_process: pipe failed");
  pid_ = fork();
  if (pid_ < 0) {
    close(out[0]);
    close(out[1]);
    throw std::runtime_error("node_process: fork failed");
  }
  if (pid_ == 0) {
    close(out[0]);
    exec_node(out[1], log_path, args, env);
  }
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
