#include "runtime/http/http_transport.hpp"
#include "runtime/messages/type_ids.hpp"
#include "support/fake_http_server.hpp"
#include "support/provider_bodies.hpp"
#include "support/test_system.hpp"

#include <arpa/inet.h>
#include <boost/json.hpp>
#include <caf/scoped_actor.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <optional>
#include <set>
#include <sys/socket.h>
#include <unistd.h>

using namespace troupe;
using namespace std::chrono_literals;
using test::fake_http_server;
using test::fake_reply;

namespace {

using steady = std::chrono::steady_clock;

http_request post(const fake_http_server& server, const std::string& path,
                  std::string body = "{}") {
  http_request request;
  request.url = server.base_url() + path;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = std::move(body);
  request.timeout = 5s;
  return request;
}

caf::strong_actor_ptr address_of(caf::scoped_actor& self) {
  return caf::actor_cast<caf::strong_actor_ptr>(self);
}

// The next http_response in the mailbox, or nothing after `within`.
std::optional<http_response> next_reply(caf::scoped_actor& self,
                                        std::chrono::milliseconds within = 10s) {
  std::optional<http_response> reply;
  self->receive([&](http_response& response) { reply = std::move(response); },
                caf::after(within) >> [] {});
  return reply;
}

// A port on 127.0.0.1 that nothing listens on: bound once, then released.
uint16_t unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

// Connects to `port`, sends `bytes` and hangs up.
void send_and_hang_up(uint16_t port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0)
    ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  ::close(fd);
}

// Submits one request, waits for its answer and checks it is the one asked.
http_response round_trip(http_transport& transport, caf::scoped_actor& self,
                         http_request request) {
  auto id = transport.submit(std::move(request), address_of(self));
  auto reply = next_reply(self);
  REQUIRE(reply);
  CHECK(reply->request_id == id);
  return std::move(*reply);
}

http_response reply_to_fault(enum fake_reply::fault fault) {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  auto reply = fake_reply::json(std::string(1000, 'x'));
  reply.fault = fault;
  server.push(reply);
  return round_trip(transport, self, post(server, "/fault"));
}

} // namespace

TEST_CASE("a 200 reply arrives with status, headers and body", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  auto scripted = fake_reply::json(R"({"ok":true})");
  scripted.headers = {{"X-Request-Id", "req-42"}, {"Retry-After", "1"}};
  server.push(scripted);
  auto request = post(server, "/v1/chat/completions?mode=fast", R"({"q":"hi"})");
  request.headers.emplace_back("Authorization", "Bearer secret");
  auto reply = round_trip(transport, self, request);
  CHECK(reply.failure == http_failure::none);
  CHECK(reply.status == 200);
  CHECK(reply.body == R"({"ok":true})");
  CHECK(reply.headers["x-request-id"] == "req-42");
  CHECK(reply.headers["retry-after"] == "1");
  CHECK(reply.headers["content-type"] == "application/json");
  CHECK(reply.error.empty());
  CHECK(reply.elapsed_us > 0);
  auto seen = server.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].method == "POST");
  CHECK(seen[0].path == "/v1/chat/completions?mode=fast");
  CHECK(seen[0].header("Authorization") == "Bearer secret");
  CHECK(seen[0].headers["content-type"] == "application/json");
  CHECK(seen[0].body == R"({"q":"hi"})");
  CHECK(transport.in_flight() == 0);
}

TEST_CASE("error statuses and other methods pass through unchanged", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  auto limited = fake_reply::json(R"({"error":"slow down"})", 429);
  limited.headers = {{"Retry-After", "7"}};
  server.push(limited);
  auto reply = round_trip(transport, self, post(server, "/limited"));
  CHECK(reply.failure == http_failure::none);
  CHECK(reply.status == 429);
  CHECK(reply.headers["retry-after"] == "7");
  CHECK(reply.body == R"({"error":"slow down"})");
  auto get = post(server, "/v1/models", "");
  get.method = "GET";
  CHECK(round_trip(transport, self, get).body == "{}");
  auto seen = server.requests();
  REQUIRE(seen.size() == 2);
  CHECK(seen[1].method == "GET");
  CHECK(seen[1].body.empty());
}

TEST_CASE("300 overlapping requests are each answered once", "[http]") {
  test::test_system ts;
  fake_http_server server;
  server.set_default([](const test::recorded_request& request) {
    auto reply = fake_reply::json(request.body);
    reply.delay = 50ms;
    return reply;
  });
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  constexpr int total = 300;
  auto started = steady::now();
  std::map<uint64_t, std::string> bodies;
  for (int i = 0; i < total; ++i) {
    auto body = "{\"n\":" + std::to_string(i) + "}";
    bodies[transport.submit(post(server, "/many", body), address_of(self))] = body;
  }
  CHECK(transport.in_flight() == total);
  std::map<uint64_t, int> answers;
  for (int i = 0; i < total; ++i) {
    auto reply = next_reply(self);
    REQUIRE(reply);
    CHECK(reply->status == 200);
    CHECK(reply->body == bodies[reply->request_id]);
    ++answers[reply->request_id];
  }
  auto elapsed = steady::now() - started;
  CHECK(answers.size() == total);
  CHECK(std::all_of(answers.begin(), answers.end(),
                    [&](const auto& answer) { return answer.second == 1; }));
  CHECK(elapsed < 5s);
  CHECK(server.request_count() == total);
  CHECK(transport.in_flight() == 0);
}

