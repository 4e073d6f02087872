// Every bundled sample incident through the whole diagnosis: the expected
// root cause first, on the right log stream and window; the causes it
// explains; nothing above info on the healthy and planned-switch samples.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/rules/diagnosis.h"
#include "test_util.h"

namespace paxray {
namespace {

struct Expect {
  const char* sample;
  const char* cause;  ///< the first (root) finding; nullptr: no finding above info
  Severity severity;
  std::optional<std::int64_t> tenant;
  std::optional<std::int64_t> ls;
  std::vector<std::string> explains;  ///< causes the root finding must explain
  std::vector<std::string> absent;    ///< causes that must not be reported
  const char* window_start = nullptr; ///< the root finding's start, if pinned ("10:00:44.000000")
  const char* window_end = nullptr;
};

Diagnosis run(const char* sample) {
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "samples/incidents" / sample).string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  return diagnose(r, tl, Thresholds::defaults());
}

class DiagnosisSamples : public ::testing::TestWithParam<Expect> {};

TEST_P(DiagnosisSamples, RootCauseAndExplanations) {
  const Expect& x = GetParam();
  const Diagnosis d = run(x.sample);
  for (const Finding* f : all_findings(d)) {
    EXPECT_TRUE(std::find(x.absent.begin(), x.absent.end(), f->id()) == x.absent.end()) << "unexpected " << f->id();
    EXPECT_FALSE(f->evidence.empty()) << f->id() << " has no evidence";
    EXPECT_FALSE(f->remediation.empty()) << f->id();
  }
  if (x.cause == nullptr) {
    EXPECT_NE(d.worst(), Severity::kCritical);
    EXPECT_NE(d.worst(), Severity::kWarning);
    return;
  }
  ASSERT_FALSE(d.findings.empty());
  const Finding& top = d.findings.front();
  EXPECT_EQ(top.id(), x.cause);
  EXPECT_EQ(top.severity, x.severity);
  if (x.tenant) {
    EXPECT_EQ(top.tenant, x.tenant);
  }
  if (x.ls) {
    EXPECT_EQ(top.ls, x.ls);
  }
  if (x.window_start) {
    EXPECT_EQ(format_timestamp(top.start), std::string("2024-03-05 ") + x.window_start);
  }
  if (x.window_end) {
    EXPECT_EQ(format_timestamp(top.end), std::string("2024-03-05 ") + x.window_end);
  }
  for (const auto& e : x.explains) {
    EXPECT_TRUE(std::find(top.explains.begin(), top.explains.end(), cause_from_id(e)) != top.explains.end())
        << x.cause << " should explain " << e;
  }
  // The guide's checklist answers every affected log stream.
  EXPECT_FALSE(d.checklist.empty());
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Samples, DiagnosisSamples, ::testing::Values(
    Expect{"basic-4x", nullptr, Severity::kInfo, {}, {}, {}, {"network_partition", "clock_skew"}},
    Expect{"planned-switch-4x", nullptr, Severity::kInfo, {}, {}, {}, {"network_partition", "rcs_stuck"}},
    Expect{"stale-location-cache-4x", nullptr, Severity::kInfo, {}, {}, {}, {"network_partition"}},
    Expect{"lease-loss-4x", "network_partition", Severity::kCritical, 1001, 1001, {}, {"clock_skew", "majority_down"},
           "10:00:44.000000", "10:00:47.200000"},
    Expect{"clock-skew-4x", "clock_skew", Severity::kCritical, {}, {}, {"network_partition"}, {"majority_down"}},
    // A clock step that came back: found as an episode over its spell, not an offset over the log.
    Expect{"clock-step-4x", "clock_skew", Severity::kCritical, {}, {}, {"network_partition"}, {"majority_down", "high_load"},
           "10:00:31.108300", "10:01:30.000000"},
    Expect{"majority-down-4x", "majority_down", Severity::kCritical, {}, {}, {}, {"network_partition", "clock_skew"}},
    // The same with the stopped nodes' files cut of their address header: named from their records.
    Expect{"majority-down-headerless-4x", "majority_down", Severity::kCritical, {}, {}, {}, {"network_partition", "clock_skew"}},
    // A takeover retried as five new events: one finding, the retries its evidence.
    Expect{"takeover-retried-4x", "takeover_failed", Severity::kWarning, 1001, 1001, {}, {"rcs_stuck", "network_partition"},
           "10:00:44.300000", "10:00:59.300000"},
    // A leader overloaded for two minutes: high load, its lease loss folded under it.
    Expect{"overloaded-minutes-4x", "high_load", Severity::kCritical, {}, {}, {"network_partition"}, {"clock_skew"}},
    Expect{"clog-disk-full-4x", "clog_disk_full", Severity::kCritical, 1001, {}, {}, {"clock_skew"}},
    Expect{"tenant-memory-full-4x", "tenant_memory_full", Severity::kCritical, 1001, {},
           {"network_partition", "sliding_window_stall"}, {"clock_skew"}},
    Expect{"reconfirm-failed-4x", "reconfirm_failed", Severity::kCritical, 1001, 1001, {}, {"clock_skew"},
           "10:00:44.000900", "10:00:56.800000"},
    Expect{"takeover-failed-4x", "takeover_failed", Severity::kCritical, 1001, 1001, {}, {"rcs_stuck", "network_partition"},
           "10:00:44.300000"},
    Expect{"rcs-stuck-4x", "rcs_stuck", Severity::kCritical, 1001, 1001, {}, {"takeover_failed", "network_partition"},
           "10:00:44.300000"},
    Expect{"object-deleted-4x", "object_deleted", Severity::kCritical, 1003, {}, {"network_partition"}, {"clock_skew"}},
    Expect{"high-load-4x", "high_load", Severity::kCritical, {}, {}, {"network_partition"}, {"clock_skew"}},
    // A failover: the leader's observer stopped; not a partition, not a lost majority.
    Expect{"leader-crash-4x", "leader_down", Severity::kWarning, 1001, 1001, {}, {"network_partition", "majority_down"},
           "10:00:43.823960", "10:00:46.100000"},
    Expect{"sliding-window-3x", "sliding_window_stall", Severity::kCritical, 1001, {}, {}, {"network_partition"},
           "10:00:30.000000", "10:00:40.009000"}),
    [](const ::testing::TestParamInfo<Expect>& param_info) {
      std::string name = param_info.param.sample;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });
// clang-format on

TEST(DiagnosisSamples, StaleCacheIsToldApartFromNoLeader) {
  // -4038 while a leader existed (info) ...
  const Diagnosis stale = run("stale-location-cache-4x");
  ASSERT_EQ(stale.findings.size(), 1u);
  EXPECT_EQ(stale.findings[0].id(), "stale_location_cache");
  EXPECT_EQ(stale.findings[0].severity, Severity::kInfo);
  // ... and -4038 during a leaderless window is not called a stale cache.
  const Diagnosis lost = run("lease-loss-4x");
  for (const Finding* f : all_findings(lost)) EXPECT_NE(f->id(), "stale_location_cache");
}

TEST(DiagnosisSamples, MajorityDownNamesTheDownNodesPerLogStream) {
  const Diagnosis d = run("majority-down-4x");
  std::size_t streams = 0;
  for (const auto& f : d.findings) {
    if (f.cause != Cause::kMajorityDown) continue;
    ++streams;
    EXPECT_EQ(f.nodes, (std::vector<std::string>{"10.0.0.2:2882", "10.0.0.3:2882"}));
  }
  EXPECT_EQ(streams, 3u);  // every log stream: T1 LS1, T1001 LS1001, T1003 LS1001
}

TEST(DiagnosisSamples, NetworkPartitionDirectionFromMessageCounters) {
  const Diagnosis d = run("lease-loss-4x");
  ASSERT_FALSE(d.findings.empty());
  const Finding& f = d.findings.front();
  const auto dir = std::find_if(f.detail.begin(), f.detail.end(), [](const auto& kv) { return kv.first == "direction"; });
  ASSERT_NE(dir, f.detail.end());
  EXPECT_EQ(dir->second, "two-way");
  EXPECT_EQ(f.nodes, std::vector<std::string>{"10.0.0.2:2882"});
}

TEST(DiagnosisSamples, SlidingWindowSubCause) {
  const Diagnosis d = run("sliding-window-3x");
  const auto sub = std::find_if(d.findings.front().detail.begin(), d.findings.front().detail.end(),
                                [](const auto& kv) { return kv.first == "sub_cause"; });
  ASSERT_NE(sub, d.findings.front().detail.end());
  EXPECT_EQ(sub->second, "unknown");  // the 3.x sample logs neither disk nor network trouble
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

TEST(DiagnosisSamples, ATakeoverRetriedIsOneFindingWithItsRetries) {
  const Diagnosis d = run("takeover-retried-4x");
  std::size_t takeovers = 0;
  for (const Finding* f : all_findings(d)) takeovers += f->cause == Cause::kTakeoverFailed;
  EXPECT_EQ(takeovers, 1u);
  ASSERT_FALSE(d.findings.empty());
  ASSERT_NE(d.findings.front().find_detail("occurrences"), nullptr);
  EXPECT_EQ(*d.findings.front().find_detail("occurrences"), "5");
  EXPECT_GE(d.findings.front().evidence.size(), 5u);
}

TEST(DiagnosisSamples, HeaderlessFilesAreNamedFromTheirRecords) {
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "samples/incidents/majority-down-headerless-4x").string()};
  const ScanResult r = scan(opt);
  std::set<std::string> nodes;
  for (const auto& n : r.nodes) nodes.insert(n.name);
  EXPECT_EQ(nodes, (std::set<std::string>{"10.0.0.1:2882", "10.0.0.2:2882", "10.0.0.3:2882"}));
}

}  // namespace
}  // namespace paxray
