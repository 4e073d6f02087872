// ZooKeeper causes (seed: zookeeper-newleader-ack-order.txt; texts and
// versions: shared/reference/zookeeper-openio-formats.md §A2-A6).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "context.h"
#include "paxray/rules/zk_leadership.h"
#include "paxray/rules/zk_versions.h"

namespace paxray::rules {
namespace {

std::uint64_t hex(const std::string* s) {
  if (s == nullptr) return 0;
  std::string_view v = *s;
  if (v.substr(0, 2) == "0x") v.remove_prefix(2);
  std::uint64_t out = 0;
  for (char ch : v.substr(0, 16)) {
    const int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
    if (d < 0) break;
    out = out * 16 + static_cast<std::uint64_t>(d);
  }
  return out;
}

// Every ZooKeeper event belongs to the one ensemble scanned (parsers/zk_events.cpp).
Finding zk_finding(Cause cause, Severity sev) {
  return new_finding(cause, GroupKey{-1, -1, -1, -1, "ensemble"}, sev);
}

void nodes_of(Finding& f, const Context& c, const std::vector<std::size_t>& ev) {
  std::set<std::string> nodes;
  for (std::size_t i : ev) nodes.insert(c.tl.events[i].node);
  f.nodes.assign(nodes.begin(), nodes.end());
}

// The versions the logs show, and whether any follower runs the ACK-order fix.
struct VersionFacts {
  std::set<std::string> versions;
  bool fix_marker = false;
};

VersionFacts version_facts(const Context& c) {
  VersionFacts v;
  for (const auto& e : c.tl.events) {
    if (zk(e, EventKind::zk_version)) {
      if (const std::string* s = e.get(Attr::kVersion)) v.versions.insert(*s);
    } else if (zk(e, EventKind::zk_ack_order_fixed)) {
      v.fix_marker = true;
    }
  }
  return v;
}

bool is_quorum_loss(const Event& e) {
  if (zk(e, EventKind::zk_quorum_timeout)) return true;
  if (!zk(e, EventKind::zk_leader_shutdown)) return false;
  const std::string* r = e.get(Attr::kReason);
  return r != nullptr && (r->find("quorum") != std::string::npos || r->find("sufficient followers") != std::string::npos);
}

}  // namespace

// The seed's bug (ZOOKEEPER-4685): a follower's PROPOSAL ACK reaches the
// leader before its NEWLEADER ACK; the leader does not count that follower and,
// short of a quorum, times out, shuts down and a new election follows.
void rule_zk_newleader_ack_order(const Context& c, std::vector<Finding>& out) {
  const auto errors = c.events(c.tl.first, c.tl.last, [](const Event& e) { return zk(e, EventKind::zk_newleader_ack_wrong_epoch); });
  if (errors.empty()) return;
  const VersionFacts vf = version_facts(c);
  std::size_t k = 0;
  while (k < errors.size()) {
    // One leader's round: its errors within a minute of each other.
    const Event& first = c.tl.events[errors[k]];
    std::vector<std::size_t> round{errors[k]};
    std::set<std::string> sids{first.get(Attr::kPeer) ? *first.get(Attr::kPeer) : "?"};
    std::size_t j = k + 1;
    for (; j < errors.size() && c.tl.events[errors[j]].node == first.node &&
           c.tl.times[errors[j]] - c.tl.times[errors[j - 1]] < 300 * kSec;
         ++j) {
      round.push_back(errors[j]);
      if (const std::string* s = c.tl.events[errors[j]].get(Attr::kPeer)) sids.insert(*s);
    }
    const LocalMicros t0 = c.tl.times[errors[k]];
    const auto after = c.events(t0, c.tl.times[round.back()] + 120 * kSec, [&](const Event& e) {
      return (e.node == first.node && is_quorum_loss(e)) || zk(e, EventKind::zk_follower_exception) ||
             (zk(e, EventKind::zk_state) && e.get(Attr::kState) && *e.get(Attr::kState) == "LOOKING");
    });
    const auto shutdowns = std::count_if(after.begin(), after.end(), [&](std::size_t i) {
      return c.tl.events[i].node == first.node && zk(c.tl.events[i], EventKind::zk_leader_shutdown);
    });
    const bool shut_down = shutdowns > 0;
    Finding f = zk_finding(Cause::kZkNewleaderAckOrder, shut_down ? Severity::kCritical : Severity::kWarning);
    // Evidence: the first round whole (error, timeout, shutdown, new
    // election), then the other rounds' error lines.
    std::vector<std::size_t> evidence{round.front()};
    for (std::size_t i : after) {
      if (evidence.size() < 6 && (round.size() < 2 || c.tl.times[i] < c.tl.times[round[1]])) evidence.push_back(i);
    }
    for (std::size_t r = 1; r < round.size() && evidence.size() < 8; ++r) evidence.push_back(round[r]);
    std::sort(evidence.begin(), evidence.end(), [&](std::size_t a, std::size_t b) { return c.tl.times[a] < c.tl.times[b]; });
    nodes_of(f, c, evidence);
    f.start = t0;
    f.end = after.empty() ? c.tl.times[round.back()] : c.tl.times[after.back()];
    const std::string sid_list = fmt::format("{}", fmt::join(sids, ", "));
    const VersionVerdict vv = assess_newleader_ack_order(vf.versions, vf.fix_marker);
    f.summary = fmt::format(
        "Leader {} received a PROPOSAL ACK before the NEWLEADER ACK from sid {} (\"NEWLEADER ACK ... is from a "
        "different epoch\", ZOOKEEPER-4685) and did not count {}{}{}",
        first.node, sid_list, sids.size() == 1 ? "that follower" : "those followers",
        shut_down ? "; short of a quorum it timed out, shut down and a new election followed" : "",
        round.size() > 1 ? fmt::format(" ({} rounds, {} shutdowns)", round.size(), shutdowns) : "");
    f.detail.emplace_back("rounds", std::to_string(round.size()));
    f.detail.emplace_back("sids", sid_list);
    if (const std::string* e = first.get(Attr::kEpoch)) f.detail.emplace_back("current_epoch", *e);
    if (const std::string* z = first.get(Attr::kZxid)) f.detail.emplace_back("received_zxid", *z);
    f.detail.emplace_back("versions_seen", vf.versions.empty() ? "none in the logs" : fmt::format("{}", fmt::join(vf.versions, ", ")));
    f.detail.emplace_back("version_verdict", vv.text);
    f.remediation = vv.advice;
    add_evidence(f, c, evidence);
    out.push_back(std::move(f));
    k = j;
  }
}

// A leader that could not gather or keep a quorum (epoch, epoch ACK or
// NEWLEADER ACK timeouts; "Not sufficient followers synced").
void rule_zk_quorum_lost(const Context& c, std::vector<Finding>& out) {
  const auto losses = c.events(c.tl.first, c.tl.last, [](const Event& e) { return is_quorum_loss(e); });
  const auto ack_errors = c.events(c.tl.first, c.tl.last, [](const Event& e) { return zk(e, EventKind::zk_newleader_ack_wrong_epoch); });
  std::size_t k = 0;
  while (k < losses.size()) {
    const Event& e = c.tl.events[losses[k]];
    std::vector<std::size_t> round{losses[k]};
    std::size_t j = k + 1;
    for (; j < losses.size() && c.tl.events[losses[j]].node == e.node &&
           c.tl.times[losses[j]] - c.tl.times[losses[j - 1]] < 300 * kSec;
         ++j) {
      round.push_back(losses[j]);
    }
    const LocalMicros t0 = c.tl.times[losses[k]];
    // The ACK-order bug explains a NEWLEADER timeout of the same leader.
    const bool explained = std::any_of(ack_errors.begin(), ack_errors.end(), [&](std::size_t i) {
      return c.tl.events[i].node == e.node && c.tl.times[i] <= c.tl.times[round.back()] &&
             t0 - c.tl.times[i] < 120 * kSec;
    });
    const auto shutdowns = std::count_if(round.begin(), round.end(), [&](std::size_t i) {
      return c.tl.events[i].kind == EventKind::zk_leader_shutdown;
    });
    std::string reason, synced;
    for (std::size_t i : round) {
      const Event& r = c.tl.events[i];
      if (const std::string* s = r.get(Attr::kReason); s && (reason.empty() || r.kind == EventKind::zk_quorum_timeout)) reason = *s;
      if (const std::string* m = r.get(Attr::kMembers)) synced = *m;
    }
    Finding f = zk_finding(Cause::kZkQuorumLost, Severity::kCritical);
    nodes_of(f, c, round);
    f.start = t0;
    // The outage runs to the next leader that has its quorum (or the end of the logs).
    f.end = c.tl.last;
    std::string next;
    for (std::size_t i = round.back() + 1; i < c.tl.events.size(); ++i) {
      if (zk(c.tl.events[i], EventKind::zk_quorum_up)) {
        f.end = c.tl.times[i];
        next = c.tl.events[i].node;
        round.push_back(i);
        break;
      }
    }
    f.summary = fmt::format("Leader {} lost its quorum{} ({}){}: it shut down and the ensemble had no leader {}", e.node,
                            shutdowns > 1 ? fmt::format(" {} times", shutdowns) : "", reason.empty() ? "timeout" : reason,
                            synced.empty() ? "" : fmt::format("; synced followers: sids {}", synced),
                            next.empty() ? std::string("until the logs end")
                                         : fmt::format("for {}, until {} had its quorum", seconds(f.end - t0), next));
    f.detail.emplace_back("reason", reason);
    if (!synced.empty()) f.detail.emplace_back("synced_sids", synced);
    if (explained) f.detail.emplace_back("explained_by", "zk_newleader_ack_order");
    add_evidence(f, c, round);
    out.push_back(std::move(f));
    k = j;
  }
}

// Elections one after another with no leader lasting: how many, and how long
// the ensemble went without a serving leader.
void rule_zk_election_storm(const Context& c, std::vector<Finding>& out) {
  constexpr LocalMicros kStable = 60 * kSec;
  const std::vector<ZkLeaderPeriod> periods = zk_leader_periods(c.tl);
  std::map<std::string, std::string> last_state;
  std::vector<std::size_t> lookings;
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    const Event& e = c.tl.events[i];
    if (e.system != System::kZooKeeper) continue;
    const std::string* st = zk(e, EventKind::zk_state) ? e.get(Attr::kState) : nullptr;
    if (st != nullptr && *st == "LOOKING") {
      // Not an election of the ensemble: a server's first state (it is
      // starting), or one server looking while another leads with its
      // quorum (it rejoins the leader it lost, or that replaced it).
      const bool starting = !last_state.count(e.node);
      const bool others_lead = std::any_of(periods.begin(), periods.end(),
                                           [&](const ZkLeaderPeriod& p) { return p.node != e.node && p.open_at(i); });
      if (last_state[e.node] != "LOOKING" && !starting && !others_lead) lookings.push_back(i);
    }
    if (st) last_state[e.node] = *st;
  }
  if (lookings.size() < 3) return;
  // Elections: LOOKING transitions more than 2 s apart start a new round.
  std::vector<std::size_t> rounds;
  for (std::size_t i : lookings) {
    if (rounds.empty() || c.tl.times[i] - c.tl.times[rounds.back()] > 2 * kSec) rounds.push_back(i);
  }
  // The storm: rounds whose leader (if any) did not last kStable.
  std::vector<std::size_t> storm;
  for (std::size_t r : rounds) {
    const LocalMicros t = c.tl.times[r];
    const bool stable_before = std::any_of(periods.begin(), periods.end(), [&](const ZkLeaderPeriod& p) {
      return p.end <= t && p.end - p.start >= kStable && t - p.end < kStable;
    });
    // Elections ten minutes apart are separate events, not one storm.
    const bool apart = !storm.empty() && t - c.tl.times[storm.back()] > 10 * 60 * kSec;
    if ((stable_before || apart) && !storm.empty() && storm.size() < 3) storm.clear();
    storm.push_back(r);
  }
  if (storm.size() < 3) return;
  const LocalMicros from = c.tl.times[storm.front()];
  LocalMicros covered = 0;
  LocalMicros to = c.tl.last;
  for (const ZkLeaderPeriod& p : periods) {
    if (p.end <= from) continue;
    covered += std::min(p.end, to) - std::max(p.start, from);
  }
  const LocalMicros without = std::max<LocalMicros>(0, (to - from) - covered);
  const bool still = std::none_of(periods.begin(), periods.end(), [&](const ZkLeaderPeriod& p) {
    return p.end == c.tl.last && p.end - p.start >= kStable;
  });
  Finding f = zk_finding(Cause::kZkElectionStorm, still ? Severity::kCritical : Severity::kWarning);
  nodes_of(f, c, storm);
  f.start = from;
  f.end = to;
  f.summary = fmt::format("{} leader elections in {} with no leader lasting {} s; {} without a serving leader{}",
                          storm.size(), seconds(to - from), kStable / kSec, seconds(without),
                          still ? "; no stable leader at the end of the logs" : "");
  f.detail.emplace_back("elections", std::to_string(storm.size()));
  f.detail.emplace_back("without_leader_s", seconds(without));
  add_evidence(f, c, storm);
  out.push_back(std::move(f));
}

