// etcd: what happened to a leader its members lost, and the conditions etcd
// itself warns about. Learnt from the fault lab on Debian's etcd 3.4
// (tests/lab/etcd-lab): followers whose leader's process ended see its
// streams close (`unexpected EOF`, then `connection refused`) and elect
// within an election timeout; a leader stopped with SIGSTOP is silent while
// the followers' reads time out (`i/o timeout`), and when it runs again its
// first lines say it has not sent a heartbeat for as long as it was stopped
// (`exceeded-duration`); a member cut off by the network keeps logging its
// own elections at climbing terms while the others have a leader.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>

#include "context.h"
#include "paxray/parsers/etcd.h"
#include "paxray/rules/etcd_leadership.h"

namespace paxray::rules {
namespace {

constexpr LocalMicros kLookBack = 15 * kSec;  // the followers' stream losses before they give up on a leader
constexpr LocalMicros kStallMin = kSec / 2;   // a heartbeat this late is a stall, not a slow disk
constexpr LocalMicros kDefaultElectionTimeout = kSec;  // etcd's --election-timeout default (1000 ms)

GroupKey cluster() { return GroupKey{-1, -1, -1, -1, std::string(kEtcdGroup)}; }

std::int64_t cost_us(const Event& e) { return e.get_int(Attr::kCostUs).value_or(0); }

bool peer_line(const Event& e) {
  return etcd_event(e, EventKind::etcd_peer_inactive) || etcd_event(e, EventKind::etcd_stream_lost) || etcd_event(e, EventKind::etcd_unreachable);
}

bool timed_out(const Event& e) {
  const std::string* why = e.get(Attr::kReason);
  return why != nullptr && why->find("timeout") != std::string::npos;
}

// The member's first event in (from, to], or kNoEvent.
std::size_t first_of(const Context& c, const std::string& node, LocalMicros from, LocalMicros to,
                     bool (*pred)(const Event&) = nullptr) {
  const auto it = c.tl.by_node.find(node);
  if (it == c.tl.by_node.end()) return kNoEvent;
  for (std::size_t i : it->second) {
    if (c.tl.times[i] <= from) continue;
    if (c.tl.times[i] > to) break;
    if (pred == nullptr || pred(c.tl.events[i])) return i;
  }
  return kNoEvent;
}

// The member's own slow-disk lines around [from, to]: a late heartbeat then
// is its disk's doing (the raft loop waited on fdatasync), not a stall.
bool disk_explains(const Context& c, const std::string& node, LocalMicros from, LocalMicros to) {
  return first_of(c, node, from - 2 * kSec, to + kSec, [](const Event& e) {
           return etcd_event(e, EventKind::etcd_slow_fdatasync) || etcd_event(e, EventKind::etcd_apply_slow);
         }) != kNoEvent;
}

std::string fixed(LocalMicros us, int digits = 3) { return fmt::format("{:.{}f}", static_cast<double>(us) / 1e6, digits); }

// "e1 (id) was elected leader 1.002 s later", counted from `from`, or that none was.
std::string what_followed(const EtcdLeadership& lead, const EtcdOutage& o, LocalMicros from) {
  return o.open_end ? std::string("no new leader was elected before the logs end")
                    : fmt::format("{} was elected leader {} later", lead.label(o.next_leader), seconds(o.end - from));
}

// A loss whose cause the logs leave open: the old leader, its term and its
// successor, and the lines that show the members losing it.
void describe_open_loss(const Context& c, const EtcdOutage& o, const std::vector<std::size_t>& timeouts, Finding& f) {
  f.nodes = {o.old_leader};
  f.start = o.start;
  f.end = o.end;
  f.detail.emplace_back("old_leader", o.old_leader);
  f.detail.emplace_back("term", std::to_string(o.old_term));
  f.detail.emplace_back("next_leader", o.next_leader.empty() ? "none" : o.next_leader);
  std::vector<std::size_t> ev;
  append_first(ev, o.lost, 3);
  append_first(ev, timeouts, 2);
  if (o.next_event != kNoEvent) ev.push_back(o.next_event);
  add_evidence(f, c, ev);
}

// What the others saw of the leader's connections before and as they gave
// up on it: streams that closed (its process gone) and reads that timed out.
struct LeaderStreams {
  std::vector<std::size_t> gone, timeouts;
};
LeaderStreams leader_streams(const Context& c, const EtcdOutage& o) {
  LeaderStreams out;
  for (std::size_t i : c.events(std::max(o.term_start, o.start - kLookBack), o.start + 2 * kSec, peer_line)) {
    const Event& e = c.tl.events[i];
    const std::string* peer = e.get(Attr::kPeer);
    if (peer == nullptr || *peer != o.old_leader || e.node == o.old_leader) continue;
    if (etcd_peer_gone(e)) out.gone.push_back(i);
    if (timed_out(e)) out.timeouts.push_back(i);
  }
  return out;
}

}  // namespace

void rule_etcd_leader(const Context& c, std::vector<Finding>& out) {
  const EtcdLeadership& lead = c.etcd();
  for (const EtcdOutage& o : lead.outages) {
    const std::string& leader = o.old_leader;
    // Stopped on purpose (a restart, an upgrade, the end of a test): etcd
    // hands leadership over or the operator meant the stop; not a fault.
    if (o.shutdown_event != kNoEvent) continue;
    const auto [gone, timeouts] = leader_streams(c, o);
    const bool have_log = c.has_logs(leader);
    const auto last = c.last_line(leader);
    const bool log_ends = have_log && last && *last <= o.start;
    const std::size_t restart = first_of(c, leader, o.start - kLookBack, c.tl.last, [](const Event& e) {
      return etcd_event(e, EventKind::etcd_start) || etcd_event(e, EventKind::etcd_member);
    });
    // A stall: the leader's own late-heartbeat line when it ran again, as long as the stall.
    std::size_t heartbeat = first_of(c, leader, o.start - 2 * kSec, o.end + 30 * kSec,
                                     [](const Event& e) { return etcd_event(e, EventKind::etcd_heartbeat_late) && cost_us(e) >= kStallMin; });
    if (heartbeat != kNoEvent &&
        disk_explains(c, leader, c.tl.times[heartbeat] - cost_us(c.tl.events[heartbeat]), c.tl.times[heartbeat])) {
      heartbeat = kNoEvent;
    }
    std::size_t woke = heartbeat;
    LocalMicros stall_from = heartbeat == kNoEvent ? 0 : c.tl.times[heartbeat] - cost_us(c.tl.events[heartbeat]);
    if (heartbeat == kNoEvent && gone.empty() && have_log) {
      // No such line (an older etcd, or a leader that learnt of the new
      // term before its ticker fired): silent through the outage and back
      // after it, not restarted, counts too. Its heartbeats stopped by the
      // followers' first read timeout or, without one, an election timeout
      // (etcd's default, 1 s) before they gave up; what it logged before
      // then (its start-up, say, a moment before the stall) says nothing
      // against it (asking silence from 2 s earlier hid a leader paused 2 s
      // after its start-up lines).
      const LocalMicros from = !timeouts.empty() ? c.tl.times[timeouts.front()] : o.start - kDefaultElectionTimeout;
      const std::size_t before = first_of(c, leader, from, o.end);
      const std::size_t after = first_of(c, leader, o.end, c.tl.last);
      // (Its start-up before the outage is not a restart.)
      const bool restarted = restart != kNoEvent && c.tl.times[restart] >= o.start && (after == kNoEvent || restart <= after);
      if (before == kNoEvent && after != kNoEvent && !restarted && c.tl.times[after] - from >= 2 * kSec) {
        woke = after;
        stall_from = from;
      }
    }
    const bool stalled = woke != kNoEvent;
    // Its last words, when it died of an error (a full disk: "no space left on device").
    const std::size_t fatal = first_of(c, leader, o.term_start, o.start + 2 * kSec, [](const Event& e) { return etcd_event(e, EventKind::etcd_fatal); });
    const bool went_away = !stalled && !gone.empty() && (log_ends || restart != kNoEvent || !have_log ||
                                                         first_of(c, leader, c.tl.times[gone.front()], o.end) == kNoEvent);
    const std::string old = lead.label(leader);
    const std::string next = o.next_leader.empty() ? std::string() : lead.label(o.next_leader);
    if (stalled || went_away) {
      const LocalMicros at = stalled ? stall_from : c.tl.times[gone.front()];
      const bool quick = !o.open_end && o.end - at <= 10 * kSec;
      Finding f = new_finding(stalled ? Cause::kEtcdLeaderUnresponsive : Cause::kEtcdLeaderLost, cluster(),
                              stalled || !quick ? Severity::kCritical : Severity::kWarning);
      f.nodes = {leader};
      f.start = at;
      f.end = stalled ? c.tl.times[woke] : o.end;
      const std::string after = what_followed(lead, o, at);
      if (stalled) {
        // What showed the stall: its own late-heartbeat line, its followers' read timeouts, or only its silence.
        const std::string seen = heartbeat != kNoEvent ? fmt::format("when it said it had not sent a heartbeat for {}",
                                                                     seconds(c.tl.times[woke] - at))
                                 : !timeouts.empty() ? std::string("when it logged again")
                                                     : std::string("when it logged again, still leader of the old term");
        f.summary = fmt::format("leader {} stopped running at {}: {} and {}, while its own log is silent until {}, {}: its "
                                "process was stalled (CPU starvation, swap, a frozen host or VM, SIGSTOP)",
                                old, format_timestamp(at),
                                timeouts.empty() ? "its followers gave up on it an election timeout later"
                                                 : "its followers' reads from it timed out",
                                after, format_timestamp(c.tl.times[woke]), seen);
        f.detail.emplace_back("stalled_s", fixed(c.tl.times[woke] - at, 1));
      } else {
        const std::string* why = fatal == kNoEvent ? nullptr : c.tl.events[fatal].get(Attr::kReason);
        f.summary = fmt::format("leader {} went away at {}: its followers' streams from it closed ({}){}; {}", old,
                                format_timestamp(at), c.tl.events[gone.front()].get(Attr::kReason) ? *c.tl.events[gone.front()].get(Attr::kReason) : "",
                                why != nullptr        ? fmt::format(" and its log ends with a fatal error: {}", *why)
                                : log_ends            ? std::string(" and its log ends there (the process stopped)")
                                : restart != kNoEvent ? std::string(" and it started again (the process restarted)")
                                                      : std::string(),
                                after);
        if (why != nullptr) f.detail.emplace_back("last_words", *why);
      }
      f.detail.emplace_back("old_leader", leader);
      f.detail.emplace_back("term", std::to_string(o.old_term));
      f.detail.emplace_back("next_leader", o.next_leader.empty() ? "none" : o.next_leader);
      f.detail.emplace_back("without_leader_s", fixed(o.end - at));
      std::vector<std::size_t> ev;
      if (stalled) ev.push_back(woke);
      if (fatal != kNoEvent && !stalled) ev.push_back(fatal);
      append_first(ev, gone, 2);
      append_first(ev, timeouts, 2);
      append_first(ev, o.lost, 2);
      if (restart != kNoEvent && !stalled) ev.push_back(restart);
      if (o.next_event != kNoEvent) ev.push_back(o.next_event);
      add_evidence(f, c, ev);
      if (!have_log) mark_suspected(f, {leader}, "did its process stop, stall, or lose the network?");
      if (o.partial()) mark_suspected(f, o.not_read, "did the other members lose the leader too?");
      out.push_back(std::move(f));
    } else if (o.partial()) {
      // Only some members' logs: they lost the leader, and what happened to
      // it the missing logs would say.
      Finding f = new_finding(Cause::kEtcdLeaderLost, cluster(), Severity::kWarning);
      std::vector<std::string> losers;
      for (std::size_t i : o.lost) losers.push_back(lead.label(c.tl.events[i].node));
      f.summary = fmt::format("{} lost leader {} at {}{}; {}", fmt::join(losers, ", "), old, format_timestamp(o.start),
                              timeouts.empty() ? "" : " (its reads from it timed out)", what_followed(lead, o, o.start));
      describe_open_loss(c, o, timeouts, f);
      std::vector<std::string> deciding = o.not_read;
      if (!have_log) deciding.insert(deciding.begin(), leader);
      mark_suspected(f, deciding, "was the leader lost by the cluster, and did its process stop, stall, or lose the network?");
      out.push_back(std::move(f));
    }
    // No leader for long: the members left could not form a quorum.
    if (o.open_end || o.end - o.start >= 5 * kSec) {
      Finding f = new_finding(Cause::kEtcdQuorumLost, cluster(), Severity::kCritical);
      f.start = stalled || went_away ? o.start : std::min(o.start, o.unreachable_from);
      f.end = o.end;
      f.nodes = o.unreachable;
      if (std::find(f.nodes.begin(), f.nodes.end(), leader) == f.nodes.end() && (stalled || went_away)) f.nodes.push_back(leader);
      std::vector<std::string> labels;
      for (const auto& m : f.nodes) labels.push_back(lead.label(m));
      const auto elections = c.events(o.start, o.end, [](const Event& e) { return etcd_event(e, EventKind::etcd_election); });
      f.summary = fmt::format("the cluster had no leader for {} from {} ({} election{} failed){}{}",
                              seconds(o.end - f.start), format_timestamp(f.start), elections.size(), elections.size() == 1 ? "" : "s",
                              labels.empty() ? "" : fmt::format(": {} could not be reached", fmt::join(labels, ", ")),
                              o.open_end ? "; no leader when the logs end" : fmt::format("; {} led after it", next));
      f.detail.emplace_back("without_leader_s", fixed(o.end - f.start));
      f.detail.emplace_back("unreachable", fmt::format("{}", fmt::join(o.unreachable, ",")));
      f.detail.emplace_back("members", std::to_string(lead.members.size()));
      if (stalled || went_away) {  // this outage's own leader finding, not another overlapping it
        f.detail.emplace_back("explained_by", cause_id(stalled ? Cause::kEtcdLeaderUnresponsive : Cause::kEtcdLeaderLost));
      }
      std::vector<std::size_t> ev;
      append_first(ev, o.lost, 3);
      for (std::size_t k = 0; k < elections.size() && k < 3; ++k) ev.push_back(elections[k]);
      if (o.next_event != kNoEvent) ev.push_back(o.next_event);
      add_evidence(f, c, ev);
      const auto missing = c.missing_members(cluster());
      if (!missing.empty()) mark_suspected(f, missing, "were the members whose logs are missing down, or running?");
      out.push_back(std::move(f));
    }
  }
  // A leader's own account of a stall that no outage above explained (its
  // followers' logs missing, say): "failed to send out heartbeat on time" by
  // a second or more, one line per peer.
  for (const auto& [node, idx] : c.tl.by_node) {
    const std::string member = node;  // a copy: clang 14 cannot capture a structured binding
    for (std::size_t k = 0; k < idx.size(); ++k) {
      const std::size_t i = idx[k];
      const Event& e = c.tl.events[i];
      if (!etcd_event(e, EventKind::etcd_heartbeat_late) || cost_us(e) < 2 * kSec) continue;  // past any election timeout's randomised range
      const LocalMicros from = c.tl.times[i] - cost_us(e), to = c.tl.times[i];
      const bool told = std::any_of(out.begin(), out.end(), [&](const Finding& f) {
        return f.cause == Cause::kEtcdLeaderUnresponsive && std::find(f.nodes.begin(), f.nodes.end(), member) != f.nodes.end() &&
               f.start <= to && f.end >= from;
      });
      if (told || disk_explains(c, member, from, to)) continue;
      // It learnt of a higher term soon after: the others had elected without it.
      const std::size_t down = first_of(c, member, to - 1, to + 5 * kSec, [](const Event& x) {
        const std::string* r = etcd_event(x, EventKind::etcd_role) ? x.get(Attr::kRole) : nullptr;
        return r != nullptr && *r == "follower";
      });
      Finding f = new_finding(Cause::kEtcdLeaderUnresponsive, cluster(), down != kNoEvent ? Severity::kCritical : Severity::kWarning);
      f.nodes = {member};
      f.start = from;
      f.end = to;
      f.summary = fmt::format("leader {} stopped running for {} from {}: its own log says it sent no heartbeat meanwhile{}; its "
                              "process was stalled (CPU starvation, swap, a frozen host or VM, SIGSTOP)",
                              lead.label(member), seconds(to - from), format_timestamp(from),
                              down != kNoEvent ? fmt::format(", and at {} it found the others had moved on to a higher term and stepped down",
                                                             format_timestamp(c.tl.times[down]))
                                               : std::string());
      f.detail.emplace_back("stalled_s", fixed(to - from, 1));
      std::vector<std::size_t> ev{i};
      if (down != kNoEvent) ev.push_back(down);
      add_evidence(f, c, ev);
      const auto missing = c.missing_members(cluster());
      if (down == kNoEvent && !missing.empty()) mark_suspected(f, missing, "did its followers elect another leader meanwhile?");
      out.push_back(std::move(f));
      while (k + 1 < idx.size() && etcd_event(c.tl.events[idx[k + 1]], EventKind::etcd_heartbeat_late) &&
             c.tl.times[idx[k + 1]] - to <= kSec) {
        ++k;  // the same stall, told for another peer
      }
    }
  }
}

// Every log read, the cluster lost its leader, and no finding above says why
// (a stall, a death, a cut link, a slow disk, a quorum gone, a shutdown or a
// handover): the loss is a fact, its cause is not; never "OK". Runs after
// the other etcd rules.
void rule_etcd_unexplained_loss(const Context& c, std::vector<Finding>& out) {
  const EtcdLeadership& lead = c.etcd();
  for (const EtcdOutage& o : lead.outages) {
    if (o.shutdown_event != kNoEvent || o.transfer_event != kNoEvent || o.partial()) continue;
    const bool explained = std::any_of(out.begin(), out.end(), [&](const Finding& f) {
      return cause_info(f.cause).system == System::kEtcd && f.severity != Severity::kInfo && f.start <= o.end + kSec &&
             f.end >= o.start - kLookBack;
    });
    if (explained) continue;
    const std::vector<std::size_t> timeouts = leader_streams(c, o).timeouts;
    const std::string old = lead.label(o.old_leader);
    Finding f = new_finding(Cause::kEtcdLeaderChange, cluster(), Severity::kWarning);
    f.summary = fmt::format("the members lost leader {} at {}{}; {}; its own log shows neither a stop, a stall nor a lost link", old,
                            format_timestamp(o.start), timeouts.empty() ? "" : " (their reads from it timed out)",
                            what_followed(lead, o, o.start));
    describe_open_loss(c, o, timeouts, f);
    f.suspected = true;
    f.would_decide = fmt::format("what {}'s host did at {} (its system log: the OOM killer, a pause, CPU steal; its network)", old,
                                 format_timestamp(o.start));
    out.push_back(std::move(f));
  }
}

// A member that runs but reaches nobody: its own elections at climbing terms
// (or pre-votes) for 5 s or more while another member leads.
void rule_etcd_network_partition(const Context& c, std::vector<Finding>& out) {
  constexpr LocalMicros kGap = 10 * kSec;
  const EtcdLeadership& lead = c.etcd();
  for (const auto& [node, idx] : c.tl.by_node) {
    std::vector<std::vector<std::size_t>> spells;
    bool reconnected = true;  // a spell ends when it hears its peers again
    for (std::size_t i : idx) {
      const Event& e = c.tl.events[i];
      if (etcd_event(e, EventKind::etcd_peer_active) || etcd_event(e, EventKind::etcd_elected)) reconnected = true;
      if (!etcd_event(e, EventKind::etcd_election)) continue;
      if (reconnected || spells.empty() || c.tl.times[i] - c.tl.times[spells.back().back()] > kGap) spells.emplace_back();
      reconnected = false;
      spells.back().push_back(i);
    }
    const std::string member = node;  // a copy: clang 14 cannot capture a structured binding
    for (const auto& sp : spells) {
      const LocalMicros from = c.tl.times[sp.front()], to = c.tl.times[sp.back()];
      if (sp.size() < 3 || to - from < 5 * kSec) continue;
      // Another member led through most of it; this one never won.
      const EtcdTerm* other = nullptr;
      bool won = false;
      for (const EtcdTerm& t : lead.terms) {
        if (t.leader == member && t.start >= from && t.start <= to) won = true;
        const LocalMicros overlap = std::min(t.end, to) - std::max(t.start, from);
        if (t.leader != member && overlap * 2 >= to - from) other = &t;
      }
      // Nobody led while the cluster was without a quorum: those elections are the outage's, not a cut.
      const bool in_outage = std::any_of(lead.outages.begin(), lead.outages.end(), [&](const EtcdOutage& o) {
        return (std::min(o.end, to) - std::max(o.start, from)) * 2 >= to - from;
      });
      if (won || other == nullptr || in_outage) continue;
      bool was_leader = false;
      for (const EtcdTerm& t : lead.terms) {
        was_leader = was_leader || (t.leader == member && !t.open_end && t.end <= from && t.end >= from - kGap);
      }
      // Its first sign of the cut (a lost stream, its leader lost), and when it heard a leader again.
      const std::size_t cut = first_of(c, member, from - kGap, from, [](const Event& e) {
        return etcd_event(e, EventKind::etcd_stream_lost) || etcd_event(e, EventKind::etcd_peer_inactive) || etcd_event(e, EventKind::etcd_lost_leader) ||
               etcd_event(e, EventKind::etcd_quorum_inactive);
      });
      const std::size_t back = first_of(c, member, to, c.tl.last, [](const Event& e) {
        return etcd_event(e, EventKind::etcd_elected) || etcd_event(e, EventKind::etcd_peer_active);
      });
      const LocalMicros start = cut == kNoEvent ? from : c.tl.times[cut];
      const LocalMicros end = back == kNoEvent ? c.tl.last : c.tl.times[back];
      Finding f = new_finding(Cause::kEtcdNetworkPartition, cluster(), was_leader ? Severity::kCritical : Severity::kWarning);
      f.nodes = {member};
      f.start = start;
      f.end = end;
      const auto first_term = c.tl.events[sp.front()].get_int(Attr::kEpoch).value_or(0);
      const auto last_term = c.tl.events[sp.back()].get_int(Attr::kEpoch).value_or(0);
      f.summary = fmt::format("{} was cut off from the cluster for {} from {}: its process ran (it started {} elections, "
                              "terms {} to {}) but won none, while {} led{}",
                              lead.label(member), seconds(end - start), format_timestamp(start), sp.size(), first_term, last_term,
                              lead.label(other->leader), was_leader ? "; it had been the leader, so the others re-elected" : "");
      f.detail.emplace_back("cut_off_s", fixed(end - start, 1));
      f.detail.emplace_back("was_leader", was_leader ? "yes" : "no");
      f.detail.emplace_back("elections", std::to_string(sp.size()));
      std::vector<std::size_t> ev;
      if (cut != kNoEvent) ev.push_back(cut);
      ev.insert(ev.end(), {sp.front(), sp[1], sp.back()});
      if (other->start_event != kNoEvent) ev.push_back(other->start_event);
      if (back != kNoEvent) ev.push_back(back);
      add_evidence(f, c, ev);
      out.push_back(std::move(f));
    }
  }
}

// What etcd says of its disk: slow WAL syncs, slow applies, late heartbeats
// too short to be a stall of the process.
void rule_etcd_slow_disk(const Context& c, std::vector<Finding>& out) {
  const EtcdLeadership& lead = c.etcd();
  // Elections while members are being stopped on purpose are no disk's doing.
  const auto shutdowns = c.events(std::numeric_limits<LocalMicros>::min(), std::numeric_limits<LocalMicros>::max(),
                                  [](const Event& e) { return etcd_event(e, EventKind::etcd_shutdown); });
  auto planned = [&](std::size_t i) {
    return std::any_of(shutdowns.begin(), shutdowns.end(), [&](std::size_t s) {
      return c.tl.times[s] <= c.tl.times[i] && c.tl.times[i] - c.tl.times[s] <= 10 * kSec;
    });
  };
  for (const auto& [node, idx] : c.tl.by_node) {
    std::vector<std::size_t> lines;
    std::size_t syncs = 0;
    for (std::size_t i : idx) {
      const Event& e = c.tl.events[i];
      const bool disk = etcd_event(e, EventKind::etcd_slow_fdatasync);
      if (disk || etcd_event(e, EventKind::etcd_apply_slow) || (etcd_event(e, EventKind::etcd_heartbeat_late) && cost_us(e) < kStallMin)) {
        lines.push_back(i);
        syncs += disk;
      }
    }
    // One slow sync says it; otherwise three warnings within a minute.
    bool dense = syncs > 0;
    for (std::size_t a = 0, b = 0; b < lines.size() && !dense; ++b) {
      while (c.tl.times[lines[b]] - c.tl.times[lines[a]] > 60 * kSec) ++a;
      dense = b - a + 1 >= 3;
    }
    if (!dense) continue;
    std::int64_t slowest = 0;
    for (std::size_t i : lines) slowest = std::max(slowest, cost_us(c.tl.events[i]));
    // An election after it.
    std::size_t election = kNoEvent;
    for (std::size_t i : lines) {
      for (std::size_t j : c.events(c.tl.times[i], c.tl.times[i] + 30 * kSec, [](const Event& e) { return etcd_event(e, EventKind::etcd_election); })) {
        if (!planned(j)) {
          election = j;
          break;
        }
      }
      if (election != kNoEvent) break;
    }
    Finding f = new_finding(Cause::kEtcdSlowDisk, cluster(), election != kNoEvent ? Severity::kCritical : Severity::kWarning);
    f.nodes = {node};
    f.start = c.tl.times[lines.front()] - cost_us(c.tl.events[lines.front()]);  // the slow sync began as long before its line
    f.end = c.tl.times[lines.back()];
    f.summary = fmt::format("{} warned {} time{} that its disk or its apply loop is slow ({} slow WAL sync{}, slowest {:.0f} ms){}",
                            lead.label(node), lines.size(), lines.size() == 1 ? "" : "s", syncs, syncs == 1 ? "" : "s",
                            static_cast<double>(slowest) / 1e3,
                            election != kNoEvent ? fmt::format("; an election followed at {}", format_timestamp(c.tl.times[election])) : "");
    f.detail.emplace_back("slowest_ms", fmt::format("{:.0f}", static_cast<double>(slowest) / 1e3));
    f.detail.emplace_back("lines", std::to_string(lines.size()));
    std::vector<std::size_t> ev;
    append_first(ev, lines, 5);
    if (election != kNoEvent) ev.push_back(election);
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

// The NOSPACE alarm, and the peers' clocks apart.
void rule_etcd_alarms(const Context& c, std::vector<Finding>& out) {
  const EtcdLeadership& lead = c.etcd();
  const auto alarms = c.events(std::numeric_limits<LocalMicros>::min(), std::numeric_limits<LocalMicros>::max(), [](const Event& e) {
    const std::string* a = etcd_event(e, EventKind::etcd_alarm) ? e.get(Attr::kReason) : nullptr;
    return a != nullptr && *a == "NOSPACE";
  });
  if (!alarms.empty()) {
    const Event& first = c.tl.events[alarms.front()];
    const std::string by = first.get(Attr::kPeer) ? *first.get(Attr::kPeer) : first.node;
    Finding f = new_finding(Cause::kEtcdDbSpaceExceeded, cluster(), Severity::kCritical);
    f.nodes = {by};
    f.start = c.tl.times[alarms.front()];
    f.end = c.tl.last;
    f.summary = fmt::format("the NOSPACE alarm was raised at {} by {}: the database reached its quota "
                            "(--quota-backend-bytes), and the cluster takes only reads and deletes until it is compacted, "
                            "defragmented and the alarm disarmed",
                            format_timestamp(f.start), lead.label(by));
    f.detail.emplace_back("alarm", "NOSPACE");
    f.detail.emplace_back("raised_by", by);
    add_evidence(f, c, alarms, 4);
    out.push_back(std::move(f));
  }
  const auto drifts = c.events(std::numeric_limits<LocalMicros>::min(), std::numeric_limits<LocalMicros>::max(),
                               [](const Event& e) { return etcd_event(e, EventKind::etcd_clock_drift); });
  if (!drifts.empty()) {
    std::int64_t worst = 0;
    std::set<std::string> nodes;
    for (std::size_t i : drifts) {
      const Event& e = c.tl.events[i];
      worst = std::max(worst, std::abs(e.get_int(Attr::kDelta).value_or(0)));
      nodes.insert(e.node);
      if (const std::string* p = e.get(Attr::kPeer)) nodes.insert(*p);
    }
    Finding f = new_finding(Cause::kEtcdClockDrift, cluster(), Severity::kWarning);
    f.nodes.assign(nodes.begin(), nodes.end());
    f.start = c.tl.times[drifts.front()];
    f.end = c.tl.times[drifts.back()];
    f.summary = fmt::format("etcd's peer prober found the members' clocks up to {:.2f} s apart ({} warning{})",
                            static_cast<double>(worst) / 1e6, drifts.size(), drifts.size() == 1 ? "" : "s");
    f.detail.emplace_back("drift_s", fmt::format("{:.2f}", static_cast<double>(worst) / 1e6));
    add_evidence(f, c, drifts, 4);
    out.push_back(std::move(f));
  }
}

// Leaders elected one after another: 3 or more within 60 s, after the first.
void rule_etcd_election_storm(const Context& c, std::vector<Finding>& out) {
  const EtcdLeadership& lead = c.etcd();
  if (lead.terms.size() < 4) return;
  std::size_t a = 1;
  for (std::size_t b = 1; b < lead.terms.size(); ++b) {
    while (lead.terms[b].start - lead.terms[a].start > 60 * kSec) ++a;
    if (b - a + 1 < 3) continue;
    std::size_t end = b;
    while (end + 1 < lead.terms.size() && lead.terms[end + 1].start - lead.terms[end].start <= 60 * kSec) ++end;
    const bool leaderless_end = !lead.outages.empty() && lead.outages.back().open_end;
    Finding f = new_finding(Cause::kEtcdElectionStorm, cluster(), leaderless_end ? Severity::kCritical : Severity::kWarning);
    f.start = lead.terms[a].start;
    f.end = lead.terms[end].start;
    std::set<std::string> leaders;
    std::vector<std::size_t> ev;
    for (std::size_t k = a; k <= end; ++k) {
      leaders.insert(lead.label(lead.terms[k].leader));
      if (ev.size() < 6) ev.push_back(lead.terms[k].start_event);
    }
    f.summary = fmt::format("{} leaders were elected in {} (terms {} to {}: {}): no leader stayed", end - a + 1,
                            seconds(f.end - f.start), lead.terms[a].term, lead.terms[end].term, fmt::join(leaders, ", "));
    f.detail.emplace_back("elections", std::to_string(end - a + 1));
    f.detail.emplace_back("terms", fmt::format("{}-{}", lead.terms[a].term, lead.terms[end].term));
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
    return;
  }
}

}  // namespace paxray::rules
