// ZooKeeper: every layout of the reference, the message table's own samples,
// the real log excerpts, the four diagnoses on the bundled samples, and the
// Zab sync model behind the replay.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/log_kind.h"
#include "paxray/parsers/zk_events.h"
#include "paxray/parsers/zk_line.h"
#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/core/zab_sync.h"
#include "paxray/rules/diagnosis.h"
#include "paxray/rules/zk_versions.h"
#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;

TEST(ZkLine, EveryLayoutOfTheReference) {
  struct Case {
    const char* line;
    ZkLayout layout;
    Level level;
    std::int64_t myid;
    const char* logger;
    const char* message;
  };
  const Case cases[] = {
      {"2016-08-27 21:32:46,324 [myid:37] - INFO  [QuorumPeer[myid=37]/0:0:0:0:0:0:0:0:2186:QuorumPeer@784] - LOOKING",
       ZkLayout::kLog4j, Level::kInfo, 37, "QuorumPeer", "LOOKING"},
      {"2016-08-27 21:32:45,850 [myid:] - INFO  [main:QuorumPeerConfig@103] - Reading configuration from: /x/zoo.cfg",
       ZkLayout::kLog4j, Level::kInfo, -1, "QuorumPeerConfig", "Reading configuration from: /x/zoo.cfg"},
      {"2016-08-27 21:33:01,544 [myid:37] - WARN  [RecvWorker:10:QuorumCnxManager$RecvWorker@780] - Connection broken for id 10, my id = 37, error = ",
       ZkLayout::kLog4j, Level::kWarn, 37, "QuorumCnxManager$RecvWorker", "Connection broken for id 10, my id = 37, error = "},
      {"2019-07-31 00:57:31,852 [myid:1] - WARN [QuorumPeer[myid=1](plain=/0.0.0.0:2791)(secure=disabled):QuorumPeer@1318] - PeerState set to LOOKING",
       ZkLayout::kLog4j, Level::kWarn, 1, "QuorumPeer", "PeerState set to LOOKING"},
      {"2023-07-14 14:25:50,785 - INFO  [QuorumPeer[myid=3](plain=0.0.0.0:12181)(secure=disabled):QuorumPeer@1438] - LOOKING",
       ZkLayout::kNoMyid, Level::kInfo, 3, "QuorumPeer", "LOOKING"},
      {"2019-08-06 20:48:42,652 INFO New election. My id = 1, proposed zxid=0x0 (org.apache.zookeeper.server.quorum.FastLeaderElection) [QuorumPeer[myid=1]/0.0.0.0:21810]",
       ZkLayout::kKafka, Level::kInfo, 1, "org.apache.zookeeper.server.quorum.FastLeaderElection",
       "New election. My id = 1, proposed zxid=0x0"},
      {"2019-08-06 20:48:42,655 INFO Notification: 1 (message format version), 1 (n.leader), 0x0 (n.zxid), 0x1 (n.round), LOOKING (n.state), 1 (n.sid), 0x0 (n.peerEpoch) LOOKING (my state) (org.apache.zookeeper.server.quorum.FastLeaderElection) [WorkerReceiver[myid=1]",
       ZkLayout::kKafka, Level::kInfo, 1, "org.apache.zookeeper.server.quorum.FastLeaderElection",
       "Notification: 1 (message format version), 1 (n.leader), 0x0 (n.zxid), 0x1 (n.round), LOOKING (n.state), 1 (n.sid), 0x0 (n.peerEpoch) LOOKING (my state)"},
      {"[2019-11-14 03:19:10,853] INFO Sending SNAP (org.apache.zookeeper.server.quorum.LearnerHandler)",
       ZkLayout::kKafkaStarter, Level::kInfo, -1, "org.apache.zookeeper.server.quorum.LearnerHandler", "Sending SNAP"},
      {"2016-06-23 08:00:18,763 | WARN  | QuorumPeer[myid=26](plain=/10.16.9.138:2181)(secure=disabled) | Exception when following the leader | org.apache.zookeeper.server.quorum.Follower.followLeader(Follower.java:93)",
       ZkLayout::kPipes, Level::kWarn, 26, "org.apache.zookeeper.server.quorum.Follower.followLeader(Follower.java:93)",
       "Exception when following the leader"},
      // ZOOKEEPER-1419 (3.4.3 test log, "%d %r [%t] %p %c - %m"): the thread holds brackets.
      {"2012-03-14 16:23:12,776 13309 [QuorumPeer[myid=0]/127.0.0.1:2900] DEBUG org.apache.zookeeper.server.quorum.FastLeaderElection  - Sending Notification: 3 (n.leader)",
       ZkLayout::kThreadFirst, Level::kDebug, 0, "org.apache.zookeeper.server.quorum.FastLeaderElection",
       "Sending Notification: 3 (n.leader)"},
      // The same order without %r (logback's default).
      {"2020-03-25 15:47:53,688 [main] INFO  org.apache.zookeeper.server.quorum.QuorumPeerConfig - Reading configuration from: /conf/zoo.cfg",
       ZkLayout::kThreadFirst, Level::kInfo, -1, "org.apache.zookeeper.server.quorum.QuorumPeerConfig",
       "Reading configuration from: /conf/zoo.cfg"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    ZkLine z;
    ASSERT_EQ(parse_zk_line(c.line, z), LineError::kNone);
    EXPECT_EQ(z.layout, c.layout);
    EXPECT_EQ(z.level, c.level);
    EXPECT_EQ(z.myid, c.myid);
    EXPECT_EQ(z.logger, c.logger);
    EXPECT_EQ(z.message, c.message);
  }
  ZkLine z;
  EXPECT_EQ(parse_zk_line("\tat java.io.DataInputStream.readInt(DataInputStream.java:392)", z), LineError::kNotRecordStart);
  EXPECT_EQ(parse_zk_line("2016-13-27 21:32:46,324 [myid:1] - INFO  [a:B@1] - x", z), LineError::kBadTimestamp);
  EXPECT_EQ(parse_zk_line("2016-08-27 21:32:46,324 [myid:1] - LOUD  [a:B@1] - x", z), LineError::kBadLevel);
  EXPECT_EQ(parse_zk_line("2016-08-27 21:32:46,324 [myid:1] - INFO  no location - x", z), LineError::kBadLocation);
}

TEST(ZkEvents, EveryRegistrySampleDecodesToItsKind) {
  for (const ZkMessageSpec& spec : zk_message_registry()) {
    SCOPED_TRACE(spec.sample);
    ZkLine z;
    ASSERT_EQ(parse_zk_line(spec.sample, z), LineError::kNone);
    Event ev;
    ASSERT_TRUE(extract_zk_event(z, spec.sample, ev));
    EXPECT_EQ(ev.kind, spec.kind);
    EXPECT_EQ(ev.system, System::kZooKeeper);
    EXPECT_EQ(ev.group.name(), "ensemble");  // the event model's group, as for a log stream
    EXPECT_TRUE(ev.group.valid());
  }
}

TEST(ZkEvents, AllFourNotificationGenerationsDecode) {
  const char* lines[] = {
      "2014-05-06 13:35:32,217 [myid:1] - INFO  [WorkerReceiver[myid=1]:FastLeaderElection@542] - Notification: 3 (n.leader), 0x700000197 (n.zxid), 0x1 (n.round), LEADING (n.state), 3 (n.sid), 0x7 (n.peerEPoch), LOOKING (my state)",
      "2016-08-27 21:32:46,318 [myid:1] - INFO  [WorkerReceiver[myid=1]:FastLeaderElection@597] - Notification: 1 (message format version), 3 (n.leader), 0x700000197 (n.zxid), 0x1 (n.round), LEADING (n.state), 3 (n.sid), 0x7 (n.peerEpoch) LOOKING (my state)",
      "2019-07-31 00:57:31,900 [myid:1] - INFO  [WorkerReceiver[myid=1]:FastLeaderElection@679] - Notification: 2 (message format version), 3 (n.leader), 0x700000197 (n.zxid), 0x2 (n.round), LEADING (n.state), 3 (n.sid), 0x7 (n.peerEPoch), LOOKING (my state)0 (n.config version)",
      "2023-04-03 11:20:01,100 [myid:1] - INFO  [WorkerReceiver[myid=1]:FastLeaderElection$Messenger$WorkerReceiver@392] - Notification: my state:LOOKING; n.sid:3, n.state:LEADING, n.leader:3, n.round:0x2, n.peerEpoch:0x7, n.zxid:0x700000197, message format version:0x2, n.config version:0x0",
  };
  for (const char* line : lines) {
    SCOPED_TRACE(line);
    ZkLine z;
    ASSERT_EQ(parse_zk_line(line, z), LineError::kNone);
    Event ev;
    ASSERT_TRUE(extract_zk_event(z, line, ev));
    EXPECT_EQ(ev.kind, EventKind::zk_notification);
    EXPECT_EQ(*ev.get(Attr::kLeader), "3");
    EXPECT_EQ(*ev.get(Attr::kPeer), "3");
    EXPECT_EQ(*ev.get(Attr::kState), "LEADING");
    EXPECT_EQ(*ev.get(Attr::kZxid), "0x700000197");
    EXPECT_EQ(*ev.get(Attr::kEpoch), "0x7");
    EXPECT_EQ(ev.get(Attr::kRole)->substr(0, 7), "LOOKING");
    EXPECT_EQ(ev.node, "myid:1");
  }
}

ScanResult scan_dir(const fs::path& p) {
  ScanOptions o;
  o.paths = {p.string()};
  o.threads = 2;
  return scan(o);
}

TEST(ZkScan, RealExcerptsInterleavedServersStackTracesAndCrlf) {
  // The real excerpts (tests/data, a copy of the workplace's real-samples file with its source headers) as one file,
  // servers interleaved, some lines cut, CRLF endings, reStructuredText indent removed.
  testing::TempDir dir;
  std::istringstream in(testing::read_file(testing::source_dir() / "tests/data/zookeeper-real-excerpts.txt"));
  std::string text, line;
  while (std::getline(in, line)) {
    if (line.rfind("#", 0) == 0) continue;
    if (line.rfind("   ", 0) == 0) line = line.substr(3);
    text += line + "\r\n";
  }
  dir.write("zookeeper.out", text);
  ScanResult r = scan_dir(dir.path());
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(r.files[0].kind, LogKind::kZooKeeper);
  EXPECT_GT(r.totals.records, 100u);
  EXPECT_GT(r.totals.continuation, 20u);  // stack traces
  // The two cut lines of the source are reported, not guessed at.
  EXPECT_LE(r.totals.unparsed_total(), 3u);
  std::set<std::string> nodes;
  std::set<EventKind> kinds;
  for (const auto& e : r.events) {
    nodes.insert(e.node);
    kinds.insert(e.kind);
  }
  for (const char* n : {"myid:1", "myid:25", "myid:26", "myid:28", "myid:37"}) EXPECT_TRUE(nodes.count(n)) << n;
  for (EventKind k : {EventKind::zk_state, EventKind::zk_new_election, EventKind::zk_notification, EventKind::zk_election_took,
                      EventKind::zk_quorum_timeout, EventKind::zk_leader_shutdown, EventKind::zk_follower_exception,
                      EventKind::zk_sync, EventKind::zk_connection_broken, EventKind::zk_version}) {
    EXPECT_TRUE(kinds.count(k)) << event_kind_name(k);
  }
  // The timeout and the shutdown reason live in stack-trace lines under their records.
  bool epoch_ack = false, forcing = false;
  for (const auto& e : r.events) {
    epoch_ack = epoch_ack || (e.kind == EventKind::zk_quorum_timeout && *e.get(Attr::kReason) == "epoch ack");
    forcing = forcing || (e.kind == EventKind::zk_leader_shutdown && *e.get(Attr::kReason) == "Forcing shutdown");
  }
  EXPECT_TRUE(epoch_ack);
  EXPECT_TRUE(forcing);
}

TEST(ZkScan, FilesAreFoundByNameOrContent) {
  EXPECT_EQ(classify_log_name("zookeeper.log")->kind, LogKind::kZooKeeper);
  EXPECT_TRUE(classify_log_name("zookeeper-zk-server-host1.out.3")->rotated);
  EXPECT_FALSE(classify_log_name("zookeeper_audit.log"));
  const SniffResult s = sniff_log("2016-08-27 21:32:46,324 [myid:37] - INFO  [main:QuorumPeer@784] - LOOKING\n"
                                  "[2019-11-14 03:19:10,853] INFO Sending SNAP (org.apache.zookeeper.server.quorum.LearnerHandler)\n");
  EXPECT_TRUE(s.is_log);
  EXPECT_EQ(s.format, LineFormat::kZooKeeper);
}

struct Diagnosed {
  std::vector<Finding> findings;
};

Diagnosed diagnose_sample(const std::string& name, bool replay = false) {
  ScanResult r = scan_dir(testing::source_dir() / "samples/zookeeper" / name);
  const Timeline tl = build_timeline(r, {});
  const Thresholds th = Thresholds::defaults();
  Diagnosis d = diagnose(r, tl, th);
  if (replay) replay::confirm_findings(r, tl, d, {});
  return {d.findings};
}

// Every cause found, roots and the consequences folded under them.
std::set<std::string> causes(const Diagnosed& d) {
  std::set<std::string> out;
  auto add = [&](const Finding& f) {
    EXPECT_EQ(f.system, "zookeeper");
    EXPECT_EQ(f.group, "ensemble");
    EXPECT_FALSE(f.tenant);
    EXPECT_FALSE(f.evidence.empty()) << f.id();
    out.insert(std::string(f.id()));
  };
  for (const auto& f : d.findings) {
    add(f);
    for (const auto& x : f.consequences) add(x);
  }
  return out;
}

TEST(ZkDiagnosis, TheSeedsAckOrderBugIsFoundConfirmedAndAdvised) {
  const Diagnosed d = diagnose_sample("newleader-ack-order", true);
  ASSERT_FALSE(d.findings.empty());
  const Finding& top = d.findings.front();
  EXPECT_EQ(top.id(), "zk_newleader_ack_order");
  EXPECT_EQ(top.severity, Severity::kCritical);
  EXPECT_NE(top.summary.find("sid 1"), std::string::npos);
  EXPECT_NE(top.remediation.find("3.9.4"), std::string::npos);
  bool affected = false;
  for (const auto& [k, v] : top.detail) affected = affected || (k == "version_verdict" && v.find("3.8.1: affected") != std::string::npos);
  EXPECT_TRUE(affected);
  ASSERT_TRUE(top.replay);
  // Fitted: the observed ACK order is the input of the sync model.
  EXPECT_EQ(top.replay->status, "fitted") << top.replay->reason;
  EXPECT_EQ(top.replay->p_leader_with, 0.0);
  EXPECT_EQ(top.replay->p_leader_without, 1.0);
  // The quorum loss is its consequence, folded under it; nothing stands beside it.
  EXPECT_EQ(d.findings.size(), 1u);
  bool quorum_lost = false;
  for (const auto& f : top.consequences) {
    quorum_lost = quorum_lost || f.id() == "zk_quorum_lost";
    EXPECT_NE(f.find_detail("explained_by"), nullptr) << f.id();
  }
  EXPECT_TRUE(quorum_lost);
}

TEST(ZkDiagnosis, EachSampleShowsItsCause) {
  EXPECT_EQ(causes(diagnose_sample("quorum-lost")), std::set<std::string>{"zk_quorum_lost"});
  EXPECT_EQ(causes(diagnose_sample("truncated-committed")), std::set<std::string>{"zk_truncated_committed"});
  const auto storm = causes(diagnose_sample("election-storm"));
  EXPECT_TRUE(storm.count("zk_election_storm"));
  EXPECT_TRUE(causes(diagnose_sample("healthy")).empty());
  for (const auto& f : diagnose_sample("election-storm").findings) {
    if (f.id() != "zk_election_storm") continue;
    EXPECT_NE(f.summary.find("6 leader elections"), std::string::npos) << f.summary;
    EXPECT_EQ(f.severity, Severity::kCritical);  // no stable leader when the logs end
  }
}

TEST(ZkDiagnosis, LinesOutOfOrderGiveTheSameDiagnosis) {
  testing::TempDir dir;
  for (const char* node : {"zk1", "zk2", "zk3"}) {
    std::istringstream in(testing::read_file(testing::source_dir() / "samples/zookeeper/newleader-ack-order" / node / "zookeeper.log"));
    std::vector<std::string> records;
    for (std::string line; std::getline(in, line);) {
      if (is_zk_record_start(line) || records.empty()) {
        records.push_back(line + "\n");
      } else {
        records.back() += line + "\n";
      }
    }
    std::reverse(records.begin(), records.end());
    std::string text;
    for (const auto& r : records) text += r;
    dir.write(std::string(node) + "/zookeeper.log", text);
  }
  ScanResult r = scan_dir(dir.path());
  const Timeline tl = build_timeline(r, {});
  const Thresholds th = Thresholds::defaults();
  const Diagnosis d = diagnose(r, tl, th);
  ASSERT_FALSE(d.findings.empty());
  EXPECT_EQ(d.findings.front().id(), "zk_newleader_ack_order");
}

TEST(ZabSync, FixedOrderNeverShutsDownAndTheObservedOrderAlwaysDoes) {
  replay::zab::SyncScenario s;  // the seed: 3 servers, one follower alive
  s.followers = {1};
  s.proposal_first = {1};
  for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
    const auto fixed = replay::zab::run_sync(s, replay::zab::AckOrder::kFixed, replay::zab::AckOrder::kFixed, seed);
    ASSERT_TRUE(fixed.established);
    ASSERT_EQ(fixed.shutdowns, 0);
    const auto bad = replay::zab::run_sync(s, replay::zab::AckOrder::kProposalFirst, replay::zab::AckOrder::kRace, seed);
    ASSERT_GE(bad.shutdowns, 1);
    ASSERT_GE(bad.rejected_acks, 1);
  }
  // Same seed, same run: the model is deterministic.
  const auto a = replay::zab::run_sync(s, replay::zab::AckOrder::kProposalFirst, replay::zab::AckOrder::kRace, 7);
  const auto b = replay::zab::run_sync(s, replay::zab::AckOrder::kProposalFirst, replay::zab::AckOrder::kRace, 7);
  EXPECT_EQ(a.rounds, b.rounds);
  EXPECT_EQ(a.without_leader_ms, b.without_leader_ms);
}

