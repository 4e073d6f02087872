// Verdicts bounded by the evidence that was read: node identity that no
// unparsed line or look-alike directory can change, partial inputs that say
// what is missing instead of calling it down, nothing read that is never OK.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/parsers/view_dump.h"
#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;

const fs::path kLeaseLoss = testing::source_dir() / "samples/incidents/lease-loss-4x";

std::vector<std::string> node_names(const ScanResult& r) {
  std::vector<std::string> out;
  for (const auto& n : r.nodes) out.push_back(n.name);
  return out;
}

std::string record(const std::string& time, const std::string& body) {
  return "[2024-03-05 " + time + "] INFO  [ELECT] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] " + body + "\n";
}

// The crash of issue 13: a label for a node whose member lists name it by
// address used to put an out-of-range peer into the replay scenario.
TEST(NodeIdentity, ALabelForANodeKeepsItsAddressAndIsDeterministic) {
  std::string first;
  for (int run = 0; run < 3; ++run) {
    const auto r = testing::run_cli("scan -q --json - " + kLeaseLoss.string() + " --node zone1-a=" + (kLeaseLoss / "node1").string());
    ASSERT_GE(r.status, 0) << "killed by a signal";
    EXPECT_EQ(r.status, 2);
    if (run == 0) first = r.out;
    EXPECT_EQ(r.out, first) << "run " << run << " differs";
  }
  ScanOptions opt;
  opt.paths = {kLeaseLoss.string()};
  opt.nodes = {{"zone1-a", (kLeaseLoss / "node1").string()}};
  ScanResult r = scan(opt);
  EXPECT_EQ(node_names(r), (std::vector<std::string>{"10.0.0.2:2882", "10.0.0.3:2882", "zone1-a"}));
  const Timeline tl = build_timeline(r, {});
  // View rows and member lists that name 10.0.0.1:2882 are zone1-a, not a fourth node.
  EXPECT_EQ(tl.nodes, (std::vector<std::string>{"10.0.0.2:2882", "10.0.0.3:2882", "zone1-a"}));
  EXPECT_EQ(tl.node_of("10.0.0.1:2882"), "zone1-a");
}

TEST(NodeIdentity, NeverFromAnUnparsedLine) {
  testing::TempDir dir;
  // A pasted fragment that names another server, then the file's own records.
  dir.write("flat/observer.log", "  quoted: self=\"10.9.9.9:2882\" from another ticket\n" + record("10:00:00.000001", "hello"));
  dir.write("flat/election.log", record("10:00:00.000002", "world"));
  ScanOptions opt;
  opt.paths = {dir.path().string()};
  const ScanResult r = scan(opt);
  for (const auto& f : r.files) EXPECT_NE(f.node, "10.9.9.9:2882") << f.path;
  // A self address inside a parsed record does name its writer.
  dir.write("named/observer.log", record("10:00:00.000001", "dump(self=\"10.0.0.7:2882\", x=1)"));
  opt.paths = {(dir.path() / "named").string()};
  const ScanResult named = scan(opt);
  ASSERT_EQ(named.files.size(), 1u);
  EXPECT_EQ(named.files[0].node, "10.0.0.7:2882");
  EXPECT_EQ(named.files[0].node_source, NodeSource::kSelfAddress);
}

TEST(NodeIdentity, DirectoriesNamedAlikeStayTwoNodes) {
  testing::TempDir dir;
  dir.write("host-a/2024-03-05/log/observer.log", record("10:00:00.000001", "a"));
  dir.write("host-b/2024-03-05/log/observer.log", record("10:00:00.000001", "b"));
  ScanOptions opt;
  opt.paths = {dir.path().string()};
  const ScanResult r = scan(opt);
  EXPECT_EQ(node_names(r), (std::vector<std::string>{"host-a", "host-b"}));
}

