// Typed events: what a registered log message (or a view-dump row) means.
//
// The model is not OceanBase-only: an event belongs to a node (who wrote or
// reported it) and a replication group. For OceanBase the group is a tenant's
// log stream (4.x) or a partition (3.x: table id + partition id, tenant taken
// from the table id). A ZooKeeper event's group is its ensemble (the servers
// scanned), an OpenIO event's the election's base; their nodes are the server
// id (`myid:N`) and the service address. Fields decoded from the body live in `attrs` under stable names
// (see Attr); evidence is the original line with its file and line number.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "paxray/parsers/ob_line.h"
#include "paxray/parsers/timestamp.h"

namespace paxray {

enum class System : std::uint8_t { kOceanBase, kZooKeeper, kOpenIO, kEtcd };
/// "oceanbase", "zookeeper", "openio", "etcd": the names in findings and extracts.
[[nodiscard]] std::string_view system_name(System s) noexcept;
[[nodiscard]] std::optional<System> system_from_name(std::string_view name) noexcept;

/// A replication group. OceanBase 4.x: tenant + log stream; 3.x: tenant +
/// table id + partition id (-1: not applicable). Other systems name theirs:
/// a ZooKeeper ensemble ("ensemble"), an OpenIO base and service type
/// ("<CID>.<seq>.meta2").
struct GroupKey {
  std::int64_t tenant = -1;
  std::int64_t ls = -1;
  std::int64_t table = -1;
  std::int64_t partition = -1;
  std::string label;  ///< set for groups that are not OceanBase log streams or partitions

