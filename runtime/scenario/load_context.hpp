#pragma once

#include "runtime/scenario/config_error.hpp"
#include "runtime/scenario/json_locator.hpp"

#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// What the parts of the scenario loader share while reading one file: where
/// things are (for error positions), the folder paths resolve against, and
/// the errors found so far. The typed field getters report wrong types
/// themselves, so readers only handle the values they can use.
class load_context {
public:
  enum class need { optional, required };

  load_context(std::string file, const std::string& base_dir,
               const json_locator& locator);

  /// The absolute, normalized folder relative paths resolve against.
  const std::filesystem::path& base_dir() const noexcept { return base_dir_; }

  /// `path` made absolute against base_dir().
  std::filesystem::path resolve(std::string_view path) const;

  /// Records an error at the value at `pointer`.
  void at_value(const std::string& pointer, std::string message, std::string hint = {});

  /// Records an error at the key of the member at `pointer`.
  void at_key(const std::string& pointer, std::string message, std::string hint = {});

  /// Records an error at byte `offset` of the string value at `pointer`.
  void in_string(const std::string& pointer, size_t offset, std::string message,
                 std::string hint = {});

  /// Records an error that has no place in the file, e.g. about a registered
  /// type the file is checked against.
  void in_file(std::string message, std::string hint = {});

  /// Records an error at every key the file gives twice in one object.
  void report_duplicate_keys();

  size_t error_count() const noexcept { return errors_.size(); }
  std::vector<config_error> take_errors() { return std::move(errors_); }

  /// Reports each key of `obj` that is not in `allowed`, with a hint.
  void check_keys(const boost::json::object& obj, const std::string& pointer,
                  const std::vector<std::string>& allowed);

  /// `value` as an object; reports it and gives nullptr when it is not one.
  const boost::json::object* as_object(const boost::json::value& value,
                                       const std::string& pointer);

  const boost::json::string* string_field(const boost::json::object& obj,
                                          const std::string& pointer,
                                          std::string_view key,
                                          need presence = need::optional);
  const boost::json::object* object_field(const boost::json::object& obj,
                                          const std::string& pointer,
                                          std::string_view key,
                                          need presence = need::optional);
  const boost::json::array* array_field(const boost::json::object& obj,
                                        const std::string& pointer, std::string_view key,
                                        need presence = need::optional);
  std::optional<double> number_field(const boost::json::object& obj,
                                     const std::string& pointer, std::string_view key);
  std::optional<int64_t> integer_field(const boost::json::object& obj,
                                       const std::string& pointer, std::string_view key);

  /// True for names made of letters, digits, '_' and '-': names that can
  /// appear in references and file names unquoted.
  static bool is_plain_name(std::string_view name);

  /// A value's JSON type as messages say it: "a string", "an object", "null".
  static std::string kind_name(const boost::json::value& value);

  /// A pointer as users write paths: "/flow/2/with" -> "flow[2].with".
  static std::string path_of(std::string_view pointer);

private:
  const boost::json::value* field(const boost::json::object& obj,
                                  const std::string& pointer, std::string_view key,
                                  need presence);
  void wrong_type(const boost::json::value& value, const std::string& pointer,
                  std::string_view expected);
  void add(std::optional<text_position> where, std::string message, std::string hint);

  std::string file_;
  std::filesystem::path base_dir_;
  const json_locator& locator_;
  std::vector<config_error> errors_;
};

} // namespace troupe