TEST(NodeIdentity, NodeOptionTakesDirectoriesFilesAndGlobs) {
  testing::TempDir dir;
  dir.write("t/host-a.observer.log", record("10:00:00.000001", "a"));
  dir.write("t/host-b.observer.log", record("10:00:00.000001", "b"));
  dir.write("t/sub/observer.log", record("10:00:00.000001", "c"));
  ScanOptions opt;
  opt.paths = {(dir.path() / "t").string()};
  opt.nodes = {{"glob-a", (dir.path() / "t/host-a*").string()},
               {"file-b", (dir.path() / "t/host-b.observer.log").string()},
               {"dir-c", (dir.path() / "t/sub").string()}};
  const ScanResult r = scan(opt);
  EXPECT_EQ(node_names(r), (std::vector<std::string>{"dir-c", "file-b", "glob-a"}));
  for (const auto& f : r.files) EXPECT_EQ(f.node_source, NodeSource::kOverride) << f.path;
}

// --- three outcomes -------------------------------------------------------

struct Report {
  int status = -1;
  std::string verdict, outcome;
  simdjson::dom::element doc;
  simdjson::dom::parser parser;
  std::string text;
};

// `paxray scan ARGS --json -` and the parts of the report the tests read.
void scan_json(const std::string& args, Report& r) {
  const auto out = testing::run_cli("scan -q --no-replay --json - " + args);
  r.status = out.status;
  r.text = out.out;
  ASSERT_EQ(r.parser.parse(r.text).get(r.doc), simdjson::SUCCESS) << r.text.substr(0, 300);
  r.verdict = std::string(r.doc["verdict"].get_string().value());
  r.outcome = std::string(r.doc["outcome"].get_string().value());
}

std::vector<std::string> strings(simdjson::dom::element e) {
  std::vector<std::string> out;
  for (auto v : e.get_array()) out.emplace_back(v.get_string().value());
  return out;
}

void expect_inconclusive(const std::string& args, const std::string& reason_part) {
  Report r;
  scan_json(args, r);
  EXPECT_EQ(r.status, 3) << args;
  EXPECT_EQ(r.outcome, "inconclusive") << args;
  EXPECT_EQ(r.verdict.rfind("INCONCLUSIVE: ", 0), 0u) << r.verdict;
  EXPECT_NE(r.verdict.find(reason_part), std::string::npos) << r.verdict;
  EXPECT_EQ(r.verdict.find("OK"), std::string::npos) << r.verdict;
}

TEST(Outcome, NothingReadIsInconclusiveNeverOk) {
  expect_inconclusive("/nonexistent/paxray-input", "could not be read");
  testing::TempDir empty;
  expect_inconclusive(empty.path().string(), "no input found");
  // The terminal and the HTML banner say the same.
  const auto term = testing::run_cli("scan " + empty.path().string());
  EXPECT_EQ(term.status, 3);
  EXPECT_EQ(term.out.rfind("INCONCLUSIVE: ", 0), 0u) << term.out.substr(0, 200);
  const auto html = empty.path() / "r.html";
  EXPECT_EQ(testing::run_cli("scan -q --no-replay --html " + html.string() + " " + empty.path().string()).status, 3);
  const std::string page = testing::read_file(html);
  EXPECT_NE(page.find("class=\"verdict inconclusive\""), std::string::npos);
  EXPECT_EQ(page.find("class=\"verdict ok\""), std::string::npos);
}

TEST(Outcome, UnrelatedTextIsNotALogAndNotAQueryResult) {
  testing::TempDir dir;
  dir.write("doc/README", "paxray\n======\n\n+-------+------+\n| name  | size |\n+-------+------+\n| a     | 1    |\n+-------+------+\n");
  dir.write("doc/program.pas", "program Hello;\nbegin\n  writeln('Hello');\nend.\n");
  dir.write("doc/package.json", "{\"name\": \"x\", \"version\": \"1.0\"}\n");
  dir.write("doc/tenants.csv", "TENANT_ID,NAME\n1,sys\n");
  dir.write("doc/changelog", "v1.5.4 (Feb 2023)\n * fix\n");
  expect_inconclusive(dir.path().string(), "5 files are not a log");
  const auto term = testing::run_cli("scan " + dir.path().string());
  EXPECT_NE(term.out.find("Not logs: 5 files are not a log"), std::string::npos) << term.out;
  EXPECT_EQ(term.out.find("program.pas"), std::string::npos) << "listed one per line";
  EXPECT_NE(testing::run_cli("scan --files " + dir.path().string()).out.find("program.pas"), std::string::npos);
}