TEST(ZabSync, AMisorderedFollowerIsHarmlessWhenTheOthersMakeAQuorum) {
  replay::zab::SyncScenario s;
  s.ensemble = 5;
  s.followers = {1, 2, 4};
  s.proposal_first = {1};
  for (std::uint64_t seed = 1; seed <= 500; ++seed) {
    // Follower 1 misordered, 2 and 4 in order: two NEWLEADER ACKs + the leader are a quorum of 5.
    const auto run = replay::zab::run_sync(s, replay::zab::AckOrder::kProposalFirst, replay::zab::AckOrder::kFixed, seed);
    ASSERT_EQ(run.shutdowns, 0);
    ASSERT_LE(run.rejected_acks, 1);  // 0 when the quorum formed before its ACK arrived
  }
  // Left to the race, the others sometimes misorder too, and then the leader does shut down.
  const auto v = replay::zab::confirm_ack_order(s, 200, 1);
  EXPECT_GT(v.shutdown_with, 0.0);
  EXPECT_LT(v.shutdown_with, 1.0);
  EXPECT_EQ(v.shutdown_without, 0.0);
}

TEST(ZkVersions, AffectedAndFixedReleasesFollowTheReference) {
  auto text = [](const char* v) { return assess_newleader_ack_order({v}, false).text; };
  EXPECT_NE(text("3.8.1").find("affected (3.8.0-3.8.4)"), std::string::npos);
  EXPECT_NE(text("3.7.1").find("affected (3.6.3-3.7.x)"), std::string::npos);
  EXPECT_NE(text("3.5.10").find("affected"), std::string::npos);
  EXPECT_NE(text("3.9.1").find("affected (3.9.0-3.9.1)"), std::string::npos);
  EXPECT_NE(text("3.8.5").find("partly fixed"), std::string::npos);
  EXPECT_NE(text("3.9.2").find("partly fixed"), std::string::npos);
  EXPECT_NE(text("3.9.3").find("ZOOKEEPER-4925"), std::string::npos);
  EXPECT_NE(text("3.9.4").find("fixed (ZOOKEEPER-4394)"), std::string::npos);
  EXPECT_NE(text("3.4.14").find("not affected"), std::string::npos);
  EXPECT_NE(assess_newleader_ack_order({}, true).text.find("ZOOKEEPER-4785"), std::string::npos);
}

}  // namespace
}  // namespace paxray
