#pragma once

#include <boost/json.hpp>
#include <caf/expected.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace troupe {

/// A markdown report of grouped rows, written without a model: a title,
/// an optional summary paragraph, one table per group with the configured
/// columns, an optional closing note. Configured once from an agent's
/// params, then rendered for each task's input.
class table_report {
public:
  /// Cells longer than this many characters are cut, ending in "…".
  static constexpr std::size_t max_cell_chars = 200;

  struct column {
    std::string header;
    std::string field; // a dotted path into a row: "risk.level", "tags.0"
  };

  /// The report `params` describe: "title" (default "Report"), "columns"
  /// (required: [{"header", "field"}], the header defaulting to the field)
  /// and "summary_field" (default "summary": where in the task input the
  /// summary paragraph is, a dotted path). Fails with invalid_input naming
  /// the param that is wrong.
  static caf::expected<table_report> from_params(const boost::json::object& params);

  /// The markdown for a task input {"groups": [{"title", "rows"}],
  /// "summary"?, "note"?}. A group without rows says "none".
  std::string render(const boost::json::object& input) const;

  /// How many rows the groups of `input` hold in all.
  static int64_t row_count(const boost::json::object& input);

  /// The text of one table cell for `value`: strings as they are, null as
  /// nothing, other values as compact JSON; cut to max_cell_chars, then
  /// '|' and line breaks escaped so the cell stays on its table row.
  static std::string cell(const boost::json::value& value);

private:
  table_report(std::string title, std::vector<column> columns, std::string summary_field);

  std::string table(const boost::json::array& rows) const;

  std::string title_;
  std::vector<column> columns_;
  std::string summary_field_;
};

} // namespace troupe