TEST(Outcome, ATableIsAViewOnlyByItsOwnColumns) {
  // A CDB_OB_LS_LOCATIONS join carries TENANT_NAME: it is not DBA_OB_TENANTS.
  EXPECT_EQ(detect_view({"TENANT_ID", "LS_ID", "SVR_IP", "SVR_PORT", "ZONE", "ROLE", "TENANT_NAME", "TENANT_TYPE"}), ViewKind::kUnknown);
  EXPECT_EQ(detect_view({"TENANT_ID", "TENANT_NAME"}), ViewKind::kUnknown);
  EXPECT_EQ(detect_view({"TENANT_ID", "TENANT_NAME", "TENANT_TYPE", "PRIMARY_ZONE"}), ViewKind::kTenants);
  EXPECT_EQ(detect_view({"EVENT", "NAME"}), ViewKind::kUnknown);
  EXPECT_EQ(detect_view({"VALUE4", "SVR_IP", "SVR_PORT", "EVENT", "NAME3", "VALUE3"}), ViewKind::kServerEventHistory);
  EXPECT_EQ(detect_view({"SVR_IP", "SVR_PORT", "ZONE", "STATUS"}), ViewKind::kServers);
}

TEST(Outcome, RecordsWithoutAnyConsensusMessageAreInconclusive) {
  testing::TempDir dir;
  dir.write("n1/observer.log", record("10:00:00.000001", "nothing about leaders"));
  expect_inconclusive(dir.path().string(), "none is an election, clog or role-change message");
}

TEST(Outcome, RecordsThatShowNoLeaderAndNoElectionOutcomeAreInconclusive) {
  // ZOOKEEPER-1419's layout ("%d %r [%t] %p %c - %m"): a millisecond of
  // notifications from one server says nothing about who led.
  testing::TempDir dir;
  dir.write("zk.log",
            "2012-03-14 16:23:12,775 13308 [WorkerSender[myid=0]] DEBUG org.apache.zookeeper.server.quorum.QuorumCnxManager  - "
            "There is a connection already for server 2\n"
            "2012-03-14 16:23:12,776 13309 [QuorumPeer[myid=0]/127.0.0.1:2900] DEBUG "
            "org.apache.zookeeper.server.quorum.FastLeaderElection  - Sending Notification: 3 (n.leader), 0x0 (n.zxid), 0x1 "
            "(n.round), 3 (recipient), 0 (myid), 0x0 (n.peerEpoch)\n");
  expect_inconclusive(dir.path().string(), "but none shows who led or an election's outcome");
  Report r;
  scan_json(dir.path().string(), r);
  EXPECT_EQ(r.doc["input"]["records"].get_uint64().value(), 2u);  // both lines read as records
}

TEST(Outcome, OkSaysWhatWasRead) {
  Report r;
  scan_json((testing::source_dir() / "samples/incidents/basic-4x").string(), r);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.outcome, "no_problem");
  EXPECT_EQ(r.verdict.rfind("OK: no leader problem found in what was read: ", 0), 0u) << r.verdict;
  EXPECT_NE(r.verdict.find("from 3 nodes, 2024-03-05"), std::string::npos) << r.verdict;
  EXPECT_TRUE(strings(r.doc["members_missing"]).empty());
}

// --- coverage: missing members are not provided, never down ---------------

