#include "cli/trace_arguments.hpp"

#include "runtime/errors.hpp"

#include <cstdlib>
#include <functional>
#include <map>
#include <sstream>
#include <utility>

namespace troupe {

namespace {

caf::error usage_error(const std::string& what) {
  return make_error(errc::invalid_input, what + " (see 'troupe help')");
}

/// Appends each comma-separated part of `value` to `out`.
caf::error add_list(std::vector<std::string>& out, const std::string& value) {
  std::istringstream parts{value};
  for (std::string part; std::getline(parts, part, ',');)
    if (!part.empty())
      out.push_back(part);
  return caf::none;
}

caf::error set_since(trace_arguments& ta, const std::string& v) {
  char* end = nullptr;
  auto seconds = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !(seconds >= 0) || seconds > 1e9)
    return usage_error("--since takes seconds from the run's start such as 1.5, got '" +
                       v + "'");
  ta.filter.since_us = static_cast<int64_t>(seconds * 1e6);
  return caf::none;
}

caf::error set_color(trace_arguments& ta, const std::string& v) {
  if (v != "always" && v != "never" && v != "auto")
    return usage_error("--color takes always, never or auto, got '" + v + "'");
  ta.color = v;
  return caf::none;
}

caf::error set_width(trace_arguments& ta, const std::string& v) {
  char* end = nullptr;
  auto width = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || width < 20 || width > 1000)
    return usage_error("--width takes a number of columns from 20 to 1000, got '" + v +
                       "'");
  ta.width = static_cast<int>(width);
  return caf::none;
}

caf::error set_format(trace_arguments& ta, const std::string& v) {
  if (v != "perfetto" && v != "otlp" && v != "mermaid")
    return usage_error("--format takes perfetto, otlp or mermaid, got '" + v + "'");
  ta.format = v;
  return caf::none;
}

/// An option that takes a value: the view it belongs to, and what it does.
struct value_option {
  const char* view;
  std::function<caf::error(trace_arguments&, const std::string&)> set;
};

const std::map<std::string, value_option>& value_options() {
  static const std::map<std::string, value_option> options{
      {"--agent",
       {"messages", [](auto& ta, auto& v) { return add_list(ta.filter.agents, v); }}},
      {"--kind",
       {"messages", [](auto& ta, auto& v) { return add_list(ta.filter.kinds, v); }}},
      {"--step",
       {"messages", [](auto& ta, auto& v) { return add_list(ta.filter.steps, v); }}},
      {"--since", {"messages", set_since}},
      {"--grep",
       {"messages",
        [](auto& ta, auto& v) {
          ta.filter.grep = v;
          return caf::error{};
        }}},
      {"--color", {"tree", set_color}},
      {"--width", {"timeline", set_width}},
      {"--format", {"export", set_format}},
      {"--out",
       {"export",
        [](auto& ta, auto& v) {
          ta.out = v;
          return caf::error{};
        }}},
  };
  return options;
}

/// Options without a value: the view each belongs to, and what it sets.
const std::map<std::string, std::pair<const char*, bool trace_arguments::*>>& flags() {
  static const std::map<std::string, std::pair<const char*, bool trace_arguments::*>> all{
      {"--json", {"messages", &trace_arguments::json}},
      {"--follow", {"messages", &trace_arguments::follow}}};
  return all;
}

caf::error check_view(const trace_arguments& ta, const std::string& option,
                      const char* view) {
  if (ta.view == view)
    return caf::none;
  return usage_error(option + " is an option of 'troupe trace " + view + "'");
}

caf::error parse_option(trace_arguments& ta, const std::vector<std::string>& args,
                        std::size_t& i) {
  auto arg = args[i];
  if (auto flag = flags().find(arg); flag != flags().end()) {
    ta.*(flag->second.second) = true;
    return check_view(ta, arg, flag->second.first);
  }
  std::string value;
  auto eq = arg.find('=');
  if (eq != std::string::npos) {
    value = arg.substr(eq + 1);
    arg = arg.substr(0, eq);
  }
  auto option = value_options().find(arg);
  if (option == value_options().end())
    return usage_error("unknown option '" + arg + "' of 'troupe trace'");
  if (auto err = check_view(ta, arg, option->second.view))
    return err;
  if (eq == std::string::npos) {
    if (i + 1 >= args.size())
      return usage_error(arg + " needs a value");
    value = args[++i];
  }
  return option->second.set(ta, value);
}

bool is_view(const std::string& word) {
  return word == "summary" || word == "tree" || word == "messages" ||
         word == "timeline" || word == "export" || word == "diff";
}

/// The files the view reads: two for diff, one for the others.
caf::error take_files(trace_arguments& ta, const std::vector<std::string>& files) {
  std::size_t wanted = ta.view == "diff" ? 2 : 1;
  if (files.size() > wanted)
    return usage_error("unexpected argument '" + files[wanted] + "'");
  if (ta.view == "diff" && files.size() < wanted)
    return usage_error("'troupe trace diff' needs two trace files, A and B");
  if (files.empty())
    return usage_error("'troupe trace" + (ta.view == "summary" ? "" : " " + ta.view) +
                       "' needs a trace file (DIR/trace.jsonl or the run folder DIR)");
  ta.file = files.front();
  ta.other_file = files.size() > 1 ? files[1] : "";
  if (ta.view == "export" && ta.format.empty())
    return usage_error("'troupe trace export' needs --format perfetto, otlp or mermaid");
  return caf::none;
}

} // namespace

caf::expected<trace_arguments>
parse_trace_arguments(const std::vector<std::string>& args) {
  trace_arguments ta;
  std::size_t i = 0;
  if (!args.empty() && is_view(args[0]))
    ta.view = args[i++];
  std::vector<std::string> files;
  for (; i < args.size(); ++i) {
    if (args[i].rfind("--", 0) != 0)
      files.push_back(args[i]);
    else if (auto err = parse_option(ta, args, i))
      return err;
  }
  if (auto err = take_files(ta, files))
    return err;
  return ta;
}

} // namespace troupe
