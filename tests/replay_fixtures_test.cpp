// Scenario fixtures as text, in the style of etcd-io/raft's datadriven tests:
// each file of tests/replay/ is a sequence of directives, each followed by its
// expected output:
//
//   scenario                 the lines up to ---- are a scenario (its text form)
//   simulate seed=N          one run: the trace, the leaderless windows and when logs would date them
//   judge seeds=N [cause=C]  the verdict for each cause (or C), as `paxray scan` gives it
//   ----
//   expected output, up to a blank line
//
// PAXRAY_REWRITE=1 rewrites the files with what the code gives now (review
// the diff before committing it).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/sim/simulator.h"
#include "test_util.h"

namespace paxray::replay {
namespace {

struct Directive {
  std::string command;                       ///< scenario | simulate | judge
  std::map<std::string, std::string> args;   ///< key=value after the command
  std::string input;                         ///< lines up to ----
  std::string expected;                      ///< lines after ----, up to a blank line
  int line = 0;                              ///< where the directive starts
};

std::vector<Directive> parse_fixture(const std::string& text) {
  std::vector<Directive> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line.starts_with("#")) continue;
    Directive d;
    d.line = n;
    std::istringstream words(line);
    words >> d.command;
    for (std::string w; words >> w;) {
      const auto eq = w.find('=');
      d.args[w.substr(0, eq)] = eq == std::string::npos ? "" : w.substr(eq + 1);
    }
    while (std::getline(in, line) && line != "----") {
      ++n;
      d.input += line + "\n";
    }
    ++n;
    while (std::getline(in, line) && !line.empty()) {
      ++n;
      d.expected += line + "\n";
    }
    ++n;
    out.push_back(std::move(d));
  }
  return out;
}

std::string seconds(std::int64_t us) { return fmt::format("{:.3f}s", static_cast<double>(us) / 1e6); }

std::string run_directive(const Directive& d, std::optional<Scenario>& current) {
  if (d.command == "scenario") {
    std::string err;
    current = parse_scenario(d.input, err);
    if (!current) return "error: " + err + "\n";
    return fmt::format("ok: {} replicas, {} faults, {} observed windows\n", current->replicas.size(), current->faults.size(),
                       current->observed.size());
  }
  if (!current) return "error: no scenario\n";
  if (d.command == "simulate") {
    SimOptions o;
    o.trace = true;
    const auto seed = static_cast<std::uint64_t>(std::stoull(d.args.count("seed") ? d.args.at("seed") : "1"));
    const RunResult r = simulate(*current, seed, o);
    std::string out;
    for (const auto& t : r.trace) out += t + "\n";
    for (const auto& [a, b] : r.leaderless) {
      out += fmt::format("leaderless {} .. {} (logs date it from {})\n", seconds(a), seconds(b), seconds(r.logged_start(a, b)));
    }
    out += fmt::format("most leaders at once: {}\n", r.max_concurrent_leases);
    return out;
  }
  if (d.command == "judge") {
    ConfirmOptions o;
    o.seeds = std::stoi(d.args.count("seeds") ? d.args.at("seeds") : "8");
    std::vector<std::string> causes = current->causes();
    if (d.args.count("cause")) causes = {d.args.at("cause")};
    std::string out;
    for (const auto& c : causes) {
      const ReplayVerdict v = judge_cause(*current, c, o);
      out += fmt::format("{}: {}; observed {:.1f} s, predicted {:.1f} s, start shift {:+.1f} s; leader {:.0f}% with, {:.0f}% without",
                         c, v.status, v.observed_s, v.predicted_length_s, v.start_shift_s, 100 * v.p_leader_with,
                         100 * v.p_leader_without);
      if (!v.reason.empty()) out += "; " + v.reason;
      out += "\n";
    }
    return out;
  }
  return "error: unknown directive " + d.command + "\n";
}

std::string rewrite(const std::string& text, const std::vector<std::string>& outputs) {
  // Keep everything but the expected outputs, which are replaced in order.
  std::istringstream in(text);
  std::string out, line;
  std::size_t i = 0;
  while (std::getline(in, line)) {
    out += line + "\n";
    if (line != "----") continue;
    while (std::getline(in, line) && !line.empty()) {
    }
    out += outputs.at(i++);
    if (!in.eof()) out += "\n";
  }
  return out;
}

TEST(ReplayFixtures, EachScenarioGivesItsRecordedTraceAndVerdict) {
  const auto dir = testing::source_dir() / "tests/replay";
  const bool update = std::getenv("PAXRAY_REWRITE") != nullptr;
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".txt") continue;
    ++files;
    const std::string text = testing::read_file(e.path());
    std::optional<Scenario> current;
    std::vector<std::string> outputs;
    for (const Directive& d : parse_fixture(text)) {
      const std::string got = run_directive(d, current);
      outputs.push_back(got);
      if (!update) {
        EXPECT_EQ(got, d.expected) << e.path().filename().string() << ":" << d.line << " " << d.command;
      }
    }
    if (update) std::ofstream(e.path(), std::ios::binary) << rewrite(text, outputs);
  }
  EXPECT_GE(files, 5);
}

}  // namespace
}  // namespace paxray::replay
