// The isolation advisor: given the cluster state saved from DBA_OB_SERVERS,
// DBA_OB_ZONES, DBA_OB_TENANTS and GV$OB_LOG_STAT, which of STOP SERVER,
// FORCE STOP SERVER and ISOLATE SERVER would pass OceanBase's precheck for a
// set of servers, with the error text the cluster would return, and what may
// be done on the node afterwards (seed: oceanbase-node-isolation; the checks
// and texts follow OceanBase 4.2 ObServerZoneOpService / ObLSStatusOperator as
// described in reference/oceanbase-rootservice-ddl-load.md §1.6).
//
// This header is the arithmetic on the views. The last question, "which log
// streams lose their majority if the process is stopped anyway", is answered
// by running the replay core with those replicas crashed: that half is
// replay/confirm/stop_replay.h, and the scan computes the advice once for
// every report. Pure: no I/O. Tested by tests/isolation_test.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "paxray/engine/timeline.h"
#include "paxray/parsers/view_dump.h"

namespace paxray::isolation {

struct ServerRow {
  std::string addr;    ///< ip:port
  std::string zone;
  std::string status;  ///< ACTIVE, INACTIVE, DELETING, ...
  bool stopped = false;  ///< STOP_TIME set: stopped or isolated by any of the three commands
};

struct ZoneRow {
  std::string zone;
  std::string region;
  std::string status;  ///< ACTIVE, INACTIVE (STOP ZONE)
};

struct TenantRow {
  std::int64_t id = 0;
  std::string name;
  std::string primary_zone;       ///< "z1;z2,z3", "RANDOM"
  std::string previous_locality;  ///< non-empty: locality change in progress
};

struct LogStatRow {
  std::int64_t tenant = 0;
  std::int64_t ls = 0;
  std::string addr;
  bool leader = false;
  std::vector<std::string> members;  ///< ip:port, from PAXOS_MEMBER_LIST
  int replica_num = 0;               ///< PAXOS_REPLICA_NUM; 0 when missing
  std::optional<std::int64_t> end_scn_ns;  ///< END_SCN as ns since the epoch (SCN = time)
  std::uint64_t line = 0;            ///< where the row is in its dump (evidence)
};

struct ClusterState {
  std::vector<ServerRow> servers;
  std::vector<ZoneRow> zones;
  std::vector<TenantRow> tenants;
  std::vector<LogStatRow> log_stat;
  /// Log streams (tenant, ls) known to have no leader at the moment asked
  /// about (from the timeline with --at), in addition to the dump's view.
  std::vector<std::pair<std::int64_t, std::int64_t>> leaderless;
  std::vector<std::string> notes;  ///< what was missing or could not be read
  /// Columns of every saved table, per view (a view absent: not saved).
  std::map<ViewKind, std::set<std::string>> columns;

