#include "agents/table_report.hpp"

#include "runtime/agent/json_access.hpp"
#include "runtime/errors.hpp"
#include "runtime/text/ascii_text.hpp"
#include "runtime/text/utf8.hpp"

namespace troupe {

namespace {

constexpr const char* column_example =
    R"([{"header": "Clause", "field": "heading"}, {"header": "Risk", "field": "risk.level"}])";

caf::error bad_param(const std::string& why) {
  return make_error(errc::invalid_input, why);
}

/// "risk.level", "tags.0": segments that are not empty.
bool is_dotted_path(const std::string& path) {
  return !path.empty() && path.front() != '.' && path.back() != '.' &&
         path.find("..") == std::string::npos;
}

caf::expected<table_report::column> column_of(const boost::json::value& spec,
                                              std::size_t n) {
  auto which = "param 'columns': column " + std::to_string(n);
  if (!spec.is_object())
    return bad_param(which + " must be an object {\"header\", \"field\"}, not " +
                     text_of(spec));
  const auto& field = value_at(spec, "field");
  const auto& header = value_at(spec, "header");
  if (!field.is_string())
    return bad_param(which + (header.is_null() ? "" : " (" + text_of(header) + ")") +
                     " has no \"field\"; give the dotted path of the row value it "
                     "shows, e.g. \"field\": \"risk.level\"");
  auto path = text_of(field);
  if (!is_dotted_path(path))
    return bad_param(which + " has field '" + path +
                     "', which is no dotted path like \"risk.level\"");
  return table_report::column{header.is_null() ? path : text_of(header), path};
}

/// Text for a paragraph or heading: strings as they are, null as nothing,
/// other values as JSON.
std::string text_or_empty(const boost::json::value& v) {
  return v.is_null() ? std::string{} : std::string{trim(text_of(v))};
}

/// `text` on one line, for a heading.
std::string one_line(std::string text) {
  for (auto& c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  return text;
}

/// `text` kept on one table row: '|' would end the cell and a line break the
/// row, so the one is escaped and the other becomes <br>.
std::string escape_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = text[i];
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      out += "<br>";
    else if (c != '\r')
      out += c;
  }
  return out;
}

} // namespace

table_report::table_report(std::string title, std::vector<column> columns,
                           std::string summary_field)
    : title_(std::move(title)), columns_(std::move(columns)),
      summary_field_(std::move(summary_field)) {}

caf::expected<table_report> table_report::from_params(const boost::json::object& params) {
  const auto& title = value_at(params, "title");
  if (!title.is_null() && !title.is_string())
    return bad_param("param 'title' must be a string, the report's heading");
  const auto& columns = value_at(params, "columns");
  if (columns.is_null())
    return bad_param(std::string{"param 'columns' is missing; give the table's columns, "
                                 "e.g. \"columns\": "} +
                     column_example);
  if (!columns.is_array() || columns.as_array().empty())
    return bad_param(std::string{"param 'columns' must be a non-empty array of "
                                 "{\"header\", \"field\"} objects, e.g. "} +
                     column_example);
  std::vector<column> parsed;
  for (const auto& spec : columns.as_array()) {
    auto c = column_of(spec, parsed.size() + 1);
    if (!c)
      return c.error();
    parsed.push_back(std::move(*c));
  }
  const auto& summary = value_at(params, "summary_field");
  if (!summary.is_null() && !(summary.is_string() && is_dotted_path(text_of(summary))))
    return bad_param("param 'summary_field' must be a dotted path into the task input, "
                     "e.g. \"summary_field\": \"overview.text\", not " +
                     text_of(summary));
  return table_report{title.is_null() ? "Report" : text_of(title), std::move(parsed),
                      summary.is_null() ? "summary" : text_of(summary)};
}

std::string table_report::render(const boost::json::object& input) const {
  std::vector<std::string> blocks{"# " + one_line(title_)};
  auto summary = text_or_empty(value_at_path(input, summary_field_));
  if (!summary.empty())
    blocks.push_back(std::move(summary));
  for (const auto& group : array_at(input, "groups")) {
    const auto& rows = array_at(group, "rows");
    blocks.push_back("## " + one_line(text_or_empty(value_at(group, "title"))) + " (" +
                     std::to_string(rows.size()) + ")");
    blocks.push_back(rows.empty() ? "none" : table(rows));
  }
  auto note = text_or_empty(value_at(input, "note"));
  if (!note.empty())
    blocks.push_back(std::move(note));
  std::string out;
  for (const auto& b : blocks)
    out += (out.empty() ? "" : "\n\n") + b;
  return out + "\n";
}

std::string table_report::table(const boost::json::array& rows) const {
  std::string header = "|";
  std::string rule = "|";
  for (const auto& c : columns_) {
    header += " " + cell(boost::json::string{c.header}) + " |";
    rule += "---|";
  }
  std::string out = header + "\n" + rule;
  for (const auto& row : rows) {
    out += "\n|";
    for (const auto& c : columns_)
      out += " " + cell(value_at_path(row, c.field)) + " |";
  }
  return out;
}

int64_t table_report::row_count(const boost::json::object& input) {
  int64_t n = 0;
  for (const auto& group : array_at(input, "groups"))
    n += static_cast<int64_t>(array_at(group, "rows").size());
  return n;
}

std::string table_report::cell(const boost::json::value& value) {
  if (value.is_null())
    return {};
  auto text = text_of(value);
  if (utf8_length(text) > max_cell_chars)
    text = std::string{utf8_first_chars(text, max_cell_chars - 1)} + "\u2026";
  return escape_cell(text);
}

} // namespace troupe
