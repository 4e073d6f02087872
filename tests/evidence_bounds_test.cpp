// Verdicts bounded by the evidence that was read: node identity that no
// unparsed line or look-alike directory can change, partial inputs that say
// what is missing instead of calling it down, nothing read that is never OK.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
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

}  // namespace
}  // namespace paxray
