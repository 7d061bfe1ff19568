#pragma once

// The sections agent splits a document into sections, without a model.
//   orchestrator --task{text, title?}--> sections
//   orchestrator <--{title, sections: [{id, heading, text}]}-- sections
// Headings are clause numbers ("1.", "2.3", "Section 4", "ARTICLE V",
// "§ 5") and markdown headings (see section_splitter). The title is the
// `title` input, else the text's first non-blank line. A for_each step over
// "STEP.sections" then handles one section per task.
// Params: "min_chars" (default 1): sections with less text are left out.

#include "troupe/agent.hpp"

namespace troupe {

class sections_agent : public agent {
public:
  static agent_info info();
  void on_task(task_context ctx) override;
};

} // namespace troupe
