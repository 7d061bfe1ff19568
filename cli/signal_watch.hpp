#pragma once

#include <atomic>
#include <caf/actor.hpp>
#include <mutex>
#include <thread>

namespace troupe {

/// Turns SIGINT and SIGTERM into a graceful stop of the running run: the
/// first one sends its orchestrator an interrupt_atom (the run ends with
/// status "interrupted", its state and trace flushed, so `troupe resume`
/// can go on); a second one ends the process at once. Construct it before
/// the actor system, so every thread inherits the blocked signals and only
/// the watcher's thread takes them. A signal before the run starts stops
/// it as soon as it does.
class signal_watch {
public:
  signal_watch();
  ~signal_watch();

  signal_watch(const signal_watch&) = delete;
  signal_watch& operator=(const signal_watch&) = delete;

  /// The orchestrator to interrupt; an invalid handle when none runs.
  void target(caf::actor orchestrator);

  /// The signal received (SIGINT, SIGTERM), or 0.
  int received() const { return received_; }

private:
  void watch();

  std::mutex mutex_; // guards target_: set by the run's session actor, read by watch()
  caf::actor target_;
  std::atomic<int> received_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

} // namespace troupe
