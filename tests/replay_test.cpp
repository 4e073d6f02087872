// The reference consensus core and its simulator: liveness without faults,
// determinism, safety over random seeds and fault schedules, the symptom each
// fault produces, the scenario text format, and the core's purity.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "paxray/replay/sim/simulator.h"
#include "test_util.h"

namespace paxray::replay {
namespace {

constexpr std::int64_t kS = 1'000'000;

Scenario three(int leader = 1, std::int64_t duration = 120 * kS) {
  Scenario s;
  s.group = "T1001 LS1001";
  s.duration_us = duration;
  s.replicas = {"a:1", "b:1", "c:1"};
  s.initial_leader = leader;
  return s;
}

Fault fault(Fault::Kind k, int node, std::int64_t from, std::int64_t to = kForever, std::int64_t value = 0, int peer = -1) {
  Fault f;
  f.kind = k;
  f.node = node;
  f.peer = peer;
  f.from_us = from;
  f.to_us = to;
  f.value = value;
  return f;
}

TEST(Replay, NoFaultsMeansALeaderAllTheTime) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RunResult warm = simulate(three(), seed);
    EXPECT_TRUE(warm.leaderless.empty()) << "seed " << seed;
    EXPECT_EQ(warm.max_concurrent_leases, 1);
    // Cold start: a leader within one election (lease wait + backoff + votes).
    const RunResult cold = simulate(three(-1), seed);
    EXPECT_TRUE(cold.leaderless.empty()) << "seed " << seed;
    EXPECT_LT(cold.leader_fraction(0, 120 * kS), 1.0001);
    EXPECT_GT(cold.leader_fraction(3 * kS, 120 * kS), 0.999) << "seed " << seed;
  }
}

TEST(Replay, SameScenarioAndSeedGiveTheSameRun) {
  Scenario s = three();
  s.faults = {fault(Fault::Kind::kCrash, 1, 20 * kS, 40 * kS)};
  SimOptions o;
  o.trace = true;
  const RunResult a = simulate(s, 42, o), b = simulate(s, 42, o);
  EXPECT_EQ(a.trace, b.trace);
  EXPECT_EQ(a.leaderless, b.leaderless);
  EXPECT_EQ(a.events, b.events);
  EXPECT_FALSE(a.trace.empty());
}

TEST(Replay, NeverTwoLeadersWithOverlappingLeases) {
  std::mt19937_64 rng(5);
  const std::array<Fault::Kind, 8> kinds{Fault::Kind::kCrash, Fault::Kind::kLinkDown, Fault::Kind::kLinkDelay, Fault::Kind::kDiskFull,
                                         Fault::Kind::kMemoryFull, Fault::Kind::kSlowDisk, Fault::Kind::kLoad, Fault::Kind::kClock};
  for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
    Scenario s = three(static_cast<int>(rng() % 4) - 1, 60 * kS);
    if (rng() % 2) s.priority = {static_cast<int>(rng() % 3), static_cast<int>(rng() % 3), static_cast<int>(rng() % 3)};
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) {
      const std::int64_t from = static_cast<std::int64_t>(rng() % 40) * kS;
      const auto kind = kinds[rng() % kinds.size()];
      const int node = static_cast<int>(rng() % 3);
      s.faults.push_back(fault(kind, node, from, from + static_cast<std::int64_t>(1 + rng() % 20) * kS,
                               kind == Fault::Kind::kClock ? static_cast<std::int64_t>(rng() % 6'000'000) - 3'000'000
                                                           : static_cast<std::int64_t>(rng() % 3'000'000),
                               (node + 1 + static_cast<int>(rng() % 2)) % 3));
    }
    const RunResult r = simulate(s, seed);
    ASSERT_LE(r.max_concurrent_leases, 1) << "seed " << seed << "\n" << format_scenario(s);
  }
}

// Who leads after a leader crash, over many seeds.
std::map<int, int> winners(const Scenario& s, int seeds) {
  std::map<int, int> count;
  SimOptions o;
  o.trace = true;
  for (std::uint64_t seed = 1; seed <= static_cast<std::uint64_t>(seeds); ++seed) {
    const RunResult r = simulate(s, seed, o);
    for (const auto& line : r.trace) {
      if (line.find("usable") == std::string::npos) continue;
      for (int i = 0; i < static_cast<int>(s.replicas.size()); ++i) {
        if (line.find(s.replicas[static_cast<std::size_t>(i)]) != std::string::npos) ++count[i];
      }
      break;  // the first leader after the crash
    }
  }
  return count;
}

