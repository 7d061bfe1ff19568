#pragma once

// A fake provider endpoint, the real transport and the http providers a test
// spawns against it, for the tests that drive providers over HTTP.

#include "runtime/model/provider/http_provider.hpp"
#include "tests/support/fake_http_server.hpp"
#include "tests/support/test_system.hpp"

#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace troupe::test {

/// Providers are stopped before the transport is released: one that held
/// the last reference would otherwise destroy the transport on its own
/// thread when the transport dropped the last reference to it.
struct provider_fixture {
  test_system ts;
  fake_http_server server;
  std::shared_ptr<http_transport> transport = std::make_shared<http_transport>();
  caf::scoped_actor self{ts.sys};
  std::vector<http_provider_actor> providers;

  ~provider_fixture() {
    for (const auto& provider : providers)
      self->send_exit(provider, caf::exit_reason::user_shutdown);
    self->wait_for(providers);
  }

  http_provider_actor spawn(provider_spec spec) {
    providers.push_back(ts.sys.spawn(http_provider, std::move(spec), transport));
    return providers.back();
  }

  attempt_result ask(const http_provider_actor& provider, model_request request) {
    attempt_result result;
    self->request(provider, std::chrono::seconds{10}, std::move(request))
        .receive(
            [&](attempt_result& answer) { result = std::move(answer); },
            [&](caf::error& err) { FAIL("no attempt_result: " << ts.sys.render(err)); });
    return result;
  }
};

/// An openai provider at `server` reading its key from `key_env` (none when
/// empty).
inline provider_spec openai_spec(const fake_http_server& server, std::string key_env) {
  provider_spec spec;
  spec.name = "openai";
  spec.type = "openai";
  spec.base_url = server.base_url() + "/v1";
  spec.api_key_env = std::move(key_env);
  spec.timeout = std::chrono::seconds{5};
  return spec;
}

/// The same, speaking Anthropic's API.
inline provider_spec anthropic_spec(const fake_http_server& server, std::string key_env) {
  auto spec = openai_spec(server, std::move(key_env));
  spec.name = "claude";
  spec.type = "anthropic";
  return spec;
}

inline model_request chat_request(std::string question = "Summarize this.") {
  model_request request;
  request.model = "gpt-4o-mini";
  request.messages = {{"system", "You summarize."}, {"user", std::move(question)}};
  request.max_tokens = 200;
  return request;
}

} // namespace troupe::test
