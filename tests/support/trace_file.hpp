#pragma once

// Reads a trace.jsonl for assertions: every line must parse on its own.

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

namespace troupe::test {

inline std::vector<boost::json::object> read_trace(const std::string& path) {
  std::ifstream in{path};
  REQUIRE(in.good());
  std::vector<boost::json::object> events;
  std::string line;
  while (std::getline(in, line)) {
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    INFO("trace line " << events.size() + 1 << ": " << line);
    REQUIRE(!ec);
    REQUIRE(v.is_object());
    events.push_back(std::move(v.as_object()));
  }
  return events;
}

inline size_t count_kind(const std::vector<boost::json::object>& events,
                         const std::string& kind, const std::string& who = "") {
  size_t n = 0;
  for (const auto& e : events) {
    if (e.at("kind").as_string() != kind.c_str())
      continue;
    if (who.empty() || (e.contains("to") && e.at("to").as_string() == who.c_str()) ||
        (e.contains("from") && e.at("from").as_string() == who.c_str()))
      ++n;
  }
  return n;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in{path};
  return std::string{std::istreambuf_iterator<char>{in},
                     std::istreambuf_iterator<char>{}};
}

} // namespace troupe::test
