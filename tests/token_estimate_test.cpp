#include "runtime/model/budget/token_estimate.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

namespace {

model_request request_of(std::vector<chat_message> messages) {
  model_request request;
  request.messages = std::move(messages);
  return request;
}

int64_t bytes_of(const model_request& request) {
  int64_t bytes = 0;
  for (const auto& m : request.messages)
    bytes += static_cast<int64_t>(m.content.size());
  return bytes;
}

} // namespace

TEST_CASE("an empty request still has the prompt's overhead", "[budget]") {
  model_request empty;
  CHECK(max_input_tokens(empty) == 16);
  CHECK(estimated_input_tokens(empty) == 0);
}

TEST_CASE("the bound counts every byte and role, plus overheads", "[budget]") {
  auto request = request_of({{"system", "Be brief."}, {"user", "What is CAF?"}});
  // 9 + 6 + 8 for the system turn, 12 + 4 + 8 for the user turn, 16 for the prompt.
  CHECK(max_input_tokens(request) == 63);
  // (21 + 3) / 4 + 2 * 4
  CHECK(estimated_input_tokens(request) == 14);
}

TEST_CASE("the bound is above the bytes and the estimate near a quarter of them",
          "[budget]") {
  std::string prose;
  while (prose.size() < 4000)
    prose += "Battery storage costs fell sharply in 2024. ";
  for (const auto& text : {prose, std::string(4000, 'x'),
                           std::string{"Zürich, 東京, Ελλάδα — naïve café. "}}) {
    auto request = request_of({{"system", "You summarize."}, {"user", text}});
    auto bytes = bytes_of(request);
    INFO(text.substr(0, 40));
    CHECK(max_input_tokens(request) >= bytes);
    CHECK(max_input_tokens(request) >= estimated_input_tokens(request));
    CHECK(estimated_input_tokens(request) >= bytes / 4);
    CHECK(estimated_input_tokens(request) <= bytes / 4 + 1 + 2 * 4);
  }
}