TEST_CASE("sequential requests reuse their connection", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  for (int i = 0; i < 20; ++i)
    REQUIRE(round_trip(transport, self, post(server, "/again")).status == 200);
  CHECK(server.request_count() == 20);
  CHECK(server.connections_accepted() <= 2);
}

TEST_CASE("a server that never answers times out", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  server.push(fake_reply::failing(fake_reply::fault::hang));
  auto request = post(server, "/hang");
  request.timeout = 200ms;
  auto started = steady::now();
  auto reply = round_trip(transport, self, request);
  CHECK(reply.failure == http_failure::timeout);
  CHECK(reply.status == 0);
  CHECK_FALSE(reply.error.empty());
  CHECK(steady::now() - started >= 200ms);
  CHECK(steady::now() - started < 1500ms);
}

TEST_CASE("a refused connection is connect_failed", "[http]") {
  test::test_system ts;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  http_request request;
  request.url = "http://127.0.0.1:" + std::to_string(unused_port()) + "/";
  request.timeout = 5s;
  auto reply = round_trip(transport, self, request);
  CHECK(reply.failure == http_failure::connect_failed);
  CHECK(reply.status == 0);
  CHECK_FALSE(reply.error.empty());
}

TEST_CASE("a reset connection is connection_lost", "[http]") {
  auto reply = reply_to_fault(fake_reply::fault::reset);
  CHECK(reply.failure == http_failure::connection_lost);
  CHECK(reply.status == 0);
}

TEST_CASE("a reset on a reused connection is connection_lost too", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  REQUIRE(round_trip(transport, self, post(server, "/first")).status == 200);
  server.push(fake_reply::failing(fake_reply::fault::reset));
  auto reply = round_trip(transport, self, post(server, "/second"));
  CHECK(reply.failure == http_failure::connection_lost);
  CHECK_THAT(reply.error, Catch::Contains("reset"));
  // No silent retry on a fresh connection: the reset is what the caller sees.
  CHECK(server.request_count() == 2);
  CHECK(server.connections_accepted() == 1);
}

TEST_CASE("a truncated body is connection_lost", "[http]") {
  auto reply = reply_to_fault(fake_reply::fault::truncated);
  CHECK(reply.failure == http_failure::connection_lost);
  CHECK(reply.body.empty());
}

TEST_CASE("a reply that is not HTTP is a failure of its own", "[http]") {
  auto reply = reply_to_fault(fake_reply::fault::garbage);
  CHECK(reply.failure == http_failure::other);
  CHECK_FALSE(reply.error.empty());
}

TEST_CASE("a trickled body arrives whole", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  auto slow = fake_reply::json(R"({"a":1})");
  slow.fault = fake_reply::fault::trickle;
  slow.trickle_gap = 5ms;
  server.push(slow);
  auto reply = round_trip(transport, self, post(server, "/slow"));
  CHECK(reply.failure == http_failure::none);
  CHECK(reply.body == R"({"a":1})");
}

TEST_CASE("a body over max_response_bytes is too_large", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  server.push(fake_reply::json(std::string(2 * 1024 * 1024, 'x')));
  auto request = post(server, "/big");
  request.max_response_bytes = 1024 * 1024;
  auto reply = round_trip(transport, self, request);
  CHECK(reply.failure == http_failure::too_large);
  CHECK(reply.status == 0);
  CHECK(reply.body.empty());
}

TEST_CASE("a cancelled request gets no reply", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  server.push(fake_reply::failing(fake_reply::fault::hang));
  auto id = transport.submit(post(server, "/hang"), address_of(self));
  REQUIRE(server.wait_for_requests(1, 5s));
  CHECK(transport.in_flight() == 1);
  transport.cancel(id);
  CHECK(transport.in_flight() == 0);
  CHECK_FALSE(next_reply(self, 500ms));
  transport.cancel(id); // a second cancel, like an unknown id, is ignored
  CHECK(round_trip(transport, self, post(server, "/after")).status == 200);
}

