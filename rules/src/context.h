// What every rule gets: the scan, the timeline, the thresholds, and helpers
// to turn events into evidence and to ask about windows, nodes and groups.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "paxray/rules/diagnosis.h"
#include "paxray/rules/etcd_leadership.h"
#include "paxray/rules/explain.h"

namespace paxray::rules {

inline constexpr std::int64_t kSec = 1'000'000;

/// A ZooKeeper event of kind `k` (the ZooKeeper rules' one test of an event).
inline bool zk(const Event& e, EventKind k) { return e.system == System::kZooKeeper && e.kind == k; }

struct Context {
  const ScanResult& scan;
  const Timeline& tl;
  const Thresholds& t;

  [[nodiscard]] Evidence evidence(std::size_t event) const;
  /// Leaderless windows long enough to matter (ordinary switches are shorter).
  [[nodiscard]] std::vector<const LeaderlessWindow*> windows() const;
  /// Indexes of events matching `pred` with corrected time in [from, to].
  [[nodiscard]] std::vector<std::size_t> events(LocalMicros from, LocalMicros to,
                                                const std::function<bool(const Event&)>& pred) const;
  /// Indexes of a group's events in [from, to] matching `pred` (a folded run's last event: if its run reaches into it).
  [[nodiscard]] std::vector<std::size_t> group_events(const GroupKey& g, LocalMicros from, LocalMicros to,
                                                      const std::function<bool(const Event&)>& pred) const;
  /// The group's members as node names (proposer dumps, log stat), or the
  /// nodes that logged events for it.
  [[nodiscard]] std::vector<std::string> members(const GroupKey& g) const;
  /// Whether the node's own log lines were read (a member known only from
  /// others' lines or saved views was not provided).
  [[nodiscard]] bool has_logs(const std::string& node) const;
  /// The group's members whose logs were not provided.
  [[nodiscard]] std::vector<std::string> missing_members(const GroupKey& g) const;
  /// Corrected time of a node's last log line (nullopt: no lines).
  [[nodiscard]] std::optional<LocalMicros> last_line(const std::string& node) const;
  /// Any significant window of the tenant (any log stream) overlapping [from, to].
  [[nodiscard]] const LeaderlessWindow* window_overlapping(std::int64_t tenant, LocalMicros from, LocalMicros to) const;
  /// The etcd cluster's terms and outages, read once for every etcd rule.
  [[nodiscard]] const EtcdLeadership& etcd() const;

  mutable std::optional<EtcdLeadership> etcd_leadership_{};  ///< etcd()'s, once asked
};

[[nodiscard]] std::string seconds(LocalMicros us);
void add_evidence(Finding& f, const Context& c, const std::vector<std::size_t>& events, std::size_t max = 8);
/// The first `n` of `from` added to the evidence list `ev`.
void append_first(std::vector<std::size_t>& ev, const std::vector<std::size_t>& from, std::size_t n);
void set_group(Finding& f, const GroupKey& g);
/// A finding of `cause` on group `g`, as every rule starts one (its system
/// and, unless the rule says more, its remediation come from the cause table).
[[nodiscard]] Finding new_finding(Cause cause, const GroupKey& g, Severity severity);

// One function per rule family; each appends its findings.
void rule_clock_skew(const Context& c, std::vector<Finding>& out);
void rule_majority_down(const Context& c, std::vector<Finding>& out);
void rule_leader_down(const Context& c, std::vector<Finding>& out);
void rule_network_partition(const Context& c, std::vector<Finding>& out);
void rule_high_load(const Context& c, std::vector<Finding>& out);
void rule_clog_disk_full(const Context& c, std::vector<Finding>& out);
void rule_tenant_memory_full(const Context& c, std::vector<Finding>& out);
void rule_object_deleted(const Context& c, std::vector<Finding>& out);
void rule_reconfirm_failed(const Context& c, std::vector<Finding>& out);
void rule_takeover_failed(const Context& c, std::vector<Finding>& out);
void rule_rcs_stuck(const Context& c, std::vector<Finding>& out);
void rule_sliding_window_stall(const Context& c, std::vector<Finding>& out);
void rule_stale_location_cache(const Context& c, std::vector<Finding>& out);
void rule_zk_newleader_ack_order(const Context& c, std::vector<Finding>& out);
void rule_zk_quorum_lost(const Context& c, std::vector<Finding>& out);
void rule_zk_election_storm(const Context& c, std::vector<Finding>& out);
void rule_zk_truncated_committed(const Context& c, std::vector<Finding>& out);
void rule_zk_leader_lost(const Context& c, std::vector<Finding>& out);
void rule_zk_network_partition(const Context& c, std::vector<Finding>& out);
void rule_zk_server_looping(const Context& c, std::vector<Finding>& out);
void rule_zk_disk_full(const Context& c, std::vector<Finding>& out);
void rule_zk_slow_disk(const Context& c, std::vector<Finding>& out);
void rule_openio_election_loop(const Context& c, std::vector<Finding>& out);
void rule_openio_peer_unreachable(const Context& c, std::vector<Finding>& out);
void rule_openio_no_master(const Context& c, std::vector<Finding>& out);
void rule_openio_left_on_request(const Context& c, std::vector<Finding>& out);
void rule_etcd_leader(const Context& c, std::vector<Finding>& out);
void rule_etcd_network_partition(const Context& c, std::vector<Finding>& out);
void rule_etcd_slow_disk(const Context& c, std::vector<Finding>& out);
void rule_etcd_alarms(const Context& c, std::vector<Finding>& out);
void rule_etcd_election_storm(const Context& c, std::vector<Finding>& out);
void rule_etcd_unexplained_loss(const Context& c, std::vector<Finding>& out);

/// The input cannot decide `f`: warning at most, naming the missing logs and
/// the question they would answer.
void mark_suspected(Finding& f, const std::vector<std::string>& missing, std::string_view question);
/// Coverage per group and the outcome, once every rule has run.
void assess_outcome(const Context& c, Diagnosis& d);

[[nodiscard]] std::vector<ChecklistEntry> build_checklist(const Context& c, const std::vector<Finding>& findings);

}  // namespace paxray::rules
