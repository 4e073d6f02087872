// Clock offsets from causal pairs, as difference constraints.
//
// With off[x] = node x's clock - true time, a message sent by a at local time s
// and received by b at local time r gives r - s = delay + off[b] - off[a] with
// delay >= 0, so off[b] - off[a] <= r - s. A clockdiff measurement of b from a
// gives both a lower and an upper bound. The feasible offsets of each node
// relative to the reference are the shortest-path bounds of that constraint
// graph (Floyd-Warshall; a handful of nodes). Pure function, no I/O; tested
// against a brute-force search in tests/clock_solver_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace paxray {

struct ClockConstraint {
  std::size_t a = 0;
  std::size_t b = 0;
  std::int64_t w = 0;  ///< off[b] - off[a] <= w (microseconds)
};

/// One-way observations "receive time at `to` - send time at `from`", used to
/// tell a systematic offset (every message shows it) from random delay.
struct OneWaySample {
  std::size_t from = 0;
  std::size_t to = 0;
  std::int64_t value = 0;
};

struct ClockSolution {
  bool consistent = true;  ///< false: the constraints contradict (a clock jumped)
  std::vector<std::int64_t> offset;  ///< relative to the reference
  std::vector<std::optional<std::int64_t>> lo, hi;
  std::vector<std::string> basis;
};

/// Systematic one-way samples: at least this many, all within this spread of
/// their minimum, make the minimum the estimate (the fastest message is taken
/// to have had ~0 network delay, as NTP does).
inline constexpr int kMinSystematicSamples = 3;
inline constexpr std::int64_t kSystematicSpreadUs = 100'000;

[[nodiscard]] ClockSolution solve_clock_offsets(std::size_t nodes, std::size_t reference,
                                                const std::vector<ClockConstraint>& constraints,
                                                const std::vector<OneWaySample>& samples);

}  // namespace paxray
