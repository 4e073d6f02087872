// etcd: the three layouts a real etcd 3.4 writes, the wrappers around them,
// the message table's own samples (real lines from the fault lab), and the
// lab incidents bundled under samples/etcd, each diagnosed as what was done
// to that cluster (tests/lab/etcd-lab wrote them; truth.txt says what).
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/etcd.h"
#include "paxray/parsers/log_kind.h"
#include "paxray/rules/diagnosis.h"
#include "paxray/rules/etcd_leadership.h"
#include "lab_truth.h"
#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;

TEST(EtcdLine, EveryLayoutAndWrapper) {
  struct Case {
    const char* line;
    EtcdLayout layout;
    Level level;
    const char* time;  // as paxray keeps it: zap in UTC, capnslog and raft as printed
    const char* message;
  };
  const Case cases[] = {
      {R"j({"level":"info","ts":"2026-12-07T02:25:40.035Z","caller":"raft/raft.go:771","msg":"bdae9bbc11dd390d became leader at term 3"})j",
       EtcdLayout::kZap, Level::kInfo, "2026-12-07 02:25:40.035000", "bdae9bbc11dd390d became leader at term 3"},
      // etcd 3.5 on a +08:00 host prints its offset; zap's epoch-seconds encoder prints a number.
      {R"j({"level":"warn","ts":"2026-12-07T10:25:40.035+0800","caller":"etcdserver/raft.go:440","msg":"x"})j", EtcdLayout::kZap,
       Level::kWarn, "2026-12-07 02:25:40.035000", "x"},
      {R"j({"level":"error","ts":"2026-12-07T10:25:40.035123456+08:00","msg":"y"})j", EtcdLayout::kZap, Level::kError,
       "2026-12-07 02:25:40.035123", "y"},
      {R"j({"level":"info","ts":1796610340.5,"caller":"a/b.go:1","msg":"z"})j", EtcdLayout::kZap, Level::kInfo,
       "2026-12-07 02:25:40.500000", "z"},
      {"2026-12-07 02:27:17.632227 W | etcdserver: failed to send out heartbeat on time (exceeded the 100ms timeout for 3.892038588s, to 71a84c8821a8935d)",
       EtcdLayout::kCapnslog, Level::kWarn, "2026-12-07 02:27:17.632227",
       "failed to send out heartbeat on time (exceeded the 100ms timeout for 3.892038588s, to 71a84c8821a8935d)"},
      {"raft2026/12/07 02:27:18 INFO: 5cae315174de75b1 became leader at term 7", EtcdLayout::kRaftStd, Level::kInfo,
       "2026-12-07 02:27:18.000000", "5cae315174de75b1 became leader at term 7"},
      // journald, the CRI file of a Kubernetes pod, kubectl --prefix, grep -n.
      {R"j(Dec 07 02:25:40 node1 etcd[811]: {"level":"info","ts":"2026-12-07T02:25:40.035Z","msg":"m"})j", EtcdLayout::kZap,
       Level::kInfo, "2026-12-07 02:25:40.035000", "m"},
      {R"j(2026-12-07T02:25:40.035123456Z stderr F {"level":"info","ts":"2026-12-07T02:25:40.035Z","msg":"m"})j", EtcdLayout::kZap,
       Level::kInfo, "2026-12-07 02:25:40.035000", "m"},
      {"[pod/etcd-0/etcd] 2026-12-07 02:27:17.632227 I | raft: m", EtcdLayout::kCapnslog, Level::kInfo, "2026-12-07 02:27:17.632227", "m"},
      {"etcd.log:12:raft2026/12/07 02:27:18 WARN: m", EtcdLayout::kRaftStd, Level::kWarn, "2026-12-07 02:27:18.000000", "m"},
  };
  for (const Case& c : cases) {
    EtcdLine line;
    ASSERT_EQ(parse_etcd_line(c.line, line), LineError::kNone) << c.line;
    EXPECT_EQ(line.layout, c.layout) << c.line;
    EXPECT_EQ(line.level, c.level) << c.line;
    EXPECT_EQ(format_timestamp(line.ts), c.time) << c.line;
    EXPECT_EQ(line.message, c.message) << c.line;
  }
}

