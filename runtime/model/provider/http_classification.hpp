#pragma once

// The decoding every provider codec shares: transport failures, HTTP
// statuses, Retry-After, context-length errors and malformed bodies become
// an attempt_result. A codec supplies only how to read its success body and
// its error envelope.
//
// Hostile answers end here too. Invalid UTF-8 is let through the parser and
// replaced by U+FFFD in every string of the result, so one bad byte (a
// server cutting a character at max_tokens) does not cost the answer, and
// nothing invalid reaches agents, traces or result.json. A 2xx body that
// does not parse is `malformed` (cut off: try again) when it claims to be
// JSON or says nothing, and `wrong_endpoint` (a page, not the API: next
// target) when its Content-Type names something else. So is a body or
// header section over the transport's cap.

#include "runtime/messages/attempt_result.hpp"
#include "runtime/messages/http_response.hpp"

#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <string>
#include <string_view>

namespace troupe {

class http_classification {
public:
  /// What a provider's error envelope says, as its codec reads it. Either
  /// may be empty when the body does not say.
  struct error_body {
    std::string code; // the provider's error code, or its error type
    std::string message;
  };

  /// Reads a 2xx JSON body into text, usage, finish_reason and model. When
  /// the body has the wrong shape, the result is `malformed` and its error
  /// says what is missing; the classification adds provider, status and the
  /// start of the body.
  using success_reader = attempt_result (*)(const boost::json::value& body);

  /// Reads the error envelope of a non-2xx JSON body.
  using error_reader = error_body (*)(const boost::json::value& body);

  /// `provider_type` starts every error ("openai 429 ..."); `api_key_env`
  /// names the key's variable in auth errors, empty when unknown.
  http_classification(std::string provider_type, std::string api_key_env,
                      success_reader read_success, error_reader read_error);

  /// The attempt_result for `response`, with http_status and latency set.
  /// `now` reads Retry-After dates.
  attempt_result classify(const http_response& response,
                          std::chrono::system_clock::time_point now) const;

  /// What a success_reader returns for a body of the wrong shape.
  static attempt_result wrong_shape(std::string what);

  /// Reads the counts at `input_key` and `output_key` of a `usage` object
  /// into `result`'s input_tokens and output_tokens. A missing or null count
  /// stays 0: some compatible servers send no usage. Returns what is wrong
  /// with a count that cannot be one (negative, fractional, not a number,
  /// more than any model uses in a call), empty when both are usable.
  static std::string read_usage(const boost::json::value& usage,
                                std::string_view input_key, std::string_view output_key,
                                attempt_result& result);

  /// Why an answer holds no text, from its finish reason in OpenAI's words,
  /// to end a wrong_shape message: "; the model stopped at max_tokens...". Empty
  /// when there is no finish reason.
  static std::string finish_hint(const std::string& finish_reason);

  /// Whether an error's code or message says the prompt did not fit the
  /// model's context window, in any provider's wording.
  static bool is_context_length_error(std::string_view code, std::string_view message);

private:
  attempt_result classify_answer(const http_response& response,
                                 std::chrono::system_clock::time_point now) const;
  attempt_result transport_failure(const http_response& response) const;
  attempt_result success(const http_response& response,
                         const boost::json::value& body) const;
  attempt_result unreadable(const http_response& response,
                            const boost::system::error_code& ec) const;
  attempt_result malformed(const http_response& response, const std::string& what) const;
  attempt_result not_an_answer(const http_response& response,
                               const std::string& what) const;
  attempt_result error_status(const http_response& response, const error_body& error,
                              std::chrono::system_clock::time_point now) const;
  std::string heading(const http_response& response, const std::string& code) const;
  std::string describe(const http_response& response, const error_body& error) const;
  std::string auth_refused(const http_response& response, const error_body& error) const;

  std::string provider_type_;
  std::string api_key_env_;
  success_reader read_success_;
  error_reader read_error_;
};

} // namespace troupe