// TRUNC of zxids the ensemble had already committed (ZOOKEEPER-4643 class):
// committed data disappears from the truncated server.
void rule_zk_truncated_committed(const Context& c, std::vector<Finding>& out) {
  // Zxids the logs show committed (a leader's maxCommittedLog when it syncs a
  // learner, the last processed zxid a leader starts from), each with its line.
  std::vector<std::pair<std::uint64_t, std::size_t>> committed;
  std::map<std::string, std::uint64_t> peer_last;  // sid -> its own last zxid (peerLastZxid in the leader's sync line)
  auto sid_of = [](const std::string& node) { return node.rfind("myid:", 0) == 0 ? node.substr(5) : node; };
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    const Event& e = c.tl.events[i];
    if (e.system != System::kZooKeeper) continue;
    // A zxid whose counter (low 32 bits) is 0 opens an epoch; it is no txn.
    auto txn = [](std::uint64_t z) { return (z & 0xffffffffULL) != 0; };
    if (zk(e, EventKind::zk_sync_start)) {
      if (const auto v = hex(e.get(Attr::kCommitted)); txn(v)) committed.emplace_back(v, i);
      if (const std::string* sid = e.get(Attr::kPeer)) peer_last[*sid] = hex(e.get(Attr::kZxid));
    } else if (zk(e, EventKind::zk_quorum_up)) {
      if (const auto v = hex(e.get(Attr::kZxid)); txn(v)) committed.emplace_back(v, i);
    }
    const bool leader_trunc = zk(e, EventKind::zk_sync) && e.get(Attr::kTransition) && *e.get(Attr::kTransition) == "TRUNC";
    if (!leader_trunc && !zk(e, EventKind::zk_truncate)) continue;
    const std::uint64_t to = hex(e.get(Attr::kZxid));
    if (to == 0) continue;
    // The truncated server's own range: what it had beyond `to`. Only a
    // committed zxid inside it is lost; a later epoch's txns it never had
    // are not (ZOOKEEPER-2946: truncated 0x400000001, never committed, while
    // the leader had committed up to 0x500000004).
    const std::string sid = leader_trunc ? (e.get(Attr::kPeer) ? *e.get(Attr::kPeer) : std::string()) : sid_of(e.node);
    const auto last_it = peer_last.find(sid);
    if (last_it == peer_last.end() || last_it->second <= to) continue;  // its range is not in the logs: nothing to judge
    const std::uint64_t last = last_it->second;
    std::uint64_t lost = 0;
    std::size_t lost_event = 0;
    for (const auto& [z, at] : committed) {
      if (z > to && z <= last && z > lost) lost = z, lost_event = at;
    }
    if (lost == 0) continue;
    // The leader's TRUNC and the follower's "Truncating" are one truncation.
    if (!out.empty() && out.back().cause == Cause::kZkTruncatedCommitted &&
        out.back().detail.front().second == fmt::format("0x{:x}", to) && c.tl.times[i] - out.back().end < 60 * kSec) {
      out.back().evidence.push_back(c.evidence(i));
      out.back().end = c.tl.times[i];
      if (std::find(out.back().nodes.begin(), out.back().nodes.end(), e.node) == out.back().nodes.end()) {
        out.back().nodes.push_back(e.node);
      }
      continue;
    }
    Finding f = zk_finding(Cause::kZkTruncatedCommitted, Severity::kCritical);
    const std::vector<std::size_t> ev{lost_event, i};
    nodes_of(f, c, ev);
    f.start = c.tl.times[lost_event];
    f.end = c.tl.times[i];
    f.summary = fmt::format("{} truncated its log to 0x{:x} although it held txns up to 0x{:x}, of which up to 0x{:x} had been "
                            "committed: committed transactions were lost on that server (ZOOKEEPER-4643 / 4646 class)",
                            leader_trunc ? "A follower (sid " + sid + ")" : e.node, to, last, lost);
    f.detail.emplace_back("truncated_to", fmt::format("0x{:x}", to));
    f.detail.emplace_back("committed_up_to", fmt::format("0x{:x}", lost));
    f.detail.emplace_back("its_last_zxid", fmt::format("0x{:x}", last));
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

}  // namespace paxray::rules