TEST(EtcdLine, CutShortBadAndForeignLines) {
  EtcdLine line;
  // A zap object cut inside a field still counts as a record, with what its start held.
  ASSERT_EQ(parse_etcd_line(R"j({"level":"warn","ts":"2026-12-07T02:25:38.904Z","caller":"rafthttp/stream.go:436","msg":"lost TCP streaming connection with remote peer","remote-peer-id":"29432)j", line),
            LineError::kNone);
  EXPECT_TRUE(line.cut);
  EXPECT_EQ(line.message, "lost TCP streaming connection with remote peer");
  EXPECT_EQ(parse_etcd_line(R"j({"level":"info","ts":"yesterday","msg":"m"})j", line), LineError::kBadTimestamp);
  EXPECT_EQ(parse_etcd_line(R"j({"level":"loud","ts":"2026-12-07T02:25:38.904Z","msg":"m"})j", line), LineError::kBadLevel);
  EXPECT_EQ(parse_etcd_line("2026-12-07 02:27:17,632 [myid:1] - INFO  [main:QuorumPeer@1] - LOOKING", line), LineError::kNotRecordStart);
  EXPECT_EQ(parse_etcd_line("goroutine 1 [running]:", line), LineError::kNotRecordStart);
  EXPECT_EQ(etcd_id_from_decimal("13668033151171901709"), "bdae9bbc11dd390d");
  EXPECT_EQ(etcd_id_from_decimal("185828541645115251"), "2943212f5e2cf73");
  EXPECT_EQ(etcd_id_from_decimal("99999999999999999999"), "");  // over 64 bits
}

TEST(EtcdMessages, EverySampleDecodesToItsKind) {
  for (const EtcdMessageSpec& spec : etcd_message_registry()) {
    EtcdLine line;
    ASSERT_EQ(parse_etcd_line(spec.sample, line), LineError::kNone) << spec.sample;
    Event ev;
    ASSERT_TRUE(extract_etcd_event(line, spec.sample, ev)) << spec.sample;
    EXPECT_EQ(ev.kind, spec.kind) << spec.sample;
    EXPECT_EQ(ev.system, System::kEtcd);
    EXPECT_EQ(ev.group.label, kEtcdGroup);
  }
}

TEST(EtcdMessages, DecodedFields) {
  auto decode = [](std::string_view text) {
    EtcdLine line;
    Event ev;
    EXPECT_EQ(parse_etcd_line(text, line), LineError::kNone);
    EXPECT_TRUE(extract_etcd_event(line, text, ev)) << text;
    return ev;
  };
  const Event lost = decode(R"j({"level":"info","ts":"2026-12-07T02:25:40.032Z","caller":"raft/node.go:333","msg":"raft.node: bdae9bbc11dd390d lost leader 2943212f5e2cf73 at term 3"})j");
  EXPECT_EQ(lost.kind, EventKind::etcd_lost_leader);
  EXPECT_EQ(lost.node, "bdae9bbc11dd390d");
  EXPECT_EQ(*lost.get(Attr::kOldLeader), "2943212f5e2cf73");
  EXPECT_EQ(lost.get_int(Attr::kEpoch), 3);
  const Event hb = decode("2026-12-07 02:27:17.632227 W | etcdserver: failed to send out heartbeat on time (exceeded the 100ms timeout for 3.892038588s, to 71a84c8821a8935d)");
  EXPECT_EQ(hb.kind, EventKind::etcd_heartbeat_late);
  EXPECT_EQ(*hb.get(Attr::kPeer), "71a84c8821a8935d");
  EXPECT_EQ(hb.get_int(Attr::kCostUs), 3892038);
  const Event stream = decode(R"j({"level":"warn","ts":"2026-12-07T02:25:38.904Z","caller":"rafthttp/stream.go:436","msg":"lost TCP streaming connection with remote peer","stream-reader-type":"stream Message","local-member-id":"bdae9bbc11dd390d","remote-peer-id":"2943212f5e2cf73","error":"unexpected EOF"})j");
  EXPECT_EQ(stream.node, "bdae9bbc11dd390d");
  EXPECT_EQ(*stream.get(Attr::kPeer), "2943212f5e2cf73");
  EXPECT_TRUE(etcd_peer_gone(stream));
  const Event voters = decode(R"j({"level":"info","ts":"2026-12-07T02:25:32.940Z","caller":"raft/raft.go:1523","msg":"bdae9bbc11dd390d switched to configuration voters=(185828541645115251 3990370604368066554 13668033151171901709)"})j");
  EXPECT_EQ(*voters.get(Attr::kMembers), "2943212f5e2cf73,3760a4ec3b84f7fa,bdae9bbc11dd390d");
  // "added member ..." starts with hex letters, not a member id: the writer stays unnamed.
  const Event added = decode("2026-12-07 02:27:03.749455 I | etcdserver/membership: added member 5cae315174de75b1 [http://127.0.0.1:24802] to cluster 51ae4641d523c544");
  EXPECT_EQ(added.kind, EventKind::etcd_member_added);
  EXPECT_TRUE(added.node.empty());
  EXPECT_EQ(*added.get(Attr::kPeer), "5cae315174de75b1");
}

