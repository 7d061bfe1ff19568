#include "bench/support/bench_report.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace troupe::bench {

namespace {

std::string utc_now() {
  auto now = std::time(nullptr);
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

} // namespace

bench_report::bench_report(std::string name, std::string about, bench_options options)
    : name_(std::move(name)), about_(std::move(about)), options_(std::move(options)),
      machine_(machine_info::current()) {}

bench_table& bench_report::add_table(std::string title,
                                     std::vector<std::string> columns) {
  return tables_.emplace_back(std::move(title), std::move(columns));
}

void bench_report::add_target(bench_target target) {
  targets_.push_back(std::move(target));
}

void bench_report::add_note(std::string note) {
  notes_.push_back(std::move(note));
}

void bench_report::print(std::ostream& out) const {
  out << "\n## " << name_ << "\n\n"
      << about_ << "\n\nMachine: " << machine_.summary()
      << ". Cells: median (min-max) of " << options_.reps << " repetition"
      << (options_.reps == 1 ? "" : "s") << (options_.quick ? ", quick run" : "")
      << ".\n";
  for (const auto& arg : options_.caf_args)
    out << "CAF option: " << arg << "\n";
  for (const auto& table : tables_)
    table.print(out);
  for (const auto& note : notes_)
    out << "\n" << note << "\n";
  if (targets_.empty())
    return;
  out << "\n| target | goal | measured | met |\n|---|---|---|---|\n";
  for (const auto& t : targets_)
    out << "| " << t.name << " | " << t.goal << " | " << t.measured << " | "
        << (t.met ? "yes" : "**no**") << " |\n";
}

std::string bench_report::write() const {
  boost::json::array tables, targets;
  for (const auto& table : tables_)
    tables.push_back(table.to_json());
  for (const auto& t : targets_)
    targets.push_back(
        {{"name", t.name}, {"goal", t.goal}, {"measured", t.measured}, {"met", t.met}});
  boost::json::object doc{{"benchmark", name_},
                          {"about", about_},
                          {"date", utc_now()},
                          {"machine", machine_.to_json()},
                          {"reps", options_.reps},
                          {"quick", options_.quick},
                          {"caf_options", boost::json::value_from(options_.caf_args)},
                          {"tables", std::move(tables)},
                          {"notes", boost::json::value_from(notes_)},
                          {"targets", std::move(targets)}};
  std::filesystem::create_directories(options_.out_dir);
  auto path = (std::filesystem::path{options_.out_dir} / (name_ + ".json")).string();
  std::ofstream file{path};
  file << boost::json::serialize(doc) << "\n";
  if (!file)
    throw std::runtime_error("cannot write " + path);
  return path;
}

} // namespace troupe::bench
