#include "paxray/replay/core/oio_election.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace paxray::replay::oio {
namespace {

struct Row {
  std::string_view pre;
  std::string_view event;
  std::array<std::string_view, 6> posts;  ///< allowed next states ("" ends the list)
};

// §B3, state by state. "*" as pre: any state.
constexpr std::array<Row, 52> kTable{{
    {"*", "DISCONNECTED", {"NONE"}},
    {"NONE", "NONE", {"PEERING", "CREATING", "NONE"}},
    {"NONE", "SYNC_REQ", {"NONE"}},
    {"NONE", "LEAVE_REQ", {"NONE"}},
    {"NONE", "LEFT_SELF", {"NONE"}},
    {"NONE", "LEFT_MASTER", {"NONE"}},
    {"PEERING", "GETPEERS_DONE", {"CREATING", "FAILED"}},
    {"CREATING", "CREATE_OK", {"WATCHING", "LEAVING"}},
    {"CREATING", "CREATE_KO", {"FAILED"}},
    {"CREATING", "NONE", {"FAILED", "CREATING"}},
    {"WATCHING", "EXISTS_OK", {"LISTING", "LEAVING", "PEERING"}},
    {"WATCHING", "EXISTS_KO", {"LEAVING"}},
    {"LISTING", "LIST_OK", {"CHECKING_SLAVES", "ASKING", "LEAVING"}},
    {"LISTING", "LIST_KO", {"LEAVING_FAILING"}},
    {"ASKING", "MASTER_OK", {"CHECKING_MASTER", "LISTING"}},
    {"ASKING", "MASTER_KO", {"LEAVING", "LISTING", "LEAVING_FAILING"}},
    {"ASKING", "MASTER_BAD", {"LEAVING_FAILING"}},
    {"CHECKING_MASTER", "GETVERS_OK", {"SLAVE", "LEAVING", "LISTING", "PEERING"}},
    {"CHECKING_MASTER", "GETVERS_KO", {"DELAYED_CHECKING_MASTER", "LEAVING_FAILING", "LEAVING", "LISTING", "PEERING"}},
    {"CHECKING_MASTER", "GETVERS_OLD", {"SYNCING", "LEAVING", "LISTING", "PEERING"}},
    {"CHECKING_MASTER", "GETVERS_RACE", {"SYNCING", "LEAVING", "LISTING", "PEERING"}},
    {"CHECKING_SLAVES", "GETVERS_OK", {"CHECKING_SLAVES", "MASTER", "LEAVING", "PEERING", "DELAYED_CHECKING_SLAVES", "LEAVING_FAILING"}},
    {"CHECKING_SLAVES", "GETVERS_KO", {"CHECKING_SLAVES", "DELAYED_CHECKING_SLAVES", "LEAVING_FAILING", "LEAVING", "PEERING", "MASTER"}},
    {"CHECKING_SLAVES", "GETVERS_OLD", {"CHECKING_SLAVES", "LEAVING", "PEERING"}},
    {"CHECKING_SLAVES", "GETVERS_RACE", {"CHECKING_SLAVES", "LEAVING", "PEERING"}},
    {"DELAYED_CHECKING_MASTER", "NONE", {"CHECKING_MASTER", "REFRESH_CHECKING_MASTER", "LEAVING_FAILING", "DELAYED_CHECKING_MASTER"}},
    {"DELAYED_CHECKING_MASTER", "LEFT_SELF", {"CREATING"}},
    {"DELAYED_CHECKING_MASTER", "LEFT_MASTER", {"LISTING"}},
    {"DELAYED_CHECKING_SLAVES", "NONE", {"CHECKING_SLAVES", "REFRESH_CHECKING_SLAVES", "LEAVING_FAILING", "DELAYED_CHECKING_SLAVES"}},
    {"DELAYED_CHECKING_SLAVES", "LEFT_SELF", {"CREATING"}},
    {"REFRESH_CHECKING_MASTER", "GETPEERS_DONE", {"CHECKING_MASTER", "LEAVING", "PEERING", "LISTING", "LEAVING_FAILING"}},
    {"REFRESH_CHECKING_SLAVES", "GETPEERS_DONE", {"CHECKING_SLAVES", "LEAVING", "PEERING", "LEAVING_FAILING"}},
    {"SYNCING", "SYNC_OK", {"SLAVE", "LEAVING", "PEERING", "LISTING"}},
    {"SYNCING", "SYNC_KO", {"SLAVE", "LEAVING", "PEERING", "LISTING"}},
    {"LEAVING", "LEAVE_OK", {"NONE"}},
    {"LEAVING", "LEAVE_KO", {"LEAVING_FAILING"}},
    {"LEAVING", "LEFT_SELF", {"LEAVING"}},
    {"LEAVING", "LEFT_MASTER", {"LEAVING"}},
    {"LEAVING_FAILING", "LEAVE_OK", {"FAILED"}},
    {"LEAVING_FAILING", "LEAVE_KO", {"FAILED"}},
    {"LEAVING_FAILING", "LEFT_SELF", {"LEAVING_FAILING"}},
    {"LEAVING_FAILING", "LEFT_MASTER", {"LEAVING_FAILING"}},
    {"FAILED", "NONE", {"PEERING", "NONE"}},
    {"FAILED", "LEAVE_REQ", {"NONE"}},
    {"SLAVE", "NONE", {"LEAVING", "SLAVE"}},
    {"SLAVE", "LEAVE_REQ", {"LEAVING"}},
    {"SLAVE", "LEFT_SELF", {"PEERING"}},
    {"SLAVE", "LEFT_MASTER", {"LISTING"}},
    {"SLAVE", "SYNC_REQ", {"SYNCING"}},
    {"MASTER", "NONE", {"LEAVING", "MASTER"}},
    {"MASTER", "LEAVE_REQ", {"LEAVING"}},
    {"MASTER", "LEFT_SELF", {"PEERING"}},
}};

bool known_state(std::string_view s) {
  static constexpr std::array<std::string_view, 18> kStates{
      "NONE", "PEERING", "CREATING", "WATCHING", "LISTING", "ASKING", "CHECKING_MASTER", "CHECKING_SLAVES", "SYNCING",
      "DELAYED_CHECKING_MASTER", "REFRESH_CHECKING_MASTER", "DELAYED_CHECKING_SLAVES", "REFRESH_CHECKING_SLAVES",
      "LEAVING", "LEAVING_FAILING", "FAILED", "SLAVE", "MASTER"};
  return std::find(kStates.begin(), kStates.end(), s) != kStates.end();
}

}  // namespace

