// Leader intervals and leaderless windows per replication group, from the
// events on the corrected timeline.
//
// Election layer (who holds the lease): takeover / revoke messages of the
// leader itself, role-change callbacks, ELECTION event-history rows, acceptor
// dumps naming a lease owner with time left, and a majority of acceptors
// reporting the lease expired. Clog layer (who is PALF leader): switch_state,
// reconfirm finished, PALF_DUMP role/state, LOG ROLE TRANSITION rows and
// GV$OB_LOG_STAT snapshots. A leaderless window starts when a known leader is
// lost and ends at the next leader (or stays open to the end of the logs).
#pragma once

#include "paxray/engine/timeline.h"

namespace paxray {

void derive_leadership(Timeline& tl);

/// Joins RoleChangeService begin / end / failed lines into Timeline::rcs.
void derive_rcs(Timeline& tl);

/// A follower's acceptor can name the old owner until its own lease view runs
/// out (MAX_LEASE_TIME = 10 s, reference §3.1): dumps naming a leader that
/// stepped down less than this before are not taken as its return.
inline constexpr std::int64_t kStaleDumpUs = 10'000'000;

/// "3.712s" -> 3712000; nullopt if malformed.
[[nodiscard]] std::optional<std::int64_t> parse_span_seconds(std::string_view s) noexcept;

}  // namespace paxray