TEST(Coverage, OneNodesLogsNameTheOthersAsMissingNotDown) {
  Report r;
  scan_json((kLeaseLoss / "node2").string(), r);
  EXPECT_EQ(r.status, 1) << r.verdict;  // a warning: suspected, not critical
  EXPECT_EQ(r.outcome, "problem");
  EXPECT_NE(r.verdict.find("logs of 2 of 3 members missing (10.0.0.1:2882, 10.0.0.3:2882)"), std::string::npos) << r.verdict;
  for (auto f : r.doc["findings"].get_array()) {
    EXPECT_NE(std::string(f["cause"].get_string().value()), "majority_down") << "missing logs taken for down nodes";
    EXPECT_NE(std::string(f["severity"].get_string().value()), "critical");
  }
  auto f = r.doc["findings"].at(0);
  EXPECT_EQ(std::string(f["cause"].get_string().value()), "network_partition");
  EXPECT_TRUE(f["suspected"].get_bool().value());
  EXPECT_NE(std::string(f["would_decide"].get_string().value()).find("10.0.0.1:2882, 10.0.0.3:2882"), std::string::npos);
  bool seen = false;
  for (auto c : r.doc["coverage"].get_array()) {
    if (std::string(c["group"].get_string().value()) != "T1001 LS1001") continue;
    seen = true;
    EXPECT_EQ(strings(c["members"]), (std::vector<std::string>{"10.0.0.1:2882", "10.0.0.2:2882", "10.0.0.3:2882"}));
    EXPECT_EQ(strings(c["members_read"]), (std::vector<std::string>{"10.0.0.2:2882"}));
    EXPECT_EQ(strings(c["members_missing"]), (std::vector<std::string>{"10.0.0.1:2882", "10.0.0.3:2882"}));
  }
  EXPECT_TRUE(seen);
}

TEST(Coverage, AFollowersOwnLeaseExpiryIsNotOk) {
  // node1's election.log shows the lease of 10.0.0.2 expiring at 10:00:44.13
  // and node1 taking over at 47.2: a window seen by one member of three.
  Report r;
  scan_json((kLeaseLoss / "node1").string(), r);
  EXPECT_NE(r.outcome, "no_problem") << r.verdict;
  EXPECT_EQ(r.status, 1) << r.verdict;
  bool window = false;
  for (auto w : r.doc["leaderless"].get_array()) {
    window = window || std::string(w["start"].get_string().value()) == "2024-03-05 10:00:44.130000";
  }
  EXPECT_TRUE(window) << r.text.substr(0, 2000);
  EXPECT_TRUE(r.doc["findings"].at(0)["suspected"].get_bool().value());
}

TEST(Coverage, FollowersWithoutTheLeaderCannotTellPartitionFromCrash) {
  Report r;
  scan_json((kLeaseLoss / "node1").string() + " " + (kLeaseLoss / "node3").string(), r);
  EXPECT_EQ(r.status, 1) << r.verdict;
  auto f = r.doc["findings"].at(0);
  EXPECT_TRUE(f["suspected"].get_bool().value());
  EXPECT_NE(std::string(f["detail"]["direction"].get_string().value()).find("unknown"), std::string::npos);
  EXPECT_EQ(strings(r.doc["members_missing"]), (std::vector<std::string>{"10.0.0.2:2882"}));
}

TEST(Coverage, AllLogsGivenKeepsTheConfidentVerdict) {
  Report r;
  scan_json(kLeaseLoss.string(), r);
  EXPECT_EQ(r.status, 2);
  EXPECT_FALSE(r.doc["findings"].at(0)["suspected"].get_bool().value());
  EXPECT_TRUE(strings(r.doc["members_missing"]).empty());
}

TEST(Coverage, ALeaderElectedProvesALiveMajority) {
  // leader-crash-4x without node1 (the successor): node2 stopped, node3 saw
  // node1 elected. A majority was up: no majority_down, leader_down stands.
  const fs::path s = testing::source_dir() / "samples/incidents/leader-crash-4x";
  Report r;
  scan_json((s / "node2").string() + " " + (s / "node3").string(), r);
  ASSERT_GT(r.doc["findings"].get_array().size(), 0u);
  for (auto f : r.doc["findings"].get_array()) EXPECT_NE(std::string(f["cause"].get_string().value()), "majority_down");
  auto f = r.doc["findings"].at(0);
  EXPECT_EQ(std::string(f["cause"].get_string().value()), "leader_down");
  EXPECT_FALSE(f["suspected"].get_bool().value());
}

