#include "runtime/model/text/schema_filler.hpp"

#include "runtime/model/text/sentence_ranker.hpp"
#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <utility>

namespace troupe {

namespace json = boost::json;

/// What one fill shares between its values: the values it may still
/// produce, and a ranker per range of documents, built on first use. Only
/// the question differs between the strings of a range, so building the
/// ranker once saves most of the work on long material.
struct schema_filler::fill_state {
  struct ranked_range {
    sentence_ranker ranker;
    std::vector<const std::string*> texts; // of the ranker's candidates
  };

  std::size_t values_left = max_values;
  std::map<std::pair<std::size_t, std::size_t>, ranked_range> ranges;
};

/// One descent through the schema: the range of documents the values come
/// from and how deep it is.
struct schema_filler::walk {
  std::size_t first_document = 0;
  std::size_t end_document = 0;
  std::size_t depth = 0;
  fill_state* state = nullptr;

  bool holds(std::size_t document) const {
    return document >= first_document && document < end_document;
  }
  bool exhausted() const { return state->values_left == 0; }
  walk deeper() const { return {first_document, end_document, depth + 1, state}; }
  walk within(std::size_t document) const {
    return {document, document + 1, depth + 1, state};
  }
};

namespace {

/// Sentences a list of strings gets when the schema does not say, and the
/// most it gets: a list is a summary, not the whole material.
constexpr std::size_t default_sentences = 3;
constexpr std::size_t max_sentences = 10;

/// No array grows past this, whatever its `minItems` says.
constexpr std::size_t max_array_items = 100;

/// Longer than any sentence: a `maxLength` above it changes nothing.
constexpr std::size_t max_string_length = 1 << 20;

/// Doubles hold every integer up to 2^53 exactly.
constexpr double max_exact_integer = 9007199254740992.0;

std::string_view string_in(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view{v->get_string()} : std::string_view{};
}

const json::object* object_in(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->get_object() : nullptr;
}

const json::array* array_in(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? &v->get_array() : nullptr;
}

std::optional<double> number_in(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_number())
    return std::nullopt;
  json::error_code ec;
  auto number = v->to_number<double>(ec);
  if (ec || !std::isfinite(number))
    return std::nullopt;
  return number;
}

/// A count keyword (`maxItems`, `maxLength`...), at most `cap`.
std::optional<std::size_t> count_in(const json::object& o, std::string_view key,
                                    std::size_t cap) {
  auto number = number_in(o, key);
  if (!number || *number < 0)
    return std::nullopt;
  return static_cast<std::size_t>(
      std::min(std::floor(*number), static_cast<double>(cap)));
}

/// The schema's type; of a list of types, the first that is not "null".
std::string_view type_of(const json::object& schema) {
  const auto* type = schema.if_contains("type");
  if (type && type->is_string())
    return type->get_string();
  const auto* types = array_in(schema, "type");
  if (!types)
    return {};
  std::string_view result;
  for (const auto& t : *types) {
    if (!t.is_string())
      continue;
    if (t.get_string() != "null")
      return t.get_string();
    result = "null";
  }
  return result;
}

/// What a value is about: where it sits (the property's name) and what the
/// schema says of it.
std::string topic_of(std::string_view context, const json::object& schema) {
  std::string topic{context};
  if (auto description = string_in(schema, "description"); !description.empty()) {
    topic += ' ';
    topic += description;
  }
  return topic;
}

/// The first alternative of a `oneOf`/`anyOf` that is not null: an optional
/// value is written as anyOf [{"type": T}, {"type": "null"}].
const json::object* first_alternative(const json::object& schema) {
  for (auto key : {"oneOf", "anyOf"}) {
    const auto* alternatives = array_in(schema, key);
    if (!alternatives || alternatives->empty())
      continue;
    const json::object* first = nullptr;
    for (const auto& a : *alternatives) {
      if (!a.is_object())
        continue;
      if (type_of(a.get_object()) != "null")
        return &a.get_object();
      if (!first)
        first = &a.get_object();
    }
    return first;
  }
  return nullptr;
}

std::string words_of(const json::value& v) {
  return v.is_string() ? std::string{v.get_string()} : std::string{};
}

json::value number_value(double number) {
  if (std::floor(number) == number && std::abs(number) <= max_exact_integer)
    return static_cast<std::int64_t>(number);
  return number;
}

json::value number_for(const json::object& schema, bool integer) {
  auto low = number_in(schema, "minimum");
  auto high = number_in(schema, "maximum");
  double number = 0;
  if (low && high)
    number = integer ? std::round(*low / 2 + *high / 2) : *low / 2 + *high / 2;
  else if (low)
    number = integer ? std::ceil(*low) : *low;
  else if (high && *high < 0) // 0 would be out of bounds
    number = integer ? std::floor(*high) : *high;
  return number_value(number);
}

/// `text` cut to at most `max_chars` code points, at the last space that
/// fits; a first word longer than that is cut inside.
std::string cut_to(const std::string& text, std::size_t max_chars) {
  std::size_t pos = 0;
  for (std::size_t chars = 0; pos < text.size() && chars < max_chars; ++chars) {
    std::size_t length = 0;
    utf8_decode(text, pos, length);
    pos += length;
  }
  if (pos >= text.size())
    return text;
  auto space = text.rfind(' ', pos);
  return text.substr(0, space == std::string::npos || space == 0 ? pos : space);
}

} // namespace

