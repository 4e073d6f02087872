// The ZooKeeper message table. Texts are from the reference
// (shared/reference/zookeeper-openio-formats.md §A2-A5); samples are real lines
// from shared/real-samples where one exists, else built from the reference.
#include "paxray/parsers/zk_events.h"

#include <array>
#include <string>

namespace paxray {
namespace {

bool is_digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }

// The token after `key` up to a space, comma, semicolon or bracket.
std::string_view token_after(std::string_view s, std::string_view key) {
  const std::size_t at = s.find(key);
  if (at == std::string_view::npos) return {};
  std::string_view rest = s.substr(at + key.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const std::size_t end = rest.find_first_of(" ,;])");
  return rest.substr(0, end);
}

// The token before " (label)" in pre-3.6 notifications: "0xc00001d88 (n.zxid)".
std::string_view token_before(std::string_view s, std::string_view label) {
  const std::size_t at = s.find(label);
  if (at == std::string_view::npos || at == 0) return {};
  std::size_t end = at;
  while (end > 0 && s[end - 1] == ' ') --end;
  std::size_t start = end;
  while (start > 0 && s[start - 1] != ' ' && s[start - 1] != ',' && s[start - 1] != ':' && s[start - 1] != ')') --start;
  return s.substr(start, end - start);
}

// "[ 1,2 ]", "[ [1, 3],[1, 3] ]" -> "1,2", "1,3": the distinct ids, in order.
std::string sid_list(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_digit(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    const std::string id(s.substr(i, j - i));
    const std::string padded = "," + out + ",";
    if (padded.find("," + id + ",") == std::string::npos) out += (out.empty() ? "" : ",") + id;
    i = j;
  }
  return out;
}

using Decode = void (*)(std::string_view msg, Event& ev);

struct Entry {
  EventKind kind;
  std::string_view needle;
  bool prefix;  ///< needle must start the message (else: anywhere in it)
  Decode decode;
  std::string_view sample;
};

void state(std::string_view m, Event& ev) {
  if (m.rfind("PeerState set to ", 0) == 0) m.remove_prefix(17);
  ev.set(Attr::kState, m);
}

void new_election(std::string_view m, Event& ev) { ev.set(Attr::kZxid, token_after(m, "proposed zxid=")); }

void notification(std::string_view m, Event& ev) {
  if (m.find("n.sid:") != std::string_view::npos) {  // 3.6+
    ev.set(Attr::kRole, token_after(m, "my state:"));
    ev.set(Attr::kPeer, token_after(m, "n.sid:"));
    ev.set(Attr::kState, token_after(m, "n.state:"));
    ev.set(Attr::kLeader, token_after(m, "n.leader:"));
    ev.set(Attr::kEpoch, token_after(m, "n.peerEpoch:"));
    ev.set(Attr::kZxid, token_after(m, "n.zxid:"));
    return;
  }
  if (m.find("(n.leader)") == std::string_view::npos) {
    // 3.3: "Notification: 0, 12, 1, 0, LOOKING, LOOKING, 0", positional:
    // leader, zxid, epoch, my id, my state, n.state, n.sid.
    std::array<std::string_view, 7> f{};
    std::string_view rest = m.substr(m.find(':') + 1);
    for (std::size_t i = 0; i < f.size() && !rest.empty(); ++i) {
      const std::size_t comma = rest.find(',');
      f[i] = rest.substr(0, comma);
      while (!f[i].empty() && f[i].front() == ' ') f[i].remove_prefix(1);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    if (f[6].empty()) return;
    ev.set(Attr::kLeader, f[0]);
    ev.set(Attr::kZxid, f[1]);
    ev.set(Attr::kEpoch, f[2]);
    ev.set(Attr::kRole, f[4]);
    ev.set(Attr::kState, f[5]);
    ev.set(Attr::kPeer, f[6]);
    return;
  }
  ev.set(Attr::kLeader, token_before(m, "(n.leader)"));
  ev.set(Attr::kZxid, token_before(m, "(n.zxid)"));
  ev.set(Attr::kState, token_before(m, "(n.state)"));
  ev.set(Attr::kPeer, token_before(m, "(n.sid)"));
  const std::string_view epoch = token_before(m, "(n.peerEpoch)");
  ev.set(Attr::kEpoch, epoch.empty() ? token_before(m, "(n.peerEPoch)") : epoch);
  ev.set(Attr::kRole, token_before(m, "(my state)"));
}

void election_took(std::string_view m, Event& ev) {
  ev.set(Attr::kRole, m.substr(0, m.find(' ')));
  const std::string_view ms = token_after(m, "ELECTION TOOK - ");
  std::int64_t v = 0;
  for (char c : ms) {
    if (!is_digit(c) || v > (std::int64_t{1} << 40)) return;
    v = v * 10 + (c - '0');
  }
  if (!ms.empty()) ev.set(Attr::kCostUs, std::to_string(v * 1000));
}

void ack_wrong_epoch(std::string_view m, Event& ev) {
  ev.set(Attr::kPeer, token_after(m, "from sid:"));
  ev.set(Attr::kEpoch, token_after(m, "current "));
  ev.set(Attr::kZxid, token_after(m, "received "));
}

void quorum_timeout(std::string_view m, Event& ev) {
  ev.set(Attr::kReason, m.find("NEWLEADER") != std::string_view::npos || m.find("initTicks") != std::string_view::npos
                            ? "NEWLEADER"
                        : m.find("acked") != std::string_view::npos ? "epoch ack"
                                                                    : "epoch");
}

void leader_shutdown(std::string_view m, Event& ev) {
  for (std::string_view key : {"For the reason ", "reason: "}) {
    const std::size_t at = m.find(key);
    if (at != std::string_view::npos) {
      ev.set(Attr::kReason, m.substr(at + key.size()));
      break;
    }
  }
  if (ev.get(Attr::kReason) == nullptr) ev.set(Attr::kReason, m);
  if (const std::size_t at = m.find("only synced with sids:"); at != std::string_view::npos) {
    ev.set(Attr::kMembers, sid_list(m.substr(at)));
  }
}

void follower_exception(std::string_view m, Event& ev) { ev.set(Attr::kInfo, m); }

void sync_start(std::string_view m, Event& ev) {
  ev.set(Attr::kPeer, token_after(m, "sid:"));
  ev.set(Attr::kCommitted, token_after(m, "maxCommittedLog="));
  ev.set(Attr::kZxid, token_after(m, "peerLastZxid="));
}

void sync(std::string_view m, Event& ev) {
  if (m.rfind("leader and follower are in sync", 0) == 0) {
    ev.set(Attr::kTransition, "IN_SYNC");
    ev.set(Attr::kZxid, token_after(m, "zxid="));
    return;
  }
  if (m.rfind("Getting a diff", 0) == 0 || m.rfind("Getting a snapshot", 0) == 0) {
    ev.set(Attr::kTransition, m[10] == 'd' ? "DIFF" : "SNAP");
    ev.set(Attr::kRole, "follower");
    const std::size_t ox = m.find("0x");
    if (ox != std::string_view::npos) ev.set(Attr::kZxid, token_after(m.substr(ox), ""));
    return;
  }
  const std::string_view what = token_after(m, "Sending ");
  ev.set(Attr::kTransition, what == "snapshot" ? "SNAP" : what);
  ev.set(Attr::kZxid, what == "snapshot" ? token_after(m, "zxid of leader is") : token_after(m, "zxid="));
  ev.set(Attr::kPeer, token_after(m, "sid:"));
}

void truncate(std::string_view m, Event& ev) {
  const std::size_t ox = m.rfind("0x");
  if (ox != std::string_view::npos) ev.set(Attr::kZxid, token_after(m.substr(ox), ""));
  if (m.rfind("Not able", 0) == 0) ev.set(Attr::kReason, "failed");
}

void quorum_up(std::string_view m, Event& ev) {
  const std::size_t semi = m.find(';');
  ev.set(Attr::kMembers, sid_list(m.substr(0, semi)));
  ev.set(Attr::kZxid, token_after(m, "last processed zxid:"));
}

void session_expired(std::string_view m, Event& ev) {
  ev.set(Attr::kSession, token_after(m, "Expiring session "));
  const std::string_view ms = token_after(m, "timeout of ");
  if (!ms.empty() && ms.size() > 2 && ms.substr(ms.size() - 2) == "ms") ev.set(Attr::kInfo, ms);
}

void connection_broken(std::string_view m, Event& ev) {
  ev.set(Attr::kPeer, m.rfind("Cannot open channel to ", 0) == 0 ? token_after(m, "channel to ") : token_after(m, "for id "));
}

void version(std::string_view m, Event& ev) {
  std::string_view v = token_after(m, "zookeeper.version=");
  v = v.substr(0, v.find('-'));
  ev.set(Attr::kVersion, v);
}

void nothing(std::string_view, Event&) {}

// "fsync-ing the write ahead log in SyncThread:3 took 1201ms which will ...".
void slow_fsync(std::string_view m, Event& ev) {
  ev.set(Attr::kInfo, token_after(m, "write ahead log in "));
  std::string_view ms = token_after(m, " took ");
  if (ms.size() < 3 || ms.substr(ms.size() - 2) != "ms") return;
  ms.remove_suffix(2);
  std::int64_t v = 0;
  for (char c : ms) {
    if (!is_digit(c) || v > (std::int64_t{1} << 40)) return;
    v = v * 10 + (c - '0');
  }
  ev.set(Attr::kCostUs, std::to_string(v * 1000));
}

void disk_full(std::string_view m, Event& ev) { ev.set(Attr::kReason, m); }

// Order matters only where one needle contains another; prefix needles first.
constexpr std::array<Entry, 31> kTable{{
    {EventKind::zk_state, "LOOKING", true, state,
     "2016-08-27 21:32:46,324 [myid:37] - INFO  [QuorumPeer[myid=37]/0:0:0:0:0:0:0:0:2186:QuorumPeer@784] - LOOKING"},
    {EventKind::zk_state, "FOLLOWING", true, state,
     "2016-08-27 21:32:47,544 [myid:1] - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2182:QuorumPeer@784] - FOLLOWING"},
    {EventKind::zk_state, "LEADING", true, state,
     "2023-07-14 14:25:50,785 - INFO  [QuorumPeer[myid=3](plain=0.0.0.0:12181)(secure=disabled):QuorumPeer@1438] - LEADING"},
    {EventKind::zk_state, "OBSERVING", true, state,
     "2023-03-01 10:00:00,000 [myid:4] - INFO  [QuorumPeer[myid=4](plain=0.0.0.0:2181)(secure=disabled):QuorumPeer@1594] - OBSERVING"},
    {EventKind::zk_state, "PeerState set to LOOKING", true, state,
     "2019-07-31 00:57:31,852 [myid:1] - WARN [QuorumPeer[myid=1](plain=/0.0.0.0:2791)(secure=disabled):QuorumPeer@1318] - PeerState set to LOOKING"},
    {EventKind::zk_new_election, "New election. My id =", true, new_election,
     "2016-08-27 21:32:46,325 [myid:37] - INFO  [QuorumPeer[myid=37]/0:0:0:0:0:0:0:0:2186:FastLeaderElection@815] - New election. My id =  37, proposed zxid=0xb00001d88"},
    {EventKind::zk_notification, "Notification: ", true, notification,
     "2012-07-24 20:22:34,000 - INFO  [WorkerReceiver Thread:FastLeaderElection$Messenger$WorkerReceiver@232] - Notification: 0, 12, 1, 0, LOOKING, LOOKING, 0"},
    {EventKind::zk_notification, "Notification: ", true, notification,
     "2016-08-27 21:32:46,318 [myid:37] - INFO  [WorkerReceiver[myid=37]:FastLeaderElection@597] - Notification: 1 (message format version), 1 (n.leader), 0xc00001d88 (n.zxid), 0x1 (n.round), LOOKING (n.state), 19 (n.sid), 0xc (n.peerEpoch) LOOKING (my state)"},
    {EventKind::zk_election_took, "LEADER ELECTION TOOK - ", false, election_took,
     "2016-08-27 21:32:47,556 [myid:1] - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2182:Follower@63] - FOLLOWING - LEADER ELECTION TOOK - 1298"},
    {EventKind::zk_newleader_ack_wrong_epoch, "NEWLEADER ACK from sid: ", true, ack_wrong_epoch,
     "2023-04-03 11:20:15,120 [myid:3] - ERROR [LearnerHandler-/10.0.0.1:51234:Leader@1494] - NEWLEADER ACK from sid: 1 is from a different epoch - current 0x200000000 received 0x100000002"},
    {EventKind::zk_quorum_timeout, "Timeout while waiting for ", false, quorum_timeout,
     "2016-06-23 07:30:57,481 | WARN  | QuorumPeer[myid=25](plain=/10.16.9.136:2181)(secure=disabled) | Timeout while waiting for epoch to be acked by quorum | org.apache.zookeeper.server.quorum.Leader.waitForEpochAck(Leader.java:1221)"},
    {EventKind::zk_quorum_timeout, "Enough followers present. Perhaps the initTicks", true, quorum_timeout,
     "2023-04-03 11:20:35,130 [myid:3] - WARN  [QuorumPeer[myid=3](plain=[0:0:0:0:0:0:0:0]:2181)(secure=disabled):Leader@635] - Enough followers present. Perhaps the initTicks need to be increased."},
    {EventKind::zk_leader_shutdown, "Shutdown called. For the reason ", true, leader_shutdown,
     "2023-04-03 11:20:35,131 [myid:3] - INFO  [QuorumPeer[myid=3](plain=[0:0:0:0:0:0:0:0]:2181)(secure=disabled):Leader@912] - Shutdown called. For the reason Waiting for a quorum of followers, only synced with sids: [ 3 ]"},
    {EventKind::zk_leader_shutdown, "shutdown Leader! reason: ", false, leader_shutdown,
     "2016-06-23 07:30:57,482 | INFO  | QuorumPeer[myid=25](plain=/10.16.9.136:2181)(secure=disabled) | shutdown Leader! reason: Forcing shutdown | org.apache.zookeeper.server.quorum.Leader.shutdown(Leader.java:623)"},
    {EventKind::zk_leader_shutdown, "Quit leading due to voter changed mind", true, leader_shutdown,
     "2023-04-03 11:20:35,131 [myid:3] - WARN  [QuorumPeer[myid=3](plain=[0:0:0:0:0:0:0:0]:2181)(secure=disabled):Leader@1562] - Quit leading due to voter changed mind."},
    {EventKind::zk_follower_exception, "Exception when following the leader", true, follower_exception,
     "2016-06-23 08:00:18,763 | WARN  | QuorumPeer[myid=26](plain=/10.16.9.138:2181)(secure=disabled) | Exception when following the leader | org.apache.zookeeper.server.quorum.Follower.followLeader(Follower.java:93)"},
    {EventKind::zk_follower_exception, "Disconnected from leader", true, follower_exception,
     "2023-04-03 11:20:35,200 [myid:1] - INFO  [QuorumPeer[myid=1](plain=[0:0:0:0:0:0:0:0]:2181)(secure=disabled):Follower@141] - Disconnected from leader (with address: /10.0.0.3:2888). Was connected for 20012ms. Sync state: false"},
    {EventKind::zk_sync_start, "Synchronizing with ", true, sync_start,
     "2023-04-03 11:20:15,100 [myid:3] - INFO  [LearnerHandler-/10.0.0.1:51234:LearnerHandler@512] - Synchronizing with Learner sid: 1 maxCommittedLog=0x100000003 minCommittedLog=0x100000001 lastProcessedZxid=0x100000003 peerLastZxid=0x100000002"},
    {EventKind::zk_sync, "Sending ", true, sync,
     "2023-04-03 11:20:15,101 [myid:3] - INFO  [LearnerHandler-/10.0.0.1:51234:LearnerHandler@773] - Sending DIFF zxid=0x100000003  for peer sid: 1"},
    {EventKind::zk_sync, "leader and follower are in sync", true, sync,
     "2014-05-06 13:35:40,100 [myid:2] - INFO  [LearnerHandler-/10.0.0.1:40000:LearnerHandler@395] - leader and follower are in sync, zxid=0x100000000"},
    {EventKind::zk_sync, "Getting a diff from the leader", true, sync,
     "2016-08-27 21:32:47,574 [myid:1] - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2182:Learner@323] - Getting a diff from the leader 0xc00001d88"},
    {EventKind::zk_sync, "Getting a snapshot from leader", true, sync,
     "2016-08-27 21:32:47,576 [myid:28] - INFO  [QuorumPeer[myid=28]/0:0:0:0:0:0:0:0:2185:Learner@326] - Getting a snapshot from leader"},
    {EventKind::zk_truncate, "Truncating log to get in sync with the leader", true, truncate,
     "2023-04-03 11:25:01,000 [myid:2] - WARN  [QuorumPeer[myid=2](plain=[0:0:0:0:0:0:0:0]:2181)(secure=disabled):Learner@624] - Truncating log to get in sync with the leader 0x100000001"},
    // 3.4.0-3.4.5 name no sids.
    {EventKind::zk_quorum_up, "Have quorum of supporters; starting up", true, quorum_up,
     "2012-05-10 10:00:00,000 [myid:2] - INFO  [QuorumPeer[myid=2]/0.0.0.0:2181:Leader@345] - Have quorum of supporters; starting up and setting last processed zxid: 0x100000000"},
    {EventKind::zk_quorum_up, "Have quorum of supporters, sids: ", true, quorum_up,
     "2014-05-06 13:35:40,200 [myid:2] - INFO  [QuorumPeer[myid=2]/0.0.0.0:2181:Leader@358] - Have quorum of supporters, sids: [ 1,2 ]; starting up and setting last processed zxid: 0x100000000"},
    {EventKind::zk_session_expired, "Expiring session ", true, session_expired,
     "2014-05-06 13:40:00,000 [myid:2] - INFO  [SessionTracker:ZooKeeperServer@325] - Expiring session 0x145d1a0c2a70000, timeout of 30000ms exceeded"},
    {EventKind::zk_connection_broken, "Connection broken for id ", true, connection_broken,
     "2016-08-27 21:33:01,544 [myid:37] - WARN  [RecvWorker:10:QuorumCnxManager$RecvWorker@780] - Connection broken for id 10, my id = 37, error = "},
    {EventKind::zk_version, "Server environment:zookeeper.version=", true, version,
     "2016-08-27 21:32:47,553 [myid:1] - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2182:Environment@100] - Server environment:zookeeper.version=3.4.6-1569965, built on 02/20/2014 09:09 GMT"},
    // Real lines of the fault lab (Debian's ZooKeeper 3.8.0, tests/lab/zk-lab leader-slow-disk, leader-disk-full).
    {EventKind::zk_slow_fsync, "fsync-ing the write ahead log in ", true, slow_fsync,
     "2026-12-07 05:43:06,961 - WARN  [SyncThread:3:FileTxnLog@394] - fsync-ing the write ahead log in SyncThread:3 took 1201ms which will adversely effect operation latency.File size is 67108880 bytes. See the ZooKeeper troubleshooting guide"},
    // The lab's line is the stack's first line under "Severe unrecoverable error, from thread : SyncThread:3"
    // (matched there as a continuation, zk_chunk_scan.cpp); the sample puts that line in a record of its own.
    {EventKind::zk_disk_full, "No space left on device", false, disk_full,
     "2026-12-07 05:43:25,325 - ERROR [SyncThread:3:ZooKeeperCriticalThread@49] - java.io.IOException: No space left on device"},
    {EventKind::zk_ack_order_fixed, "Sent NEWLEADER ack to leader with zxid", true, nothing,
     "2024-03-01 09:00:00,000 [myid:1] - INFO  [QuorumPeer[myid=1](plain=[0:0:0:0:0:0:0:0]:2181)(secure=disabled):Learner@830] - Sent NEWLEADER ack to leader with zxid 200000000"},
}};

constexpr std::array<ZkMessageSpec, kTable.size()> kSpecs = [] {
  std::array<ZkMessageSpec, kTable.size()> out{};
  for (std::size_t i = 0; i < kTable.size(); ++i) out[i] = {kTable[i].kind, kTable[i].sample};
  return out;
}();

// A bare state name is the whole message ("LOOKING"), not its start.
bool whole_word_state(const Entry& e, std::string_view msg) {
  if (e.decode != state || e.needle.rfind("PeerState", 0) == 0) return true;
  std::string_view m = msg;
  while (!m.empty() && (m.back() == ' ' || m.back() == '\r')) m.remove_suffix(1);
  return m == e.needle;
}

}  // namespace

std::span<const ZkMessageSpec> zk_message_registry() noexcept { return kSpecs; }

std::string zk_node_name(std::int64_t myid) { return "myid:" + std::to_string(myid); }

bool extract_zk_event(const ZkLine& line, std::string_view text, Event& out) {
  const std::string_view msg = line.message;
  for (const Entry& e : kTable) {
    const bool hit = e.prefix ? msg.substr(0, e.needle.size()) == e.needle : msg.find(e.needle) != std::string_view::npos;
    if (!hit || !whole_word_state(e, msg)) continue;
    out = Event{};
    out.kind = e.kind;
    out.system = System::kZooKeeper;
    out.group.label = "ensemble";
    out.level = line.level;
    out.ts = line.ts;
    out.text = std::string(text.substr(0, Event::kMaxEvidence));
    if (line.myid >= 0) out.node = zk_node_name(line.myid);
    e.decode(msg, out);
    return true;
  }
  return false;
}

}  // namespace paxray
