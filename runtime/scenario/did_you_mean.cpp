#include "runtime/scenario/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

namespace troupe {

namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

/// Optimal string alignment distance, case-insensitive: swapped neighbours
/// count as one edit, since "agnets" is one slip of the fingers.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

/// True when one of `a` and `b` starts with the other, which is long enough
/// to be meant: "step_timeout" for "step_timeout_seconds".
bool abbreviates(std::string_view a, std::string_view b) {
  constexpr size_t min_length = 3;
  auto shorter = std::min(a.size(), b.size());
  return shorter >= min_length && a.substr(0, shorter) == b.substr(0, shorter);
}

} // namespace

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& known) {
  // A third of the name may be wrong; more than that is a different word.
  auto limit = std::max<size_t>(1, name.size() / 3);
  std::optional<std::string> best;
  auto best_distance = limit + 1;
  for (const auto& candidate : known) {
    auto distance = edit_distance(name, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best)
    return best;
  auto prefix = std::find_if(known.begin(), known.end(),
                             [&](const std::string& k) { return abbreviates(name, k); });
  return prefix == known.end() ? std::nullopt : std::optional<std::string>{*prefix};
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& known,
                         std::string_view label) {
  std::string hint;
  if (auto best = closest_name(name, known))
    hint = "did you mean '" + *best + "'? ";
  return hint + std::string{label} + ": " + join_names(known);
}

std::string join_names(const std::vector<std::string>& names) {
  if (names.empty())
    return "none";
  std::string out;
  for (const auto& name : names)
    out += (out.empty() ? "" : ", ") + name;
  return out;
}

} // namespace troupe
