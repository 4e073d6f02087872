// ZooKeeper: what happened to the leader its followers lost. Learnt from the
// fault lab (tests/lab/zk-lab, Debian's ZooKeeper 3.8): a follower whose
// leader is gone logs "Exception when following the leader" with the reason on
// the next line: java.io.EOFException (or a refused / reset connection) when
// the leader's process closed the socket, java.net.SocketTimeoutException when
// the leader stopped answering. A stalled leader (SIGSTOP, a GC pause) logs
// nothing meanwhile and, when it runs again, shuts down for want of followers
// only after the others already elected a new leader; a leader that is merely
// cut off does so at about the same time as they elect.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "context.h"
#include "paxray/parsers/zk_events.h"
#include "paxray/replay/core/quorum.h"

namespace paxray::rules {
namespace {

constexpr LocalMicros kBurst = 2 * kSec;        // followers losing one leader do so within this
constexpr LocalMicros kStallMargin = 2 * kSec;  // a running leader shuts down about when the others elect

bool leads(const Event& e) {
  if (zk(e, EventKind::zk_quorum_up)) return true;
  const std::string* role = zk(e, EventKind::zk_election_took) ? e.get(Attr::kRole) : nullptr;
  return role != nullptr && *role == "LEADING";
}

// "myid:N" for the leader an election notification names; "" for none.
std::string notified_leader(const Event& e) {
  const std::string* n = zk(e, EventKind::zk_notification) ? e.get(Attr::kLeader) : nullptr;
  return n == nullptr || n->empty() ? std::string() : zk_node_name(std::strtoll(n->c_str(), nullptr, 10));
}

struct Loss {
  std::vector<std::size_t> exceptions;  // the followers' lines
  bool timeout = false;                 // read timed out (else the connection closed)
};

}  // namespace

void rule_zk_leader_lost(const Context& c, std::vector<Finding>& out) {
  // The followers' exceptions, in bursts.
  std::vector<Loss> losses;
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    const Event& e = c.tl.events[i];
    if (!zk(e, EventKind::zk_follower_exception) || e.get(Attr::kReason) == nullptr) continue;
    const std::string& why = *e.get(Attr::kReason);
    if (losses.empty() || c.tl.times[i] - c.tl.times[losses.back().exceptions.back()] > kBurst) losses.emplace_back();
    losses.back().exceptions.push_back(i);
    losses.back().timeout = losses.back().timeout || why.find("SocketTimeoutException") != std::string::npos;
  }
  for (const Loss& loss : losses) {
    const LocalMicros at = c.tl.times[loss.exceptions.front()];
    // Who led then: the last server to lead before it, not among the followers that lost it.
    std::set<std::string> followers;
    for (std::size_t i : loss.exceptions) followers.insert(c.tl.events[i].node);
    std::string leader;
    std::size_t leader_event = kNoEvent;
    for (std::size_t i = 0; i < c.tl.events.size() && c.tl.times[i] <= at; ++i) {
      if (leads(c.tl.events[i]) && !followers.count(c.tl.events[i].node)) {
        leader = c.tl.events[i].node;
        leader_event = i;
      }
    }
    // Without the leader's own lines (its log not given), the leader a
    // follower followed is the one its last election notification named.
    if (leader.empty()) {
      for (std::size_t i = loss.exceptions.front(); i-- > 0;) {
        const Event& e = c.tl.events[i];
        if (!followers.count(e.node)) continue;
        const std::string* st = zk(e, EventKind::zk_state) ? e.get(Attr::kState) : nullptr;
        if (st != nullptr && *st == "LOOKING") break;  // before its last election: another story
        const std::string id = notified_leader(e);
        if (id.empty()) continue;
        if (!followers.count(id)) {
          leader = id;
          leader_event = i;
        }
        break;
      }
    }
    // The next leader, and the old leader's first line after the loss.
    std::size_t next = kNoEvent, woke = kNoEvent;
    for (std::size_t i = loss.exceptions.back() + 1; i < c.tl.events.size(); ++i) {
      const Event& e = c.tl.events[i];
      if (next == kNoEvent && leads(e) && zk(e, EventKind::zk_quorum_up)) next = i;
      if (woke == kNoEvent && !leader.empty() && e.node == leader) woke = i;
      if (next != kNoEvent && (woke != kNoEvent || leader.empty())) break;
    }
    if (next == kNoEvent) {  // logs without "Have quorum": LEADING is the best there is
      for (std::size_t i = loss.exceptions.back() + 1; i < c.tl.events.size() && next == kNoEvent; ++i) {
        if (leads(c.tl.events[i])) next = i;
      }
    }
    // Without the new leader's log, a follower FOLLOWING again says one was
    // established: the one its last notification named.
    std::string followed;
    if (next == kNoEvent) {
      std::string named;
      for (std::size_t i = loss.exceptions.back() + 1; i < c.tl.events.size() && next == kNoEvent; ++i) {
        const Event& e = c.tl.events[i];
        if (!followers.count(e.node)) continue;
        if (std::string id = notified_leader(e); !id.empty()) named = std::move(id);
        const std::string* st = zk(e, EventKind::zk_state) ? e.get(Attr::kState) : nullptr;
        if (st != nullptr && *st == "FOLLOWING") {
          next = i;
          followed = named.empty() ? std::string("another server") : named;
        }
      }
    }
    const LocalMicros next_at = next == kNoEvent ? c.tl.last : c.tl.times[next];
    const std::string next_leader = next == kNoEvent ? std::string() : !followed.empty() ? followed : c.tl.events[next].node;
    const bool have_leader_log = !leader.empty() && c.has_logs(leader);
    const auto last = leader.empty() ? std::nullopt : c.last_line(leader);
    const bool log_ends = last && *last <= at;  // nothing after the loss: the process stopped
    const bool stalled = loss.timeout && woke != kNoEvent && next != kNoEvent &&
                         c.tl.times[woke] > next_at + kStallMargin && c.tl.events[woke].node != next_leader;
    // A leader that shut down itself (a lost quorum, the ACK-order bug) closed
    // the connection: that cause is its own rule's. One that kept logging
    // without restarting did not go away either.
    // A leader nobody names (it never got as far as leading) is not one to lose.
    if (leader.empty()) continue;
    // A majority of the other servers whose logs were read lost it: one
    // follower alone losing its leader is that follower's trouble.
    std::size_t others = 0;
    for (const std::string& n : c.tl.logged) others += n != leader && n.rfind("myid:", 0) == 0;
    if (!quorum::has_majority(followers.size(), others)) continue;
    bool stepped_down = false, restarted = false;
    for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
      const Event& e = c.tl.events[i];
      const LocalMicros t = c.tl.times[i];
      const bool shutdown = zk(e, EventKind::zk_leader_shutdown) || zk(e, EventKind::zk_quorum_timeout);
      stepped_down = stepped_down || (shutdown && !followers.count(e.node) && t >= at - 5 * kSec && t <= at + kBurst);
      restarted = restarted || (e.node == leader && zk(e, EventKind::zk_version) && t > at);
    }
    if (stepped_down && !stalled) continue;
    if (!stalled && !log_ends && !restarted && have_leader_log) continue;
    const Cause cause = stalled ? Cause::kZkLeaderUnresponsive : Cause::kZkLeaderLost;
    const bool quick = next != kNoEvent && next_at - at <= 10 * kSec;
    Finding f = new_finding(cause, GroupKey{-1, -1, -1, -1, "ensemble"},
                            stalled || !quick ? Severity::kCritical : Severity::kWarning);
    f.nodes = {leader};
    f.start = at;
    f.end = stalled ? c.tl.times[woke] : next_at;
    const std::string who = "leader " + leader;
    const std::string after = next == kNoEvent ? std::string("no new leader was established before the logs end")
                                               : fmt::format("{} led {} later", next_leader, seconds(next_at - at));
    if (stalled) {
      f.summary = fmt::format("{} stopped answering: its followers timed out reading from it at {} and {}, yet its own log is "
                              "silent until {} ({} later), when it shut down for want of followers: its process was stalled "
                              "(GC pause, swap, CPU starvation, a frozen host)",
                              who, format_timestamp(at), after, format_timestamp(c.tl.times[woke]), seconds(c.tl.times[woke] - at));
      f.detail.emplace_back("stalled_s", fmt::format("{:.1f}", static_cast<double>(c.tl.times[woke] - at) / 1e6));
    } else {
      f.summary = fmt::format("{} went away at {}: its followers' connection to it {}{}; {}", who, format_timestamp(at),
                              loss.timeout ? "timed out" : "closed",
                              log_ends    ? " and its log ends there (the process stopped)"
                              : restarted ? " and it started again (the process restarted)"
                                          : "",
                              after);
    }
    f.detail.emplace_back("old_leader", leader);
    f.detail.emplace_back("next_leader", next_leader.empty() ? "none" : next_leader);
    f.detail.emplace_back("without_leader_s", fmt::format("{:.3f}", static_cast<double>(next_at - at) / 1e6));
    std::vector<std::size_t> ev = loss.exceptions;
    if (woke != kNoEvent && stalled) ev.insert(ev.begin(), woke);
    if (next != kNoEvent) ev.push_back(next);
    if (leader_event != kNoEvent) ev.push_back(leader_event);
    add_evidence(f, c, ev);
    if (!have_leader_log) {
      mark_suspected(f, {leader}, "did its process stop, stall, or lose the network?");
    }
    out.push_back(std::move(f));
  }
}

