#include "runtime/model/extractive_model.hpp"

#include "runtime/model/text/claim_checker.hpp"
#include "runtime/model/text/prompt_blocks.hpp"
#include "runtime/model/text/schema_filler.hpp"
#include "runtime/model/text/sentence_ranker.hpp"
#include "runtime/model/text/sentence_splitter.hpp"
#include "runtime/model/text/source_material.hpp"
#include "runtime/model/text/term_extractor.hpp"
#include "runtime/model/text/trend_finder.hpp"
#include "runtime/text/utf8.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

namespace troupe {

namespace {

namespace json = boost::json;

constexpr std::string_view generated_by = "local extractive model (offline)";

constexpr std::size_t trend_count = 6;
constexpr std::size_t key_point_count = 5;
constexpr std::size_t plain_sentence_count = 3;

/// Sentence counts for a summary of one source and for the refined answer:
/// at least two so a summary is more than a headline, at most five (three)
/// so that a report over many sources stays readable.
constexpr std::size_t min_findings = 2;
constexpr std::size_t max_findings = 5;
constexpr std::size_t max_summary_sentences = 3;

/// Roughly one quoted sentence per 40 tokens of budget, clamped to `low`
/// and `high` sentences.
std::size_t sentences_for(int32_t max_tokens, std::size_t low, std::size_t high) {
  auto budget = static_cast<std::size_t>(std::max<int32_t>(max_tokens, 0)) / 40;
  return std::clamp(budget, low, high);
}

/// Parsed prompt and everything derived from it that several operations use.
struct material_view {
  prompt_blocks blocks;
  source_material material;
  std::vector<term_extractor::term> question; // distinct by stem, question order
};

std::string user_text(const model_request& request) {
  std::string text;
  for (const auto& message : request.messages) {
    if (message.role != "user")
      continue;
    if (!text.empty())
      text += "\n\n";
    text += message.content;
  }
  return utf8_sanitize(text);
}

material_view read_material(const model_request& request) {
  auto blocks = prompt_blocks::parse(user_text(request));
  term_extractor extractor;
  source_material material{blocks, sentence_splitter{}, extractor};
  auto question = term_extractor::distinct(extractor.extract(blocks.question));
  return {std::move(blocks), std::move(material), std::move(question)};
}

sentence_ranker rank(const material_view& view) {
  std::vector<sentence_ranker::candidate> candidates;
  for (const auto& s : view.material.sentences())
    candidates.push_back({s.document, term_extractor::index_terms(s.terms), s.words});
  return sentence_ranker{candidates, view.question};
}

/// Spreads picks over the documents: with many sources each contributes
/// about its share, so one long source cannot fill the whole answer.
std::size_t share_per_document(const material_view& view, std::size_t k) {
  auto documents = std::max<std::size_t>(view.material.documents().size(), 1);
  return (k + documents - 1) / documents;
}

std::vector<std::size_t> in_document_order(std::vector<std::size_t> picked) {
  std::sort(picked.begin(), picked.end());
  return picked;
}

/// Question terms (as the question writes them) that no document mentions.
json::array gaps(const material_view& view) {
  json::array result;
  for (const auto& t : view.question)
    if (!view.material.mentioned_anywhere(t))
      result.emplace_back(t.surface);
  return result;
}

json::value summarize(const material_view& view, int32_t max_tokens) {
  auto picked = rank(view).select(sentences_for(max_tokens, min_findings, max_findings));
  json::array findings;
  // Document order keeps the source's line of argument readable.
  for (auto i : in_document_order(std::move(picked)))
    findings.emplace_back(view.material.sentences()[i].text);
  return json::object{{"findings", std::move(findings)}, {"generated_by", generated_by}};
}

json::array trends(const material_view& view) {
  json::array result;
  std::set<std::string> known;
  for (const auto& t : view.question)
    known.insert(t.stem);
  for (auto& t : trend_finder::find(view.material, trend_count, known)) {
    json::array sources(t.sources.begin(), t.sources.end());
    result.push_back(json::object{{"term", t.term}, {"sources", std::move(sources)}});
  }
  return result;
}

json::array key_points(const material_view& view) {
  auto picked =
      rank(view).select(key_point_count, share_per_document(view, key_point_count));
  json::array result;
  // Best first: the reader sees the strongest points before the rest.
  for (auto i : picked) {
    const auto& s = view.material.sentences()[i];
    result.push_back(json::object{{"text", s.text},
                                  {"source", view.material.documents()[s.document].id}});
  }
  return result;
}

json::value analyze(const material_view& view) {
  return json::object{{"trends", trends(view)},
                      {"key_points", key_points(view)},
                      {"gaps", gaps(view)},
                      {"generated_by", generated_by}};
}

/// Each claim with whether the documents support it, and which do; with
/// `with_evidence`, also the sentence that supports it best.
json::array claims(const material_view& view, bool with_evidence) {
  claim_checker checker{view.material};
  json::array result;
  for (const auto& claim : view.blocks.claims) {
    auto verdict = checker.check(claim);
    json::object entry{
        {"text", claim},
        {"supported", verdict.supported},
        {"sources", json::array(verdict.sources.begin(), verdict.sources.end())}};
    if (with_evidence)
      entry["evidence"] = verdict.evidence;
    result.push_back(std::move(entry));
  }
  return result;
}

std::string joined_sentences(const material_view& view,
                             const std::vector<std::size_t>& picked) {
  std::string text;
  for (auto i : picked) {
    if (!text.empty())
      text += ' ';
    text += view.material.sentences()[i].text;
  }
  return text;
}

json::value refine(const material_view& view, int32_t max_tokens) {
  // No per-document share here: the summary answers the question with the
  // best sentences wherever they are.
  auto k = sentences_for(max_tokens, min_findings, max_summary_sentences);
  auto summary = joined_sentences(view, rank(view).select(k));
  auto missing = gaps(view);
  std::string followup;
  for (const auto& gap : missing) {
    if (!followup.empty())
      followup += ' ';
    followup += gap.as_string();
  }
  return json::object{{"summary", summary},
                      {"claims", claims(view, false)},
                      {"gaps", std::move(missing)},
                      {"followup_query", followup},
                      {"generated_by", generated_by}};
}

json::value verify(const material_view& view) {
  return json::object{{"claims", claims(view, true)}, {"generated_by", generated_by}};
}

/// The schema filled from the material, or nothing when `schema_text` is no
/// JSON object: then the request gets the plain answer, as a model that
/// cannot read the schema would give.
std::optional<std::string> schema_answer(const material_view& view,
                                         const std::string& schema_text) {
  json::error_code ec;
  auto schema = json::parse(schema_text, ec);
  if (ec || !schema.is_object())
    return std::nullopt;
  auto value =
      schema_filler{view.material, view.blocks.question}.fill(schema.as_object());
  // Only where the schema admits it: a strict schema must get no extra key.
  if (value.is_object() &&
      schema_filler::allows_additional_properties(schema.as_object()))
    value.as_object().emplace("generated_by", generated_by);
  return json::serialize(value);
}

std::string plain_text(const material_view& view) {
  return joined_sentences(view,
                          in_document_order(rank(view).select(plain_sentence_count)));
}

std::string answer_text(const model_request& request) {
  auto view = read_material(request);
  if (request.operation == "summarize")
    return json::serialize(summarize(view, request.max_tokens));
  if (request.operation == "analyze")
    return json::serialize(analyze(view));
  if (request.operation == "refine")
    return json::serialize(refine(view, request.max_tokens));
  if (request.operation == "verify")
    return json::serialize(verify(view));
  if (request.response_format == "json_schema")
    if (auto answer = schema_answer(view, request.response_schema))
      return *answer;
  return plain_text(view);
}

} // namespace

int64_t extractive_model::estimate_tokens(const std::string& text) {
  return static_cast<int64_t>((text.size() + 3) / 4);
}

extractive_model::answer extractive_model::complete(const model_request& request) const {
  answer result;
  result.text = answer_text(request);
  for (const auto& message : request.messages)
    result.input_tokens += estimate_tokens(message.content);
  result.output_tokens = estimate_tokens(result.text);
  return result;
}

} // namespace troupe
