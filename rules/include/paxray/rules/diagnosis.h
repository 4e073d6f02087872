// paxray rules: from the timeline to findings, the way the troubleshooting
// guide reasons (bottom up: election, then clog, then RoleChangeService).
//
//   Thresholds t = Thresholds::defaults();          // or load_thresholds(file)
//   Diagnosis d = diagnose(scan_result, timeline, t);
//   for (const Finding& f : d.findings) ...;        // root causes first
//
// Rules read the Timeline only and never format output (report/ does). Each
// rule is a small function in src/rule_*.cpp with its own tests
// (tests/rules_test.cpp, tests/diagnosis_samples_test.cpp). No rule is a bare
// text match: each reasons over windows, order, nodes and log streams.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/rules/causes.h"

namespace paxray {

enum class Severity : std::uint8_t { kInfo, kWarning, kCritical };
[[nodiscard]] std::string_view severity_name(Severity s) noexcept;

struct Evidence {
  std::string file;
  std::uint64_t line = 0;
  std::string text;
  std::string node;
  LocalMicros time = 0;  ///< corrected
  /// The last of a folded run of lines alike (Event::folded): how many
  /// before it it stands for, and the first one's corrected time.
  std::uint32_t folded = 0;
  LocalMicros folded_since = 0;
  /// The lines just before and after it in its file, for the HTML report
  /// (cli/evidence_context.h); empty when the file cannot be read again.
  std::vector<std::string> before, after;
};

/// The replay confirmation of a finding (filled by replay/, shown by report/).
struct ReplayVerdict {
  /// confirmed (faults from upstream evidence; the core predicts the outage,
  /// its start and length) | fitted (the same, but the faults were placed
  /// over the outage) | contributing | not_reproduced | not_applicable
  std::string status;
  double observed_s = 0;          ///< leaderless seconds in the logs (the window replayed)
  double predicted_s = 0;         ///< mean leaderless seconds the core predicts in that window
  double p_leader_with = 0;       ///< mean fraction of the window with a leader, with the cause
  double p_leader_without = 0;    ///< the same with this cause removed
  double baseline_s = 0;          ///< predicted leaderless seconds with every cause removed: what the observed step-downs cost alone
  double start_shift_s = 0;       ///< mean predicted minus observed start of the outage (negative: the core starts it earlier)
  /// Mean length of the predicted outage as logs would show it: from the
  /// first loss a replica would log (a lease run out, a step-down) to a usable leader.
  double predicted_length_s = 0;
  std::string observed_start;     ///< when the logs' outage starts (corrected time); empty without one
  std::string predicted_start;    ///< when the core starts it (mean over the seeds)
  int seeds = 0;
  std::string token;              ///< seed:seeds:version:digest of the scenario: re-runs exactly this replay
  std::string reason;             ///< for not_applicable / not_reproduced
  std::string minimal_set;        ///< smallest set of causes whose removal restores the leader
};

struct Finding {
  Cause cause = Cause::kNetworkPartition;  ///< its row in the cause table (causes.h)
  Severity severity = Severity::kWarning;
  std::string system = "oceanbase";
  std::string group;  ///< the replication group in words ("T1001 LS1001", "cluster")
  std::optional<std::int64_t> tenant;
  std::optional<std::int64_t> ls;
  std::vector<std::string> nodes;
  LocalMicros start = 0;
  LocalMicros end = 0;
  std::string summary;  ///< one sentence
  std::vector<std::pair<std::string, std::string>> detail;  ///< key -> value (sub_cause, direction, ...)
  std::vector<Evidence> evidence;
  std::string remediation;
  std::vector<Cause> explains;  ///< causes this one explains (ordering; see order_findings)
  /// What this root cause explains, each with its own window, nodes and
  /// evidence (detail.explained_by names the cause directly above it). Only
  /// root causes stand in Diagnosis::findings.
  std::vector<Finding> consequences;
  std::optional<ReplayVerdict> replay;
  /// The input cannot tell: the logs that would decide it were not given
  /// (severity warning at most). `would_decide` names them.
  bool suspected = false;
  std::string would_decide;

