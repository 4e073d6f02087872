// Cluster-level causes: clock skew, majority down, network partition, high load.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "context.h"
#include "paxray/replay/core/quorum.h"

namespace paxray::rules {
namespace {

bool is_lease_loss(const Event& ev) {
  switch (ev.kind) {
    case EventKind::elect_leader_revoked:
    case EventKind::elect_lease_expired:
    case EventKind::elect3_lease_expired: return true;
    case EventKind::elect3_leader_revoke: {
      const std::string* r = ev.get(Attr::kReason);
      return r != nullptr && r->find("lease") != std::string::npos;
    }
    case EventKind::elect_role_change: {
      const std::string* r = ev.get(Attr::kReason);
      return r != nullptr && r->find("lease expired") != std::string::npos;
    }
    default: return false;
  }
}

// A leader elected after `t` (in either layer's window) proves that a
// majority of the group was up then, whatever logs are missing.
bool leader_elected_after(const Context& c, const GroupKey& g, LocalMicros t) {
  return std::any_of(c.tl.leaders.begin(), c.tl.leaders.end(),
                     [&](const LeaderInterval& l) { return l.group == g && l.layer == LeaderLayer::kElection && l.start >= t; });
}

}  // namespace

namespace {

// A clock that ran apart for a spell and came back: one finding per episode
// beyond the threshold, over the spell (an average over the log hides it).
void clock_episodes(const Context& c, std::vector<Finding>& out) {
  const auto limit = static_cast<std::int64_t>(c.t.clock_skew_s * kSec);
  for (const auto& clock : c.tl.clocks) {
    for (const ClockEpisode& e : clock.episodes) {
      if (std::llabs(e.step_us) <= limit) continue;
      Finding f;
      f.cause = Cause::kClockSkew;
      f.group = "cluster";
      f.nodes = {clock.node};
      f.start = e.start;
      f.end = e.end;
      const LeaderlessWindow* w = c.window_overlapping(-1, e.start, e.end + 10 * kSec);
      f.severity = w ? Severity::kCritical : Severity::kWarning;
      f.summary = fmt::format("{}'s clock ran {:.3f} s {} for {} from {}{}{}", clock.node, std::fabs(static_cast<double>(e.step_us) / 1e6),
                              e.step_us > 0 ? "ahead" : "behind", seconds(e.end - e.start), format_timestamp(e.start),
                              e.ended_by_jump ? " and stepped back" : " (its end is the last sample)",
                              w ? fmt::format("; {} lost its leader meanwhile", w->group.name()) : "");
      f.detail.emplace_back("step_s", fmt::format("{:.3f}", static_cast<double>(e.step_us) / 1e6));
      f.detail.emplace_back("basis", e.basis);
      f.detail.emplace_back("threshold_s", fmt::format("{}", c.t.clock_skew_s));
      // The jump back first (it dates the end), then the samples.
      std::vector<std::size_t> ev;
      if (e.ended_by_jump) ev.push_back(e.evidence.back());
      const std::size_t samples = e.evidence.size() - (e.ended_by_jump ? 1 : 0);
      for (std::size_t k = 0; k < samples; ++k) ev.push_back(e.evidence[k]);
      add_evidence(f, c, ev);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

// The election needs every pair of clocks within 2 s (guide: "Clock offset").
void rule_clock_skew(const Context& c, std::vector<Finding>& out) {
  clock_episodes(c, out);
  const auto limit = static_cast<std::int64_t>(c.t.clock_skew_s * kSec);
  std::vector<std::string> skewed;
  for (const auto& clock : c.tl.clocks) {
    if (std::llabs(clock.offset_us) > limit) skewed.push_back(clock.node);
  }
  // 3.x reports it directly: messages outside the time window, blacklist clockdiff.
  const auto direct = c.events(c.tl.first, c.tl.last, [&](const Event& ev) {
    if (ev.kind == EventKind::elect3_message_not_in_time) return true;
    const auto d = ev.get_int(Attr::kDelta);
    return ev.kind == EventKind::clock_diff_v3 && d && std::llabs(*d) > limit;
  });
  if (skewed.empty() && direct.empty()) return;
  Finding f;
  f.cause = Cause::kClockSkew;
  f.group = "cluster";
  f.nodes = skewed;
  for (std::size_t i : direct) {
    if (std::find(f.nodes.begin(), f.nodes.end(), c.tl.events[i].node) == f.nodes.end()) f.nodes.push_back(c.tl.events[i].node);
  }
  std::string offsets;
  for (const auto& clock : c.tl.clocks) {
    if (std::find(skewed.begin(), skewed.end(), clock.node) == skewed.end()) continue;
    if (!offsets.empty()) offsets += ", ";
    offsets += fmt::format("{} {:+.3f} s", clock.node, static_cast<double>(clock.offset_us) / 1e6);
    f.detail.emplace_back("offset_s." + clock.node, fmt::format("{:.3f}", static_cast<double>(clock.offset_us) / 1e6));
    f.detail.emplace_back("basis." + clock.node, clock.basis);
  }
  f.detail.emplace_back("threshold_s", fmt::format("{}", c.t.clock_skew_s));
  f.summary = offsets.empty() ? fmt::format("Election messages rejected as out of time: clocks differ by more than {} s",
                                            c.t.clock_skew_s)
                              : fmt::format("Clock offset above {} s: {}; with that skew no leader can be elected", c.t.clock_skew_s,
                                            offsets);
  // The causal pairs that gave the offset are the evidence.
  std::vector<std::size_t> ev = direct;
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    const Event& e = c.tl.events[i];
    if (e.kind != EventKind::packet_fly_slow && e.kind != EventKind::clockdiff && e.kind != EventKind::elect_message_delay) continue;
    const std::string* peer = e.get(Attr::kPeer);
    const std::string peer_node = peer ? c.tl.node_of(*peer) : std::string();
    for (const auto& n : skewed) {
      if (e.node == n || peer_node == n) ev.push_back(i);
    }
  }
  std::sort(ev.begin(), ev.end());
  ev.erase(std::unique(ev.begin(), ev.end()), ev.end());
  add_evidence(f, c, ev);
  f.start = f.evidence.empty() ? c.tl.first : f.evidence.front().time;
  f.end = c.tl.last;
  f.severity = c.windows().empty() ? Severity::kWarning : Severity::kCritical;
  out.push_back(std::move(f));
}

// Per window: fewer live members than a majority (nodes stopped, crashed, silent).
void rule_majority_down(const Context& c, std::vector<Finding>& out) {
  const auto silent = static_cast<LocalMicros>(c.t.silent_node_s * kSec);
  std::set<GroupKey> done;  // one finding per group, whichever layer shows it first
  for (const LeaderlessWindow* w : c.windows()) {
    if (done.count(w->group)) continue;
    const std::vector<std::string> members = c.members(w->group);
    if (members.empty()) continue;
    // Down needs evidence: the member's own log going quiet, or the root
    // service losing its heartbeat. A member whose logs were not provided is
    // neither down nor up.
    std::vector<std::string> down;
    std::vector<std::size_t> ev;
    for (const auto& m : members) {
      const auto last = c.last_line(m);
      const auto rs = c.events(w->start - 60 * kSec, w->end, [&](const Event& e) {
        const std::string* s = e.get(Attr::kStatus);
        const std::string* srv = e.get(Attr::kServer);
        return e.kind == EventKind::server_status && srv && c.tl.node_of(*srv) == m && s &&
               (*s == "lease_expired" || *s == "permanent_offline");
      });
      if ((last && *last < w->end - silent) || !rs.empty()) {
        down.push_back(m);
        ev.insert(ev.end(), rs.begin(), rs.end());
        const auto it = c.tl.by_node.find(m);
        if (it != c.tl.by_node.end() && !it->second.empty()) {
          // The node's last event before it went quiet.
          std::size_t best = it->second.front();
          for (std::size_t i : it->second) {
            if (c.tl.times[i] <= w->end) best = i;
          }
          ev.push_back(best);
        }
      }
    }
    const std::size_t alive = members.size() - down.size();
    std::vector<std::string> unknown;  // not down by the evidence, and not provided
    for (const auto& m : c.missing_members(w->group)) {
      if (std::find(down.begin(), down.end(), m) == down.end()) unknown.push_back(m);
    }
    // Confirmed: the down ones alone leave no majority. Suspected: they do
    // only if the members not provided were down too.
    const bool confirmed = !quorum::has_majority(alive, members.size());
    // A leader elected while they were down proves a majority was up.
    if (down.empty() || (!confirmed && (quorum::has_majority(alive - unknown.size(), members.size()) || leader_elected_after(c, w->group, w->start)))) continue;
    Finding f;
    f.cause = Cause::kMajorityDown;
    set_group(f, w->group);
    f.nodes = down;
    f.start = w->start;
    f.end = w->end;
    f.severity = Severity::kCritical;
    f.summary = fmt::format("{} of {} replicas of {} were down or silent ({}), so the rest could not form a majority",
                            down.size(), members.size(), w->group.name(), fmt::join(down, ", "));
    if (!confirmed) {
      f.summary = fmt::format("{} of {} replicas of {} were down or silent ({}); the majority was lost only if {} {} down too",
                              down.size(), members.size(), w->group.name(), fmt::join(down, ", "), fmt::join(unknown, ", "),
                              unknown.size() == 1 ? "was" : "were");
      mark_suspected(f, unknown, "were they up?");
    }
    f.detail.emplace_back("members", fmt::format("{}", fmt::join(members, ", ")));
    f.detail.emplace_back("alive", std::to_string(alive));
    add_evidence(f, c, ev);
    done.insert(w->group);
    out.push_back(std::move(f));
  }
}

// The window's last leader stopped logging before it opened and stayed
// silent while the others logged on: its observer stopped or crashed.
bool leader_went_silent(const Context& c, const LeaderlessWindow& w) {
  if (w.last_leader.empty()) return false;
  const auto last = c.last_line(w.last_leader);
  return last && *last <= w.start && c.tl.last - *last >= static_cast<LocalMicros>(c.t.silent_node_s * kSec);
}

// Per window with a live majority whose last leader went silent: a failover.
// The others elect a new leader once its lease (4 s) and the time window (2 s)
// have passed; longer than that is worth a look of its own.
void rule_leader_down(const Context& c, std::vector<Finding>& out) {
  const auto silent = static_cast<LocalMicros>(c.t.silent_node_s * kSec);
  for (const LeaderlessWindow* w : c.windows()) {
    if (w->layer != LeaderLayer::kElection || !leader_went_silent(c, *w)) continue;
    const std::vector<std::string> members = c.members(w->group);
    const std::vector<std::string> missing = c.missing_members(w->group);
    std::size_t alive = 0;
    for (const auto& m : members) {
      const auto last = c.last_line(m);
      alive += last && c.tl.last - *last < silent;
    }
    if (members.empty() || !quorum::has_majority(alive + missing.size(), members.size())) continue;  // majority_down
    const LocalMicros last = *c.last_line(w->last_leader);
    std::vector<std::size_t> ev;
    if (const auto it = c.tl.by_node.find(w->last_leader); it != c.tl.by_node.end() && !it->second.empty()) {
      ev.push_back(it->second.back());  // its last line
    }
    const auto expiries = c.group_events(w->group, last, w->end, [](const Event& e) {
      return e.kind == EventKind::elect_lease_expired || e.kind == EventKind::elect3_lease_expired;
    });
    ev.insert(ev.end(), expiries.begin(), expiries.end());
    if (w->end_event != kNoEvent) ev.push_back(w->end_event);
    Finding f;
    f.cause = Cause::kLeaderDown;
    set_group(f, w->group);
    f.nodes = {w->last_leader};
    f.start = w->start;
    f.end = w->end;
    const double took = static_cast<double>(w->end - last) / kSec;
    f.severity = w->open_end || took > 10.0 ? Severity::kCritical : Severity::kWarning;
    f.summary = fmt::format("{}'s leader {} stopped logging at {} (observer stopped or crashed); {}", w->group.name(), w->last_leader,
                            format_timestamp(last),
                            w->open_end ? std::string("no other replica was elected before the logs end")
                                        : fmt::format("the others elected a new leader {:.1f} s later (lease 4 s + time window 2 s is the norm)", took));
    f.detail.emplace_back("last_line", format_timestamp(last));
    f.detail.emplace_back("alive", std::to_string(alive));
    add_evidence(f, c, ev);
    // A successor elected proves a live majority; otherwise it rests on the missing logs.
    if (!quorum::has_majority(alive, members.size()) && !leader_elected_after(c, w->group, w->start)) mark_suspected(f, missing, "a live majority elects a new leader; without it the group stays leaderless");
    out.push_back(std::move(f));
  }
}

// Per window with a live majority: the leader's lease ran out because its
// messages were lost. Direction from the election message counters.
void rule_network_partition(const Context& c, std::vector<Finding>& out) {
  const auto silent = static_cast<LocalMicros>(c.t.silent_node_s * kSec);
  for (const LeaderlessWindow* w : c.windows()) {
    if (w->layer != LeaderLayer::kElection) continue;
    const auto loss = c.group_events(w->group, w->start - kSec, w->end, is_lease_loss);
    if (loss.empty()) continue;
    // A leader that stepped down for its own reason (clog sliding window,
    // reconfirm, disk) lets its followers' leases expire too: not message loss.
    const auto own_reason = c.group_events(w->group, w->start - kSec, w->start + kSec, [&](const Event& e) {
      const std::string* r = e.get(Attr::kReason);
      return e.kind == EventKind::elect3_leader_revoke && e.node == w->last_leader && r && r->find("lease") == std::string::npos;
    });
    if (!own_reason.empty() || leader_went_silent(c, *w)) continue;  // a stopped leader is leader_down
    const std::vector<std::string> members = c.members(w->group);
    const std::vector<std::string> missing = c.missing_members(w->group);
    std::size_t alive = 0;
    for (const auto& m : members) {
      const auto last = c.last_line(m);
      alive += last && *last >= w->end - silent;
    }
    if (!members.empty() && !quorum::has_majority(alive + missing.size(), members.size())) continue;  // majority_down explains it
    // Counters that stopped moving: receiver -> senders it no longer hears.
    std::map<std::string, std::set<std::string>> deaf;
    std::vector<std::size_t> counts = c.group_events(w->group, w->start - 30 * kSec, w->end, [](const Event& e) {
      return e.kind == EventKind::elect_message_count;
    });
    std::vector<std::size_t> frozen_ev;
    for (std::size_t i : counts) {
      for (const auto& p : c.tl.events[i].peers) {
        if (p.rec_changed == 0) {
          deaf[c.tl.events[i].node].insert(c.tl.node_of(p.addr));
          frozen_ev.push_back(i);
        }
      }
    }
    std::set<std::pair<std::string, std::string>> pairs;  // (from, to) that failed
    for (const auto& [to, froms] : deaf) {
      for (const auto& from : froms) pairs.insert({from, to});
    }
    bool two_way = false;
    std::set<std::string> isolated;
    for (const auto& [from, to] : pairs) {
      if (pairs.count({to, from})) two_way = true;
    }
    // A node that no peer hears is isolated (outbound); one that hears nobody, inbound.
    std::map<std::string, int> unheard, deafness;
    for (const auto& [from, to] : pairs) {
      ++unheard[from];
      ++deafness[to];
    }
    for (const auto& [n, k] : unheard) {
      if (k >= 2 || (members.size() <= 2 && k >= 1)) isolated.insert(n);
    }
    Finding f;
    f.cause = Cause::kNetworkPartition;
    set_group(f, w->group);
    f.start = w->start;
    f.end = w->end;
    f.severity = Severity::kCritical;
    f.nodes.assign(isolated.begin(), isolated.end());
    if (f.nodes.empty() && !w->last_leader.empty()) f.nodes.push_back(w->last_leader);
    std::string direction = pairs.empty() ? "unknown (no message counters in the logs)" : two_way ? "two-way" : "one-way";
    if (!pairs.empty() && !missing.empty()) {
      // Counters tell what a node stopped receiving: the other side's are in
      // the logs that were not provided.
      direction = fmt::format("unknown (only the counters of the members whose logs were read; {} not provided)", fmt::join(missing, ", "));
    }
    f.detail.emplace_back("direction", direction);
    std::string failed;
    for (const auto& [from, to] : pairs) {
      if (!failed.empty()) failed += ", ";
      failed += from + " -> " + to;
    }
    if (!failed.empty()) f.detail.emplace_back("lost_messages", failed);
    f.detail.emplace_back("last_leader", w->last_leader);
    const bool known_direction = direction.rfind("unknown", 0) != 0;
    f.summary = fmt::format("{}'s leader {} could not renew its lease: {}{}{}", w->group.name(), w->last_leader,
                            known_direction ? direction + " message loss" : std::string("message loss, direction unknown"),
                            isolated.empty() ? "" : " isolating ",
                            isolated.empty() ? std::string() : fmt::format("{}", fmt::join(isolated, ", ")));
    // The lease loss first, then the counters that show which messages stopped.
    std::vector<std::size_t> ev = loss;
    ev.insert(ev.end(), frozen_ev.begin(), frozen_ev.end());
    add_evidence(f, c, ev);
    // Whether the others were cut off or down, and which way messages were
    // lost, is in the logs of the members that were not provided.
    const bool leader_missing = std::find(missing.begin(), missing.end(), w->last_leader) != missing.end();
    if (!missing.empty() && (!quorum::has_majority(alive, members.size()) || w->partial || pairs.empty() || leader_missing)) {
      f.summary += fmt::format("; or {} {} down: {} not provided", fmt::join(missing, ", "), missing.size() == 1 ? "was" : "were",
                               missing.size() == 1 ? "its logs were" : "their logs were");
      mark_suspected(f, missing, "were they up, and did they hear the leader?");
    }
    // The guide's "lease expired with a live majority" is a partition only
    // when nothing else explains it (the ordering folds it under a root that
    // does); on its own it needs a line that shows messages lost or late.
    const auto late = c.events(w->start - 30 * kSec, w->end, [&](const Event& e) {
      const bool kind = e.kind == EventKind::elect_message_delay || e.kind == EventKind::elect3_message_not_in_time ||
                        e.kind == EventKind::packet_fly_slow;
      return kind && std::find(members.begin(), members.end(), e.node) != members.end();
    });
    if (!late.empty()) {
      f.detail.emplace_back("late_messages", std::to_string(late.size()));
      add_evidence(f, c, late, f.evidence.size() + 3);
    }
    if (!f.suspected && pairs.empty() && late.empty()) {
      f.suspected = true;
      f.severity = std::min(f.severity, Severity::kWarning);
      f.would_decide = "the election message counters of the members (`dump message count` lines), or packet-fly / "
                       "message-delay lines around the window (did the leader's renewals stop arriving?)";
      f.summary += "; no line shows a message lost or late";
    }
    out.push_back(std::move(f));
  }
}

// Logging itself delayed ([lt=] is the time the thread spent writing its
// previous record): the machine is too loaded for timely election/clog work.
void rule_high_load(const Context& c, std::vector<Finding>& out) {
  const auto limit = static_cast<std::int64_t>(c.t.high_load_logging_ms * 1000);
  const auto slow = c.events(c.tl.first, c.tl.last, [&](const Event& e) {
    return e.kind == EventKind::slow_logging && e.get_int(Attr::kCostUs).value_or(0) >= limit;
  });
  if (static_cast<int>(slow.size()) < c.t.high_load_min_lines) return;
  Finding f;
  f.cause = Cause::kHighLoad;
  f.group = "cluster";
  std::set<std::string> nodes;
  for (std::size_t i : slow) nodes.insert(c.tl.events[i].node);
  f.nodes.assign(nodes.begin(), nodes.end());
  f.start = c.tl.times[slow.front()];
  f.end = c.tl.times[slow.back()];
  const LeaderlessWindow* w = c.window_overlapping(-1, f.start - 60 * kSec, f.end);
  f.severity = w ? Severity::kCritical : Severity::kWarning;
  f.summary = fmt::format("{} log lines took over {} ms to write on {}: the system was overloaded{}", slow.size(),
                          c.t.high_load_logging_ms, fmt::join(nodes, ", "),
                          w ? fmt::format(" around {}'s leaderless window", w->group.name()) : "");
  f.detail.emplace_back("slow_lines", std::to_string(slow.size()));
  std::vector<std::int64_t> costs;
  for (std::size_t i : slow) costs.push_back(c.tl.events[i].get_int(Attr::kCostUs).value_or(0));
  std::nth_element(costs.begin(), costs.begin() + static_cast<std::ptrdiff_t>(costs.size() / 2), costs.end());
  f.detail.emplace_back("median_logging_ms", fmt::format("{:g}", static_cast<double>(costs[costs.size() / 2]) / 1000.0));
  // The replay finds each node's loaded spells among lines this slow.
  f.detail.emplace_back("logging_threshold_ms", fmt::format("{:g}", c.t.high_load_logging_ms));
  add_evidence(f, c, slow);
  out.push_back(std::move(f));
}

}  // namespace paxray::rules
