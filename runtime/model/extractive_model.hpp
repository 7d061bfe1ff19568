#pragma once

#include "runtime/messages/model_request.hpp"

#include <string>

namespace troupe {

/// The offline `local` model: deterministic and extractive. It never writes
/// new prose; it ranks and selects sentences and terms of the material in
/// the prompt. It reads these blocks from the concatenated user messages:
///   <question>...</question>
///   <document id="ID" title="TITLE">...</document>   (any number)
///   <claim>...</claim>                               (any number)
/// and answers by `request.operation`:
///   summarize -> {"findings": [sentence, ...]}
///   analyze   -> {"trends": [{"term": T, "sources": [ID...]}],
///                 "key_points": [{"text": S, "source": ID}], "gaps": [T...]}
///   refine    -> {"summary": S, "claims": [{"text": C, "supported": bool,
///                 "sources": [ID...]}], "gaps": [T...], "followup_query": Q}
///   verify    -> {"claims": [{"text": C, "supported": bool, "sources": [ID...],
///                 "evidence": S or ""}]}, whatever the response_format
///                 (claim_checker decides, as for refine)
///   other     -> with response_format "json_schema": the schema in
///                `response_schema` filled from the material (schema_filler);
///                a schema that is no JSON object gets the plain answer;
///                otherwise plain text: the top-ranked sentences of the material.
/// JSON answers carry "generated_by": "local extractive model (offline)", a
/// filled schema only when it allows additional properties.
class extractive_model {
public:
  struct answer {
    std::string text;
    int64_t input_tokens = 0;
    int64_t output_tokens = 0;
  };

  /// Token counts are estimated as ceil(bytes / 4), the usual rule of thumb
  /// for English text with BPE tokenizers.
  static int64_t estimate_tokens(const std::string& text);

  answer complete(const model_request& request) const;
};

} // namespace troupe
