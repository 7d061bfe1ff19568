#include "runtime/model/cache/response_cache.hpp"
#include "support/test_system.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>

using namespace troupe;
using namespace std::chrono_literals;

namespace {

const response_cache::time_point t0 = response_cache::time_point{} + 480000h;

model_request question() {
  model_request request;
  request.run_id = "r1";
  request.agent_id = "summarize";
  request.parent_span = "s1";
  request.route = "default";
  request.operation = "summarize";
  request.messages = {{"system", "Be brief."}, {"user", "What is CAF?"}};
  request.max_tokens = 256;
  request.temperature = 0.2;
  return request;
}

std::string key(const model_request& request, const std::string& model = "gpt-4o-mini") {
  return canonical_request(request, model);
}

cached_answer answer(const std::string& text) {
  return {text, "openai", "gpt-4o-mini-2024-07-18", "stop", 120, 40};
}

cache_spec memory_spec(size_t max_entries = 100) {
  cache_spec spec;
  spec.ttl = 1h;
  spec.max_entries = max_entries;
  return spec;
}

cache_spec disk_spec(const std::string& path) {
  auto spec = memory_spec();
  spec.path = path;
  return spec;
}

} // namespace

TEST_CASE("the canonical request is fixed JSON of what determines the answer",
          "[cache]") {
  auto text = key(question());
  CHECK(text == key(question()));
  auto parsed = boost::json::parse(text).as_object();
  std::vector<std::string> keys;
  for (const auto& member : parsed)
    keys.emplace_back(member.key());
  CHECK(keys == std::vector<std::string>{"model", "messages", "max_tokens", "temperature",
                                         "response_format", "response_schema"});
  CHECK(parsed.at("model") == "gpt-4o-mini");
  CHECK(parsed.at("messages").as_array()[1].as_array()[1] == "What is CAF?");
  CHECK(text.find("r1") == std::string::npos);
}

TEST_CASE("a stored answer is found again, and counted", "[cache]") {
  response_cache cache{memory_spec()};
  CHECK_FALSE(cache.lookup(key(question()), t0));
  cache.store(key(question()), answer("an actor framework"), t0);
  auto hit = cache.lookup(key(question()), t0 + 1s);
  REQUIRE(hit);
  CHECK(hit->text == "an actor framework");
  CHECK(hit->provider == "openai");
  CHECK(hit->input_tokens == 120);
  CHECK(cache.hits() == 1);
  CHECK(cache.misses() == 1);
  CHECK(cache.store_error().empty());
}

TEST_CASE("any change to what determines the answer misses", "[cache]") {
  response_cache cache{memory_spec()};
  cache.store(key(question()), answer("a"), t0);
  std::vector<model_request> changed(7, question());
  changed[0].messages[1].content = "What is CAF? ";
  changed[1].messages[0].role = "user";
  changed[2].messages.push_back({"assistant", "..."});
  changed[3].max_tokens = 257;
  changed[4].temperature = 0.3;
  changed[5].response_format = "json_object";
  changed[6].messages.pop_back();
  for (const auto& request : changed)
    CHECK_FALSE(cache.lookup(key(request), t0));
  CHECK_FALSE(cache.lookup(key(question(), "gpt-4o"), t0));
  CHECK(cache.lookup(key(question()), t0));
}

TEST_CASE("the same content asked by another run or agent hits", "[cache]") {
  response_cache cache{memory_spec()};
  cache.store(key(question()), answer("a"), t0);
  auto other = question();
  other.run_id = "r2";
  other.agent_id = "refine";
  other.parent_span = "s9";
  other.route = "cheap";
  other.operation = "refine";
  other.prompt_version = "3";
  other.prompt_hash = "abcdef";
  other.model = "set by the router";
  CHECK(cache.lookup(key(other), t0));
}

TEST_CASE("answers expire after the TTL", "[cache]") {
  response_cache cache{memory_spec()};
  cache.store(key(question()), answer("a"), t0);
  CHECK(cache.lookup(key(question()), t0 + 1h - 1ms));
  CHECK_FALSE(cache.lookup(key(question()), t0 + 1h));
  // Gone, not only hidden: going back in time does not bring it back.
  CHECK_FALSE(cache.lookup(key(question()), t0));
}

