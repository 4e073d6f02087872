#include "clock_solver.h"

#include <algorithm>
#include <limits>

namespace paxray {
namespace {

constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max() / 4;

// min and spread-bounded count of one-way samples from `from` to `to`.
std::optional<std::int64_t> systematic_min(const std::vector<OneWaySample>& samples, std::size_t from, std::size_t to) {
  std::vector<std::int64_t> v;
  for (const auto& s : samples) {
    if (s.from == from && s.to == to) v.push_back(s.value);
  }
  if (static_cast<int>(v.size()) < kMinSystematicSamples) return std::nullopt;
  std::sort(v.begin(), v.end());
  // Systematic: the median sits close to the minimum (random delays spread out).
  if (v[v.size() / 2] - v.front() > kSystematicSpreadUs) return std::nullopt;
  return v.front();
}

}  // namespace

ClockSolution solve_clock_offsets(std::size_t n, std::size_t ref, const std::vector<ClockConstraint>& constraints,
                                  const std::vector<OneWaySample>& samples) {
  ClockSolution sol;
  sol.offset.assign(n, 0);
  sol.lo.assign(n, std::nullopt);
  sol.hi.assign(n, std::nullopt);
  sol.basis.assign(n, "unconstrained: the logs hold no causal pair for this node");
  if (n == 0 || ref >= n) return sol;
  sol.basis[ref] = "reference";

  std::vector<std::vector<std::int64_t>> d(n, std::vector<std::int64_t>(n, kInf));
  for (std::size_t i = 0; i < n; ++i) d[i][i] = 0;
  for (const auto& c : constraints) {
    if (c.a < n && c.b < n) d[c.a][c.b] = std::min(d[c.a][c.b], c.w);
  }
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      if (d[i][k] >= kInf) continue;
      for (std::size_t j = 0; j < n; ++j) {
        if (d[k][j] < kInf) d[i][j] = std::min(d[i][j], d[i][k] + d[k][j]);
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (d[i][i] < 0) sol.consistent = false;
  }
  if (!sol.consistent) {
    for (std::size_t i = 0; i < n; ++i) {
      if (i != ref) sol.basis[i] = "inconsistent: the causal pairs contradict each other (a clock probably jumped); offset not applied";
    }
    return sol;
  }

  for (std::size_t x = 0; x < n; ++x) {
    if (x == ref) continue;
    // off[x] - off[ref] <= d[ref][x];  off[ref] - off[x] <= d[x][ref]
    if (d[ref][x] < kInf) sol.hi[x] = d[ref][x];
    if (d[x][ref] < kInf) sol.lo[x] = -d[x][ref];
    const auto& lo = sol.lo[x];
    const auto& hi = sol.hi[x];
    if (lo && hi) {
      sol.offset[x] = *lo + (*hi - *lo) / 2;
      sol.basis[x] = "bounded on both sides by causal pairs / clockdiff; midpoint";
      continue;
    }
    if (!lo && !hi) continue;
    // One-sided: systematic one-way samples (every message shows the same
    // excess) mean a clock offset rather than delay.
    const auto from_ref = systematic_min(samples, ref, x);  // x receives: off[x]-off[ref] <= min
    const auto to_ref = systematic_min(samples, x, ref);    // ref receives: off[ref]-off[x] <= min
    if (hi && from_ref && *from_ref > 0) {
      sol.offset[x] = std::min(*hi, *from_ref);
      sol.basis[x] = "one-sided: messages to this node consistently arrive late by this much (fastest taken as ~0 delay)";
    } else if (lo && to_ref && *to_ref > 0) {
      sol.offset[x] = std::max(*lo, -*to_ref);
      sol.basis[x] = "one-sided: messages from this node consistently arrive late by this much (fastest taken as ~0 delay)";
    } else if (hi && *hi < 0) {
      sol.offset[x] = *hi;
      sol.basis[x] = "one-sided upper bound below zero";
    } else if (lo && *lo > 0) {
      sol.offset[x] = *lo;
      sol.basis[x] = "one-sided lower bound above zero";
    } else {
      sol.basis[x] = "one-sided bound that allows no offset; none applied";
    }
  }
  return sol;
}

}  // namespace paxray
