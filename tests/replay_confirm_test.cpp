// Confirmation on the bundled incidents: the core reproduces the outage and
// the counterfactual removes it where the sample's story is one the core
// models; verdicts are deterministic and re-runnable from their token.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include <array>
#include <filesystem>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/sim/simulator.h"
#include "test_util.h"

namespace paxray {
namespace {

struct Loaded {
  ScanResult scan;
  Timeline tl;
  Diagnosis d;
};

Loaded confirm(const char* sample) {
  Loaded l;
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "samples/incidents" / sample).string()};
  l.scan = scan(opt);
  l.tl = build_timeline(l.scan, {});
  l.d = diagnose(l.scan, l.tl, Thresholds::defaults());
  replay::confirm_findings(l.scan, l.tl, l.d, {});
  return l;
}

std::string status_of(const Diagnosis& d, const std::string& cause) {
  for (const auto& f : d.findings) {
    if (f.id() == cause && f.replay) return f.replay->status;
  }
  return "missing";
}

// Each bundled incident of the rules issue, with the cause its story injects.
const std::vector<std::pair<const char*, const char*>> kIncidents{
    {"lease-loss-4x", "network_partition"},       {"majority-down-4x", "majority_down"},
    {"takeover-failed-4x", "takeover_failed"},    {"rcs-stuck-4x", "rcs_stuck"},
    {"clog-disk-full-4x", "clog_disk_full"},      {"sliding-window-3x", "sliding_window_stall"},
    {"clock-skew-4x", "clock_skew"},              {"tenant-memory-full-4x", "tenant_memory_full"},
    {"reconfirm-failed-4x", "reconfirm_failed"},  {"object-deleted-4x", "object_deleted"},
    {"high-load-4x", "high_load"},                {"leader-crash-4x", "leader_down"},
    {"clock-step-4x", "clock_skew"},              {"majority-down-headerless-4x", "majority_down"},
    {"takeover-retried-4x", "takeover_failed"},   {"overloaded-minutes-4x", "high_load"}};

TEST(ReplayConfirm, EveryIncidentIsConfirmedForItsOwnCauseAndNotForTheOthers) {
  for (const auto& [sample, cause] : kIncidents) {
    const Loaded l = confirm(sample);
    int own = 0;
    for (const auto& f : l.d.findings) {
      ASSERT_TRUE(f.replay) << sample << " " << f.id();
      const ReplayVerdict& v = *f.replay;
      if (f.id() == cause) {
        ++own;
        // Confirmed only from upstream evidence, with the outage's start and
        // length; a cause whose faults sit over the outage is fitted. Two
        // stories disagree with the core, and the verdict says so:
        // clock-skew-4x has a 2.5 s skew from the first line yet a leader
        // until 44 s (the core loses the leader at once, 40 s before the logs
        // do); clog-disk-full-4x's leader steps down 3 s after its first
        // disk-full line, where the core steps down at the first one (the
        // failure detector's delay is not in the reference).
        const bool fitted = cause_info(f.cause).replay == ReplayModel::kFitted;
        const bool disagrees = std::string_view(sample) == "clock-skew-4x" || std::string_view(sample) == "clog-disk-full-4x";
        const char* expected = disagrees ? "not_reproduced" : fitted ? "fitted" : "confirmed";
        EXPECT_EQ(v.status, expected) << sample << ": " << v.reason;
        if (disagrees) {
          EXPECT_NE(v.reason.find("the start differs"), std::string::npos) << sample << ": " << v.reason;
          continue;
        }
        if (!fitted) {
          EXPECT_LE(std::fabs(v.start_shift_s), 2.0) << sample;
          EXPECT_LE(std::fabs(v.predicted_length_s - v.observed_s), std::max(2.0, 0.25 * v.observed_s)) << sample;
        }
        EXPECT_GE(v.predicted_s, 0.5 * v.observed_s) << sample;
        EXPECT_GT(v.p_leader_without, v.p_leader_with) << sample;
        // Removing the cause removes the outage beyond what observed
        // step-downs of unknown cause cost by themselves.
        EXPECT_LT(v.baseline_s, v.predicted_s) << sample;
        EXPECT_EQ(v.minimal_set, cause) << sample;
      } else {
        // Another cause in the same incident is a symptom the rules explain by
        // the injected one; the replay folds it into that cause.
        EXPECT_NE(v.status, "confirmed") << sample << " " << f.id();
      }
    }
    EXPECT_GE(own, 1) << sample;
  }
}

