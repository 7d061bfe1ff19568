#pragma once

#include "runtime/model/text/source_material.hpp"
#include "runtime/model/text/term_extractor.hpp"

#include <boost/json.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

/// Fills a JSON Schema with values taken from the material of a prompt, so
/// that an agent declaring the shape of its answer gets one offline. Each
/// (sub)schema is filled by what it asks for:
///  - `enum`, `const`, or `oneOf`/`anyOf` of `{"const", "description"}`: the
///    option whose words (value and description) the material mentions
///    most; the first option on a tie. Other `oneOf`/`anyOf`, in a schema
///    without a type of its own: the first alternative that is not null;
///  - object: every property, in the schema's order;
///  - string: the best sentence for the question plus the property's name
///    and description (sentence_ranker), cut at a word boundary to
///    `maxLength`; "" when no sentence fits;
///  - array of strings: the best `maxItems` sentences (at most 10, 3 when
///    unset), padded with "" up to `minItems`;
///  - array of options: the options the material mentions, best first;
///  - array of objects: one object per document, each filled from that
///    document alone, up to `maxItems`;
///  - other arrays: `minItems` items;
///  - number/integer: the midpoint of `minimum` and `maximum`, else the
///    bound given, else 0 (integers rounded into the bounds);
///  - boolean: whether the material mentions a word of the property's name
///    or description;
///  - anything else, or no `type`: null.
/// `type` may be a list; its first type other than "null" counts. Hostile
/// schemas are bounded: below `max_depth` levels and after `max_values`
/// values everything is null, and no array holds more than 100 items.
class schema_filler {
public:
  static constexpr std::size_t max_depth = 16;
  static constexpr std::size_t max_values = 1000;

  /// `material` must outlive the filler; `question` steers which sentences
  /// strings are filled with.
  schema_filler(const source_material& material, std::string_view question);

  boost::json::value fill(const boost::json::object& schema) const;

  /// Whether an object of `schema` may carry properties the schema does not
  /// list: unless `additionalProperties` is false.
  static bool allows_additional_properties(const boost::json::object& schema);

private:
  struct fill_state;
  struct walk;
  struct option {
    boost::json::value value;
    std::string words; // the value and its description, for matching
  };

  static std::vector<option> options_of(const boost::json::object& schema);

  boost::json::value value_for(const boost::json::object& schema,
                               std::string_view context, const walk& w) const;
  boost::json::value typed_value(const boost::json::object& schema,
                                 std::string_view topic, const walk& w) const;
  boost::json::value object_for(const boost::json::object& schema, const walk& w) const;
  boost::json::value string_for(const boost::json::object& schema, std::string_view topic,
                                const walk& w) const;
  boost::json::value array_for(const boost::json::object& schema, std::string_view topic,
                               const walk& w) const;
  boost::json::array choices_for(const std::vector<option>& options, std::size_t count,
                                 std::size_t min_count, const walk& w) const;
  boost::json::array objects_for(const boost::json::object& items, std::string_view topic,
                                 std::size_t max_count, std::size_t min_count,
                                 const walk& w) const;
  bool boolean_for(std::string_view topic, const walk& w) const;

  /// For each option, how many of its words the material of `w` mentions.
  std::vector<std::size_t> overlaps(const std::vector<option>& options,
                                    const walk& w) const;
  std::size_t mentioned(std::string_view words, const walk& w) const;
  /// The best `count` sentences of the documents of `w` for the question
  /// plus `topic`.
  std::vector<std::string> sentences(std::string_view topic, std::size_t count,
                                     const walk& w) const;

  const source_material& material_;
  term_extractor extractor_;
  std::string question_;
};

} // namespace troupe