TEST(Replay, TheVoteGoesToTheHighestPriorityAfterTheTimeWindow) {
  Scenario s = three(1, 60 * kS);  // b leads and crashes at 20 s
  s.faults = {fault(Fault::Kind::kCrash, 1, 20 * kS)};
  // Equal priorities: every acceptor picks the same candidate (the earlier replica).
  EXPECT_EQ(winners(s, 50), (std::map<int, int>{{0, 50}}));
  // c has the higher priority: c wins every time, although a campaigns as early.
  s.priority = {0, 0, 3};
  EXPECT_EQ(winners(s, 50), (std::map<int, int>{{2, 50}}));
  // Five replicas, e the best but its log disk full: it does not campaign, and
  // the next best (c) is elected by the other three.
  Scenario five = s;
  five.replicas = {"a:1", "b:1", "c:1", "d:1", "e:1"};
  five.priority = {0, 0, 2, 1, 3};
  five.faults.push_back(fault(Fault::Kind::kDiskFull, 4, 10 * kS));
  EXPECT_EQ(winners(five, 50), (std::map<int, int>{{2, 50}}));
  // From the end of the dead leader's lease: the followers' grants run out with it
  // (renewed every 0.5 s, lasting 4 s), then the time window (2 s), then reconfirm.
  Scenario t = three(1, 60 * kS);
  t.faults = {fault(Fault::Kind::kCrash, 1, 20 * kS)};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const double outage = simulate(t, seed).overlap_s(0, t.duration_us);
    EXPECT_GE(outage, 5.5) << seed;
    EXPECT_LE(outage, 6.8) << seed;
  }
  // The scenario text carries priorities.
  std::string err;
  const auto back = parse_scenario(format_scenario(s), err);
  ASSERT_TRUE(back) << err;
  EXPECT_EQ(back->priority, s.priority);
}

struct Symptom {
  const char* name;
  std::vector<Fault> faults;
  std::int64_t outage_min;  ///< predicted leaderless seconds, at least
  std::int64_t outage_max;  ///< and at most
};