TEST(EtcdLog, FoundByNameOrContentAndRaftSecondsKeepTheirOrder) {
  EXPECT_EQ(classify_log_name("etcd.log")->kind, LogKind::kEtcd);
  EXPECT_EQ(classify_log_name("etcd-node1.log.gz")->kind, LogKind::kEtcd);
  const std::string capnslog =
      "2026-12-07 02:27:17.632227 W | etcdserver: server is likely overloaded\n"
      "raft2026/12/07 02:27:17 INFO: f4a457008d1441f2 became follower at term 6\n"
      "raft2026/12/07 02:27:18 INFO: f4a457008d1441f2 became follower at term 7\n";
  const SniffResult sniff = sniff_log(capnslog);
  ASSERT_TRUE(sniff.is_log) << sniff.reason;
  EXPECT_EQ(sniff.format, LineFormat::kEtcd);
  ChunkStats st;
  scan_chunk(capnslog, LineFormat::kEtcd, ScanWindow{}, st, true, 2026);
  EXPECT_EQ(st.records, 3u);
  ASSERT_EQ(st.events.size(), 2u);
  // Written in the same second after a line at .632227: it takes that time, not 02:27:17.000000.
  EXPECT_EQ(format_timestamp(st.events[0].ts), "2026-12-07 02:27:17.632227");
  EXPECT_EQ(format_timestamp(st.events[1].ts), "2026-12-07 02:27:18.000000");
}

struct LabCase {
  const char* sample;
  const char* cause;  // the root cause; nullptr: no warning or critical finding
};

class EtcdLab : public ::testing::TestWithParam<LabCase> {};