bool parse_transition(const std::string& s, Transition& out) {
  const std::size_t a = s.find(':');
  const std::size_t b = a == std::string::npos ? a : s.find(':', a + 1);
  if (b == std::string::npos || s.find(':', b + 1) != std::string::npos) return false;
  out = {s.substr(0, a), s.substr(a + 1, b - a - 1), s.substr(b + 1)};
  return !out.pre.empty() && !out.event.empty() && !out.post.empty();
}

Verdict check(const Transition& t) {
  if (!known_state(t.pre) || !known_state(t.post)) return Verdict::kImpossible;
  bool listed_event = false;
  for (const Row& r : kTable) {
    if ((r.pre != "*" && r.pre != t.pre) || r.event != t.event) continue;
    listed_event = true;
    if (std::find(r.posts.begin(), r.posts.end(), t.post) != r.posts.end()) return Verdict::kAllowed;
  }
  // An event the state does not handle is logged as ABNORMAL and changes nothing.
  if (!listed_event && t.pre == t.post) return Verdict::kAbnormal;
  return Verdict::kImpossible;
}

HistoryCheck validate_history(const std::vector<std::string>& h) {
  HistoryCheck out;
  std::string state;
  for (const std::string& entry : h) {
    Transition t;
    if (!parse_transition(entry, t)) {
      out.impossible.push_back(entry);
      continue;
    }
    // A NONE event replayed after leaving NONE is a separate entry (§B3), so
    // each entry starts where the last ended.
    if (!state.empty() && t.pre != state) out.chained = false;
    switch (check(t)) {
      case Verdict::kAllowed: break;
      case Verdict::kAbnormal: out.abnormal.push_back(entry); break;
      case Verdict::kImpossible: out.impossible.push_back(entry); break;
    }
    state = t.post;
  }
  out.final_state = state;
  return out;
}

std::string replay_with_peers_answering(const std::vector<std::string>& h, int peers) {
  std::string state = "NONE";
  for (const std::string& entry : h) {
    Transition t;
    if (!parse_transition(entry, t)) continue;
    const bool failed_check = t.event == "GETVERS_KO" || t.event == "GETVERS_OLD" || t.event == "GETVERS_RACE";
    if (failed_check && (t.pre == "CHECKING_SLAVES" || t.pre == "CHECKING_MASTER")) {
      // From here every peer answers: one GETVERS_OK each (§B3: the last
      // reply decides; all OK -> MASTER for the first in line, SLAVE behind a master).
      if (t.pre == "CHECKING_MASTER") return "SLAVE";
      for (int i = 0; i + 1 < std::max(peers, 1); ++i) {
        if (check({"CHECKING_SLAVES", "GETVERS_OK", "CHECKING_SLAVES"}) != Verdict::kAllowed) return state;
      }
      return check({"CHECKING_SLAVES", "GETVERS_OK", "MASTER"}) == Verdict::kAllowed ? "MASTER" : state;
    }
    state = t.post;
  }
  return state;
}

}  // namespace paxray::replay::oio