TEST(ReplayConfirm, LoadIsReplayedAsEachNodesSpellOfSlowLines) {
  // node2 writes every line in 250 ms from 40 s to 53 s (its [lt=] values):
  // one spell, on node2 only, from its first slow line to its last plus one cost.
  const Loaded l = confirm("high-load-4x");
  const auto s = replay::build_scenario(l.scan, l.tl, l.d, GroupKey{1001, 1001, -1, -1, {}});
  ASSERT_TRUE(s);
  std::vector<replay::Fault> load;
  for (const auto& f : s->faults) {
    if (f.kind == replay::Fault::Kind::kLoad) load.push_back(f);
  }
  ASSERT_EQ(load.size(), 1u) << replay::format_scenario(*s);
  EXPECT_EQ(s->replicas[static_cast<std::size_t>(load[0].node)], "10.0.0.2:2882");
  EXPECT_EQ(load[0].value, 250'000);
  EXPECT_NEAR(static_cast<double>(load[0].from_us) / 1e6, 40.1, 0.05);
  EXPECT_NEAR(static_cast<double>(load[0].to_us) / 1e6, 53.1, 0.3);
}

TEST(ReplayConfirm, PrioritiesComeFromTheProposerDumps) {
  // lease-loss-4x, plus each node's `dump proposer info` with its priority at
  // 10:00:30: node3 is in the best zone (0), node1 next (1), node2 last (2).
  // The scenario carries them, and the core elects node3 where, with equal
  // priorities, it elected node1.
  testing::TempDir dir;
  std::filesystem::copy(testing::source_dir() / "samples/incidents/lease-loss-4x", dir.path(), std::filesystem::copy_options::recursive);
  const std::array<int, 3> zone{1, 2, 0};
  for (int n = 1; n <= 3; ++n) {
    dir.write(fmt::format("node{}/log/election.log.20240305100030000", n),
              fmt::format("[2024-03-05 10:00:30.000101] INFO  [ELECT] operator() (election_proposer.cpp:228) [28513][T1001_Occam][T1001]"
                          "[Y0-0000000000000000-0-0] [lt=9] dump proposer info(*this={{ls_id:{{id:1001}}, addr:\"10.0.0.{}:2882\", "
                          "role:Follower, ballot_number:7, self_priority:{{priority:{{is_valid:true, is_observer_stopped:false, "
                          "is_server_stopped:false, is_zone_stopped:false, fatal_failures:[], is_primary_region:true, serious_failures:[], "
                          "is_in_blacklist:false, is_manual_leader:false, zone_priority:{}}}}}, p_election:0x7f5a2c81e030}})\n",
                          n, zone[static_cast<std::size_t>(n - 1)]));
  }
  Loaded l;
  ScanOptions opt;
  opt.paths = {dir.path().string()};
  l.scan = scan(opt);
  l.tl = build_timeline(l.scan, {});
  l.d = diagnose(l.scan, l.tl, Thresholds::defaults());
  const auto s = replay::build_scenario(l.scan, l.tl, l.d, GroupKey{1001, 1001, -1, -1, {}});
  ASSERT_TRUE(s);
  ASSERT_EQ(s->priority.size(), 3u) << replay::format_scenario(*s);
  EXPECT_GT(s->priority[2], s->priority[0]);
  EXPECT_GT(s->priority[0], s->priority[1]);
  replay::SimOptions so;
  so.trace = true;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const auto run = replay::simulate(*s, seed, so);
    const auto elected = std::find_if(run.trace.begin(), run.trace.end(), [](const std::string& t) { return t.find("became leader") != std::string::npos; });
    ASSERT_NE(elected, run.trace.end());
    EXPECT_NE(elected->find("10.0.0.3:2882"), std::string::npos) << *elected;
  }
  replay::confirm_findings(l.scan, l.tl, l.d, {});
  EXPECT_EQ(status_of(l.d, "network_partition"), "fitted");  // its lost links are placed over the outage
}

