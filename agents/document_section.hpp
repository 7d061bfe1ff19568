#pragma once

#include <string>

namespace troupe {

/// One section of a document, as section_splitter finds it.
struct document_section {
  std::string id;      // "s1", "s2", ... in document order
  std::string heading; // the heading line, markdown marks removed
  std::string text;
};

} // namespace troupe
