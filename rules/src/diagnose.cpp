// Runs every rule, orders the findings, and answers the guide's checklist.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>
#include <set>

#include "context.h"

namespace paxray {
namespace rules {
namespace {

std::string describe_leader(const Context& c, const GroupKey& g, LeaderLayer layer, std::vector<Evidence>& ev) {
  const LeaderlessWindow* open = nullptr;
  for (const auto& w : c.tl.leaderless) {
    if (w.group == g && w.layer == layer && (open == nullptr || w.start > open->start)) open = &w;
  }
  const LeaderInterval* last = nullptr;
  for (const auto& l : c.tl.leaders) {
    if (l.group == g && l.layer == layer && (last == nullptr || l.start > last->start)) last = &l;
  }
  if (open != nullptr && (last == nullptr || open->start >= last->start)) {
    if (open->start_event != kNoEvent) ev.push_back(c.evidence(open->start_event));
    return fmt::format("no: none since {} (last {}){}", format_timestamp(open->start), open->last_leader,
                       open->open_end ? ", still none when the logs end" : "");
  }
  if (last == nullptr) return "unknown: the logs show no leader for this log stream";
  if (last->start_event != kNoEvent) ev.push_back(c.evidence(last->start_event));
  std::string answer = fmt::format("yes: {} since {}", last->node, format_timestamp(last->start));
  if (open != nullptr) {
    answer += fmt::format(" (after {} without one, from {})", seconds(open->end - open->start), format_timestamp(open->start));
  }
  return answer;
}

}  // namespace

std::vector<ChecklistEntry> build_checklist(const Context& c, const std::vector<Finding>& findings) {
  std::set<GroupKey> affected;
  for (const auto& w : c.windows()) affected.insert(w->group);
  auto add = [&](const Finding& f) {
    if (f.tenant && f.ls) affected.insert(GroupKey{*f.tenant, *f.ls, -1, -1, {}});
  };
  for (const auto& f : findings) {
    add(f);
    for (const auto& x : f.consequences) add(x);
  }
  std::vector<ChecklistEntry> out;
  for (const GroupKey& g : affected) {
    ChecklistEntry e;
    e.group = g;
    e.election_leader = describe_leader(c, g, LeaderLayer::kElection, e.evidence);
    e.clog_leader = describe_leader(c, g, LeaderLayer::kClog, e.evidence);
    // RoleChangeService: is the tenant's last record an end, and how long did each take?
    const RcsEpisode* last = nullptr;
    LocalMicros longest = 0;
    int count = 0;
    for (const auto& r : c.tl.rcs) {
      if (r.group.tenant != g.tenant) continue;
      ++count;
      if (last == nullptr || r.begin >= last->begin) last = &r;
      longest = std::max(longest, (r.end ? *r.end : c.tl.last) - r.begin);
    }
    if (last == nullptr) {
      e.rcs = "unknown: no RoleChangeService lines for this tenant";
    } else {
      e.rcs = last->end ? fmt::format("working: the last of {} role-change event(s) ended (longest {})", count, seconds(longest))
                        : fmt::format("stuck: the last role-change event (on {}, {}) began at {} and never ended", last->node,
                                      last->group.name(), format_timestamp(last->begin));
      e.evidence.push_back(c.evidence(last->end_event != kNoEvent ? last->end_event : last->begin_event));
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace rules

std::string_view severity_name(Severity s) noexcept {
  static constexpr std::array<std::string_view, 3> kNames{"info", "warning", "critical"};
  return kNames[static_cast<std::size_t>(s)];
}

Severity Diagnosis::worst() const noexcept {
  Severity w = Severity::kInfo;
  for (const auto& f : findings) w = std::max(w, f.severity);
  return w;
}

std::vector<const Finding*> all_findings(const Diagnosis& d) {
  std::vector<const Finding*> out;
  for (const Finding& f : d.findings) {
    out.push_back(&f);
    for (const Finding& x : f.consequences) out.push_back(&x);
  }
  return out;
}

Diagnosis diagnose(const ScanResult& scan, const Timeline& tl, const Thresholds& t) {
  const rules::Context c{scan, tl, t};
  Diagnosis d;
  using Rule = void (*)(const rules::Context&, std::vector<Finding>&);
  static constexpr Rule kRules[] = {
      rules::rule_clock_skew,         rules::rule_majority_down,     rules::rule_leader_down,  rules::rule_network_partition,
      rules::rule_high_load,          rules::rule_clog_disk_full,    rules::rule_tenant_memory_full,
      rules::rule_object_deleted,     rules::rule_reconfirm_failed,  rules::rule_takeover_failed,
      rules::rule_rcs_stuck,          rules::rule_sliding_window_stall, rules::rule_stale_location_cache,
      rules::rule_zk_newleader_ack_order, rules::rule_zk_quorum_lost, rules::rule_zk_election_storm,
      rules::rule_zk_truncated_committed, rules::rule_zk_leader_lost, rules::rule_zk_network_partition, rules::rule_zk_server_looping, rules::rule_zk_disk_full, rules::rule_zk_slow_disk, rules::rule_openio_election_loop, rules::rule_openio_peer_unreachable,
      rules::rule_openio_no_master,   rules::rule_openio_left_on_request, rules::rule_etcd_leader,       rules::rule_etcd_network_partition,
      rules::rule_etcd_slow_disk,     rules::rule_etcd_alarms,       rules::rule_etcd_election_storm,
      rules::rule_etcd_unexplained_loss};  // last: what no other etcd rule explained
  for (Rule r : kRules) r(c, d.findings);
  for (Finding& f : d.findings) {
    if (f.remediation.empty()) f.remediation = cause_info(f.cause).remediation;
  }
  rules::merge_repeats(d.findings);
  rules::explain_and_fold(d.findings);
  d.checklist = rules::build_checklist(c, d.findings);
  rules::assess_outcome(c, d);
  return d;
}

}  // namespace paxray