TEST_P(EtcdLab, DiagnosedAsWhatWasDone) {
  const LabCase& x = GetParam();
  const fs::path dir = testing::source_dir() / "samples/etcd" / x.sample;
  const auto truth = testing::lab_truth(dir);
  ScanOptions opt;
  opt.paths = {dir.string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  const Diagnosis d = diagnose(r, tl, Thresholds::defaults());
  ASSERT_NE(d.outcome, Outcome::kInconclusive) << d.inconclusive_reason;
  // Every member is listed, by its member id, and named by its --name.
  const auto members = std::stoul(truth.at("members"));
  EXPECT_EQ(d.members_known, members);
  EXPECT_TRUE(d.members_missing.empty());
  const EtcdLeadership lead = etcd_leadership(tl);
  EXPECT_EQ(lead.members.size(), members);
  EXPECT_EQ(lead.names.size(), members);
  const std::string down = truth.count("down") ? truth.at("down") : std::string();
  const std::string who = x.cause == nullptr                              ? std::string()
                          : std::string(x.cause) == "etcd_quorum_lost" ? down.substr(0, down.find(' '))
                                                                       : truth.at("member");
  testing::expect_diagnosed_as_done(d, truth, x.cause, who);
}

INSTANTIATE_TEST_SUITE_P(Faults, EtcdLab,
                         ::testing::Values(LabCase{"healthy", nullptr}, LabCase{"rolling-restart", nullptr},
                                           LabCase{"leader-kill", "etcd_leader_lost"},
                                           LabCase{"leader-pause", "etcd_leader_unresponsive"},
                                           // The paused leader learnt of the new term before its ticker fired: no
                                           // late-heartbeat line, no read timeouts; its silence says it (from a CI run under load).
                                           LabCase{"leader-pause-quiet", "etcd_leader_unresponsive"},
                                           LabCase{"quorum-loss", "etcd_quorum_lost"},
                                           LabCase{"leader-partition", "etcd_network_partition"},
                                           LabCase{"follower-partition", "etcd_network_partition"},
                                           LabCase{"nospace", "etcd_db_space_exceeded"},
                                           LabCase{"leader-disk-full", "etcd_leader_lost"},
                                           LabCase{"leader-slow-disk", "etcd_slow_disk"}),
                         [](const ::testing::TestParamInfo<LabCase>& p) {
                           std::string n = p.param.sample;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

// A leader whose data disk filled up dies with a fatal line: the finding quotes it.
TEST(EtcdLab, ALeadersLastWordsSayWhyItDied) {
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "samples/etcd/leader-disk-full").string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  const Diagnosis d = diagnose(r, tl, Thresholds::defaults());
  ASSERT_FALSE(d.findings.empty());
  const std::string* words = d.findings.front().find_detail("last_words");
  ASSERT_NE(words, nullptr);
  EXPECT_NE(words->find("no space left on device"), std::string::npos) << *words;
}

// One member's log at a time: a follower that lost its leader is a
// suspected loss, naming the logs that would decide it, never "OK"; the
// paused leader's own log says it stalled.
TEST(EtcdLab, OneMembersLogSaysWhatItCan) {
  auto top_of = [](const fs::path& dir) {
    ScanOptions opt;
    opt.paths = {dir.string()};
    ScanResult r = scan(opt);
    const Timeline tl = build_timeline(r, {});
    Diagnosis d = diagnose(r, tl, Thresholds::defaults());
    return d.findings.empty() ? Finding{} : d.findings.front();
  };
  const fs::path pause = testing::source_dir() / "samples/etcd/leader-pause";
  const auto truth = testing::lab_truth(pause);
  for (const char* m : {"e1", "e2"}) {  // the followers
    const Finding f = top_of(pause / m);
    EXPECT_EQ(f.id(), "etcd_leader_lost") << m;
    EXPECT_TRUE(f.suspected) << m;
    EXPECT_LE(f.severity, Severity::kWarning) << m;
    EXPECT_NE(f.would_decide.find(truth.at("member")), std::string::npos) << f.would_decide;
  }
  const Finding leader = top_of(pause / "e3");
  EXPECT_EQ(leader.id(), "etcd_leader_unresponsive");
  EXPECT_FALSE(leader.suspected);
  EXPECT_EQ(leader.nodes, std::vector<std::string>{truth.at("member")});
  const auto start = parse_fixed_timestamp(truth.at("start") + "000");
  EXPECT_LE(std::llabs(leader.start - *start), 1'000'000);
}

// Only the logs of the members that lost their leader: the leader's fate is
// a guess, and the verdict says so instead of calling it down.
TEST(EtcdLab, LeaderLogMissingIsSuspected) {
  const fs::path dir = testing::source_dir() / "samples/etcd/leader-kill";
  const auto truth = testing::lab_truth(dir);
  ScanOptions opt;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_directory()) continue;
    const std::string log = (e.path() / "etcd.log.gz").string();
    ScanOptions one;
    one.paths = {log};
    ScanResult r1 = scan(one);
    if (!r1.nodes.empty() && r1.nodes.front().name != truth.at("member")) opt.paths.push_back(log);
  }
  ASSERT_EQ(opt.paths.size(), 2u);
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  const Diagnosis d = diagnose(r, tl, Thresholds::defaults());
  ASSERT_FALSE(d.findings.empty());
  EXPECT_EQ(d.findings.front().id(), "etcd_leader_lost");
  EXPECT_TRUE(d.findings.front().suspected);
  EXPECT_LE(d.findings.front().severity, Severity::kWarning);
  EXPECT_EQ(d.members_missing, std::vector<std::string>{truth.at("member")});
}

}  // namespace
}  // namespace paxray