  [[nodiscard]] const ServerRow* server(const std::string& addr) const;
  [[nodiscard]] bool unavailable(const std::string& addr) const;  ///< INACTIVE, stopped, DELETING
};

/// Builds the state from parsed dumps (tables of other views are ignored).
[[nodiscard]] ClusterState cluster_state_from_tables(const std::vector<ViewTable>& tables);

/// Moves `state` to the moment `at` (reference clock) as far as the logs tell:
/// log streams leaderless then have no leader; where an election leader held
/// then, its row becomes the LEADER row; a server whose logs end more than
/// `silent_after_us` before `at` counts as INACTIVE. Other columns (STOP_TIME,
/// zones, END_SCN) stay as saved; a note says so.
void apply_timeline_at(ClusterState& state, const Timeline& tl, LocalMicros at, LocalMicros silent_after_us = 10'000'000);

enum class IsolationCommand : std::uint8_t { kStop, kForceStop, kIsolate };
[[nodiscard]] std::string isolation_command_sql(IsolationCommand c);  ///< "STOP SERVER", ...

/// One reason the precheck fails, as OceanBase would report it.
struct PrecheckError {
  int code = 0;             ///< -4660 or -4179
  std::string message;      ///< the client's error text
  std::int64_t tenant = -1;
  std::int64_t ls = -1;
  std::string detail;       ///< paxray's explanation (members, lag, ...)
};

struct CommandAdvice {
  IsolationCommand command = IsolationCommand::kStop;
  /// False when a view or column its precheck reads was not saved (then it
  /// neither passes nor is refused: `cannot_judge` says what is missing).
  bool judged = true;
  std::string cannot_judge;
  bool passes = false;
  std::vector<PrecheckError> errors;  ///< all failures (OceanBase stops at the first)
  bool may_stop_process = false;      ///< only after STOP SERVER
  std::string safe_actions;
};

/// A log stream that would stop serving if the targets' observer processes
/// were stopped: the replay core finds no leader, or a leader whose majority
/// includes replicas more than 5 s behind (commits wait until they catch up).
struct MajorityLoss {
  std::int64_t tenant = 0;
  std::int64_t ls = 0;
  std::vector<std::string> members;
  std::vector<std::string> down;  ///< members that would be down (targets + unavailable)
  double leader_fraction = 0;     ///< predicted share of time with a leader after the stop
  std::string reason;
};

struct IsolationAdvice {
  std::vector<std::string> targets;
  std::vector<CommandAdvice> commands;  ///< STOP, FORCE STOP, ISOLATE
  std::vector<MajorityLoss> majority_loss;
  bool replayed = false;  ///< the stop-anyway replay ran (it needs GV$OB_LOG_STAT member lists)
  std::vector<std::string> notes;
  /// Why no command can be judged: a target not in DBA_OB_SERVERS, masked or ambiguous.
  std::vector<std::string> cannot_judge;

  /// 0: STOP SERVER passes; 1: only FORCE STOP / ISOLATE; 2: none; 3: cannot
  /// judge (a target unknown, or a command that could decide it lacks its evidence).
  [[nodiscard]] int exit_code() const;
};

inline constexpr std::int64_t kLogInSyncIntervalNs = 5'000'000'000;  ///< LOG_IN_SYNC_INTERVAL_NS

/// Runs the three prechecks for `targets` ("ip:port") against `state`; the
/// stop-anyway question (majority_loss, replayed) is left to the replay.
[[nodiscard]] IsolationAdvice precheck_isolation(const ClusterState& state, const std::vector<std::string>& targets);

/// Every server of the saved views (DBA_OB_SERVERS, else GV$OB_LOG_STAT's
/// replicas) isolated alone, computed once per scan so that every report
/// renders the same answers.
struct ServerAdvice {
  std::string addr;
  IsolationAdvice advice;
};
struct FleetAdvice {
  ClusterState state;
  std::vector<ServerAdvice> servers;  ///< at most `max_servers`
  std::size_t more = 0;               ///< servers left out
};

/// The servers advice is given for, in DBA_OB_SERVERS order (else the
/// GV$OB_LOG_STAT replicas').
[[nodiscard]] std::vector<std::string> advised_servers(const ClusterState& state);

[[nodiscard]] bool is_target(const std::vector<std::string>& targets, const std::string& addr);

/// A log stream's members once the targets stop: who is left, who is down
/// (targets and unavailable servers), in member-list order.
struct MemberSplit {
  std::vector<std::string> left;
  std::vector<std::string> down;
};
[[nodiscard]] MemberSplit split_members(const ClusterState& st, const LogStatRow& leader, const std::vector<std::string>& targets);

/// How many of `members` are within LOG_IN_SYNC_INTERVAL of the leader's
/// END_SCN (the leader counts itself), and why the others are not.
struct SyncCount {
  int in_sync = 0;
  std::vector<std::string> behind;
};
[[nodiscard]] SyncCount count_in_sync(const ClusterState& st, const LogStatRow& leader, const std::vector<std::string>& members);

/// "10.0.0.1:2882:1,10.0.0.2:2882:1" -> {"10.0.0.1:2882", "10.0.0.2:2882"} (IPv6 in brackets too).
[[nodiscard]] std::vector<std::string> parse_member_list(std::string_view text);

}  // namespace paxray::isolation
