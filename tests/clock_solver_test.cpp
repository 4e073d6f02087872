// The clock-offset solver against a brute-force search over integer offsets
// (the style of etcd-io/raft's quorum quick test), plus its estimate rules.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "../engine/src/clock_solver.h"

namespace paxray {
namespace {

TEST(ClockSolver, BoundsMatchBruteForce) {
  std::mt19937_64 rng(11);
  // Offsets searched in [-15, 15]; weights in [-3, 3] over at most 3 nodes, so
  // every true bound lies within +-6 and an unbounded side reaches at least
  // 15 - 6 inside the search range.
  constexpr int kRange = 15;
  constexpr int kMargin = 6;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t n = 2 + rng() % 2;
    std::vector<ClockConstraint> cs;
    const std::size_t m = rng() % 6;
    for (std::size_t k = 0; k < m; ++k) {
      const std::size_t a = rng() % n, b = rng() % n;
      if (a == b) continue;
      cs.push_back({a, b, static_cast<std::int64_t>(rng() % 7) - 3});
    }
    const ClockSolution sol = solve_clock_offsets(n, 0, cs, {});
    // Brute force: every assignment with off[0] = 0 satisfying all constraints.
    std::vector<std::int64_t> lo(n, kRange + 1), hi(n, -kRange - 1);
    bool any = false;
    std::vector<std::int64_t> off(n, 0);
    const std::size_t combos = static_cast<std::size_t>(std::pow(2 * kRange + 1, n - 1));
    for (std::size_t c = 0; c < combos; ++c) {
      std::size_t x = c;
      for (std::size_t i = 1; i < n; ++i) {
        off[i] = static_cast<std::int64_t>(x % (2 * kRange + 1)) - kRange;
        x /= 2 * kRange + 1;
      }
      bool ok = true;
      for (const auto& k : cs) ok = ok && off[k.b] - off[k.a] <= k.w;
      if (!ok) continue;
      any = true;
      for (std::size_t i = 0; i < n; ++i) {
        lo[i] = std::min(lo[i], off[i]);
        hi[i] = std::max(hi[i], off[i]);
      }
    }
    ASSERT_EQ(sol.consistent, any) << "round " << round;
    if (!any) continue;
    for (std::size_t i = 1; i < n; ++i) {
      // A bound the solver reports must equal the brute-force extreme; an
      // unbounded side shows up as the search range's edge.
      if (sol.lo[i]) {
        EXPECT_EQ(*sol.lo[i], lo[i]) << "round " << round << " node " << i;
      } else {
        EXPECT_LE(lo[i], -kRange + kMargin) << "round " << round << " node " << i;
      }
      if (sol.hi[i]) {
        EXPECT_EQ(*sol.hi[i], hi[i]) << "round " << round << " node " << i;
      } else {
        EXPECT_GE(hi[i], kRange - kMargin) << "round " << round << " node " << i;
      }
      EXPECT_GE(sol.offset[i], lo[i]);
      EXPECT_LE(sol.offset[i], hi[i]);
    }
  }
}

TEST(ClockSolver, NoConstraintsNoOffset) {
  const ClockSolution sol = solve_clock_offsets(3, 0, {}, {});
  EXPECT_EQ(sol.offset, (std::vector<std::int64_t>{0, 0, 0}));
  EXPECT_NE(sol.basis[1].find("unconstrained"), std::string::npos);
}

TEST(ClockSolver, SystematicOneWayDelayIsAnOffset) {
  // Node 1 runs 900 ms ahead: every message 0 -> 1 "takes" 900-930 ms.
  std::vector<ClockConstraint> cs;
  std::vector<OneWaySample> samples;
  for (std::int64_t d : {903'000, 917'000, 900'500, 925'000}) {
    cs.push_back({0, 1, d});
    samples.push_back({0, 1, d});
  }
  const ClockSolution sol = solve_clock_offsets(2, 0, cs, samples);
  EXPECT_EQ(sol.offset[1], 900'500);
  EXPECT_EQ(*sol.hi[1], 900'500);
  EXPECT_FALSE(sol.lo[1].has_value());
}

TEST(ClockSolver, ScatteredDelaysAreNotAnOffset) {
  std::vector<ClockConstraint> cs;
  std::vector<OneWaySample> samples;
  for (std::int64_t d : {120'000, 480'000, 900'000, 2'000'000}) {  // RPC backlog, not skew
    cs.push_back({0, 1, d});
    samples.push_back({0, 1, d});
  }
  const ClockSolution sol = solve_clock_offsets(2, 0, cs, samples);
  EXPECT_EQ(sol.offset[1], 0);
}

TEST(ClockSolver, TwoSidedMeasurementIsUsed) {
  // clockdiff: node 2 is 2.5 s +- 1 ms ahead of node 0.
  const std::vector<ClockConstraint> cs{{0, 2, 2'501'000}, {2, 0, -2'499'000}};
  const ClockSolution sol = solve_clock_offsets(3, 0, cs, {});
  EXPECT_EQ(*sol.lo[2], 2'499'000);
  EXPECT_EQ(*sol.hi[2], 2'501'000);
  EXPECT_EQ(sol.offset[2], 2'500'000);
  EXPECT_EQ(sol.offset[1], 0);
}

TEST(ClockSolver, ContradictionIsReportedNotApplied) {
  const std::vector<ClockConstraint> cs{{0, 1, -1'000'000}, {1, 0, -1'000'000}};
  const ClockSolution sol = solve_clock_offsets(2, 0, cs, {});
  EXPECT_FALSE(sol.consistent);
  EXPECT_EQ(sol.offset[1], 0);
}

}  // namespace
}  // namespace paxray