// A server that runs but reaches nobody: LOOKING, its notifications all its
// own vote, while the others elect without it (the lab's leader-partition:
// its link cut, its log full of its own LOOKING notifications, backing off).
void rule_zk_network_partition(const Context& c, std::vector<Finding>& out) {
  constexpr LocalMicros kAlone = 5 * kSec;
  struct Spell {
    LocalMicros from = 0;
    std::size_t from_event = 0;
    bool was_leader = false;
    std::vector<std::size_t> own;  // its own-vote notifications
  };
  std::map<std::string, Spell> open;     // server -> its LOOKING spell
  std::map<std::string, bool> leading;  // server -> leads now
  auto close = [&](const std::string& node, LocalMicros to, std::size_t end_event) {
    const auto it = open.find(node);
    if (it == open.end()) return;
    const Spell sp = it->second;
    open.erase(it);
    if (sp.own.size() < 2 || to - sp.from < kAlone) return;
    // Others had a leader with its quorum meanwhile (established during the
    // spell, or before it and not shut down since): they reached each other, not it.
    std::size_t quorum = kNoEvent;
    for (std::size_t i = 0; i < c.tl.events.size() && c.tl.times[i] <= to; ++i) {
      const Event& e = c.tl.events[i];
      if (e.node == node) continue;
      if (zk(e, EventKind::zk_quorum_up)) quorum = i;
      if (zk(e, EventKind::zk_leader_shutdown) && quorum != kNoEvent && e.node == c.tl.events[quorum].node &&
          c.tl.times[i] <= sp.from) {
        quorum = kNoEvent;
      }
    }
    if (quorum == kNoEvent) return;
    Finding f = new_finding(Cause::kZkNetworkPartition, GroupKey{-1, -1, -1, -1, "ensemble"},
                            sp.was_leader ? Severity::kCritical : Severity::kWarning);
    f.nodes = {node};
    f.start = sp.from;
    f.end = to;
    f.summary = fmt::format("{} was cut off from the ensemble for {} from {}: its process ran (it kept voting for itself, {} "
                            "notifications) but heard no other server, while {} led with its quorum{}",
                            node, seconds(to - sp.from), format_timestamp(sp.from), sp.own.size(), c.tl.events[quorum].node,
                            sp.was_leader ? "; it had been the leader, so the others re-elected" : "");
    f.detail.emplace_back("cut_off_s", fmt::format("{:.1f}", static_cast<double>(to - sp.from) / 1e6));
    f.detail.emplace_back("was_leader", sp.was_leader ? "yes" : "no");
    std::vector<std::size_t> ev{sp.from_event, quorum};
    ev.insert(ev.end(), sp.own.begin(), sp.own.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(3, sp.own.size())));
    if (end_event != kNoEvent) ev.push_back(end_event);
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  };
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    const Event& e = c.tl.events[i];
    if (e.system != System::kZooKeeper) continue;
    const std::string* st = zk(e, EventKind::zk_state) ? e.get(Attr::kState) : nullptr;
    if (st && *st == "LOOKING") {
      if (!open.count(e.node)) open[e.node] = Spell{c.tl.times[i], i, leading[e.node], {}};
      leading[e.node] = false;
    } else if (st) {
      close(e.node, c.tl.times[i], i);
      leading[e.node] = *st == "LEADING";
    } else if (zk(e, EventKind::zk_quorum_up)) {
      leading[e.node] = true;
    } else if (zk(e, EventKind::zk_notification)) {
      const auto it = open.find(e.node);
      if (it == open.end()) continue;
      const std::string* peer = e.get(Attr::kPeer);
      if (peer != nullptr && "myid:" + *peer == e.node) {
        it->second.own.push_back(i);
      } else {
        close(e.node, c.tl.times[i], i);  // it hears another server again
      }
    }
  }
  for (const auto& [node, sp] : std::map<std::string, Spell>(open)) close(node, c.tl.last, kNoEvent);
}