TEST(ReplayConfirm, EveryFindingGetsAVerdict) {
  for (const char* sample : {"lease-loss-4x", "clock-skew-4x", "clog-disk-full-4x", "tenant-memory-full-4x", "reconfirm-failed-4x",
                             "object-deleted-4x", "high-load-4x", "sliding-window-3x", "stale-location-cache-4x"}) {
    const Loaded l = confirm(sample);
    ASSERT_FALSE(l.d.findings.empty()) << sample;
    for (const auto& f : l.d.findings) {
      ASSERT_TRUE(f.replay) << sample << " " << f.id();
      const std::string& st = f.replay->status;
      EXPECT_TRUE(st == "confirmed" || st == "fitted" || st == "contributing" || st == "not_reproduced" || st == "not_applicable" ||
                  st == "not_modelled")
          << st;
      // not_modelled is the cause table's word, and only its.
      EXPECT_EQ(st == "not_modelled", cause_info(f.cause).replay == ReplayModel::kNotModelled) << sample << " " << f.id();
      // Only a cause modelled from upstream evidence can be confirmed.
      if (st == "confirmed") {
        EXPECT_EQ(cause_info(f.cause).replay, ReplayModel::kFromEvidence) << sample << " " << f.id();
      }
      if (st != "not_applicable" && st != "not_modelled") {
        EXPECT_EQ(f.replay->seeds, 32);
        EXPECT_FALSE(f.replay->token.empty());
      } else {
        EXPECT_FALSE(f.replay->reason.empty());
      }
    }
  }
  EXPECT_EQ(status_of(confirm("stale-location-cache-4x").d, "stale_location_cache"), "not_modelled");
}

// Three replicas a, b, c with b leading, then the given lines (duration, observed, faults).
replay::Scenario three_with(const std::string& lines) {
  std::string err;
  auto s = replay::parse_scenario("group T1001 LS1001\nreplica a:1\nreplica b:1\nreplica c:1\nleader b:1\n" + lines, err);
  EXPECT_TRUE(s) << err;
  return s.value_or(replay::Scenario{});
}

TEST(ReplayConfirm, TwoCausesThatHoldTogetherAreFoundAsTheSmallestSet) {
  // The leader crashes (a fact); a's log disk is full (one finding) and c's
  // tenant memory is full (another): either alone keeps the survivors from
  // a majority, so removing one is not enough and the pair is the answer.
  const replay::Scenario s = three_with("duration 90s\nobserved 24s 90s\nfault crash b:1 at 20s\n"
                                        "fault disk-full a:1 from 10s   cause=clog_disk_full\n"
                                        "fault memory-full c:1 from 10s   cause=tenant_memory_full\n");
  for (const char* cause : {"clog_disk_full", "tenant_memory_full"}) {
    const ReplayVerdict v = replay::judge_cause(s, cause, {});
    EXPECT_EQ(v.status, "contributing") << cause << ": " << v.reason;
    EXPECT_EQ(v.minimal_set, "clog_disk_full + tenant_memory_full") << cause;
    EXPECT_LT(v.p_leader_without, 0.1) << cause;
  }
}