  [[nodiscard]] bool valid() const noexcept { return ls >= 0 || table >= 0 || !label.empty(); }
  [[nodiscard]] std::string name() const;  ///< "T1002 LS1001", "T1001 table 1100611139458321 p710"
  auto operator<=>(const GroupKey&) const = default;
};

#define PAXRAY_EVENT_KINDS(X)                                                                              \
  /* election (4.x) */                                                                                     \
  X(elect_acceptor_dump, "election.acceptor_dump")                                                         \
  X(elect_proposer_dump, "election.proposer_dump")                                                         \
  X(elect_message_count, "election.message_count")                                                         \
  X(elect_witness_leader, "election.witness_new_leader")                                                   \
  X(elect_lease_expired, "election.lease_expired")                                                         \
  X(elect_lease_owner_changed, "election.lease_owner_changed")                                             \
  X(elect_leader_revoked, "election.leader_revoke")                                                        \
  X(elect_takeover, "election.takeover")                                                                   \
  X(elect_change_leader_takeover, "election.change_leader_takeover")                                       \
  X(elect_change_leader_revoke, "election.change_leader_revoke")                                           \
  X(elect_vote, "election.vote")                                                                           \
  X(elect_cant_vote, "election.cant_vote")                                                                 \
  X(elect_role_change, "election.role_change")                                                             \
  X(elect_message_delay, "election.message_delay")                                                         \
  X(elect_stopped, "election.stopped")                                                                     \
  /* election (3.x) */                                                                                     \
  X(elect3_lease_expired, "election.lease_expired_v3")                                                     \
  X(elect3_leader_revoke, "election.leader_revoke_v3")                                                     \
  X(elect3_message_not_in_time, "election.message_not_in_time_v3")                                         \
  /* PALF / clog */                                                                                        \
  X(palf_dump, "palf.dump")                                                                                \
  X(palf_switch_state, "palf.switch_state")                                                                \
  X(palf_event, "palf.event")                                                                              \
  X(reconfirm_progress, "clog.reconfirm_progress")                                                         \
  X(reconfirm_finished, "clog.reconfirm_finished")                                                         \
  X(reconfirm_failed, "clog.reconfirm_failed")                                                             \
  X(reconfirm_timeout, "clog.reconfirm_timeout")                                                           \
  X(log_sync_timeout, "clog.log_sync_timeout")                                                             \
  X(sw_check_v3, "clog.sliding_window_check_v3")                                                           \
  X(sw_need_switch_v3, "clog.leader_active_need_switch_v3")                                                \
  X(log_disk_full, "clog.log_disk_full")                                                                   \
  X(disk_hung, "clog.disk_hung")                                                                           \
  /* memory, clock, network */                                                                             \
  X(alloc_failed, "memory.alloc_failed")                                                                   \
  X(memory_limit, "memory.limit_reached")                                                                  \
  X(memstore_limit, "memory.memstore_limit")                                                               \
  X(clock_out_of_order, "clock.out_of_order")                                                              \
  X(clock_hw_skew, "clock.hardware_skew")                                                                  \
  X(clock_diff_v3, "clock.diff_too_large_v3")                                                              \
  X(packet_fly_slow, "rpc.packet_fly_slow")                                                                \
  X(slow_logging, "load.slow_logging")                                                                     \
  /* role change service */                                                                                \
  X(rcs_begin, "rcs.begin")                                                                                \
  X(rcs_end, "rcs.end")                                                                                    \
  X(rcs_failed, "rcs.failed")                                                                              \
  X(rcs_step, "rcs.step")                                                                                  \
  /* requests and root service */                                                                          \
  X(not_master, "request.not_master")                                                                      \
  X(server_status, "rootservice.server_status")                                                            \
  X(drop_object, "rootservice.drop_object")                                                                \
  /* rows of SQL view dumps */                                                                             \
  X(history_election, "history.election")                                                                  \
  X(history_log, "history.log")                                                                            \
  X(history_server, "history.server")                                                                      \
  X(log_stat_row, "view.log_stat")                                                                         \
  X(server_row, "view.server")                                                                             \
  X(zone_row, "view.zone")                                                                                 \
  X(tenant_row, "view.tenant")                                                                             \
  X(ls_row, "view.ls")                                                                                     \
  X(ha_diagnose_row, "view.ha_diagnose")                                                                   \
  /* clock measurement files */                                                                            \
  X(clockdiff, "clock.clockdiff")                                                                          \
  /* ZooKeeper (parsers/zk_events.h) */                                                                    \
  X(zk_state, "zk.state")                                                                                  \
  X(zk_new_election, "zk.new_election")                                                                    \
  X(zk_notification, "zk.notification")                                                                    \
  X(zk_election_took, "zk.election_took")                                                                  \
  X(zk_newleader_ack_wrong_epoch, "zk.newleader_ack_wrong_epoch")                                          \
  X(zk_quorum_timeout, "zk.quorum_timeout")                                                                \
  X(zk_leader_shutdown, "zk.leader_shutdown")                                                              \
  X(zk_follower_exception, "zk.follower_exception")                                                        \
  X(zk_sync_start, "zk.sync_start")                                                                        \
  X(zk_sync, "zk.sync")                                                                                    \
  X(zk_truncate, "zk.truncate")                                                                            \
  X(zk_quorum_up, "zk.quorum_up")                                                                          \
  X(zk_session_expired, "zk.session_expired")                                                              \
  X(zk_connection_broken, "zk.connection_broken")                                                          \
  X(zk_version, "zk.version")                                                                              \
  X(zk_ack_order_fixed, "zk.ack_order_fixed")                                                              \
  X(zk_slow_fsync, "zk.slow_fsync")                                                                        \
  X(zk_disk_full, "zk.disk_full")                                                                          \
  /* OpenIO SDS (parsers/oio.h) */                                                                         \
  X(oio_election_timeout, "oio.election_timeout")                                                          \
  X(oio_election_failed, "oio.election_failed")                                                            \
  X(oio_getvers_error, "oio.getvers_error")                                                                \
  X(oio_election_status, "oio.election_status")                                                            \
  X(oio_election_member, "oio.election_member")                                                            \
  /* etcd (parsers/etcd.h) */                                                                              \
  X(etcd_role, "etcd.role")                                                                                \
  X(etcd_elected, "etcd.elected_leader")                                                                   \
  X(etcd_lost_leader, "etcd.lost_leader")                                                                  \
  X(etcd_election, "etcd.election")                                                                        \
  X(etcd_vote, "etcd.vote")                                                                                \
  X(etcd_quorum_inactive, "etcd.quorum_inactive")                                                          \
  X(etcd_peer_inactive, "etcd.peer_inactive")                                                              \
  X(etcd_peer_active, "etcd.peer_active")                                                                  \
  X(etcd_stream_lost, "etcd.stream_lost")                                                                  \
  X(etcd_unreachable, "etcd.peer_unreachable")                                                             \
  X(etcd_heartbeat_late, "etcd.heartbeat_late")                                                            \
  X(etcd_slow_fdatasync, "etcd.slow_fdatasync")                                                            \
  X(etcd_apply_slow, "etcd.apply_slow")                                                                    \
  X(etcd_alarm, "etcd.alarm")                                                                              \
  X(etcd_clock_drift, "etcd.clock_drift")                                                                  \
  X(etcd_start, "etcd.start")                                                                              \
  X(etcd_member, "etcd.member")                                                                            \
  X(etcd_published, "etcd.published")                                                                     \
  X(etcd_configuration, "etcd.configuration")                                                              \
  X(etcd_member_added, "etcd.member_added")                                                                \
  X(etcd_transfer, "etcd.leadership_transfer")                                                            \
  X(etcd_shutdown, "etcd.shutdown")                                                                        \
  X(etcd_fatal, "etcd.fatal")

enum class EventKind : std::uint8_t {
#define PAXRAY_ENUM(id, name) id,
  PAXRAY_EVENT_KINDS(PAXRAY_ENUM)
#undef PAXRAY_ENUM
};
inline constexpr std::size_t kEventKindCount = 0
#define PAXRAY_COUNT(id, name) +1
    PAXRAY_EVENT_KINDS(PAXRAY_COUNT)
#undef PAXRAY_COUNT
    ;

/// Stable dotted name ("election.takeover"), used in JSON and --kind filters.
[[nodiscard]] std::string_view event_kind_name(EventKind k) noexcept;
[[nodiscard]] std::optional<EventKind> event_kind_from_name(std::string_view name) noexcept;

/// Names of decoded fields. Values are kept as text, as printed.
enum class Attr : std::uint8_t {
  kSelf,        ///< the writer's address as printed in the body
  kOwner,       ///< lease owner / election leader address
  kLeader,      ///< PALF leader / new leader
  kOldLeader,
  kRole,        ///< "Leader"/"Follower" (election) or "LEADER"/"FOLLOWER" (PALF)
  kState,       ///< PALF state: ACTIVE RECONFIRM PENDING INIT
  kOldRole,
  kOldState,
  kReason,      ///< revoke / role change / vote reason
  kBallot,
  kEpoch,
  kLeaseEnd,    ///< acceptor lease expiry, as printed (hh:mm:ss.mmm)
  kLeaseSpan,   ///< acceptor lease time left, as printed ("3.712s"; negative once expired)
  kMembers,     ///< member list, comma-separated addresses
  kReplicaNum,
  kUsedPct,
  kLimitPct,
  kTotalMb,
  kUsedMb,
  kFlyUs,       ///< packet fly time (receiver clock - sender clock), µs
  kSendUs,      ///< sender's timestamp (µs since epoch, sender clock)
  kPeer,        ///< the other side of a message / connection
  kDiffUs,      ///< election message delay diff, µs
  kSequence,    ///< RCS begin/end join key
  kEventType,   ///< RCS event type (1 change leader, 2 role change callback)
  kDstAddr,     ///< destination address (RCS change leader, -4038 requests)
  kRet,         ///< error code as printed
  kTransition,  ///< PALF_EVENT / reconfirm step text
  kCostUs,      ///< a duration the message reports
  kTenantHold,
  kTenantLimit,
  kObject,      ///< dropped object description
  kStatus,      ///< server status / event text of a view row
  kDelta,       ///< clock jump / clockdiff delta, µs
  kRttUs,
  kLogTime,     ///< a log-local time printed inside a body or row (HAPPENED_TIME ...)
  kInfo,        ///< free text (event history INFO column, message info)
  kTrace,       ///< trace id of the request (groups the lines of one -4038 retry)
  kServer,      ///< the server a root-service or view line is about
  kZxid,        ///< ZooKeeper transaction id, as printed (0x...)
  kCommitted,   ///< highest committed zxid the line vouches for (maxCommittedLog, ...)
  kVersion,     ///< server version
  kSession,     ///< ZooKeeper session id
  kPriority,    ///< election priority rank from a proposer dump's self_priority (higher wins; see election_rank)
  kCount
};
inline constexpr std::size_t kAttrCount = static_cast<std::size_t>(Attr::kCount);
[[nodiscard]] std::string_view attr_name(Attr a) noexcept;

/// Per-peer election message counters from `dump message count`.
struct PeerCounters {
  std::string addr;
  std::array<std::int64_t, 5> send{};  ///< Prepare Request, Prepare Response, Accept Request, Accept Response, Change Leader
  std::array<std::int64_t, 5> rec{};
  std::uint8_t send_changed = 0;       ///< bit i: send[i] printed in parentheses (changed since last dump)
  std::uint8_t rec_changed = 0;
  std::string last_send;               ///< writer-local time, as printed
  std::string last_rec;
};

struct Event {
  EventKind kind = EventKind::elect_acceptor_dump;
  System system = System::kOceanBase;
  Level level = Level::kInfo;
  LocalMicros ts = 0;          ///< as written (writer-local wall clock)
  GroupKey group;
  std::uint32_t file_id = 0;   ///< index into ScanResult::files
  std::uint64_t line = 0;      ///< 1-based line in that file
  std::string node;            ///< set for rows that name their node (view dumps); else from the file
  std::string text;            ///< the source line (evidence), at most kMaxEvidence bytes
  std::vector<std::pair<Attr, std::string>> attrs;
  std::vector<PeerCounters> peers;  ///< elect_message_count only
  /// Events that said the same as this one and were left out just before it
  /// (engine/src/event_runs.h): their number, the first one's time, and for
  /// kinds whose every time counts (request errors), each one's, in order.
  std::uint32_t folded = 0;
  LocalMicros folded_since = 0;
  std::vector<LocalMicros> folded_at;

  static constexpr std::size_t kMaxEvidence = 4096;

  [[nodiscard]] const std::string* get(Attr a) const noexcept;
  [[nodiscard]] std::optional<std::int64_t> get_int(Attr a) const noexcept;
  void set(Attr a, std::string_view v);
};

}  // namespace paxray
