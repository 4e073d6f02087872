// OpenIO sqliterepo's election state machine, as a reference table
// (shared/reference/zookeeper-openio-formats.md §B1-B3). Pure: no clock or
// I/O; a history is replayed entry by entry.
//
//   validate_history({"NONE:NONE:CREATING", ...})   -> impossible / abnormal transitions, final state
//   replay_with_peers_answering(history, peers)     -> where the election ends when GETVERS succeeds
#pragma once

#include <string>
#include <vector>

namespace paxray::replay::oio {

struct Transition {
  std::string pre, event, post;
};

/// Parses "PRE:EVT:POST"; false when it is not three names.
[[nodiscard]] bool parse_transition(const std::string& s, Transition& out);

/// Whether the reference allows `t`: listed; "abnormal" (an event not listed
/// for the state, logged without a state change, as the code does); or impossible.
enum class Verdict { kAllowed, kAbnormal, kImpossible };
[[nodiscard]] Verdict check(const Transition& t);

struct HistoryCheck {
  std::vector<std::string> impossible;  ///< entries the state machine cannot produce
  std::vector<std::string> abnormal;
  bool chained = true;                  ///< each entry starts where the previous one ended
  std::string final_state;
};
[[nodiscard]] HistoryCheck validate_history(const std::vector<std::string>& oldest_first);

/// Replays the history up to its first failed version check, then lets every
/// peer answer GETVERS_OK: the state the election reaches (MASTER when this
/// member is first in the listing, SLAVE behind a master).
[[nodiscard]] std::string replay_with_peers_answering(const std::vector<std::string>& oldest_first, int peers);

}  // namespace paxray::replay::oio
