// Clock episodes: spells in which one node's clock ran apart from its usual
// offset and came back (an NTP step, a paused VM, a manual `date`). Averaged
// over the whole log such a clock looks right, so they are found before the
// constant offsets are solved: one-way samples (packet fly times, election
// message delays) that cluster in time, agree on one size and involve the same
// node with at least two peers. A sample is "receive time at `to` - send time
// at `from`" = off[to] - off[from] + delay, so a node running ahead makes
// every peer's messages look late to it; one running behind makes its own
// messages look late to every peer. Samples inside an episode are left out of
// the constant solve; lines inside it are corrected by its size.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "paxray/parsers/event.h"

namespace paxray {

struct EpisodeSample {
  std::size_t from = 0;     ///< sender (node index)
  std::size_t to = 0;       ///< receiver (node index)
  std::int64_t value = 0;   ///< receive time at `to` minus send time at `from`, µs
  LocalMicros at = 0;       ///< the receiver's own clock when it logged the sample
  std::size_t event = 0;    ///< index of the event that carries it
};

/// `clock out of order` (4.x ClockGenerator): the node's clock went back by
/// -delta (delta < 0) or jumped forward (delta > 0) at `at`, its own clock.
struct ClockJumpSeen {
  std::size_t node = 0;
  LocalMicros at = 0;
  std::int64_t delta_us = 0;
  std::size_t event = 0;
};

inline constexpr std::size_t kNoSample = std::numeric_limits<std::size_t>::max();

struct FoundEpisode {
  std::size_t node = 0;
  std::int64_t step_us = 0;          ///< the node's clock minus its usual: + ahead, - behind
  LocalMicros first_at = 0;          ///< the first sample, on the node's own clock (approximately, when behind)
  LocalMicros last_at = 0;
  std::size_t first_event = 0;       ///< the first sample's event
  std::size_t last_event = 0;        ///< the last sample's event
  std::size_t jump_event = kNoSample;  ///< the `clock out of order` that ended it, when logged
  std::int64_t jump_delta_us = 0;
  int peers = 0;
  std::vector<std::size_t> samples;  ///< indexes into the samples given
};

/// Episodes per node. `first` / `last` are each node's first and last line on
/// its own clock: a run of samples that covers (nearly) the whole log is a
/// constant offset, not an episode, and is left to the solver.
[[nodiscard]] std::vector<FoundEpisode> find_clock_episodes(std::size_t nodes, const std::vector<EpisodeSample>& samples,
                                                            const std::vector<ClockJumpSeen>& jumps,
                                                            const std::vector<LocalMicros>& first,
                                                            const std::vector<LocalMicros>& last);

}  // namespace paxray
