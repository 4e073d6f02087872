// Who led an etcd cluster when, and when its members lost their leader, as
// the members' logs show it: one reading that the etcd rules and the HTML
// timeline's leader bars share.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "paxray/engine/timeline.h"

namespace paxray {

/// A leader's term: from `became leader at term T` (or, when its own log is
/// missing, the first follower's `elected leader L at term T`) to its own step
/// down, its restart, or the next leader elected at a higher term.
struct EtcdTerm {
  std::string leader;  ///< member id
  std::int64_t term = 0;
  LocalMicros start = 0;
  LocalMicros end = 0;
  bool open_end = true;
  std::size_t start_event = kNoEvent;  ///< Timeline::events
  std::size_t end_event = kNoEvent;
};

/// A span in which the cluster had no leader a quorum followed: it starts when
/// enough members lost the leader (`lost leader L`, counting members the others
/// could not reach) or the leader stepped down itself, and ends at the next
/// elected leader.
struct EtcdOutage {
  std::string old_leader;
  std::int64_t old_term = 0;
  LocalMicros term_start = 0;  ///< when the old leader's term began
  /// The members it lost were stopped on purpose: the old leader, or enough
  /// of the members nobody reached, logged a signal and shut down.
  std::size_t shutdown_event = kNoEvent;
  /// The old leader handed leadership over (`move-leader`, a transfer it
  /// started or finished) as the members lost it: deliberate.
  std::size_t transfer_event = kNoEvent;
  LocalMicros start = 0;
  LocalMicros end = 0;  ///< the next leader, or the end of the logs
  bool open_end = false;
  std::string next_leader;
  std::size_t next_event = kNoEvent;
  std::vector<std::size_t> lost;  ///< the `lost leader` / step-down lines
  std::vector<std::string> unreachable;  ///< members the others could not reach then
  LocalMicros unreachable_from = 0;      ///< the first line saying one of them could not be reached (else start)
  /// Members whose logs were not read, when only counting them as having
  /// lost the leader too makes this an outage: a guess their logs would decide.
  std::vector<std::string> not_read;
  [[nodiscard]] bool partial() const noexcept { return !not_read.empty(); }
};

struct EtcdLeadership {
  std::vector<EtcdTerm> terms;
  std::vector<EtcdOutage> outages;
  std::vector<std::string> members;      ///< voters (member ids), from the configuration lines, else the members seen
  std::map<std::string, std::string> names;  ///< member id -> --name, where a start-up line gives it
  /// "e2 (2943212f5e2cf73)", or the id alone.
  [[nodiscard]] std::string label(const std::string& id) const;
};

[[nodiscard]] EtcdLeadership etcd_leadership(const Timeline& tl);

/// Whether a peer-connection line says the peer's process is gone (closed,
/// refused, reset) rather than silent (a timeout).
[[nodiscard]] bool etcd_peer_gone(const Event& e);

}  // namespace paxray
