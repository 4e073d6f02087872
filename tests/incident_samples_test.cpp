// The bundled sample incidents, end to end: what the timeline must find in each.
#include <gtest/gtest.h>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "test_util.h"

namespace paxray {
namespace {

struct Loaded {
  ScanResult scan;
  Timeline tl;
};

Loaded load(const char* name) {
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "samples/incidents" / name).string()};
  Loaded l;
  l.scan = paxray::scan(opt);
  l.tl = build_timeline(l.scan, {});
  return l;
}

LocalMicros at(const char* s) { return *parse_user_timestamp(s); }

TEST(IncidentSamples, HealthyClusterHasNoLeaderlessWindowAndNoOffset) {
  const Loaded l = load("basic-4x");
  EXPECT_TRUE(l.tl.leaderless.empty());
  for (const auto& c : l.tl.clocks) EXPECT_EQ(c.offset_us, 0) << c.node;
  EXPECT_EQ(l.tl.nodes.size(), 3u);
  EXPECT_EQ(l.scan.totals.unparsed_total(), 0u);
  // Every log stream has an election leader for the whole run (from dumps).
  EXPECT_GE(l.tl.leaders.size(), 5u);
}

TEST(IncidentSamples, LeaseLoss4x) {
  const Loaded l = load("lease-loss-4x");
  ASSERT_EQ(l.tl.leaderless.size(), 2u);
  const GroupKey g{1001, 1001, -1, -1, {}};
  for (const auto& w : l.tl.leaderless) {
    EXPECT_EQ(w.group, g);
    EXPECT_EQ(w.last_leader, "10.0.0.2:2882");
    EXPECT_FALSE(w.open_end);
    if (w.layer == LeaderLayer::kElection) {
      EXPECT_EQ(w.start, at("2024-03-05 10:00:44"));
      EXPECT_EQ(w.end, at("2024-03-05 10:00:47.2"));
      EXPECT_EQ(l.tl.events[w.start_event].kind, EventKind::elect_leader_revoked);
      EXPECT_EQ(l.tl.events[w.end_event].node, "10.0.0.1:2882");
    } else {
      EXPECT_EQ(w.start, at("2024-03-05 10:00:44.0009"));
      EXPECT_EQ(w.end, at("2024-03-05 10:00:47.53"));
      EXPECT_EQ(l.tl.events[w.end_event].kind, EventKind::reconfirm_finished);
    }
  }
  // Node 3 runs 900 ms ahead: recovered, bounded on both sides (clockdiff).
  const ClockOffset* c = l.tl.clock("10.0.0.3:2882");
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->lo_us && c->hi_us);
  EXPECT_LE(*c->lo_us, 900'000);
  EXPECT_GE(*c->hi_us, 900'000);
  EXPECT_NEAR(static_cast<double>(c->offset_us), 900'000.0, 2'000.0);
  EXPECT_EQ(l.tl.clock("10.0.0.2:2882")->offset_us, 0);
  // The saved query results are read and their rows placed on the axis.
  std::size_t history = 0, log_stat = 0, not_master = 0;
  for (const auto& ev : l.tl.events) {
    history += ev.kind == EventKind::history_election;
    log_stat += ev.kind == EventKind::log_stat_row;
    not_master += ev.kind == EventKind::not_master && ev.get(Attr::kDstAddr) && *ev.get(Attr::kDstAddr) == "10.0.0.2:2882";
  }
  EXPECT_EQ(history, 4u);
  EXPECT_EQ(log_stat, 3u);
  EXPECT_EQ(not_master, 4u);
}

TEST(IncidentSamples, SlidingWindow3x) {
  const Loaded l = load("sliding-window-3x");
  ASSERT_EQ(l.tl.leaderless.size(), 1u);
  const LeaderlessWindow& w = l.tl.leaderless[0];
  EXPECT_EQ(w.group, (GroupKey{1001, -1, 1100611139458321, 710, {}}));
  EXPECT_EQ(w.start, at("2024-03-05 10:00:40.009"));
  EXPECT_EQ(w.end, at("2024-03-05 10:00:48"));
  EXPECT_EQ(w.last_leader, "10.0.1.1:2882");
  // 3.x: no file header, nodes named from the election lines' self address.
  EXPECT_EQ(l.tl.nodes, (std::vector<std::string>{"10.0.1.1:2882", "10.0.1.2:2882", "10.0.1.3:2882"}));
  bool rotated = false;
  for (const auto& f : l.scan.files) rotated |= f.rotated && f.path.find("observer.log.20240305100030") != std::string::npos;
  EXPECT_TRUE(rotated);
}

}  // namespace
}  // namespace paxray