replay::Scenario loaded_scenario(int loaded_node) {
  return three_with("duration 60s\nobserved 44s 50s\nfault revoke b:1 at 44s   cause=high_load\n" +
                    fmt::format("fault load {}:1 250ms from 40s to 55s   cause=high_load\n", "abc"[loaded_node]));
}

TEST(ReplayConfirm, AVerdictDoesNotRestOnTheStepDownAttributedToTheCause) {
  // The load is on the leader: the model makes it lose its lease by itself.
  const ReplayVerdict on_leader = replay::judge_cause(loaded_scenario(1), "high_load", {});
  EXPECT_EQ(on_leader.status, "confirmed") << on_leader.reason;
  // The same load on a follower does not cost the leader anything: only the
  // observed step-down, attributed to the load, would reproduce the outage.
  const ReplayVerdict on_follower = replay::judge_cause(loaded_scenario(0), "high_load", {});
  EXPECT_EQ(on_follower.status, "not_reproduced");
  EXPECT_NE(on_follower.reason.find("only the observed step-down attributed to it"), std::string::npos) << on_follower.reason;
}

TEST(ReplayConfirm, AStepDownOfUnknownCauseIsTheBaselineNotTheCauses) {
  // The leader steps down for no diagnosed reason at 44 s; the node elected
  // next cannot reconfirm (reconfirm_failed), so the outage lasts until 60 s.
  // Without the cause one re-election (~6 s) remains: that is the baseline.
  const replay::Scenario s = three_with("duration 80s\nobserved 44s 60s\nfault revoke b:1 at 44s\n"
                                        "fault reconfirm-block a:1 from 44s to 60s   cause=reconfirm_failed\n"
                                        "fault reconfirm-block c:1 from 44s to 60s   cause=reconfirm_failed\n");
  const ReplayVerdict v = replay::judge_cause(s, "reconfirm_failed", {});
  EXPECT_EQ(v.status, "fitted") << v.reason;  // the blocks sit over the observed outage
  EXPECT_GT(v.baseline_s, 4.0);
  EXPECT_LT(v.baseline_s, 9.0);
  EXPECT_GT(v.predicted_s, 12.0);
  // A scenario with only the unexplained step-down credits no cause.
  const replay::Scenario bare = three_with("duration 80s\nobserved 44s 50s\nfault revoke b:1 at 44s\n");
  EXPECT_EQ(replay::judge_cause(bare, "reconfirm_failed", {}).status, "not_applicable");
}

TEST(ReplayConfirm, HealthySamplesReproduceNoOutage) {
  for (const char* sample : {"basic-4x", "planned-switch-4x"}) {
    const Loaded l = confirm(sample);
    for (const auto& f : l.d.findings) {
      ASSERT_TRUE(f.replay);
      EXPECT_TRUE(f.replay->status == "not_applicable" || f.replay->status == "not_modelled") << sample << " " << f.id();
    }
    for (const auto& w : l.tl.leaderless) EXPECT_FALSE(replay::build_scenario(l.scan, l.tl, l.d, w.group).has_value() && w.end - w.start > 1'000'000);
  }
}

TEST(ReplayConfirm, VerdictsAreDeterministic) {
  const Loaded a = confirm("tenant-memory-full-4x"), b = confirm("tenant-memory-full-4x");
  ASSERT_EQ(a.d.findings.size(), b.d.findings.size());
  for (std::size_t i = 0; i < a.d.findings.size(); ++i) {
    EXPECT_EQ(a.d.findings[i].replay->token, b.d.findings[i].replay->token);
    EXPECT_EQ(a.d.findings[i].replay->predicted_s, b.d.findings[i].replay->predicted_s);
    EXPECT_EQ(a.d.findings[i].replay->status, b.d.findings[i].replay->status);
  }
}