// --- open windows ----------------------------------------------------------

TEST(OpenWindows, AWindowThatReachesTheEndOfTheLogsHasNoLengthAndIsNotRecovered) {
  const fs::path s = testing::source_dir() / "samples/incidents/clog-disk-full-4x";
  Report r;
  scan_json(s.string(), r);
  std::size_t open = 0;
  for (auto w : r.doc["leaderless"].get_array()) {
    if (!w["open_end"].get_bool().value()) {
      EXPECT_TRUE(w["duration_s"].is_double()) << "a closed window has its length";
      continue;
    }
    ++open;
    EXPECT_TRUE(w["duration_s"].is_null()) << "an open window was given a duration";
  }
  EXPECT_GT(open, 0u);
  EXPECT_NE(r.verdict.find("T1001 LS1001 still without a leader at the end of the logs (2024-03-05 "), std::string::npos) << r.verdict;
  const auto term = testing::run_cli("scan --no-replay " + s.string());
  EXPECT_NE(term.out.find("still without a leader at the end of the logs ("), std::string::npos);
  // The checklist does not call it recovered.
  for (auto c : r.doc["checklist"].get_array()) {
    if (std::string(c["group"].get_string().value()) != "T1001 LS1001") continue;
    EXPECT_EQ(std::string(c["clog_leader"].get_string().value()).rfind("no: ", 0), 0u);
  }
}

TEST(Coverage, ServersInterleavedInOneFileAreEachRead) {
  // Three ZooKeeper servers' lines in one file: all three were read.
  testing::TempDir dir;
  std::string text;
  for (int id : {1, 2, 3}) {
    text += "2016-08-27 21:32:4" + std::to_string(id) + ",850 [myid:" + std::to_string(id) +
            "] - INFO  [QuorumPeer[myid=" + std::to_string(id) +
            "]/0:0:0:0:0:0:0:0:2181:QuorumPeer@856] - LOOKING\n";
  }
  dir.write("zookeeper.out", text);
  Report r;
  scan_json(dir.path().string(), r);
  ASSERT_GT(r.doc["coverage"].get_array().size(), 0u) << r.text.substr(0, 500);
  auto c = r.doc["coverage"].at(0);
  EXPECT_EQ(strings(c["members_read"]), (std::vector<std::string>{"myid:1", "myid:2", "myid:3"}));
  EXPECT_TRUE(strings(c["members_missing"]).empty());
}

TEST(NodeIdentity, ANodeKnownOnlyFromViewsIsNeverTheClockReference) {
  // node2's logs (+08:00 in their header) with the ticket's views, which name
  // 10.0.0.1 and 10.0.0.3 too: the axis is node2's, not an unzoned view node's.
  ScanOptions opt;
  opt.paths = {(kLeaseLoss / "node2").string(), (kLeaseLoss / "ticket").string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  EXPECT_EQ(tl.reference, "10.0.0.2:2882");
  ASSERT_FALSE(tl.leaderless.empty());
  EXPECT_EQ(format_timestamp(tl.leaderless.front().start), "2024-03-05 10:00:44.000000");
}

TEST(NodeIdentity, AMaskedAddressIsANameThatMatchesNoRealAddress) {
  // Masked IPs cannot be compared: "xx.xx.xx.106" on two ports may be two hosts.
  Timeline tl;
  tl.aliases = {{"xx.xx.xx.106:2882", "node-a"}, {"172.16.0.5:2882", "172.16.0.5:2882"}};
  EXPECT_EQ(tl.node_of("xx.xx.xx.106:2882"), "node-a");  // the same name is the same node
  EXPECT_EQ(tl.node_of("xx.xx.xx.106:2883"), "xx.xx.xx.106:2883");
  EXPECT_EQ(tl.node_of("172.16.0.5:2883"), "172.16.0.5:2882");  // a real address still matches by its IP
}

}  // namespace
}  // namespace paxray
