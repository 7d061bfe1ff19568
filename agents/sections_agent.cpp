#include "agents/sections_agent.hpp"

#include "agents/section_splitter.hpp"
#include "runtime/agent/json_access.hpp"

namespace troupe {

agent_info sections_agent::info() {
  agent_info i;
  i.name = "sections";
  i.description = "splits a document's text into sections at its headings; no model";
  i.input = boost::json::parse(R"({"text": "string", "title?": "string"})");
  i.output = boost::json::parse(R"({"title": "string",
      "sections": [{"id": "string", "heading": "string", "text": "string"}]})");
  return i;
}

void sections_agent::on_task(task_context ctx) {
  const auto& min_chars = value_at(ctx.params(), "min_chars");
  if (!min_chars.is_null() && !(min_chars.is_int64() && min_chars.as_int64() >= 0))
    return ctx.fail("param 'min_chars' must be a whole number >= 0, not " +
                    text_of(min_chars) + ", e.g. \"min_chars\": 40");
  const auto& text = value_at(ctx.input(), "text");
  if (!text.is_string())
    return ctx.fail("needs a string 'text' input, the document to split");
  auto title = string_at(ctx.input(), "title");
  if (title.empty())
    title = section_splitter::title_of(text.as_string());
  section_splitter splitter{
      min_chars.is_null() ? 1 : static_cast<std::size_t>(min_chars.as_int64())};
  boost::json::array sections;
  for (auto& s : splitter.split(text.as_string(), title))
    sections.push_back(
        {{"id", std::move(s.id)}, {"heading", std::move(s.heading)}, {"text", s.text}});
  ctx.reply({{"title", title}, {"sections", std::move(sections)}});
}

} // namespace troupe