// A server whose election fails and restarts in a tight loop: LOOKING again
// and again, never FOLLOWING or LEADING (the lab's leader whose disk filled
// loops on "Unable to load database on disk" 1,000 times a second).
void rule_zk_server_looping(const Context& c, std::vector<Finding>& out) {
  constexpr LocalMicros kWindow = 10 * kSec;
  constexpr std::size_t kMinLookings = 50;
  for (const auto& [node, idx] : c.tl.by_node) {
    std::vector<std::size_t> lookings;
    for (std::size_t i : idx) {
      const Event& e = c.tl.events[i];
      const std::string* st = zk(e, EventKind::zk_state) ? e.get(Attr::kState) : nullptr;
      if (st == nullptr) continue;
      if (*st != "LOOKING") {
        lookings.clear();  // it joined: a loop is what never does
        continue;
      }
      lookings.push_back(i);
    }
    // The densest 10 s of the loop that never ended.
    std::size_t best = 0, best_from = 0;
    for (std::size_t a = 0, b = 0; b < lookings.size(); ++b) {
      while (c.tl.times[lookings[b]] - c.tl.times[lookings[a]] > kWindow) ++a;
      if (b - a + 1 > best) best = b - a + 1, best_from = a;
    }
    if (best < kMinLookings) continue;
    const LocalMicros from = c.tl.times[lookings.front()], to = c.tl.times[lookings.back()];
    const std::string server = node;  // a copy: clang 14 (the fuzz preset) cannot capture a structured binding
    const bool others_led = std::any_of(c.tl.events.begin(), c.tl.events.end(), [&](const Event& e) {
      return zk(e, EventKind::zk_quorum_up) && e.node != server;
    });
    Finding f = new_finding(Cause::kZkServerLooping, GroupKey{-1, -1, -1, -1, "ensemble"},
                            others_led ? Severity::kWarning : Severity::kCritical);
    f.nodes = {node};
    f.start = from;
    f.end = to;
    const double span_s = std::max(static_cast<double>(to - from) / 1e6, 0.001);
    f.summary = fmt::format("{} restarted its election {} times in {} without ever joining ({:.0f} a second at its worst): its "
                            "election fails at once and starts again, and its log grows with it{}",
                            node, lookings.size(), seconds(to - from),
                            static_cast<double>(best) / std::min(span_s, static_cast<double>(kWindow) / 1e6),
                            others_led ? "; the others kept a leader without it" : "");
    f.detail.emplace_back("lookings", std::to_string(lookings.size()));
    // A full disk just before the loop is why its election cannot finish.
    if (!c.events(from - 60 * kSec, from + kSec, [&](const Event& e) { return e.node == server && zk(e, EventKind::zk_disk_full); })
             .empty()) {
      f.detail.emplace_back("explained_by", "zk_disk_full");
    }
    f.detail.emplace_back("per_second", fmt::format("{:.0f}", static_cast<double>(lookings.size()) / span_s));
    add_evidence(f, c, {lookings[best_from], lookings[best_from + 1], lookings.back()});
    out.push_back(std::move(f));
  }
}

}  // namespace paxray::rules
