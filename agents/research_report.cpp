#include "agents/research_report.hpp"

#include "runtime/agent/json_access.hpp"

namespace troupe {

namespace {

std::string citations(const boost::json::value& item) {
  std::string out;
  for (const auto& id : array_at(item, "sources"))
    out += " [" + text_of(id) + "]";
  return out;
}

std::string bullet_list(const boost::json::array& items, const std::string& empty) {
  if (items.empty())
    return empty + "\n";
  std::string out;
  for (const auto& item : items)
    out += "- " + (item.is_string() ? text_of(item) : string_at(item, "text")) +
           citations(item) + "\n";
  return out;
}

std::string trend_list(const boost::json::array& trends) {
  if (trends.empty())
    return "No theme recurs across the sources.\n";
  std::string out;
  for (const auto& t : trends) {
    auto n = array_at(t, "sources").size();
    out += "- **" + string_at(t, "term") + "**: in " + std::to_string(n) + " sources" +
           citations(t) + "\n";
  }
  return out;
}

std::string source_list(const boost::json::array& summaries) {
  if (summaries.empty())
    return "No sources were found.\n";
  std::string out;
  for (const auto& s : summaries) {
    out += "- [" + string_at(s, "source_id") + "] " + string_at(s, "title");
    auto path = string_at(s, "path");
    if (!path.empty())
      out += " (`" + path + "`)";
    out += "\n";
  }
  return out;
}

} // namespace

boost::json::array cited_sources(const boost::json::value& ids,
                                 const std::set<std::string>& allowed) {
  boost::json::array out;
  if (const auto* arr = ids.if_array())
    for (const auto& id : *arr)
      if (id.is_string() && allowed.count(text_of(id)) > 0)
        out.push_back(id);
  return out;
}

std::string research_report::to_markdown() const {
  std::string md = "# " + question + "\n\n";
  if (model.rfind("local/", 0) == 0)
    md += "> Written offline by Troupe's local extractive model: the sentences below are "
          "selected from the sources, not generated. Configure a model provider for "
          "written prose.\n\n";
  md += "## Summary\n\n" +
        (summary.empty() ? "The sources do not answer the question." : summary) + "\n\n";
  md += "## Key findings\n\n" +
        bullet_list(supported, "No finding is supported by the sources.") + "\n";
  md += "## Recurring themes\n\n" + trend_list(trends) + "\n";
  if (!unsupported.empty())
    md +=
        "## Claims the sources do not support\n\n" + bullet_list(unsupported, "") + "\n";
  if (!gaps.empty())
    md += "## Gaps\n\nThe sources found do not cover: " + [&] {
      std::string list;
      for (const auto& g : gaps)
        list += (list.empty() ? "" : ", ") + text_of(g);
      return list;
    }() + ".\n\n";
  md += "## Sources\n\n" + source_list(summaries);
  return md;
}

} // namespace troupe
