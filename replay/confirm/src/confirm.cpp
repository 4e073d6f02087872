// The verdict per finding: run the observed scenario over N seeds, check the
// core reproduces the outage, then run it without the finding's cause. The
// outage is measured against a baseline, the same scenario with every cause
// removed: what is left there comes from observed step-downs whose cause the
// logs do not show (a leader revoked for no diagnosed reason still costs a
// re-election), and no single cause can be asked to remove that part.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "paxray/parsers/fnv.h"
#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/sim/simulator.h"

namespace paxray::replay {
namespace {

// Below this the causes account for too little of the predicted outage to
// credit any of them with its end (the step-downs alone explain it).
constexpr double kMinExcessShare = 0.1;

// Observed windows less than this apart are one outage (a leader that held
// for a moment, as rcs-stuck-4x's 50 ms takeover before the hang).
constexpr std::int64_t kOutageGapUs = 1'000'000;

struct Runs {
  const Scenario* scenario = nullptr;
  std::vector<std::string> causes;  ///< distinct causes of the scenario's faults, in order
  double observed_s = 0;
  ScenarioRun with;
  ScenarioRun baseline;
  std::string token;  ///< seed:seeds:version:digest of the scenario
};

Runs base_runs(const Scenario& sc, const ConfirmOptions& o) {
  Runs r;
  r.scenario = &sc;
  r.causes = sc.causes();
  for (const auto& [a, b] : sc.observed) r.observed_s += static_cast<double>(b - a) / 1e6;
  r.with = run_scenario(sc, o.seeds, o.first_seed);
  r.baseline = r.causes.empty() ? r.with : run_scenario(sc.without(r.causes), o.seeds, o.first_seed);
  // The digest is of what a replay runs: the evidence comments are not part of it.
  Scenario bare = sc;
  for (Fault& f : bare.faults) f.evidence.clear();
  r.token = fmt::format("{}:{}:{}:{:016x}", o.first_seed, o.seeds, PAXRAY_VERSION, fnv1a64(format_scenario(bare)));
  return r;
}

// The causes' share of the predicted outage, in seconds.
double excess_s(const Runs& r) { return r.with.mean_overlap_s - r.baseline.mean_overlap_s; }

bool causes_matter(const Runs& r) { return excess_s(r) > 0 && excess_s(r) > kMinExcessShare * r.with.mean_overlap_s; }

// Removing these causes removes (nearly all of) the outage they account for.
bool restores(const Runs& r, const ScenarioRun& without, const ConfirmOptions& o) {
  return causes_matter(r) && r.with.mean_overlap_s - without.mean_overlap_s >= o.restored_share * excess_s(r);
}

std::string smallest_restoring_set(const Runs& r, const ConfirmOptions& o) {
  const auto& causes = r.causes;
  if (causes.size() > 4) return {};  // 15 subsets at most; beyond that the question is for the engineer
  for (std::size_t size = 1; size <= causes.size(); ++size) {
    for (std::uint32_t mask = 1; mask < (1u << causes.size()); ++mask) {
      if (static_cast<std::size_t>(__builtin_popcount(mask)) != size) continue;
      std::vector<std::string> subset;
      for (std::size_t i = 0; i < causes.size(); ++i) {
        if ((mask >> i) & 1u) subset.push_back(causes[i]);
      }
      if (restores(r, run_scenario(r.scenario->without(subset), o.seeds, o.first_seed), o)) return fmt::format("{}", fmt::join(subset, " + "));
    }
  }
  return {};
}

// The scenario without the step-downs attributed to `cause` (its other faults
// kept); nullopt when it owns none.
std::optional<Scenario> without_its_step_downs(const Scenario& sc, const std::string& cause) {
  Scenario s = sc;
  s.faults.erase(std::remove_if(s.faults.begin(), s.faults.end(),
                                [&](const Fault& f) { return f.kind == Fault::Kind::kRevoke && f.cause == cause; }),
                 s.faults.end());
  if (s.faults.size() == sc.faults.size()) return std::nullopt;
  return s;
}

// What "confirmed" may claim. Only a cause whose faults come from evidence
// upstream of the outage can be confirmed, and only when the core also
// predicts the outage as the logs show it: its start within 2 s of the
// observed start, and its length within max(2 s, 25 %) of the observed (both
// where the logs would date it: from the first lease a replica would log as
// run out, or a leader's step-down, not from the instant a leader crashed).
// A cause whose faults were placed over the outage itself is "fitted": the
// core reproduces the story, it did not predict it.
constexpr double kStartToleranceS = 2.0;
constexpr double kLengthToleranceS = 2.0;
constexpr double kLengthToleranceShare = 0.25;

void grade(ReplayVerdict& v, Cause cause, double observed_length_s) {
  if (v.status != "confirmed") return;
  const CauseInfo& row = cause_info(cause);
  if (row.replay == ReplayModel::kFitted) {
    v.status = "fitted";
    v.reason = fmt::format("{}'s faults are placed over the outage the logs show, so reproducing it checks the story, not a "
                           "prediction{}{}", row.id, v.reason.empty() ? "" : "; ", v.reason);
    return;
  }
  if (std::fabs(v.start_shift_s) > kStartToleranceS) {
    v.status = "not_reproduced";
    v.reason = fmt::format("the start differs: the core starts the outage {:.1f} s {} than the logs show (allowed: {:.0f} s)",
                           std::fabs(v.start_shift_s), v.start_shift_s > 0 ? "later" : "earlier", kStartToleranceS);
    return;
  }
  const double allowed = std::max(kLengthToleranceS, kLengthToleranceShare * observed_length_s);
  if (std::fabs(v.predicted_length_s - observed_length_s) > allowed) {
    v.status = "not_reproduced";
    v.reason = fmt::format("the length differs: the core predicts {:.1f} s without a leader where the logs show {:.1f} s "
                           "(allowed: {:.1f} s either way)", v.predicted_length_s, observed_length_s, allowed);
  }
}

// The observed outage's length, s (what the predicted length is held to).
double observed_length_s(const Scenario& sc) {
  const auto o = observed_outage(sc);
  return o ? static_cast<double>(o->second - o->first) / 1e6 : 0.0;
}

ReplayVerdict judge(const Runs& r, const std::string& cause, const ConfirmOptions& o) {
  const Scenario& sc = *r.scenario;
  ReplayVerdict v;
  v.seeds = o.seeds;
  v.observed_s = r.observed_s;
  v.predicted_s = r.with.mean_overlap_s;
  v.p_leader_with = r.with.leader_fraction;
  v.baseline_s = r.baseline.mean_overlap_s;
  v.start_shift_s = r.with.start_shift_s;
  v.predicted_length_s = r.with.predicted_length_s;
  if (const auto t0 = parse_fixed_timestamp(sc.start); t0 && !sc.observed.empty()) {
    const LocalMicros observed = *t0 + sc.observed.front().first;
    v.observed_start = format_timestamp(observed);
    v.predicted_start = format_timestamp(observed + static_cast<LocalMicros>(v.start_shift_s * 1e6));
  }
  v.token = r.token;
  if (std::find(r.causes.begin(), r.causes.end(), cause) == r.causes.end()) {
    v.status = "not_applicable";
    v.reason = "the replay core has no model of this cause";
    return v;
  }
  // With one cause, removing it is the baseline: no second run.
  const ScenarioRun without = r.causes.size() == 1 ? r.baseline : run_scenario(sc.without({cause}), o.seeds, o.first_seed);
  v.p_leader_without = without.leader_fraction;
  const double needed = o.reproduce_share * r.observed_s;
  bool reproduced = r.observed_s > 0 && r.with.mean_overlap_s >= needed;
  if (!reproduced) {
    v.status = "not_reproduced";
    v.reason = fmt::format("the core predicts {:.1f} s without a leader in the {:.1f} s window", r.with.mean_overlap_s, r.observed_s);
  } else if (const auto own_model = without_its_step_downs(sc, cause)) {
    // A verdict must not rest on the attribution alone: the cause's own model
    // has to make the leader step down when the observed step-down is left out.
    const ScenarioRun own = run_scenario(*own_model, o.seeds, o.first_seed);
    if (own.mean_overlap_s < needed) {
      reproduced = false;
      v.status = "not_reproduced";
      v.reason = fmt::format("only the observed step-down attributed to it reproduces the outage: its model alone predicts {:.1f} s "
                             "without a leader in the {:.1f} s window", own.mean_overlap_s, r.observed_s);
    }
  }
  if (reproduced) {
    if (!causes_matter(r)) {
      v.status = "contributing";
      v.reason = fmt::format("the observed step-down alone explains {:.1f} of the {:.1f} s predicted", r.baseline.mean_overlap_s,
                             r.with.mean_overlap_s);
    } else {
      v.status = restores(r, without, o) ? "confirmed" : "contributing";
    }
    // When causes hold together: the smallest set whose removal restores the leader.
    if (r.causes.size() > 1) {
      v.minimal_set = smallest_restoring_set(r, o);
    } else if (v.status == "confirmed") {
      v.minimal_set = cause;
    }
  }
  if (const auto c = cause_from_id(cause)) grade(v, *c, observed_length_s(sc));
  return v;
}

}  // namespace

std::optional<std::pair<std::int64_t, std::int64_t>> observed_outage(const Scenario& sc) {
  if (sc.observed.empty()) return std::nullopt;
  auto out = sc.observed.front();
  for (std::size_t i = 1; i < sc.observed.size() && sc.observed[i].first - out.second < kOutageGapUs; ++i) {
    out.second = std::max(out.second, sc.observed[i].second);
  }
  return out;
}

std::optional<std::pair<std::int64_t, std::int64_t>> predicted_outage(const RunResult& run,
                                                                       std::pair<std::int64_t, std::int64_t> observed) {
  const auto [oa, ob] = observed;
  std::optional<std::pair<std::int64_t, std::int64_t>> best;
  for (const auto& [pa, pb] : run.leaderless) {
    if (pb < oa - 60'000'000 || pa > ob + 60'000'000) continue;
    const std::int64_t start = run.logged_start(pa, pb);
    if (!best || std::llabs(start - oa) < std::llabs(best->first - oa)) best = std::pair{start, pb};
  }
  return best;
}

ScenarioRun run_scenario(const Scenario& s, int seeds, std::uint64_t first_seed) {
  ScenarioRun r;
  std::int64_t window = 0;
  for (const auto& [a, b] : s.observed) window += b - a;
  for (int i = 0; i < seeds; ++i) {
    const RunResult run = simulate(s, first_seed + static_cast<std::uint64_t>(i));
    r.events += run.events;
    r.mean_leaderless_s += run.overlap_s(0, s.duration_us);
    double overlap = 0;
    for (const auto& [a, b] : s.observed) overlap += run.overlap_s(a, b);
    r.mean_overlap_s += overlap;
    r.leader_fraction += window > 0 ? std::clamp(1.0 - overlap * 1e6 / static_cast<double>(window), 0.0, 1.0) : 1.0;
    if (!s.observed.empty()) {
      // The predicted window whose logged start is nearest the observed outage's.
      const auto [oa, ob] = *observed_outage(s);
      const auto p = predicted_outage(run, {oa, ob});
      r.start_shift_s += static_cast<double>(p ? p->first - oa : std::max<std::int64_t>(ob - oa, 1'000'000)) / 1e6;
      r.predicted_length_s += p ? static_cast<double>(p->second - p->first) / 1e6 : 0.0;
    }
  }
  if (seeds > 0) {
    r.mean_leaderless_s /= seeds;
    r.mean_overlap_s /= seeds;
    r.leader_fraction /= seeds;
    r.start_shift_s /= seeds;
    r.predicted_length_s /= seeds;
  }
  return r;
}

ReplayVerdict judge_cause(const Scenario& sc, const std::string& cause, const ConfirmOptions& o) {
  return judge(base_runs(sc, o), cause, o);
}

// A cause the cause table says no core models is "not_modelled", not merely
// "not_applicable" (which is for a finding with nothing to replay).
static void mark_not_modelled(Finding& f) {
  if (f.replay && f.replay->status == "not_applicable" && cause_info(f.cause).replay == ReplayModel::kNotModelled) {
    f.replay->status = "not_modelled";
  }
}

void confirm_findings(const ScanResult& scan, const Timeline& tl, Diagnosis& d, const ConfirmOptions& o) {
  struct Group {
    std::optional<Scenario> scenario;
    std::optional<Runs> runs;
  };
  std::map<GroupKey, Group> groups;
  for (Finding& f : d.findings) {
    if (f.system == "zookeeper" || f.system == "openio") {
      // Only roots stand in d.findings: what a root explains is replayed as part of it.
      f.system == "zookeeper" ? confirm_zk_finding(tl, f, o) : confirm_oio_finding(tl, f, o);
      if (f.replay) grade(*f.replay, f.cause, f.replay->observed_s);
      mark_not_modelled(f);
      continue;
    }
    ReplayVerdict v;
    v.seeds = o.seeds;
    if (f.system == "etcd") {
      // Raft's election (randomised timeouts, pre-vote, check-quorum) has no
      // model in the core yet: say so rather than replay an OceanBase one.
      v.status = "not_modelled";
      v.reason = "the replay core has no model of etcd's Raft election";
      f.replay = v;
      continue;
    }
    if (f.suspected) {
      // A scenario built without the deciding logs would only restate the guess.
      v.status = "not_applicable";
      v.reason = "suspected: " + f.would_decide + " would decide it; not replayed without them";
      f.replay = v;
      continue;
    }
    const auto g = replay_group(tl, f);
    if (!g) {
      v.status = "not_applicable";
      v.reason = f.cause == Cause::kStaleLocationCache ? "a leader existed: there is no outage to replay"
                                                   : "no leaderless window in the logs to reproduce";
      f.replay = v;
      continue;
    }
    Group& grp = groups[*g];
    if (!grp.scenario && !grp.runs) {
      grp.scenario = build_scenario(scan, tl, d, *g, o);
      if (grp.scenario) grp.runs = base_runs(*grp.scenario, o);
    }
    if (!grp.runs) {
      v.status = "not_applicable";
      v.reason = "the log stream's members are unknown";
      f.replay = v;
      continue;
    }
    f.replay = judge(*grp.runs, std::string(f.id()), o);
  }
  for (Finding& f : d.findings) mark_not_modelled(f);
}

}  // namespace paxray::replay
