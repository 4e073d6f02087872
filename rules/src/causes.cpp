// The cause table (see causes.h): one row per cause, in the order of the enum.
#include "paxray/rules/causes.h"

#include <array>

namespace paxray {
namespace {

constexpr std::array<CauseInfo, 36> kCauses{{
    {Cause::kClockSkew, "clock_skew", System::kOceanBase, CauseRank::kCondition, ReplayModel::kFromEvidence, true, false,
     "a node's estimated clock offset exceeds `clock_skew_s`, or 3.x reports messages out of time / a "
         "large blacklist clockdiff",
     "critical if any leaderless window, else warning",
     "Check the clock service (NTP or chrony) on the named nodes and compare with `sudo clockdiff "
         "<ip>`; bring every offset under 2 s. Elections resume once the clocks agree."},
    {Cause::kMajorityDown, "majority_down", System::kOceanBase, CauseRank::kCondition, ReplayModel::kFromEvidence, false, false,
     "in a leaderless window, members whose own logs go quiet (or whose heartbeat the root service "
         "lost) leave fewer than a majority; members whose logs were not provided are never counted down",
     "critical; `suspected` warning when the majority is lost only if the missing members were down "
         "too (never once a leader was elected)",
     "Bring the down observers back (check their host, process and observer.log tail); a majority of "
         "the member list must be up for the log stream to elect a leader."},
    {Cause::kLeaderDown, "leader_down", System::kOceanBase, CauseRank::kCondition, ReplayModel::kFromEvidence, false, false,
     "in a leaderless window with a live majority, the last leader stopped logging before the window "
         "opened and stayed silent at least `silent_node_s` while the others logged on (observer stopped "
         "or crashed); `detail.last_line`. `network_partition` does not fire for such a window",
     "warning for a normal failover; critical when no leader followed or it took over 10 s after the "
         "last line",
     "Find why the observer on this node stopped: the tail of its observer.log, core files, the OOM "
         "killer in dmesg, obd or systemd. While it is down its log streams run on one replica fewer: one "
         "more failure loses their majority."},
    {Cause::kHighLoad, "high_load", System::kOceanBase, CauseRank::kCondition, ReplayModel::kFromEvidence, true, false,
     "at least `high_load_min_lines` log lines whose `[lt=]` (time spent writing the previous line) "
         "exceeds `high_load_logging_ms`",
     "critical near a window, else warning",
     "Check load, CPU steal and disk latency on the named nodes for that time (sar, iostat); find what "
         "consumed them before touching the cluster."},
    {Cause::kClogDiskFull, "clog_disk_full", System::kOceanBase, CauseRank::kCondition, ReplayModel::kFromEvidence, true, true,
     "`Log out of disk space` / clog disk almost full at or above `log_disk_limit_pct`",
     "critical if a window of the tenant overlaps, else warning",
     "Free log disk space on the named nodes (find the log stream holding the oldest logs: it cannot "
         "recycle), or raise log_disk_size / log_disk_utilization_limit_threshold for the tenant."},
    {Cause::kTenantMemoryFull, "tenant_memory_full", System::kOceanBase, CauseRank::kCondition, ReplayModel::kFromEvidence, true, false,
     "tenant memory at its limit, `[OOPS]` tenant limit, memstore limit",
     "critical if a window of the tenant overlaps, else warning",
     "Find what fills the tenant's memory (memstore, KV cache, large transactions) with the tenant memory "
         "views; freeze / minor compaction or more tenant memory releases it."},
    {Cause::kObjectDeleted, "object_deleted", System::kOceanBase, CauseRank::kCondition, ReplayModel::kFromEvidence, true, false,
     "a tenant / log stream dropped (root service `drop tenant`, `[DELETE_TENANT]`, `remove_ls`)",
     "critical with a window, else info",
     "Expected while an object is dropped: the leaderless log streams belong to the dropped object and "
         "disappear when garbage collection finishes. Check that GC progresses (remove_ls success)."},
    {Cause::kSlidingWindowStall, "sliding_window_stall", System::kOceanBase, CauseRank::kFailure, ReplayModel::kFitted, true, true,
     "3.x `leader_active_need_switch_` / revoke for `clog sliding_window timeout`, 4.x `log sync "
         "timeout on leader`; `detail.sub_cause` `local_disk_slow` / `follower_disk_slow` / `network_slow` "
         "/ `unknown`",
     "critical with a window, else warning",
     "Check clog disk load and await on the leader (iostat) and on followers; check the network "
         "between leader and followers (`packet fly cost too much time`)."},
    {Cause::kRcsStuck, "rcs_stuck", System::kOceanBase, CauseRank::kFailure, ReplayModel::kFitted, false, false,
     "a RoleChangeService event without failures runs longer than `rcs_time_guard_s`",
     "critical if never ended or with a window, else warning",
     "Look at the stack printed with the last RoleChangeService line on that node (`grep "
         "T<tenant>_RCS`) to see what the switchover waits on (replay, apply, a lock); pstack the observer "
         "if it is still stuck."},
    {Cause::kTakeoverFailed, "takeover_failed", System::kOceanBase, CauseRank::kFailure, ReplayModel::kFitted, false, false,
     "a new leader's RoleChangeService event logs `handle_role_change_event_ failed`",
     "critical if it never completes, else warning",
     "Read the `handle_role_change_event_ failed` lines on that node (ret and retry_ctx: reason 1 is "
         "WAIT_REPLAY_DONE_TIMEOUT, replay too slow) and the module it waited for."},
    {Cause::kReconfirmFailed, "reconfirm_failed", System::kOceanBase, CauseRank::kFailure, ReplayModel::kFitted, false, true,
     "in a clog window: `reconfirm failed`, `leader reconfirm timeout`, 3.x revoke for reconfirm",
     "critical",
     "Look at the reconfirm lines of the new leader: which state it stopped in (FETCH_MAX_LOG_LSN "
         "waits for a majority of followers' logs; RECONFIRM_FETCH_LOG for missing logs) and whether "
         "followers answered."},
    {Cause::kNetworkPartition, "network_partition", System::kOceanBase, CauseRank::kSymptom, ReplayModel::kFitted, true, false,
     "a window opened by lease loss while a majority may still be up, and the leader did not step down "
         "for its own reason; `detail.direction` one-way / two-way from election message counters that "
         "stopped moving (unknown when a member's counters were not read)",
     "critical when counters that stopped, or message-delay / packet-fly lines (`detail.late_messages`), "
         "show the loss; `suspected` warning when no such line was read, when the logs of the leader or of "
         "members needed for the majority were not provided, or the window was seen by fewer than a majority",
     "Check the network between the named nodes (ping, packet loss, firewall changes) and, on the node "
         "that stopped receiving, tenant memory and RPC queue backlog (a full tenant cannot receive "
         "messages). If a node keeps dropping, isolate it (see `paxray isolate-check`)."},
    {Cause::kStaleLocationCache, "stale_location_cache", System::kOceanBase, CauseRank::kAside, ReplayModel::kNotModelled, false, false,
     "-4038 within `stale_cache_window_s` after a leader switch while a leader existed (retried)",
     "info",
     "No action needed if the retries succeed; confirm the switch in DBA_OB_SERVER_EVENT_HISTORY. "
         "Frequent -4038 after switches points at location cache refresh settings."},
    {Cause::kZkNewleaderAckOrder, "zk_newleader_ack_order", System::kZooKeeper, CauseRank::kCondition, ReplayModel::kFitted, false, false,
     "ZooKeeper: `NEWLEADER ACK from sid: N is from a different epoch` (a PROPOSAL ACK reached the "
         "leader before the NEWLEADER ACK, ZOOKEEPER-4685); `detail`: `sids`, `current_epoch`, "
         "`received_zxid`, `rounds`, `versions_seen`, `version_verdict` (affected 3.5.10, 3.6.3-3.7.x, "
         "3.8.0-3.8.4, 3.9.0-3.9.1; partly fixed 3.8.5+ / 3.9.2; fixed 3.9.3+, 3.9.4 advised)",
     "critical when the leader then shut down, else warning",
     "Upgrade to a release with the fix (the finding names the versions seen and the advice)."},
    {Cause::kZkTruncatedCommitted, "zk_truncated_committed", System::kZooKeeper, CauseRank::kCondition, ReplayModel::kNotModelled, false, false,
     "ZooKeeper: `Sending TRUNC zxid=Z` / `Truncating log ... Z` below a zxid the logs show committed "
         "(`maxCommittedLog`, the leader's last processed zxid); `detail.truncated_to`, "
         "`detail.committed_up_to`",
     "critical",
     "Compare the data of the truncated server with the leader's (digests, or a snapshot) and resync "
         "it with a SNAP if they differ; upgrade to 3.9.4 or later, whose followers persist committed txns "
         "before ACKing NEWLEADER (ZOOKEEPER-4394)."},
    {Cause::kZkLeaderLost, "zk_leader_lost", System::kZooKeeper, CauseRank::kCondition, ReplayModel::kNotModelled, false, false,
     "ZooKeeper: followers' connection to the leader closed (`Exception when following the leader` with an EOF, "
         "refused or reset connection, `Disconnected from leader`): the leader's process ended or restarted; "
         "`detail.old_leader`, `detail.next_leader`, `detail.without_leader_s`",
     "warning when a new leader was established within 10 s, else critical; `suspected` when the old leader's own "
         "log was not provided",
     "Find why the old leader's process ended (the tail of its log, the JVM's hs_err file, the OOM killer in dmesg, "
         "systemd); the ensemble runs on one server fewer until it is back."},
    {Cause::kZkLeaderUnresponsive, "zk_leader_unresponsive", System::kZooKeeper, CauseRank::kCondition, ReplayModel::kNotModelled,
     false, false,
     "ZooKeeper: followers timed out reading from the leader (`SocketTimeoutException: Read timed out`), a new leader "
         "was established, and only then did the old leader log again (its shutdown for want of followers): its "
         "process was stalled meanwhile (GC pause, swap, CPU starvation, a frozen host or VM); `detail.stalled_s`",
     "critical",
     "Look at the old leader's GC log and the host's memory, swap and steal time for that moment; a JVM heap too "
         "large for the host, or a pause longer than syncLimit x tickTime, makes the followers abandon the leader."},
    {Cause::kZkNetworkPartition, "zk_network_partition", System::kZooKeeper, CauseRank::kCondition, ReplayModel::kNotModelled,
     false, false,
     "ZooKeeper: a server stays LOOKING for 5 s or more hearing only its own vote (`Notification: ... n.sid` its "
         "own), so its process runs but reaches no other server, while the others have a leader with its quorum; "
         "`detail.cut_off_s`",
     "critical when the cut-off server was the leader (the ensemble re-elected), warning for a follower",
     "Check the network between the named server and the others on the quorum and election ports (firewall "
         "rules, routes, a NIC or switch port, a security group): the process was running all along."},
    {Cause::kZkServerLooping, "zk_server_looping", System::kZooKeeper, CauseRank::kCondition, ReplayModel::kNotModelled,
     false, false,
     "ZooKeeper: a server goes LOOKING 50 times or more within 10 s without ever following or leading (its election "
         "fails at once and starts again: a database it cannot load, a full disk; ZOOKEEPER-785); `detail.lookings`, "
         "`detail.per_second`",
     "critical when no other server led meanwhile, else warning (the ensemble runs one server short, and the loop "
         "fills its log disk)",
     "Read the exception under the first 'Unexpected exception' of that server (a truncated or corrupt transaction "
         "log, a full dataDir or dataLogDir); stop it before its log fills the disk, fix or remove the bad file and "
         "let it resync from the leader."},
    {Cause::kZkDiskFull, "zk_disk_full", System::kZooKeeper, CauseRank::kCondition, ReplayModel::kNotModelled, false, false,
     "ZooKeeper: `No space left on device` in a record or under `Severe unrecoverable error, from thread : SyncThread`: "
         "the server could not write its transaction log or snapshot, its request pipeline stopped and it left the "
         "ensemble; `detail.was_leader`, `detail.next_leader`. It explains that server's `zk_server_looping`",
     "critical",
     "Free space on the server's dataDir / dataLogDir (old snapshots and logs: zkCleanup.sh, autopurge.snapRetainCount "
         "and autopurge.purgeInterval), or move them to a larger disk; then restart the server so it resyncs from the "
         "leader. Until then the ensemble runs one server short."},
    {Cause::kZkSlowDisk, "zk_slow_disk", System::kZooKeeper, CauseRank::kCondition, ReplayModel::kNotModelled, false, false,
     "ZooKeeper: `fsync-ing the write ahead log in SyncThread:N took Nms` (over fsync.warningthresholdms, 1 s by "
         "default): the transaction log's disk is slow and every write waits on it; `detail.slowest_ms`, `detail.lines`",
     "critical when that server lost its place in the ensemble within 30 s (its election, or its followers' "
         "exception), else warning",
     "Give the transaction log a dedicated, fast disk (dataLogDir apart from dataDir and from other busy "
         "processes); check the disk's latency (iostat await, fio with fdatasync) and whether snapshots or other "
         "writers share it."},
    {Cause::kZkQuorumLost, "zk_quorum_lost", System::kZooKeeper, CauseRank::kFailure, ReplayModel::kNotModelled, false, false,
     "ZooKeeper: a leader timed out waiting for epoch / epoch ACK / NEWLEADER ACK from a quorum, or "
         "shut down with `Not sufficient followers synced` / `Waiting for a quorum of followers`; "
         "`detail.synced_sids`",
     "critical",
     "Check that a majority of servers can reach the leader's quorum port (\"Connection broken\" / "
         "\"Cannot open channel\" lines); if followers time out while syncing a large snapshot, raise "
         "initLimit (and syncLimit) so initLimit x tickTime covers the transfer."},
    {Cause::kZkElectionStorm, "zk_election_storm", System::kZooKeeper, CauseRank::kSymptom, ReplayModel::kNotModelled, false, false,
     "ZooKeeper: 3 or more elections (LOOKING rounds more than 2 s apart) with no leader serving 60 s "
         "in between; `detail.elections`, `detail.without_leader_s` (time without a leader that has its "
         "quorum)",
     "critical when no stable leader at the end of the logs, else warning",
     "Find what ends each leader's term (the other zookeeper findings, \"Shutdown called\" reasons, "
         "follower exceptions); an election storm is a symptom of that cause, not a cause of its own."},
    {Cause::kOpenioPeerUnreachable, "openio_peer_unreachable", System::kOpenIO, CauseRank::kCondition, ReplayModel::kFitted, false, false,
     "OpenIO: peers answering the election with a client error: 2 connection refused, 3 reset, 4 "
         "closed, 5 connect timeout, 6 no route, 7 timeout, 10 network error; `detail.peers` names each "
         "with what it answered",
     "critical when the election failed (500, 503, \"Election failed\"), else warning",
     "Bring the named services back (connection refused: the process is down or not listening; "
         "timeout: overloaded or partitioned), then make the election restart: Ask the services to leave "
         "the election (`openio election leave <type> <container>`, or `--cid <base>`), then check `openio "
         "election status`: 200 marks the master, 303 a slave whose message is the master's URL."},
    {Cause::kOpenioElectionLoop, "openio_election_loop", System::kOpenIO, CauseRank::kFailure, ReplayModel::kNotModelled, false, false,
     "OpenIO: a member's election log (`openio election debug`) repeats a transition or a cycle of up "
         "to 4 at least 3 times (`CHECKING_SLAVES:GETVERS_KO:CHECKING_SLAVES` ...); `detail.loop`, "
         "`detail.repeats`, `detail.history` (oldest first)",
     "critical when it ends FAILED or the member sits in NONE, else warning",
     "Ask the services to leave the election (`openio election leave <type> <container>`, or `--cid "
         "<base>`), then check `openio election status`: 200 marks the master, 303 a slave whose message "
         "is the master's URL. A loop on GETVERS_KO means the peers do not answer the version check: see "
         "openio_peer_unreachable."},
    {Cause::kOpenioNoMaster, "openio_no_master", System::kOpenIO, CauseRank::kSymptom, ReplayModel::kNotModelled, false, false,
     "OpenIO: \"Election failed\" (status 500 / 503, `Open/lock: Election failed` in an access line) "
         "or `TIMEOUT! (waiting for election status)`, and no `openio election status` output showing a "
         "master (200) or a slave naming one (303)",
     "critical",
     "Ask the services to leave the election (`openio election leave <type> <container>`, or `--cid "
         "<base>`), then check `openio election status`: 200 marks the master, 303 a slave whose message "
         "is the master's URL."},
    {Cause::kOpenioLeftOnRequest, "openio_left_on_request", System::kOpenIO, CauseRank::kAside, ReplayModel::kNotModelled, false,
     false,
     "OpenIO: every member whose `election debug` answer was read sits in NONE (or LEAVING) after a LEAVE_REQ: an "
         "`openio election leave` or the service exiting, not a failure; the base has no master until the next "
         "request to it starts an election; `detail.left` names each member with the transition, `detail.not_provided` "
         "the peers whose answers were not read",
     "info",
     "Nothing, if the leave was yours (a rebalance, a move). Otherwise find who asked: the services' access logs "
         "(`DB_LEAVE`) or a service restart. `openio election status` then shows whether an election has started again: "
         "200 marks the master, 303 a slave."},
    {Cause::kEtcdLeaderLost, "etcd_leader_lost", System::kEtcd, CauseRank::kCondition, ReplayModel::kNotModelled, false, false,
     "etcd: the followers' streams from the leader closed (`lost TCP streaming connection` with `unexpected EOF`, "
         "`connection refused` or reset) and they elected another: the leader's process ended or restarted (its log "
         "ends there, or starts again; its last fatal line, `detail.last_words`); with only some members' logs, "
         "those that logged `lost leader` (a suspected loss); `detail.old_leader`, `detail.next_leader`, "
         "`detail.without_leader_s`",
     "warning when a new leader was elected within 10 s, else critical; `suspected` when the old leader's own log "
         "was not provided",
     "Find why the old leader's process ended (the end of its log, a Go panic, the OOM killer in dmesg, systemd or "
         "the kubelet restarting it); the cluster runs one member short until it is back."},
    {Cause::kEtcdLeaderUnresponsive, "etcd_leader_unresponsive", System::kEtcd, CauseRank::kCondition, ReplayModel::kNotModelled,
     false, false,
     "etcd: the followers timed out reading from the leader (`i/o timeout`) and elected another while the leader's "
         "own log was silent; when it ran again it said it had not sent heartbeats for that long (`failed to send out "
         "heartbeat on time`, `exceeded-duration`): its process was stalled (CPU starvation, swap, a frozen host or VM, "
         "SIGSTOP); from the leader's log alone, such a line of 2 s or more with no slow-disk line around it; "
         "`detail.stalled_s`",
     "critical; warning, `suspected`, from the leader's log alone when it did not then step down",
     "Look at the old leader's host for that moment: CPU steal and throttling (cgroup limits), swap, memory "
         "pressure, a VM pause or live migration; etcd needs its heartbeat every heartbeat-interval."},
    {Cause::kEtcdNetworkPartition, "etcd_network_partition", System::kEtcd, CauseRank::kCondition, ReplayModel::kNotModelled,
     false, false,
     "etcd: a member keeps logging (its own elections at climbing terms, pre-votes, lost streams to every peer) for "
         "5 s or more while the others have a leader without it: its process runs but reaches no peer; "
         "`detail.cut_off_s`, `detail.was_leader`",
     "critical when the cut-off member was the leader (the others re-elected), warning for a follower",
     "Check the network between the named member and the others on the peer port (2380 by default): firewall "
         "rules, routes, MTU, a NIC or switch port, network policies; the process was running all along. Enable "
         "--pre-vote so a member that rejoins does not force a new election."},
    {Cause::kEtcdSlowDisk, "etcd_slow_disk", System::kEtcd, CauseRank::kCondition, ReplayModel::kNotModelled, false, false,
     "etcd: `slow fdatasync` / `sync duration of ...`, `apply request took too long`, or `failed to send out "
         "heartbeat on time` that no stall of the process explains; `detail.slowest_ms`, `detail.lines`",
     "critical when an election followed within 30 s, else warning",
     "Measure the member's WAL disk (fdatasync p99 should stay under 10 ms: fio with --fdatasync=1, "
         "etcd_disk_wal_fsync_duration_seconds); move the data dir to a dedicated SSD, away from noisy neighbours; "
         "raise --heartbeat-interval and --election-timeout only if the disk cannot be fixed."},
    {Cause::kEtcdDbSpaceExceeded, "etcd_db_space_exceeded", System::kEtcd, CauseRank::kCondition, ReplayModel::kNotModelled,
     false, false,
     "etcd: the NOSPACE alarm was raised (`alarm raised` / `alarm NOSPACE raised by peer`): the backend reached "
         "--quota-backend-bytes and the cluster takes only reads and deletes; `detail.alarm`, `detail.raised_by`",
     "critical",
     "Compact the keyspace to the current revision (`etcdctl compact`), defragment every member (`etcdctl defrag`), "
         "then `etcdctl alarm disarm`; find what grew (many revisions of large keys, no auto-compaction) and set "
         "--auto-compaction-retention or raise --quota-backend-bytes (8 GiB at most)."},
    {Cause::kEtcdClockDrift, "etcd_clock_drift", System::kEtcd, CauseRank::kCondition, ReplayModel::kNotModelled, false, false,
     "etcd: the peer prober found a clock difference over 1 s (`prober found high clock drift`, `the clock difference "
         "against peer ... is too high`); `detail.drift_s`",
     "warning",
     "Synchronise the members' clocks (chrony or ntpd against the same sources); leases and the logs' times depend "
         "on them."},
    {Cause::kEtcdQuorumLost, "etcd_quorum_lost", System::kEtcd, CauseRank::kFailure, ReplayModel::kNotModelled, false, false,
     "etcd: no leader for 5 s or more while the members that remain start elections they cannot win, or a leader "
         "`stepped down to follower since quorum is not active`; the window runs to the next elected leader; "
         "`detail.without_leader_s`, `detail.unreachable`",
     "critical",
     "Bring the unreachable members back (their own findings say why they went); a cluster of N members needs "
         "N/2+1 of them. If they cannot come back, restore from a snapshot or force a new cluster from a survivor "
         "(`--force-new-cluster`) as the etcd disaster-recovery guide says."},
    {Cause::kEtcdElectionStorm, "etcd_election_storm", System::kEtcd, CauseRank::kSymptom, ReplayModel::kNotModelled, false, false,
     "etcd: 3 or more leaders elected within 60 s after the cluster's first (terms climbing, no leader staying); "
         "`detail.elections`, `detail.terms`",
     "critical when no leader at the end of the logs, else warning",
     "Find what ends each leader's term (the other etcd findings: a slow disk, stalls, a flapping network); an "
         "election storm is a symptom of that cause, not a cause of its own."},
    {Cause::kEtcdLeaderChange, "etcd_leader_change", System::kEtcd, CauseRank::kSymptom, ReplayModel::kNotModelled, false, false,
     "etcd: enough members to leave no quorum logged `lost leader` and elected another, every member's log was read, "
         "and none says why: no stream from the leader closed, no stall, no cut link, no slow disk, no shutdown or "
         "leadership transfer; the loss is a fact, its cause is not (`would_decide` names the old leader's host); "
         "`detail.old_leader`, `detail.next_leader`",
     "warning, always `suspected`",
     "Read the old leader's host around this time (dmesg, the OOM killer, CPU steal, a VM pause, its NIC and "
         "firewall) and the followers' view of its link (`etcdctl endpoint status`, the peer round-trip metrics)."},
}};

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < kCauses.size(); ++i) {
    if (static_cast<std::size_t>(kCauses[i].cause) != i) return false;
  }
  return true;
}
static_assert(rows_in_enum_order(), "one row per Cause, in the order of the enum");
static_assert(static_cast<std::size_t>(Cause::kEtcdLeaderChange) + 1 == kCauses.size(), "every Cause has its row");

}  // namespace

std::span<const CauseInfo> cause_table() noexcept { return kCauses; }

const CauseInfo& cause_info(Cause c) noexcept { return kCauses[static_cast<std::size_t>(c)]; }

std::string_view cause_id(Cause c) noexcept { return cause_info(c).id; }

std::optional<Cause> cause_from_id(std::string_view id) noexcept {
  for (const CauseInfo& row : kCauses) {
    if (row.id == id) return row.cause;
  }
  return std::nullopt;
}

std::string_view rank_name(CauseRank r) noexcept {
  static constexpr std::array<std::string_view, 4> kNames{"condition", "failure", "symptom", "aside"};
  return kNames[static_cast<std::size_t>(r)];
}

std::string_view replay_model_name(ReplayModel m) noexcept {
  static constexpr std::array<std::string_view, 3> kNames{"from_evidence", "fitted", "not_modelled"};
  return kNames[static_cast<std::size_t>(m)];
}

}  // namespace paxray