schema_filler::schema_filler(const source_material& material, std::string_view question)
    : material_(material), question_(question) {}

json::value schema_filler::fill(const json::object& schema) const {
  fill_state state;
  return value_for(schema, "", walk{0, material_.documents().size(), 0, &state});
}

bool schema_filler::allows_additional_properties(const json::object& schema) {
  const auto* extra = schema.if_contains("additionalProperties");
  return !(extra && extra->is_bool() && !extra->get_bool());
}

std::vector<schema_filler::option> schema_filler::options_of(const json::object& schema) {
  if (const auto* constant = schema.if_contains("const"))
    return {{*constant, words_of(*constant)}};
  std::vector<option> options;
  if (const auto* values = array_in(schema, "enum")) {
    for (const auto& v : *values)
      options.push_back({v, words_of(v)});
    return options;
  }
  for (auto key : {"oneOf", "anyOf"}) {
    const auto* alternatives = array_in(schema, key);
    if (!alternatives || alternatives->empty())
      continue;
    for (const auto& a : *alternatives) {
      const auto* constant =
          a.is_object() ? a.get_object().if_contains("const") : nullptr;
      if (!constant)
        return {}; // alternatives that are schemas, not options
      auto words = words_of(*constant) + ' ' +
                   std::string{string_in(a.get_object(), "title")} + ' ' +
                   std::string{string_in(a.get_object(), "description")};
      options.push_back({*constant, std::move(words)});
    }
    return options;
  }
  return options;
}

json::value schema_filler::value_for(const json::object& schema, std::string_view context,
                                     const walk& w) const {
  if (w.depth >= max_depth || w.exhausted())
    return nullptr;
  --w.state->values_left;
  auto topic = topic_of(context, schema);
  if (auto options = options_of(schema); !options.empty()) {
    auto counts = overlaps(options, w);
    // max_element keeps the first of equal counts: the schema's order decides ties.
    auto best = std::max_element(counts.begin(), counts.end()) - counts.begin();
    return options[static_cast<std::size_t>(best)].value;
  }
  // With a type of its own, a schema's alternatives only add constraints.
  if (const auto* alternative = first_alternative(schema);
      alternative && type_of(schema).empty())
    return value_for(*alternative, topic, w.deeper());
  return typed_value(schema, topic, w);
}

json::value schema_filler::typed_value(const json::object& schema, std::string_view topic,
                                       const walk& w) const {
  auto type = type_of(schema);
  if (type == "object")
    return object_for(schema, w);
  if (type == "string")
    return string_for(schema, topic, w);
  if (type == "array")
    return array_for(schema, topic, w);
  if (type == "number" || type == "integer")
    return number_for(schema, type == "integer");
  if (type == "boolean")
    return boolean_for(topic, w);
  return nullptr;
}

json::value schema_filler::object_for(const json::object& schema, const walk& w) const {
  json::object result;
  const auto* properties = object_in(schema, "properties");
  if (!properties)
    return result;
  for (const auto& property : *properties) {
    const auto& value = property.value();
    result[property.key()] =
        value.is_object() ? value_for(value.get_object(), property.key(), w.deeper())
                          : json::value{};
  }
  return result;
}

