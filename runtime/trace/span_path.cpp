#include "runtime/trace/span_path.hpp"

namespace troupe {

std::string step_of_span(std::string_view span) {
  auto first = span.find('/');
  if (first == std::string_view::npos)
    return {};
  auto step = span.substr(first + 1);
  return std::string{step.substr(0, step.find_first_of("#/"))};
}

std::string_view task_span_of(std::string_view span) {
  auto step = span.find('/');
  auto task = step == std::string_view::npos ? step : span.find('/', step + 1);
  if (task == std::string_view::npos)
    return {};
  return span.substr(0, span.find('/', task + 1));
}

std::string_view span_leaf(std::string_view span) {
  auto last = span.rfind('/');
  return last == std::string_view::npos ? span : span.substr(last + 1);
}

} // namespace troupe