TEST(ReplayConfirm, ExportedScenarioParsesAndRuns) {
  const Loaded l = confirm("lease-loss-4x");
  const auto s = replay::build_scenario(l.scan, l.tl, l.d, GroupKey{1001, 1001, -1, -1, {}});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->replicas.size(), 3u);
  EXPECT_FALSE(s->observed.empty());
  std::string err;
  const auto back = replay::parse_scenario(replay::format_scenario(*s), err);
  ASSERT_TRUE(back) << err;
  const auto run = replay::run_scenario(*back, 4);
  EXPECT_GT(run.events, 0u);
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

// For a cause modelled from evidence upstream of the outage, the scenario
// without the outage's own facts (the observed step-downs, the observed
// windows) still predicts the outage: where it starts, and that there is one.
// A fitted cause has nothing left to predict from.
TEST(ReplayPredicts, WithoutTheOutagesOwnLinesTheOutageIsStillPredicted) {
  for (const char* sample : {"clock-step-4x", "clog-disk-full-4x", "high-load-4x", "overloaded-minutes-4x", "leader-crash-4x",
                             "majority-down-4x", "object-deleted-4x", "tenant-memory-full-4x"}) {
    const Loaded l = confirm(sample);
    ASSERT_FALSE(l.d.findings.empty()) << sample;
    const Finding& root = l.d.findings.front();
    ASSERT_EQ(cause_info(root.cause).replay, ReplayModel::kFromEvidence) << sample << " " << root.id();
    const auto g = replay::replay_group(l.tl, root);
    ASSERT_TRUE(g) << sample;
    auto s = replay::build_scenario(l.scan, l.tl, l.d, *g);
    ASSERT_TRUE(s) << sample;
    ASSERT_FALSE(s->observed.empty()) << sample;
    const std::int64_t observed_start = s->observed.front().first;
    s->observed.clear();
    std::erase_if(s->faults, [](const replay::Fault& f) { return f.kind == replay::Fault::Kind::kRevoke; });
    int predicted = 0;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      const replay::RunResult run = replay::simulate(*s, seed);
      // The first outage of a second or more near the observed one.
      for (const auto& [a, b] : run.leaderless) {
        if (b - a < 1'000'000 || b < observed_start - 60'000'000) continue;
        // Within 2 s of where the logs date it (the first lease a replica
        // logs as run out, or a step-down). clog-disk-full-4x's leader steps
        // down 3 s after its first disk-full line and the core at once: its
        // verdict is not_reproduced for that, and only the outage is checked.
        const std::int64_t start = run.logged_start(a, b);
        if (std::string_view(sample) != "clog-disk-full-4x") {
          EXPECT_LE(std::llabs(start - observed_start), 2'000'000) << sample << " seed " << seed;
        }
        ++predicted;
        break;
      }
    }
    EXPECT_EQ(predicted, 8) << sample << ": no outage predicted without the outage's own lines";
  }
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

// Every fault of a scenario built from logs names the line it comes from, in
// the text form as a comment, and the comment is not part of what runs.
TEST(ReplayPredicts, EveryFaultNamesItsEvidence) {
  for (const char* sample : {"clog-disk-full-4x", "lease-loss-4x", "clock-step-4x", "majority-down-4x", "high-load-4x"}) {
    const Loaded l = confirm(sample);
    const auto g = replay::replay_group(l.tl, l.d.findings.front());
    ASSERT_TRUE(g) << sample;
    const auto s = replay::build_scenario(l.scan, l.tl, l.d, *g);
    ASSERT_TRUE(s) << sample;
    ASSERT_FALSE(s->faults.empty()) << sample;
    for (const auto& f : s->faults) EXPECT_FALSE(f.evidence.empty()) << sample << " " << replay::fault_kind_name(f.kind);
    const std::string text = replay::format_scenario(*s);
    std::string err;
    const auto back = replay::parse_scenario(text, err);
    ASSERT_TRUE(back) << err;
    EXPECT_EQ(back->faults.size(), s->faults.size());
  }
}

}  // namespace
}  // namespace paxray
