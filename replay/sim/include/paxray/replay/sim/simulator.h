// The host around the replica core: a discrete-event simulator that owns true
// time, each replica's clock offset, the network (delay, drop, one-way
// isolation) and the fault schedule. Same scenario + same seed gives the same
// run, bit for bit (tests/replay_test.cpp runs it twice and compares traces).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "paxray/replay/core/replica.h"
#include "paxray/replay/sim/scenario.h"

namespace paxray::replay {

struct RunResult {
  /// Windows (relative µs) with no usable leader (leader, lease valid, takeover done).
  std::vector<std::pair<std::int64_t, std::int64_t>> leaderless;
  std::uint64_t events = 0;          ///< protocol events processed (messages, ticks, faults)
  std::vector<std::string> trace;    ///< notes, when asked for
  /// When (relative µs, in order) a replica would write that a leader is lost:
  /// a lease that ran out unrenewed, a leader that stepped down while it ran.
  /// The logs date an outage by these, not by the instant a leader crashed.
  std::vector<std::int64_t> logged;
  int max_concurrent_leases = 0;     ///< safety: never more than 1

  /// Fraction of [from, to) with a usable leader.
  [[nodiscard]] double leader_fraction(std::int64_t from, std::int64_t to) const;
  /// Seconds of overlap between the predicted windows and [from, to).
  [[nodiscard]] double overlap_s(std::int64_t from, std::int64_t to) const;
  /// When the logs would date the leaderless window [a, b): the first logged
  /// loss in it (at or after a), else a.
  [[nodiscard]] std::int64_t logged_start(std::int64_t a, std::int64_t b) const;
};

struct SimOptions {
  Timing timing;
  std::int64_t net_delay_us = 1'000;   ///< base one-way delay
  std::int64_t net_jitter_us = 2'000;  ///< + uniform jitter
  bool trace = false;
};

[[nodiscard]] RunResult simulate(const Scenario& s, std::uint64_t seed, const SimOptions& options = {});

}  // namespace paxray::replay
