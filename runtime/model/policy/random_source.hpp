#pragma once

#include <cstdint>
#include <random>

namespace troupe {

/// The one source of randomness of the model layer (jitter, weighted picks,
/// exploration). Seeded, so a test with a fixed seed is deterministic.
class random_source {
public:
  explicit random_source(uint64_t seed = std::random_device{}()) : engine_(seed) {}

  /// Uniform in [0, 1).
  double uniform() { return std::uniform_real_distribution<double>{0.0, 1.0}(engine_); }

private:
  std::mt19937_64 engine_;
};

} // namespace troupe
