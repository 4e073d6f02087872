#include "paxray/rules/etcd_leadership.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "paxray/parsers/etcd.h"
#include "paxray/replay/core/quorum.h"

namespace paxray {
namespace {

std::int64_t term_of(const Event& e) { return e.get_int(Attr::kEpoch).value_or(0); }

bool is_role(const Event& e, std::string_view role) {
  const std::string* r = etcd_event(e, EventKind::etcd_role) ? e.get(Attr::kRole) : nullptr;
  return r != nullptr && *r == role;
}

// A line by some member saying it cannot reach `peer`.
bool names_unreachable(const Event& e) {
  return etcd_event(e, EventKind::etcd_peer_inactive) || etcd_event(e, EventKind::etcd_stream_lost) || etcd_event(e, EventKind::etcd_unreachable);
}

}  // namespace

bool etcd_peer_gone(const Event& e) {
  const std::string* why = e.get(Attr::kReason);
  if (why == nullptr) return false;
  return why->find("EOF") != std::string::npos || why->find("connection refused") != std::string::npos ||
         why->find("connection reset") != std::string::npos || why->find("broken pipe") != std::string::npos;
}

std::string EtcdLeadership::label(const std::string& id) const {
  const auto it = names.find(id);
  return it == names.end() ? id : it->second + " (" + id + ")";
}

EtcdLeadership etcd_leadership(const Timeline& tl) {
  EtcdLeadership out;
  std::set<std::string> seen;
  std::string voters;
  for (const Event& e : tl.events) {
    if (e.system != System::kEtcd) continue;
    if (!e.node.empty()) seen.insert(e.node);
    const std::string* server = e.get(Attr::kServer);
    if (server != nullptr && !e.node.empty() && (etcd_event(e, EventKind::etcd_start) || etcd_event(e, EventKind::etcd_published))) {
      out.names[e.node] = *server;
    }
    const std::string* m = etcd_event(e, EventKind::etcd_configuration) ? e.get(Attr::kMembers) : nullptr;
    if (m != nullptr && !m->empty()) voters = *m;
  }
  if (!voters.empty()) {
    std::stringstream ss(voters);
    for (std::string id; std::getline(ss, id, ',');) out.members.push_back(id);
  } else {
    out.members.assign(seen.begin(), seen.end());
  }
  std::sort(out.members.begin(), out.members.end());

  // Terms.
  std::size_t open = kNoEvent;  // index in out.terms
  auto close = [&](std::size_t i) {
    if (open == kNoEvent) return;
    EtcdTerm& t = out.terms[open];
    t.end = tl.times[i];
    t.end_event = i;
    t.open_end = false;
    open = kNoEvent;
  };
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const Event& e = tl.events[i];
    if (e.system != System::kEtcd) continue;
    const EtcdTerm* cur = open == kNoEvent ? nullptr : &out.terms[open];
    if (is_role(e, "leader")) {
      if (cur != nullptr && cur->leader == e.node && cur->term == term_of(e)) continue;
      close(i);
      open = out.terms.size();
      out.terms.push_back({e.node, term_of(e), tl.times[i], tl.last, true, i, kNoEvent});
    } else if (etcd_event(e, EventKind::etcd_elected)) {
      const std::string* leader = e.get(Attr::kLeader);
      if (leader == nullptr || leader->empty() || (cur != nullptr && cur->term >= term_of(e))) continue;
      close(i);
      open = out.terms.size();
      out.terms.push_back({*leader, term_of(e), tl.times[i], tl.last, true, i, kNoEvent});
    } else if (cur != nullptr && e.node == cur->leader &&
               // A candidate line of the term it won, ordered after a follower's
               // "elected" line of the same second, is its way in, not out.
               (is_role(e, "follower") || ((is_role(e, "candidate") || is_role(e, "pre-candidate")) && term_of(e) > cur->term) ||
                etcd_event(e, EventKind::etcd_start) || etcd_event(e, EventKind::etcd_member) || etcd_event(e, EventKind::etcd_quorum_inactive))) {
      close(i);
    }
  }