TEST(Replay, EachFaultAloneProducesTheGuidesSymptom) {
  const std::vector<Symptom> cases = {
      // The leader's node dies: its lease runs out (4 s), then a new election.
      {"leader crash", {fault(Fault::Kind::kCrash, 1, 20 * kS)}, 3, 9},
      // Two of three down: no majority, no leader until the end.
      {"majority down", {fault(Fault::Kind::kCrash, 1, 20 * kS), fault(Fault::Kind::kCrash, 2, 20 * kS)}, 90, 101},
      // The leader cut off both ways: its lease lapses; the other two elect.
      {"leader isolated",
       {fault(Fault::Kind::kLinkDown, 1, 20 * kS, kForever, 0, 0), fault(Fault::Kind::kLinkDown, 1, 20 * kS, kForever, 0, 2),
        fault(Fault::Kind::kLinkDown, 0, 20 * kS, kForever, 0, 1), fault(Fault::Kind::kLinkDown, 2, 20 * kS, kForever, 0, 1)},
       1, 9},
      // Clocks 3 s apart on every pair: every message is out of time.
      {"clock skew", {fault(Fault::Kind::kClock, 0, 0, kForever, -3 * kS), fault(Fault::Kind::kClock, 2, 0, kForever, 3 * kS)}, 100, 121},
      // Log disk full on the leader: it cannot stay leader; another is elected.
      // (the followers still hold its lease for up to 4 s, then the time window)
      {"disk full on leader", {fault(Fault::Kind::kDiskFull, 1, 20 * kS)}, 1, 8},
      // Log disk full on a majority: nobody can be leader.
      {"disk full on majority", {fault(Fault::Kind::kDiskFull, 1, 20 * kS), fault(Fault::Kind::kDiskFull, 2, 20 * kS)}, 90, 101},
      // Followers' tenant memory full for 30 s: they cannot receive; no lease renewal.
      {"followers' memory full", {fault(Fault::Kind::kMemoryFull, 0, 20 * kS, 50 * kS), fault(Fault::Kind::kMemoryFull, 2, 20 * kS, 50 * kS)}, 20, 33},
      // The leader's own disk stalls 15 s per write: the window stops sliding.
      {"slow local disk", {fault(Fault::Kind::kSlowDisk, 1, 20 * kS, 60 * kS, 15 * kS)}, 1, 20},
      // Elected leaders cannot reconfirm: each steps down after 10 s.
      {"reconfirm blocked",
       {fault(Fault::Kind::kCrash, 1, 20 * kS), fault(Fault::Kind::kReconfirmBlock, 0, 0), fault(Fault::Kind::kReconfirmBlock, 2, 0)},
       90, 101},
      // The takeover never ends on either candidate: no usable leader.
      {"takeover hang",
       {fault(Fault::Kind::kCrash, 1, 20 * kS), fault(Fault::Kind::kTakeoverHang, 0, 0), fault(Fault::Kind::kTakeoverHang, 2, 0)},
       90, 101},
      // The leader handles each message in 250 ms (a log line's cost under
      // load) and receives ~14 a second: its acks go stale, its lease runs out
      // 4 s later while its followers, still receiving its renewals, grant it
      // 4 s more; then the time window (longer when the overloaded node's own
      // campaigns, whose votes it handles too late, split the vote).
      {"overloaded leader", {fault(Fault::Kind::kLoad, 1, 20 * kS, 60 * kS, 250'000)}, 5, 20},
      // The same load on a follower: the leader and the other follower are a majority.
      {"overloaded follower", {fault(Fault::Kind::kLoad, 0, 20 * kS, 60 * kS, 250'000)}, 0, 0},
      // A light load (5 ms a message) keeps up: no outage.
      {"lightly loaded leader", {fault(Fault::Kind::kLoad, 1, 20 * kS, 60 * kS, 5'000)}, 0, 0},
      // The log stream is dropped on the two followers: the leader cannot renew.
      {"dropped log stream", {fault(Fault::Kind::kDrop, 0, 20 * kS), fault(Fault::Kind::kDrop, 2, 21 * kS)}, 90, 101},
  };
  for (const Symptom& c : cases) {
    Scenario s = three();
    s.faults = c.faults;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      const RunResult r = simulate(s, seed);
      const double outage = r.overlap_s(0, s.duration_us);
      EXPECT_GE(outage, static_cast<double>(c.outage_min)) << c.name << " seed " << seed;
      EXPECT_LE(outage, static_cast<double>(c.outage_max)) << c.name << " seed " << seed;
      EXPECT_LE(r.max_concurrent_leases, 1) << c.name;
    }
  }
}

TEST(Replay, ScenarioTextRoundTrips) {
  Scenario s = three();
  s.start = "2024-03-05 10:00:00.000000";
  s.observed = {{44 * kS, 56 * kS}};
  s.faults = {fault(Fault::Kind::kLinkDown, 1, 40 * kS, 58 * kS, 0, 0), fault(Fault::Kind::kClock, 2, 0, kForever, 900'000),
              fault(Fault::Kind::kSlowDisk, 0, 10 * kS, kForever, 250'000), fault(Fault::Kind::kDrop, 2, 30 * kS)};
  s.faults[0].cause = "network_partition";
  const std::string text = format_scenario(s);
  std::string err;
  const auto back = parse_scenario(text, err);
  ASSERT_TRUE(back) << err << "\n" << text;
  EXPECT_EQ(format_scenario(*back), text);
  EXPECT_EQ(back->without({"network_partition"}).faults.size(), 3u);
  EXPECT_FALSE(parse_scenario("replica a\nduration 10s\nfault crash z from 1s\n", err));
  EXPECT_EQ(err, "line 3: fault names an unknown replica");
  EXPECT_FALSE(parse_scenario("replica a\nduration ten\n", err));
  EXPECT_EQ(err.rfind("line 2:", 0), 0u);
  // Bounds: an edited scenario cannot ask for a run of years or a time past a week.
  EXPECT_FALSE(parse_scenario("replica a\nduration 90000s\n", err));
  EXPECT_EQ(err, "line 2: duration must be a positive time like 120s, at most 86400s");
  EXPECT_FALSE(parse_scenario("replica a\nduration 60s\nfault crash a from 1e300s\n", err));
  EXPECT_FALSE(parse_scenario("replica a\nreplica a\nduration 60s\n", err));
  EXPECT_EQ(err, "line 2: replica 'a' is listed twice");
  EXPECT_FALSE(parse_scenario("replica a priority high\nduration 60s\n", err));
  EXPECT_EQ(err, "line 1: replica reads NAME [priority N]");
}

TEST(Replay, TheCoreReadsNoClockStartsNoThreadAndDoesNoIo) {
  // Every file of replay/core: no clock, thread, randomness or I/O, and no
  // header of paxray but the core's own (it links nothing of paxray).
  std::string src;  // code only: comments may say what the core does not do
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(testing::source_dir() / "replay/core")) {
    if (!e.is_regular_file()) continue;
    ++files;
    std::istringstream in(testing::read_file(e.path()));
    for (std::string line; std::getline(in, line);) {
      line = line.substr(0, line.find("//"));
      if (line.starts_with("#include \"paxray/")) {
        EXPECT_TRUE(line.starts_with("#include \"paxray/replay/core/")) << e.path() << ": " << line;
      }
      src += line + "\n";
    }
  }
  EXPECT_GE(files, 7u);
  for (const char* forbidden : {"chrono", "_clock", "time(", "rand(", "random_device", "thread", "fopen", "ifstream", "ofstream",
                                "cout", "cerr", "printf", "getenv"}) {
    EXPECT_EQ(src.find(forbidden), std::string::npos) << forbidden;
  }
}

}  // namespace
}  // namespace paxray::replay