  [[nodiscard]] std::string_view id() const noexcept { return cause_id(cause); }

  /// The value of detail `key`; nullptr when the finding has none.
  [[nodiscard]] const std::string* find_detail(std::string_view key) const noexcept {
    for (const auto& [k, v] : detail) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

/// The guide's bottom-to-top checklist for one affected log stream.
struct ChecklistEntry {
  GroupKey group;
  std::string election_leader;  ///< the answer in words
  std::string clog_leader;
  std::string rcs;
  std::vector<Evidence> evidence;
};

/// Thresholds, the guide's values by default; `--config FILE` overrides.
struct Thresholds {
  double clock_skew_s = 2.0;              ///< election needs offsets within 2 s
  double log_disk_limit_pct = 95.0;       ///< log_disk_utilization_limit_threshold
  double sliding_window_stall_s = 10.0;   ///< leader's window must slide within 10 s
  double rcs_time_guard_s = 30.0;         ///< RoleChangeService TIMEGUARD
  double min_leaderless_s = 1.0;          ///< shorter gaps are ordinary switches
  double stale_cache_window_s = 60.0;     ///< -4038 this soon after a switch: stale location cache
  double silent_node_s = 10.0;            ///< no line for this long inside a window: node down
  double high_load_logging_ms = 100.0;    ///< [lt=] above this: the logger itself is starved
  int high_load_min_lines = 20;           ///< that many slow-logging lines around a window

  [[nodiscard]] static Thresholds defaults() { return {}; }
  /// (name, value) for printing every threshold in the output.
  [[nodiscard]] std::vector<std::pair<std::string, double>> list() const;
};

/// Reads `name = value` lines (# comments); unknown names and bad values are
/// errors naming the file and line. Returns the error message or "".
[[nodiscard]] std::string load_thresholds(const std::string& path, Thresholds& out);

/// What the verdict may say. OK is only said of what was read: INCONCLUSIVE
/// when nothing was read, nothing was recognised, or what was read holds no
/// consensus message to judge by.
enum class Outcome : std::uint8_t { kProblem, kNoProblem, kInconclusive };
[[nodiscard]] std::string_view outcome_name(Outcome o) noexcept;  ///< "problem", "no_problem", "inconclusive"

/// A replication group's members, and whose own logs the input holds. A
/// member without logs is "not provided": never down, never silent.
struct GroupCoverage {
  std::string system;
  std::string group;
  std::vector<std::string> members;          ///< member lists, views, peers' messages, or the nodes that logged for it
  std::vector<std::string> members_read;     ///< members whose own log lines were read
  std::vector<std::string> members_missing;  ///< members whose logs were not provided
};

struct Diagnosis {
  std::vector<ChecklistEntry> checklist;
  std::vector<Finding> findings;  ///< ordered: earliest root cause first
  Outcome outcome = Outcome::kInconclusive;
  std::string inconclusive_reason;        ///< why nothing can be said (kInconclusive only)
  std::vector<GroupCoverage> coverage;    ///< per group, by system and name
  std::vector<std::string> members_missing;  ///< every group's missing members, once each
  std::size_t members_known = 0;             ///< distinct members over every group
  [[nodiscard]] Severity worst() const noexcept;
};

/// Every finding: each root, then the consequences folded under it.
[[nodiscard]] std::vector<const Finding*> all_findings(const Diagnosis& d);

[[nodiscard]] Diagnosis diagnose(const ScanResult& scan, const Timeline& tl, const Thresholds& t);

/// A log stream's members as node names: from proposer dumps or GV$OB_LOG_STAT
/// member lists, else the nodes that logged events for it.
[[nodiscard]] std::vector<std::string> group_members(const Timeline& tl, const GroupKey& g);

}  // namespace paxray