TEST_CASE("the least recently used answer is dropped at max_entries", "[cache]") {
  response_cache cache{memory_spec(2)};
  auto a = question();
  auto b = question();
  auto c = question();
  b.messages[1].content = "b";
  c.messages[1].content = "c";
  cache.store(key(a), answer("a"), t0);
  cache.store(key(b), answer("b"), t0);
  CHECK(cache.lookup(key(a), t0)); // a is now more recent than b
  cache.store(key(c), answer("c"), t0);
  CHECK_FALSE(cache.lookup(key(b), t0));
  CHECK(cache.lookup(key(a), t0)->text == "a");
  CHECK(cache.lookup(key(c), t0)->text == "c");
  cache.store(key(c), answer("c2"), t0); // replacing does not evict
  CHECK(cache.lookup(key(a), t0));
  CHECK(cache.lookup(key(c), t0)->text == "c2");
}

TEST_CASE("the store keeps answers across cache objects", "[cache]") {
  test::temp_dir dir;
  auto path = dir.file("nested/folder/responses.sqlite");
  {
    response_cache first{disk_spec(path)};
    REQUIRE(first.store_error().empty());
    first.store(key(question()), answer("from disk"), t0);
  }
  REQUIRE(std::filesystem::exists(path));
  response_cache second{disk_spec(path)};
  REQUIRE(second.store_error().empty());
  auto hit = second.lookup(key(question()), t0 + 10min);
  REQUIRE(hit);
  CHECK(hit->text == "from disk");
  CHECK(hit->provider == "openai");
  CHECK(hit->response_model == "gpt-4o-mini-2024-07-18");
  CHECK(hit->finish_reason == "stop");
  CHECK(hit->input_tokens == 120);
  CHECK(hit->output_tokens == 40);
  CHECK(second.hits() == 1);
  auto other = question();
  other.temperature = 1.0;
  CHECK_FALSE(second.lookup(key(other), t0));
}

TEST_CASE("two caches share one store file at the same time", "[cache]") {
  test::temp_dir dir;
  auto path = dir.file("responses.sqlite");
  response_cache a{disk_spec(path)};
  response_cache b{disk_spec(path)};
  REQUIRE(a.store_error().empty());
  REQUIRE(b.store_error().empty());
  a.store(key(question()), answer("shared"), t0);
  CHECK(b.lookup(key(question()), t0)->text == "shared");
  b.store(key(question(), "gpt-4o"), answer("other model"), t0);
  CHECK(a.lookup(key(question(), "gpt-4o"), t0)->text == "other model");
}

TEST_CASE("expired answers on disk are not returned and are deleted", "[cache]") {
  test::temp_dir dir;
  auto path = dir.file("responses.sqlite");
  response_cache(disk_spec(path)).store(key(question()), answer("old"), t0);
  CHECK_FALSE(response_cache(disk_spec(path)).lookup(key(question()), t0 + 2h));
  CHECK_FALSE(response_cache(disk_spec(path)).lookup(key(question()), t0));
}

TEST_CASE("a stored answer is only returned for its own canonical text", "[cache]") {
  test::temp_dir dir;
  auto path = dir.file("responses.sqlite");
  response_cache(disk_spec(path)).store(key(question()), answer("a"), t0);
  // Stand in for a hash collision: the row keeps its key, the text differs.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE responses SET canonical = 'another request'", nullptr,
                     nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  CHECK_FALSE(response_cache(disk_spec(path)).lookup(key(question()), t0));
}

TEST_CASE("a store that cannot be used leaves the cache in memory", "[cache]") {
  test::temp_dir dir;
  std::string path;
  SECTION("a file that is not a database") {
    path = dir.file("responses.sqlite");
    std::ofstream{path} << "this is not an SQLite database, but it is long enough to "
                           "have a header where SQLite looks for its magic string.";
  }
  SECTION("a folder that cannot be made") {
    std::ofstream{dir.file("plain-file")} << "x";
    path = dir.file("plain-file/responses.sqlite");
  }
  SECTION("a path that is a folder") {
    path = dir.str();
  }
  response_cache cache{disk_spec(path)};
  INFO(cache.store_error());
  CHECK(cache.store_error().find("response cache store '" + path + "'") == 0);
  CHECK(cache.store_error().find("memory only") != std::string::npos);
  cache.store(key(question()), answer("kept in memory"), t0);
  CHECK(cache.lookup(key(question()), t0)->text == "kept in memory");
}

TEST_CASE("a disabled cache never answers and stores nothing", "[cache]") {
  test::temp_dir dir;
  auto spec = disk_spec(dir.file("responses.sqlite"));
  spec.enabled = false;
  response_cache cache{spec};
  cache.store(key(question()), answer("a"), t0);
  CHECK_FALSE(cache.lookup(key(question()), t0));
  CHECK(cache.hits() == 0);
  CHECK(cache.misses() == 0);
  CHECK(cache.store_error().empty());
  CHECK_FALSE(std::filesystem::exists(dir.file("responses.sqlite")));
}
