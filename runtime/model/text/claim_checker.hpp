#pragma once

#include "runtime/model/text/source_material.hpp"
#include "runtime/model/text/term_extractor.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// Decides which documents of the material back a claim. A document supports
/// a claim when it (title or text) mentions at least 60% of the claim's
/// distinct content terms: most of what the claim says, allowing for
/// wording. The evidence is the sentence of a supporting document holding
/// the most of those terms, the earliest on a tie.
class claim_checker {
public:
  struct verdict {
    bool supported = false;
    std::vector<std::string> sources; // ids of the supporting documents, sorted
    std::string evidence;             // "" when nothing supports the claim
  };

  /// `material` must outlive the checker.
  explicit claim_checker(const source_material& material);

  verdict check(std::string_view claim) const;

private:
  std::string evidence(const std::vector<term_extractor::term>& terms,
                       const std::vector<bool>& supporting) const;

  const source_material& material_;
  term_extractor extractor_;
};

} // namespace troupe
