// Logs of a real ZooKeeper ensemble (Debian's 3.8.0) from the fault lab
// (tests/lab/zk-lab), kept as fixtures: each is diagnosed as what was done to
// it, naming the server, with the start within 5 s of the truth.
#include <gtest/gtest.h>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/rules/diagnosis.h"
#include "lab_truth.h"
#include "test_util.h"

namespace paxray {
namespace {

Diagnosis diagnose_dir(const std::filesystem::path& dir) {
  ScanOptions opt;
  opt.paths = {dir.string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  return diagnose(r, tl, Thresholds::defaults());
}

struct LabCase {
  const char* fault;
  const char* cause;       // the root cause; nullptr: no warning or critical finding
  const char* server_key;  // the truth key naming the server the finding must name
};

class ZkLab : public ::testing::TestWithParam<LabCase> {};

TEST_P(ZkLab, DiagnosedAsWhatWasDone) {
  const LabCase& x = GetParam();
  const auto dir = testing::source_dir() / "tests/data/zk-lab" / x.fault;
  const auto truth = testing::lab_truth(dir);
  const Diagnosis d = diagnose_dir(dir);
  EXPECT_NE(d.outcome, Outcome::kInconclusive) << d.inconclusive_reason;
  EXPECT_EQ(d.members_known, 3u);
  testing::expect_diagnosed_as_done(d, truth, x.cause, x.server_key == nullptr ? std::string() : truth.at(x.server_key));
}

// One follower's log: it lost the leader it followed (named by its last
// election notification) and followed another: a suspected loss naming the
// leader, never "OK", and never "no new leader" when it followed one.
TEST(ZkLabOneServer, AFollowersLogAloneIsASuspectedLoss) {
  for (const char* fault : {"leader-kill", "leader-pause", "leader-partition"}) {
    const auto dir = testing::source_dir() / "tests/data/zk-lab" / fault;
    const auto truth = testing::lab_truth(dir);
    const Diagnosis d = diagnose_dir(dir / "zk1");
    ASSERT_FALSE(d.findings.empty()) << fault;
    const Finding& f = d.findings.front();
    EXPECT_EQ(f.id(), "zk_leader_lost") << fault;
    EXPECT_TRUE(f.suspected) << fault;
    EXPECT_EQ(f.nodes, std::vector<std::string>{truth.at("server")}) << fault;
    EXPECT_NE(f.find_detail("next_leader"), nullptr);
    EXPECT_NE(*f.find_detail("next_leader"), "none") << fault << ": " << f.summary;
  }
}

// The full disk is the root: the old leader's election loop that follows it is
// folded under it, and the server that led next is named.
TEST(ZkLabDisk, AFullDiskExplainsTheServersElectionLoop) {
  const auto dir = testing::source_dir() / "tests/data/zk-lab/leader-disk-full";
  const auto truth = testing::lab_truth(dir);
  const Diagnosis d = diagnose_dir(dir);
  ASSERT_EQ(d.findings.size(), 1u);
  const Finding& f = d.findings.front();
  EXPECT_EQ(f.id(), "zk_disk_full");
  ASSERT_EQ(f.consequences.size(), 1u);
  EXPECT_EQ(f.consequences.front().id(), "zk_server_looping");
  ASSERT_NE(f.find_detail("next_leader"), nullptr);
  EXPECT_EQ(*f.find_detail("next_leader"), truth.at("next_leader"));
}

INSTANTIATE_TEST_SUITE_P(Faults, ZkLab,
                         ::testing::Values(LabCase{"healthy", nullptr, nullptr}, LabCase{"leader-kill", "zk_leader_lost", "server"},
                                           LabCase{"leader-pause", "zk_leader_unresponsive", "server"},
                                           LabCase{"quorum-loss", "zk_quorum_lost", "leader"},
                                           LabCase{"leader-partition", "zk_network_partition", "server"},
                                           LabCase{"leader-slow-disk", "zk_slow_disk", "server"},
                                           LabCase{"leader-disk-full", "zk_disk_full", "server"}),
                         [](const ::testing::TestParamInfo<LabCase>& p) {
                           std::string n = p.param.fault;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

// ZOOKEEPER-2946: the follower's TRUNC to 0x200000001 dropped only
// 0x400000001, which was never committed ("Count for zxid: 0x400000001 is 1");
// the leader's 0x500000001-4 are a later epoch the follower never had. No
// committed transaction was lost; the leader that lost its followers is what
// the excerpt shows.
TEST(ZkRealExcerpts, Zookeeper2946TruncatesNothingCommitted) {
  const Diagnosis d = diagnose_dir(testing::source_dir() / "tests/data/excerpts/zookeeper/jira_ZOOKEEPER-2946.txt");
  for (const Finding* f : all_findings(d)) EXPECT_NE(f->cause, Cause::kZkTruncatedCommitted) << f->summary;
  ASSERT_FALSE(d.findings.empty());
  EXPECT_EQ(d.findings.front().cause, Cause::kZkQuorumLost);
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

// Several servers' lines in one file ("[myid:0]", "[myid:2]"): each is a node
// of the timeline with its own last line; the file's directory is none.
TEST(ZkRealExcerpts, InterleavedServersAreNodesOfTheirOwn) {
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "tests/data/excerpts/zookeeper/jira_ZOOKEEPER-2946.txt").string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  EXPECT_EQ(tl.nodes, (std::vector<std::string>{"myid:0", "myid:2"}));
  EXPECT_TRUE(tl.last_line.count("myid:0"));
  EXPECT_TRUE(tl.last_line.count("myid:2"));
  EXPECT_FALSE(tl.last_line.count("zookeeper"));
  ASSERT_EQ(tl.interleaved.size(), 1u);
  EXPECT_EQ(tl.interleaved.begin()->second, (std::vector<std::string>{"myid:0", "myid:2"}));
}

}  // namespace
}  // namespace paxray
