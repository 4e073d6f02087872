// Replay calibration: for each incident directory, the diagnosis's replay
// verdict per finding and, per seed, how far the core's predicted outage is
// from the observed one (start and length, where the logs would date it).
// One TSV line per finding and seed; bench/replay_calibration/run generates
// the incidents (each cause at several phases and traffic seeds) and sums the
// lines up into the table of docs/REPLAY.md.
//
//   calibrate [--seeds N] DIR...   ->   dir  cause  model  status  seed  start_err_s  length_err_s  observed_s
#include <fmt/format.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/replay/confirm/confirm.h"
#include "paxray/rules/diagnosis.h"

using namespace paxray;

namespace {

const char* model_name(ReplayModel m) {
  switch (m) {
    case ReplayModel::kFromEvidence: return "from_evidence";
    case ReplayModel::kFitted: return "fitted";
    case ReplayModel::kNotModelled: return "not_modelled";
  }
  return "?";
}

void calibrate(const std::string& dir, int seeds) {
  ScanOptions opt;
  opt.paths = {dir};
  ScanResult scan_result = scan(opt);
  const Timeline tl = build_timeline(scan_result, {});
  Diagnosis d = diagnose(scan_result, tl, Thresholds::defaults());
  replay::ConfirmOptions co;
  co.seeds = seeds;
  replay::confirm_findings(scan_result, tl, d, co);
  bool any = false;
  for (const Finding& f : d.findings) {
    if (!f.replay || f.system != "oceanbase") continue;
    any = true;
    const std::string_view model = model_name(cause_info(f.cause).replay);
    const auto g = replay::replay_group(tl, f);
    const auto sc = g ? replay::build_scenario(scan_result, tl, d, *g, co) : std::nullopt;
    if (!sc || sc->observed.empty()) {
      fmt::print("{}\t{}\t{}\t{}\t-\t-\t-\t-\n", dir, f.id(), model, f.replay->status);
      continue;
    }
    const auto observed = *replay::observed_outage(*sc);
    const double observed_s = static_cast<double>(observed.second - observed.first) / 1e6;
    for (int seed = 1; seed <= seeds; ++seed) {
      const replay::RunResult run = replay::simulate(*sc, static_cast<std::uint64_t>(seed));
      const auto p = replay::predicted_outage(run, observed);
      if (!p) {
        fmt::print("{}\t{}\t{}\t{}\t{}\tnone\tnone\t{:.3f}\n", dir, f.id(), model, f.replay->status, seed, observed_s);
        continue;
      }
      const double start_err = static_cast<double>(p->first - observed.first) / 1e6;
      const double length_err = static_cast<double>(p->second - p->first) / 1e6 - observed_s;
      fmt::print("{}\t{}\t{}\t{}\t{}\t{:.3f}\t{:.3f}\t{:.3f}\n", dir, f.id(), model, f.replay->status, seed, start_err, length_err,
                 observed_s);
    }
  }
  if (!any) fmt::print("{}\t-\t-\tno_finding\t-\t-\t-\t-\n", dir);
}

}  // namespace

int main(int argc, char** argv) {
  int seeds = 32;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--seeds" && i + 1 < argc) {
      seeds = std::atoi(argv[++i]);
    } else {
      dirs.emplace_back(a);
    }
  }
  if (dirs.empty() || seeds <= 0) {
    fmt::print(stderr, "usage: calibrate [--seeds N] DIR...\n");
    return 2;
  }
  for (const auto& d : dirs) calibrate(d, seeds);
  return 0;
}