TEST_CASE("stopping the transport answers what is in flight", "[http]") {
  test::test_system ts;
  fake_http_server server;
  auto transport = std::make_unique<http_transport>();
  caf::scoped_actor self{ts.sys};
  server.push(fake_reply::failing(fake_reply::fault::hang));
  server.push(fake_reply::failing(fake_reply::fault::hang));
  std::set<uint64_t> ids{transport->submit(post(server, "/a"), address_of(self)),
                         transport->submit(post(server, "/b"), address_of(self))};
  REQUIRE(server.wait_for_requests(2, 5s));
  transport.reset();
  std::set<uint64_t> answered;
  for (int i = 0; i < 2; ++i) {
    auto reply = next_reply(self, 5s);
    REQUIRE(reply);
    CHECK(reply->failure == http_failure::other);
    CHECK(reply->error == "transport stopped");
    answered.insert(reply->request_id);
  }
  CHECK(answered == ids);
}

TEST_CASE("the fake server survives a client that hangs up mid-request", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  send_and_hang_up(server.port(), "POST /cut HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc");
  send_and_hang_up(server.port(), "POST /cut HTTP/1.1\r\nHost: x");
  CHECK(round_trip(transport, self, post(server, "/whole")).status == 200);
  auto seen = server.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].path == "/whole");
}

TEST_CASE("the fake server answers Expect: 100-continue", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  auto request = post(server, "/expect", std::string(4096, 'b'));
  request.headers.emplace_back("Expect", "100-continue");
  auto started = steady::now();
  CHECK(round_trip(transport, self, request).status == 200);
  // curl gives up waiting for "100 Continue" after a second and sends anyway.
  CHECK(steady::now() - started < 900ms);
  REQUIRE(server.request_count() == 1);
  CHECK(server.requests()[0].body.size() == 4096);
}

TEST_CASE("provider bodies have the providers' shape", "[http]") {
  auto openai = boost::json::parse(test::openai_chat_body("hello", 12, 3, "length"));
  CHECK(openai.at("object") == "chat.completion");
  CHECK(openai.at("choices").at(0).at("message").at("content") == "hello");
  CHECK(openai.at("choices").at(0).at("finish_reason") == "length");
  CHECK(openai.at("usage").at("total_tokens") == 15);
  auto anthropic = boost::json::parse(test::anthropic_message_body("hi", 7, 2));
  CHECK(anthropic.at("type") == "message");
  CHECK(anthropic.at("content").at(0).at("text") == "hi");
  CHECK(anthropic.at("stop_reason") == "end_turn");
  CHECK(anthropic.at("usage").at("output_tokens") == 2);
  auto openai_error = boost::json::parse(
      test::openai_error_body("insufficient_quota", "insufficient_quota", "no money"));
  CHECK(openai_error.at("error").at("code") == "insufficient_quota");
  CHECK(openai_error.at("error").at("message") == "no money");
  auto anthropic_error =
      boost::json::parse(test::anthropic_error_body("overloaded_error", "busy"));
  CHECK(anthropic_error.at("type") == "error");
  CHECK(anthropic_error.at("error").at("type") == "overloaded_error");
}

TEST_CASE("an endless body is cut off at max_response_bytes", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  for (auto fault : {fake_reply::fault::endless, fake_reply::fault::endless_chunked}) {
    // 16 KiB every 16 ms: about 1 MB/s, for ever.
    auto endless = fake_reply::json(std::string(16 * 1024, 'x'));
    endless.fault = fault;
    endless.trickle_gap = 16ms;
    server.push(endless);
    auto request = post(server, "/endless");
    request.max_response_bytes = 256 * 1024;
    auto started = steady::now();
    auto reply = round_trip(transport, self, request);
    CHECK(reply.failure == http_failure::too_large);
    CHECK(reply.error == "response body larger than 262144 bytes");
    CHECK(reply.body.empty());
    CHECK(steady::now() - started < 3s); // the cap, not the 5 s timeout
  }
  CHECK(round_trip(transport, self, post(server, "/after")).status == 200);
}

TEST_CASE("a header section over max_header_bytes is too_large", "[http]") {
  test::test_system ts;
  fake_http_server server;
  http_transport transport;
  caf::scoped_actor self{ts.sys};
  // 1 MB of headers in 1000 lines, then one line of 1 MB, which curl
  // refuses before the transport sees it.
  auto many = fake_reply::json("{}");
  for (int i = 0; i < 1000; ++i)
    many.headers.emplace_back("X-Filler-" + std::to_string(i), std::string(1000, 'h'));
  server.push(many);
  auto too_many = round_trip(transport, self, post(server, "/many-headers"));
  CHECK(too_many.failure == http_failure::too_large);
  CHECK(too_many.error == "response headers larger than 262144 bytes");
  auto long_line = fake_reply::json("{}");
  long_line.headers = {{"X-Huge", std::string(1024 * 1024, 'h')}};
  server.push(long_line);
  auto too_long = round_trip(transport, self, post(server, "/long-header"));
  CHECK(too_long.failure == http_failure::too_large);
  CHECK(too_long.error == "a response header line longer than curl accepts (100 KiB)");
  CHECK(round_trip(transport, self, post(server, "/after")).status == 200);
}
