// Who led a ZooKeeper ensemble when, as its logs show it: one list that the
// rules (elections, storms) and the reports (the timeline's leader bars) read.
#pragma once

#include <string>
#include <vector>

#include "paxray/engine/timeline.h"

namespace paxray {

/// A server leads from its quorum ("Have quorum of supporters", or LEADING in
/// logs without that line) to its next LOOKING or leader shutdown.
struct ZkLeaderPeriod {
  std::string node;
  LocalMicros start = 0;
  LocalMicros end = 0;           ///< the end of the logs while it still leads
  bool open_end = true;          ///< it still led when the logs end
  std::size_t start_event = kNoEvent;  ///< Timeline::events
  std::size_t end_event = kNoEvent;    ///< kNoEvent while open

  /// Whether it led at event `i` (by event order, so ties of time are exact).
  [[nodiscard]] bool open_at(std::size_t i) const noexcept { return start_event < i && (end_event == kNoEvent || end_event > i); }
};

[[nodiscard]] std::vector<ZkLeaderPeriod> zk_leader_periods(const Timeline& tl);

}  // namespace paxray