  // Outages: for each term, the members that lost its leader before the next
  // term began; enough of them (with those nobody could reach) leave no quorum.
  const std::size_t n = std::max<std::size_t>(out.members.size(), 1);
  const std::size_t need = quorum::losses_to_lose_majority(n);
  for (std::size_t k = 0; k < out.terms.size(); ++k) {
    const EtcdTerm& t = out.terms[k];
    const std::size_t from = t.start_event;
    const std::size_t to = k + 1 < out.terms.size() ? out.terms[k + 1].start_event : tl.events.size();
    std::vector<std::size_t> lost;
    std::set<std::string> lost_by;
    std::size_t stepdown = kNoEvent;
    // "lost leader L" names L: such lines in the same moment as the next
    // leader's election (the followers log it as they vote) are this term's.
    const std::size_t lost_to = k + 2 < out.terms.size() ? out.terms[k + 2].start_event : tl.events.size();
    const LocalMicros lost_until = k + 1 < out.terms.size() ? out.terms[k + 1].start + 1'000'000 : tl.last;
    for (std::size_t i = from + 1; i < lost_to && tl.times[i] <= lost_until; ++i) {
      const Event& e = tl.events[i];
      if (e.system != System::kEtcd) continue;
      const std::string* old = etcd_event(e, EventKind::etcd_lost_leader) ? e.get(Attr::kOldLeader) : nullptr;
      if (old != nullptr && *old == t.leader && e.node != t.leader) {
        lost.push_back(i);
        lost_by.insert(e.node);
      }
      if (stepdown == kNoEvent && e.node == t.leader && etcd_event(e, EventKind::etcd_quorum_inactive)) stepdown = i;
    }
    if (lost.empty() && stepdown == kNoEvent) continue;
    // Members the others could not reach meanwhile (from when they first
    // said so), that did not log losing the leader: each counts as lost.
    std::map<std::string, std::size_t> unreachable_since;
    for (std::size_t i = from + 1; i < to; ++i) {
      const Event& e = tl.events[i];
      const std::string* peer = names_unreachable(e) ? e.get(Attr::kPeer) : nullptr;
      if (peer == nullptr || *peer == t.leader || lost_by.count(*peer) || unreachable_since.count(*peer)) continue;
      unreachable_since[*peer] = i;
    }
    // ... until it logs something of its own again (it runs).
    std::map<std::string, std::size_t> alive_again;
    for (const auto& [m, since] : unreachable_since) {
      alive_again[m] = to;
      for (std::size_t i = since + 1; i < to; ++i) {
        if (tl.events[i].node == m && !names_unreachable(tl.events[i])) {
          alive_again[m] = i;
          break;
        }
      }
    }
    auto down_at = [&](const std::string& m, std::size_t i) {
      const auto it = unreachable_since.find(m);
      return it != unreachable_since.end() && it->second <= i && alive_again[m] > i;
    };
    // The outage starts when the members that lost the leader, with those
    // nobody reached, leave it no quorum (a lone cut-off follower does not).
    std::size_t first = kNoEvent;
    std::set<std::string> counted;
    for (std::size_t i : lost) {
      counted.insert(tl.events[i].node);
      std::size_t down = 0;
      for (const auto& [m, since] : unreachable_since) down += !counted.count(m) && down_at(m, i);
      if (counted.size() + down >= need) {
        first = i;
        break;
      }
    }
    if (stepdown != kNoEvent && (first == kNoEvent || stepdown < first)) first = stepdown;
    // Members whose own logs were not read cannot say they lost the leader:
    // counting them, the loss may still have been the cluster's.
    std::vector<std::string> not_read;
    for (const std::string& m : out.members) {
      if (m != t.leader && !tl.logged.count(m) && !counted.count(m) && !unreachable_since.count(m)) not_read.push_back(m);
    }
    const bool partial = first == kNoEvent && !lost.empty() && counted.size() + not_read.size() >= need;
    if (partial) first = lost.front();
    if (first == kNoEvent) continue;
    std::set<std::string> unreachable;
    for (const auto& [m, since] : unreachable_since) {
      if (down_at(m, first)) unreachable.insert(m);
    }
    std::size_t earliest = first;
    for (const std::string& m : unreachable) earliest = std::min(earliest, unreachable_since[m]);
    EtcdOutage o;
    o.old_leader = t.leader;
    o.old_term = t.term;
    o.term_start = t.start;
    // Stopped on purpose: the old leader, or a member it lost, logged its
    // shutdown shortly before; or the old leader handed leadership over.
    const LocalMicros at = tl.times[first];
    for (std::size_t i = from + 1; i < to && (o.shutdown_event == kNoEvent || o.transfer_event == kNoEvent); ++i) {
      const Event& e = tl.events[i];
      if (tl.times[i] < at - 30'000'000 || tl.times[i] > at + 2'000'000) continue;
      if (o.shutdown_event == kNoEvent && etcd_event(e, EventKind::etcd_shutdown) &&
          (e.node == t.leader || unreachable.count(e.node) || lost_by.count(e.node))) {
        o.shutdown_event = i;
      }
      const std::string* how = etcd_event(e, EventKind::etcd_transfer) ? e.get(Attr::kReason) : nullptr;
      if (o.transfer_event == kNoEvent && how != nullptr && e.node == t.leader && (*how == "starting" || *how == "finished") &&
          tl.times[i] >= at - 5'000'000) {
        o.transfer_event = i;
      }
    }
    o.start = tl.times[first];
    o.unreachable_from = tl.times[earliest];
    if (partial) o.not_read = std::move(not_read);
    o.lost = lost;
    if (stepdown != kNoEvent) o.lost.insert(o.lost.begin(), stepdown);
    o.unreachable.assign(unreachable.begin(), unreachable.end());
    if (k + 1 < out.terms.size()) {
      o.end = out.terms[k + 1].start;
      o.next_leader = out.terms[k + 1].leader;
      o.next_event = out.terms[k + 1].start_event;
    } else {
      o.end = tl.last;
      o.open_end = true;
    }
    o.start = std::min(o.start, o.end);  // the last followers to notice do so as the next leader wins
    out.outages.push_back(std::move(o));
  }
  return out;
}

}  // namespace paxray
