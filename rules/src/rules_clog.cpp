// Clog and role-change causes: reconfirm failure, takeover failure, a stuck
// RoleChangeService, a stalled sliding window, and -4038 from a stale
// location cache while a leader exists.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "context.h"

namespace paxray::rules {

// The election chose a leader but clog reconfirm failed or timed out: the
// leader steps down again (guide: "Clog reconfirm fails").
void rule_reconfirm_failed(const Context& c, std::vector<Finding>& out) {
  for (const LeaderlessWindow* w : c.windows()) {
    if (w->layer != LeaderLayer::kClog) continue;
    const auto ev = c.group_events(w->group, w->start, w->end, [](const Event& e) {
      if (e.kind == EventKind::reconfirm_failed || e.kind == EventKind::reconfirm_timeout) return true;
      const std::string* r = e.get(Attr::kReason);
      return e.kind == EventKind::elect3_leader_revoke && r && r->find("reconfirm") != std::string::npos;
    });
    if (ev.empty()) continue;
    Finding f;
    f.cause = Cause::kReconfirmFailed;
    set_group(f, w->group);
    std::set<std::string> nodes;
    for (std::size_t i : ev) nodes.insert(c.tl.events[i].node);
    f.nodes.assign(nodes.begin(), nodes.end());
    f.start = w->start;
    f.end = w->end;
    f.severity = Severity::kCritical;
    f.summary = fmt::format("{}: an election leader was chosen ({}) but clog reconfirm failed {} time(s), so it stepped down",
                            w->group.name(), fmt::join(nodes, ", "), ev.size());
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

// Reconfirm done (the node is PALF leader), but the takeover in
// RoleChangeService keeps failing, so the log stream has no usable leader
// (guide: "Takeover fails").
void rule_takeover_failed(const Context& c, std::vector<Finding>& out) {
  for (const RcsEpisode& e : c.tl.rcs) {
    if (e.failures == 0) continue;
    const auto failed = c.group_events(e.group, e.begin, e.end ? *e.end : c.tl.last, [&](const Event& ev) {
      return ev.kind == EventKind::rcs_failed && ev.node == e.node;
    });
    const auto reconfirmed = c.group_events(e.group, e.begin - 60 * kSec, e.begin, [&](const Event& ev) {
      return ev.node == e.node && (ev.kind == EventKind::reconfirm_finished || ev.kind == EventKind::elect_change_leader_takeover ||
                                   ev.kind == EventKind::elect_takeover);
    });
    // An event that never ended but that the node handled again later (a
    // retry as a new event) ended there; whether the retries completed is
    // the last one's to say.
    const RcsEpisode* retry = nullptr;
    if (!e.end && !failed.empty()) {
      const LocalMicros last_failure = c.tl.times[failed.back()];
      for (const RcsEpisode& later : c.tl.rcs) {
        const bool soon = later.begin > last_failure && later.begin - last_failure <= 10 * kSec;  // a retry, not a later switch
        if (&later != &e && later.group == e.group && later.node == e.node && later.begin > e.begin && soon &&
            (retry == nullptr || later.begin < retry->begin)) {
          retry = &later;
        }
      }
    }
    Finding f;
    f.cause = Cause::kTakeoverFailed;
    set_group(f, e.group);
    f.nodes = {e.node};
    f.start = e.begin;
    f.end = e.end ? *e.end : retry != nullptr ? retry->begin : c.tl.last;
    // Never recovered within the logs: no leader to serve requests.
    f.severity = e.end || retry != nullptr ? Severity::kWarning : Severity::kCritical;
    f.summary = fmt::format("{}: {} became leader but its RoleChangeService takeover failed {} time(s){}", e.group.name(), e.node,
                            e.failures,
                            e.end              ? " before it finally completed"
                            : retry != nullptr ? " and was handled again as a new event"
                                               : " and never completed: no usable leader");
    f.detail.emplace_back("sequence", e.sequence);
    std::vector<std::size_t> ev = reconfirmed;
    ev.push_back(e.begin_event);
    ev.insert(ev.end(), failed.begin(), failed.end());
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

// A role-change event began and never ended, or took longer than the time
// guard (guide: "If the last log is not end handle_role_change_event_").
void rule_rcs_stuck(const Context& c, std::vector<Finding>& out) {
  const auto guard = static_cast<LocalMicros>(c.t.rcs_time_guard_s * kSec);
  for (const RcsEpisode& e : c.tl.rcs) {
    const LocalMicros end = e.end ? *e.end : c.tl.last;
    if (end - e.begin <= guard || e.failures > 0) continue;  // failures: takeover_failed tells that story
    Finding f;
    f.cause = Cause::kRcsStuck;
    set_group(f, e.group);
    f.nodes = {e.node};
    f.start = e.begin;
    f.end = end;
    // Stuck until the logs end: the switchover never finished, so no usable leader.
    const LeaderlessWindow* w = c.window_overlapping(e.group.tenant, e.begin, end);
    f.severity = (w || !e.end) ? Severity::kCritical : Severity::kWarning;
    f.summary = e.end ? fmt::format("RoleChangeService on {} took {} for {} (time guard {} s)", e.node, seconds(end - e.begin),
                                    e.group.name(), c.t.rcs_time_guard_s)
                      : fmt::format("RoleChangeService on {} began handling {} and never ended ({} until the logs end): "
                                    "the leader switchover is stuck", e.node, e.group.name(), seconds(end - e.begin));
    f.detail.emplace_back("sequence", e.sequence);
    f.detail.emplace_back("event_type", e.event_type == 1 ? "change leader" : e.event_type == 2 ? "role change callback" : "unknown");
    f.detail.emplace_back("failures", std::to_string(e.failures));
    std::vector<std::size_t> ev = {e.begin_event};
    if (e.end_event != kNoEvent) ev.push_back(e.end_event);
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

// The leader's sliding window did not slide within 10 s: it steps down
// (guide: "Transaction callback execution exception").
void rule_sliding_window_stall(const Context& c, std::vector<Finding>& out) {
  const auto stall = c.events(c.tl.first, c.tl.last, [](const Event& e) {
    if (e.kind == EventKind::sw_need_switch_v3 || e.kind == EventKind::log_sync_timeout) return true;
    const std::string* r = e.get(Attr::kReason);
    return e.kind == EventKind::elect3_leader_revoke && r && r->find("sliding_window") != std::string::npos;
  });
  std::set<GroupKey> groups;
  for (std::size_t i : stall) groups.insert(c.tl.events[i].group);
  for (const GroupKey& g : groups) {
    std::vector<std::size_t> ev;
    for (std::size_t i : stall) {
      if (c.tl.events[i].group == g) ev.push_back(i);
    }
    const auto checks = c.group_events(g, c.tl.times[ev.front()] - 60 * kSec, c.tl.times[ev.front()],
                                       [](const Event& e) { return e.kind == EventKind::sw_check_v3; });
    const std::string& leader = c.tl.events[ev.front()].node;
    const LocalMicros from = checks.empty() ? c.tl.times[ev.front()] : c.tl.times[checks.front()];
    // Why it did not slide: local disk, followers' disks, or the network.
    const auto local_disk = c.events(from - 30 * kSec, c.tl.times[ev.back()], [&](const Event& e) {
      return e.kind == EventKind::disk_hung && e.node == leader;
    });
    const auto follower_disk = c.events(from - 30 * kSec, c.tl.times[ev.back()], [&](const Event& e) {
      return e.kind == EventKind::disk_hung && e.node != leader;
    });
    const auto network = c.events(from - 30 * kSec, c.tl.times[ev.back()], [&](const Event& e) {
      return e.kind == EventKind::packet_fly_slow;
    });
    std::string sub = "unknown";
    if (!local_disk.empty()) {
      sub = "local_disk_slow";
    } else if (!follower_disk.empty()) {
      sub = "follower_disk_slow";
    } else if (!network.empty()) {
      sub = "network_slow";
    }
    Finding f;
    f.cause = Cause::kSlidingWindowStall;
    set_group(f, g);
    f.nodes = {leader};
    f.start = from;
    f.end = c.tl.times[ev.back()];
    const LeaderlessWindow* w = c.window_overlapping(g.tenant, f.start, f.end + 60 * kSec);
    f.severity = w ? Severity::kCritical : Severity::kWarning;
    f.detail.emplace_back("sub_cause", sub);
    f.detail.emplace_back("threshold_s", fmt::format("{}", c.t.sliding_window_stall_s));
    f.summary = fmt::format("{}: the leader {}'s log sliding window stopped sliding for over {} s and it stepped down "
                            "(sub-cause: {})", g.name(), leader, c.t.sliding_window_stall_s, sub);
    std::vector<std::size_t> all = checks;
    all.insert(all.end(), ev.begin(), ev.end());
    for (const auto* extra : {&local_disk, &follower_disk, &network}) all.insert(all.end(), extra->begin(), extra->end());
    add_evidence(f, c, all, 10);
    out.push_back(std::move(f));
  }
}

// -4038 while a leader exists: the location cache was not refreshed after a
// leader switch; statement-level retry handles it (guide: "The leader exists").
void rule_stale_location_cache(const Context& c, std::vector<Finding>& out) {
  const auto window = static_cast<LocalMicros>(c.t.stale_cache_window_s * kSec);
  std::vector<std::size_t> stale;
  std::vector<std::size_t> switches;
  // Leader switches: an election-leader interval that follows another node's.
  std::vector<const LeaderInterval*> switches_at;
  for (const auto& l : c.tl.leaders) {
    if (l.layer != LeaderLayer::kElection) continue;
    for (const auto& prev : c.tl.leaders) {
      if (&prev != &l && prev.group == l.group && prev.layer == l.layer && prev.node != l.node && !prev.open_end &&
          prev.end <= l.start && l.start - prev.end <= 10 * kSec) {
        switches_at.push_back(&l);
        break;
      }
    }
  }
  std::size_t requests = 0;
  LocalMicros first = 0, last = 0;
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    if (c.tl.events[i].kind != EventKind::not_master) continue;
    // A folded run's last request stands for the requests before it too.
    for (const LocalMicros t : c.tl.all_times(i)) {
      if (c.window_overlapping(-1, t, t) != nullptr) continue;  // no leader at all: not this cause
      for (const LeaderInterval* l : switches_at) {
        if (l->start <= t && t - l->start <= window) {
          first = requests == 0 ? t : std::min(first, t);
          last = requests == 0 ? t : std::max(last, t);
          ++requests;
          if (stale.empty() || stale.back() != i) stale.push_back(i);
          if (l->start_event != kNoEvent && (switches.empty() || switches.back() != l->start_event)) {
            switches.push_back(l->start_event);
          }
          break;
        }
      }
    }
  }
  if (stale.empty()) return;
  Finding f;
  f.cause = Cause::kStaleLocationCache;
  f.severity = Severity::kInfo;
  // The tenant (and log stream) when every -4038 names the same one: 4.x
  // prints it in the thread tag (`T1002_...`) even when the body does not.
  GroupKey scope = c.tl.events[stale.front()].group;
  for (std::size_t i : stale) {
    const GroupKey& g = c.tl.events[i].group;
    if (g.tenant != scope.tenant) scope.tenant = -1;
    if (g.ls != scope.ls) scope.ls = -1;
  }
  if (scope.tenant < 0) scope.ls = -1;
  set_group(f, GroupKey{scope.tenant, scope.ls, -1, -1, {}});
  std::set<std::string> nodes;
  for (std::size_t i : stale) nodes.insert(c.tl.events[i].node);
  f.nodes.assign(nodes.begin(), nodes.end());
  f.start = first;
  f.end = last;
  f.summary = fmt::format("{} request(s) got -4038 (not master) just after a leader switch while a leader existed: a stale "
                          "location cache, retried by the statement", requests);
  std::vector<std::size_t> ev = switches;
  ev.insert(ev.end(), stale.begin(), stale.end());
  add_evidence(f, c, ev);
  out.push_back(std::move(f));
}

}  // namespace paxray::rules
