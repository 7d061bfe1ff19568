#include "cli/signal_watch.hpp"

#include "cli/exit_codes.hpp"
#include "runtime/messages/type_ids.hpp"

#include <caf/send.hpp>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace troupe {

namespace {

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

} // namespace

signal_watch::signal_watch() {
  auto set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread{[this] { watch(); }};
}

signal_watch::~signal_watch() {
  stop_ = true;
  thread_.join();
}

void signal_watch::target(caf::actor orchestrator) {
  std::lock_guard<std::mutex> guard{mutex_};
  target_ = std::move(orchestrator);
  // A signal that came while the run was starting stops it now.
  if (target_ && received_ != 0)
    caf::anon_send(target_, interrupt_atom::value);
}

void signal_watch::watch() {
  auto set = stop_signals();
  const timespec tick{0, 100'000'000}; // how often `stop_` is looked at
  while (!stop_) {
    auto sig = sigtimedwait(&set, nullptr, &tick);
    if (sig <= 0)
      continue;
    if (received_.exchange(sig) != 0) {
      std::fputs("troupe: interrupted again; quitting without saving more\n", stderr);
      _exit(exit_interrupted);
    }
    std::fprintf(stderr,
                 "troupe: %s: stopping the run and saving its state (again to "
                 "quit at once)\n",
                 sig == SIGINT ? "SIGINT" : "SIGTERM");
    std::lock_guard<std::mutex> guard{mutex_};
    if (target_)
      caf::anon_send(target_, interrupt_atom::value);
  }
}

} // namespace troupe
