// Replays an OpenIO finding: the member's election log against the reference
// state machine (oio_election.h), then the same election with its peers
// answering the version check.
#include <fmt/format.h>

#include <algorithm>

#include "paxray/parsers/oio.h"
#include "paxray/rules/causes.h"
#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/core/oio_election.h"

namespace paxray::replay {

void confirm_oio_finding(const Timeline& tl, Finding& f, const ConfirmOptions&) {
  ReplayVerdict v;
  v.seeds = 1;  // the state machine is deterministic: one run says it all
  // The member with the longest history of this base tells the most.
  const Event* member = nullptr;
  std::size_t longest = 0;
  for (const auto& e : tl.events) {
    if (e.system != System::kOpenIO || e.kind != EventKind::oio_election_member || e.group.name() != f.group) continue;
    const std::size_t n = oio_history(e).size();
    if (member == nullptr || n > longest) member = &e, longest = n;
  }
  if (member == nullptr) {
    v.status = "not_applicable";
    v.reason = "no `openio election debug` output for this base: no election history to replay";
    f.replay = v;
    return;
  }
  const std::vector<std::string> h = oio_history(*member);
  const oio::HistoryCheck check = oio::validate_history(h);
  const std::string* peers = member->get(Attr::kMembers);
  const int peer_count = peers == nullptr || peers->empty() ? 0 : 1 + static_cast<int>(std::count(peers->begin(), peers->end(), ','));
  // What the election does without the cause: for a requested leave, the
  // same history up to the request; else its peers answering the version check.
  std::string without, without_what;
  if (f.cause == Cause::kOpenioLeftOnRequest) {
    std::size_t k = h.size();
    while (k > 0 && h[k - 1].find(":LEAVE_REQ:") == std::string::npos) --k;
    const std::vector<std::string> before(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(k > 0 ? k - 1 : 0));
    without = oio::validate_history(before).final_state;
    without_what = fmt::format("without the LEAVE_REQ (its first {} transitions) it ends {}", before.size(),
                               without.empty() ? "nowhere" : without);
  } else {
    without = oio::replay_with_peers_answering(h, peer_count);
    without_what = fmt::format("with its {} peer(s) answering the version check it ends {}", peer_count, without);
  }
  const bool failed = check.final_state != "MASTER" && check.final_state != "SLAVE";
  const bool restored = without == "MASTER" || without == "SLAVE";
  v.observed_s = 0;
  v.p_leader_with = failed ? 0.0 : 1.0;
  v.p_leader_without = restored ? 1.0 : 0.0;
  v.token = fmt::format("oio:{}:{}", member->node, h.size());
  if (!check.impossible.empty()) {
    v.status = "not_reproduced";
    v.reason = fmt::format("the reference state machine cannot produce {}: the log is not one election's history "
                           "(or a version this table does not know)",
                           fmt::join(check.impossible, ", "));
  } else {
    v.status = failed && restored ? "confirmed" : failed ? "contributing" : "not_reproduced";
    const OioLoop loop = find_oio_loop(h);
    v.reason = fmt::format(
        "{} transitions of {}'s election replayed against the reference state machine: all allowed{}{}{}; it ends {} "
        "as the output shows; {}",
        h.size(), member->node, check.abnormal.empty() ? "" : fmt::format(" ({} abnormal)", check.abnormal.size()),
        check.chained ? "" : ", not all chained",
        loop.repeats >= 3 ? fmt::format(", looping {} x {}", fmt::join(loop.cycle, " -> "), loop.repeats) : "",
        check.final_state.empty() ? "nowhere" : check.final_state, without_what);
    if (v.status == "confirmed") v.minimal_set = f.id();
  }
  f.replay = v;
}

}  // namespace paxray::replay
