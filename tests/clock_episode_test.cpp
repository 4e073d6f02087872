// Clock episodes: a clock that ran apart for a spell and came back is found
// with its start, end and size, its lines are corrected by it, and it does not
// pass for a constant offset (engine/src/clock_episodes.h).
#include <gtest/gtest.h>

#include "../engine/src/clock_episodes.h"
#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/timestamp.h"
#include "test_util.h"

namespace paxray {
namespace {

constexpr LocalMicros kS = 1'000'000;

// Samples of node 2 hearing nodes 0 and 1 `late` late, every 2 s over [from, to).
std::vector<EpisodeSample> heard_late(std::size_t node, LocalMicros from, LocalMicros to, std::int64_t late) {
  std::vector<EpisodeSample> v;
  std::size_t event = 0;
  for (LocalMicros t = from; t < to; t += 2 * kS) {
    for (std::size_t peer = 0; peer < 3; ++peer) {
      if (peer != node) v.push_back({peer, node, late + static_cast<std::int64_t>(event % 7) * 1'000, t + late, event++});
    }
  }
  return v;
}

const std::vector<LocalMicros> kFirst{0, 0, 0}, kLast{600 * kS, 600 * kS, 600 * kS};

TEST(ClockEpisodes, AStepAheadThatComesBackIsOneEpisode) {
  const auto samples = heard_late(2, 100 * kS, 160 * kS, 3 * kS);
  const std::vector<ClockJumpSeen> jumps{{2, 161 * kS, -3 * kS, 999}};
  const auto e = find_clock_episodes(3, samples, jumps, kFirst, kLast);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].node, 2u);
  EXPECT_NEAR(static_cast<double>(e[0].step_us), 3e6, 1e4);
  EXPECT_EQ(e[0].peers, 2);
  EXPECT_EQ(e[0].jump_event, 999u);
  EXPECT_EQ(e[0].samples.size(), samples.size());
}

TEST(ClockEpisodes, ANodeBehindMakesItsOwnMessagesLateToEveryPeer) {
  std::vector<EpisodeSample> v;
  std::size_t event = 0;
  for (LocalMicros t = 200 * kS; t < 230 * kS; t += kS) {
    v.push_back({1, 0, 4 * kS, t, event++});
    v.push_back({1, 2, 4 * kS + 2'000, t, event++});
  }
  const auto e = find_clock_episodes(3, v, {}, kFirst, kLast);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].node, 1u);
  EXPECT_LT(e[0].step_us, -3'900'000);
  EXPECT_EQ(e[0].jump_event, kNoSample);
}

TEST(ClockEpisodes, OneSlowLinkIsNotAClock) {
  std::vector<EpisodeSample> v;
  for (std::size_t i = 0; i < 20; ++i) v.push_back({0, 2, 3 * kS, 100 * kS + static_cast<LocalMicros>(i) * kS, i});
  EXPECT_TRUE(find_clock_episodes(3, v, {}, kFirst, kLast).empty());
}

TEST(ClockEpisodes, AWholeLogRunWithoutAStepBackIsAConstantOffset) {
  const auto samples = heard_late(2, 10 * kS, 590 * kS, 3 * kS);
  EXPECT_TRUE(find_clock_episodes(3, samples, {}, kFirst, kLast).empty());
}

TEST(ClockEpisodes, DelaysThatDisagreeAreNotOneStep) {
  std::vector<EpisodeSample> v;
  for (std::size_t i = 0; i < 20; ++i) {
    v.push_back({i % 2, 2, (1 + static_cast<std::int64_t>(i % 5)) * kS, 100 * kS + static_cast<LocalMicros>(i) * kS, i});
  }
  for (const auto& e : find_clock_episodes(3, v, {}, kFirst, kLast)) EXPECT_LT(e.samples.size(), 5u);
}

// The bundled story: node3's clock is 3 s ahead from 30 s to 90 s.
TEST(ClockEpisodes, TheBundledClockStepIsFoundAndItsLinesCorrected) {
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "samples/incidents/clock-step-4x").string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  const ClockOffset* c = tl.clock("10.0.0.3:2882");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->offset_us, 0) << c->basis;  // not taken for a constant offset
  ASSERT_EQ(c->episodes.size(), 1u);
  const ClockEpisode& e = c->episodes[0];
  EXPECT_NEAR(static_cast<double>(e.step_us), 3e6, 2e4);
  EXPECT_TRUE(e.ended_by_jump);
  EXPECT_EQ(format_timestamp(e.end), "2024-03-05 10:01:30.000000");
  EXPECT_GE(e.start, *parse_fixed_timestamp("2024-03-05 10:00:30.000000"));
  EXPECT_LT(e.start, *parse_fixed_timestamp("2024-03-05 10:00:32.000000"));
  // node3's lease-expiry line, written at 10:00:37 on its stepped clock, sits at 10:00:34.
  bool seen = false;
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const Event& ev = tl.events[i];
    if (ev.node == "10.0.0.3:2882" && ev.text.find("leader lease expired") != std::string::npos) {
      EXPECT_EQ(format_timestamp(ev.ts), "2024-03-05 10:00:37.000000");
      // within the network delay the samples carry on top of the step
      EXPECT_NEAR(static_cast<double>(tl.times[i] - *parse_fixed_timestamp("2024-03-05 10:00:34.000000")), 0.0, 20'000.0);
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace paxray
