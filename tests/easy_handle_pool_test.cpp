#include "runtime/http/easy_handle_pool.hpp"

#include <catch2/catch.hpp>

using namespace troupe;

TEST_CASE("a handle given back is the next one taken, reset", "[http][pool]") {
  easy_handle_pool pool{2};
  auto* easy = pool.take();
  REQUIRE(easy != nullptr);
  curl_easy_setopt(easy, CURLOPT_URL, "http://127.0.0.1:1/");
  pool.give(easy);
  CHECK(pool.spare() == 1);
  auto* again = pool.take();
  CHECK(again == easy);
  CHECK(pool.spare() == 0);
  // Reset: no URL is left from the last request.
  char* url = nullptr;
  curl_easy_getinfo(again, CURLINFO_EFFECTIVE_URL, &url);
  CHECK((url == nullptr || std::string{url}.empty()));
  pool.give(again);
}

TEST_CASE("the pool keeps at most its number of spare handles", "[http][pool]") {
  easy_handle_pool pool{2};
  CURL* taken[3] = {pool.take(), pool.take(), pool.take()};
  for (auto* easy : taken)
    pool.give(easy);
  CHECK(pool.spare() == 2);
  pool.give(nullptr);
  CHECK(pool.spare() == 2);
}
