// `paxray replay`: export the scenario the diagnosis replays, or run an
// edited one ("what if the link had held?").
#include "replay_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "paxray/parsers/fnv.h"
#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/sim/simulator.h"
#include "paxray/report/scan_report.h"
#include "paxray/rules/diagnosis.h"

namespace paxray::cli {

void ReplayCommand::add_to(CLI::App& app) {
  cmd_ = app.add_subcommand("replay", "Replay an incident in the reference consensus core: export its scenario, or run one");
  cmd_->add_option("paths", paths_, "Log files or directories (with --export-scenario)");
  cmd_->add_option("--export-scenario", export_, "Write the scenario of the affected log stream to FILE ('-': stdout)");
  cmd_->add_option("--config", config_, "Thresholds file for the diagnosis the scenario is built from (as scan --config)");
  cmd_->add_option("--group", group_, "Which log stream, as printed (\"T1001 LS1001\"); default: the first affected one");
  cmd_->add_option("--scenario", scenario_, "Run this scenario file");
  cmd_->add_option("--seeds", seeds_, "Seeds to run (default 32)")->check(CLI::Range(1, 100000));
  cmd_->add_option("--token", token_,
                   "Re-run a finding's replay exactly: its `token` from the report (first seed, seeds, version, scenario digest); "
                   "the scenario must be the one exported for it");
  cmd_->add_flag("--trace", trace_, "Print the first seed's role changes");
}

int ReplayCommand::run() {
  if (!scenario_.empty() && export_.empty()) return run_file();
  if (!export_.empty() && !paths_.empty()) return export_scenario();
  throw UsageError("replay needs PATH... --export-scenario FILE, or --scenario FILE");
}

int ReplayCommand::export_scenario() {
  ScanOptions opt;
  opt.paths = paths_;
  ScanResult scan_result = scan(opt);
  if (scan_result.totals.records == 0) {
    fmt::print(stderr, "paxray replay: no log records found in the given paths\n");
    return kExitNothing;
  }
  const Timeline tl = build_timeline(scan_result, {});
  Thresholds thresholds = Thresholds::defaults();
  if (!config_.empty()) {
    if (std::string err = load_thresholds(config_, thresholds); !err.empty()) throw UsageError("--config: " + err);
  }
  const Diagnosis d = diagnose(scan_result, tl, thresholds);
  replay::ConfirmOptions co;
  co.silent_node_us = static_cast<std::int64_t>(thresholds.silent_node_s * 1e6);
  for (const auto& w : tl.leaderless) {
    if (!group_.empty() && w.group.name() != group_) continue;
    auto s = replay::build_scenario(scan_result, tl, d, w.group, co);
    if (!s) continue;
    const std::string text = replay::format_scenario(*s);
    if (export_ == "-") {
      std::fwrite(text.data(), 1, text.size(), stdout);
    } else if (std::string err = write_file_atomically(export_, text); !err.empty()) {
      fmt::print(stderr, "paxray replay: {}\n", err);
      return kExitNothing;
    } else {
      // Said on stderr: stdout stays free for the scenario itself ('-').
      fmt::print(stderr, "paxray replay: wrote the scenario of {} ({} replicas, {} faults) to {}\n", s->group, s->replicas.size(),
                 s->faults.size(), export_);
    }
    return kExitOk;
  }
  fmt::print(stderr, "paxray replay: {}\n", group_.empty() ? "no log stream lost its leader in these logs"
                                                           : "no leaderless window for group '" + group_ + "'");
  return kExitNothing;
}

int ReplayCommand::run_file() {
  std::ifstream in(scenario_);
  if (!in) throw UsageError("--scenario: cannot read " + scenario_);
  std::stringstream text;
  text << in.rdbuf();
  std::string err;
  const auto s = replay::parse_scenario(text.str(), err);
  if (!s) throw UsageError(scenario_ + ": " + err);
  replay::ConfirmOptions co;
  co.seeds = seeds_;
  if (!token_.empty()) {
    // first_seed:seeds:version:digest, as confirm_findings writes it.
    unsigned long long first = 0, seeds = 0;
    char version[64] = {}, digest[32] = {};
    if (std::sscanf(token_.c_str(), "%llu:%llu:%63[^:]:%31s", &first, &seeds, version, digest) != 4 || seeds == 0 || seeds > 100000) {
      throw UsageError("--token: expected FIRST_SEED:SEEDS:VERSION:DIGEST, as in the report");
    }
    const std::string mine = fmt::format("{:016x}", fnv1a64(replay::format_scenario(*s)));
    if (mine != digest) {
      throw UsageError(fmt::format("--token: {} is not the scenario of that replay (digest {}, the token names {})", scenario_, mine, digest));
    }
    if (std::string_view(version) != paxray_version()) {
      fmt::print(stderr, "paxray replay: the token comes from paxray {}, this is {}: the verdict may differ\n", version, paxray_version());
    }
    co.first_seed = first;
    co.seeds = static_cast<int>(seeds);
  }
  if (trace_) {
    replay::SimOptions so;
    so.trace = true;
    for (const auto& line : replay::simulate(*s, co.first_seed, so).trace) fmt::print("{}\n", line);
  }
  const replay::ScenarioRun r = replay::run_scenario(*s, co.seeds, co.first_seed);
  double observed = 0;
  for (const auto& [a, b] : s->observed) observed += static_cast<double>(b - a) / 1e6;
  fmt::print("{}: {} replicas, {:.0f} s, {} faults, {} seeds\n", s->group, s->replicas.size(),
             static_cast<double>(s->duration_us) / 1e6, s->faults.size(), co.seeds);
  fmt::print("predicted: {:.2f} s without a leader on average ({:.2f} s inside the observed windows)\n", r.mean_leaderless_s,
             r.mean_overlap_s);
  if (!s->observed.empty()) {
    fmt::print("observed:  {:.2f} s; a leader during {:.0f}% of the observed windows\n", observed, r.leader_fraction * 100);
  }
  // The verdict for each cause the scenario names, as `paxray scan` gives it.
  for (const auto& c : s->causes()) {
    const ReplayVerdict v = replay::judge_cause(*s, c, co);
    fmt::print("{}: {}\n  token {}\n", c, replay_text(v), v.token);
  }
  return kExitOk;
}

}  // namespace paxray::cli