json::value schema_filler::string_for(const json::object& schema, std::string_view topic,
                                      const walk& w) const {
  auto picked = sentences(topic, 1, w);
  auto text = picked.empty() ? std::string{} : std::move(picked.front());
  if (auto limit = count_in(schema, "maxLength", max_string_length))
    text = cut_to(text, *limit);
  return json::string{text};
}

json::value schema_filler::array_for(const json::object& schema, std::string_view topic,
                                     const walk& w) const {
  static const json::object any_item;
  const auto* items = object_in(schema, "items");
  if (!items)
    items = &any_item;
  auto min_count = count_in(schema, "minItems", max_array_items).value_or(0);
  auto max_count = count_in(schema, "maxItems", max_array_items);
  auto few =
      std::max(std::min(max_count.value_or(default_sentences), max_sentences), min_count);
  if (auto options = options_of(*items); !options.empty())
    return choices_for(options, few, min_count, w);
  auto type = type_of(*items);
  if (type == "object")
    return objects_for(*items, topic, max_count.value_or(max_array_items), min_count, w);
  json::array result;
  if (type == "string") {
    auto limit = count_in(*items, "maxLength", max_string_length);
    for (auto& text : sentences(topic_of(topic, *items), few, w))
      result.emplace_back(limit ? cut_to(text, *limit) : std::move(text));
    if (result.size() < min_count)
      result.resize(min_count, json::string{});
    return result;
  }
  while (result.size() < min_count && !w.exhausted())
    result.push_back(value_for(*items, topic, w.deeper()));
  return result;
}

json::array schema_filler::choices_for(const std::vector<option>& options,
                                       std::size_t count, std::size_t min_count,
                                       const walk& w) const {
  auto counts = overlaps(options, w);
  std::vector<std::size_t> order(options.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
  json::array result;
  // The mentioned options, best first; then, when the schema wants more,
  // the others in its order (the stable sort put them there already).
  for (auto i : order)
    if (result.size() < count && (counts[i] > 0 || result.size() < min_count))
      result.push_back(options[i].value);
  return result;
}

json::array schema_filler::objects_for(const json::object& items, std::string_view topic,
                                       std::size_t max_count, std::size_t min_count,
                                       const walk& w) const {
  json::array result;
  for (auto d = w.first_document;
       d < w.end_document && result.size() < max_count && !w.exhausted(); ++d)
    result.push_back(value_for(items, topic, w.within(d)));
  // Fewer documents than the schema wants: the rest from all of them.
  while (result.size() < min_count && !w.exhausted())
    result.push_back(value_for(items, topic, w.deeper()));
  return result;
}

bool schema_filler::boolean_for(std::string_view topic, const walk& w) const {
  return mentioned(topic, w) > 0;
}

std::vector<std::size_t> schema_filler::overlaps(const std::vector<option>& options,
                                                 const walk& w) const {
  std::vector<std::size_t> counts;
  counts.reserve(options.size());
  for (const auto& o : options)
    counts.push_back(mentioned(o.words, w));
  return counts;
}

std::size_t schema_filler::mentioned(std::string_view words, const walk& w) const {
  auto terms = term_extractor::distinct(extractor_.extract(words));
  return static_cast<std::size_t>(
      std::count_if(terms.begin(), terms.end(), [&](const auto& t) {
        for (auto d = w.first_document; d < w.end_document; ++d)
          if (material_.mentions(d, t))
            return true;
        return false;
      }));
}

std::vector<std::string>
schema_filler::sentences(std::string_view topic, std::size_t count, const walk& w) const {
  auto query =
      term_extractor::distinct(extractor_.extract(question_ + ' ' + std::string{topic}));
  auto range = std::make_pair(w.first_document, w.end_document);
  auto found = w.state->ranges.find(range);
  if (found == w.state->ranges.end()) {
    std::vector<sentence_ranker::candidate> candidates;
    std::vector<const std::string*> texts;
    for (const auto& s : material_.sentences()) {
      if (!w.holds(s.document))
        continue;
      candidates.push_back({s.document, term_extractor::index_terms(s.terms), s.words});
      texts.push_back(&s.text);
    }
    fill_state::ranked_range ranked{sentence_ranker{candidates, query}, std::move(texts)};
    found = w.state->ranges.emplace(range, std::move(ranked)).first;
  } else {
    found->second.ranker.rescore(query);
  }
  std::vector<std::string> result;
  for (auto i : found->second.ranker.select(count))
    result.push_back(*found->second.texts[i]);
  return result;
}

} // namespace troupe
