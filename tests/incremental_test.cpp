// Cron mode's pieces: which checkpoint a file continues, resumed scans, and a
// state that survives damage. tests/ops/cron_test.py drives the whole binary.
#include "paxray/engine/incremental.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../engine/src/resume.h"
#include "paxray/parsers/fnv.h"
#include "paxray/rules/new_findings.h"
#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

Checkpoint point(std::string path, std::string_view head, std::uint64_t offset, std::uint64_t inode = 7) {
  Checkpoint c;
  c.path = std::move(path);
  c.dev = 1;
  c.inode = inode;
  c.fp_len = static_cast<std::uint32_t>(head.size());
  c.fp = fnv1a64(head);
  c.offset = offset;
  c.lines = 10;
  return c;
}

TEST(Resume, RotationIsFoundByContentNotName) {
  const std::string head(1024, 'a');
  const std::vector<Checkpoint> points{point("log/observer.log", head, 5000)};
  // Renamed and compressed: another inode, another name, same first KiB.
  const ResumeDecision d = decide_resume(points, head, "log/observer.log.20240305.zst", {1, 99, std::nullopt});
  EXPECT_EQ(d.offset, 5000u);
  EXPECT_EQ(d.lines, 10u);
  EXPECT_NE(d.note.find("rotated"), std::string::npos);
}

TEST(Resume, TruncatedOrRewrittenFilesStartOver) {
  const std::string head(1024, 'a');
  const std::vector<Checkpoint> points{point("observer.log", head, 5000)};
  // Same inode and head, but shorter than what was read: truncated, then written again.
  ResumeDecision d = decide_resume(points, head, "observer.log", {1, 7, 3000});
  EXPECT_EQ(d.offset, 0u);
  EXPECT_NE(d.note.find("truncated"), std::string::npos);
  // Same inode, different head: rewritten.
  d = decide_resume(points, std::string(1024, 'b'), "observer.log", {1, 7, 9000});
  EXPECT_EQ(d.offset, 0u);
  EXPECT_NE(d.note.find("rewritten"), std::string::npos);
  // A new file under the old name with another inode: simply new.
  d = decide_resume(points, std::string(1024, 'b'), "observer.log", {1, 8, 9000});
  EXPECT_EQ(d.offset, 0u);
  EXPECT_TRUE(d.note.empty());
}

TEST(Resume, AShortFileThatGrewStillMatchesAndEmptyNeverDoes) {
  const std::vector<Checkpoint> points{point("observer.log", "short\n", 6), point("empty.log", "", 0, 8)};
  const ResumeDecision d = decide_resume(points, "short\nand more now\n", "observer.log", {1, 7, 19});
  EXPECT_EQ(d.offset, 6u);
  EXPECT_EQ(decide_resume(points, "", "empty.log", {1, 8, 0}).from, nullptr);
}

TEST(Resume, ScanContinuesLineNumbersAndHoldsAnUnfinishedLine) {
  TempDir dir;
  const std::string l1 = "[2024-03-05 10:00:00.000001] INFO  [ELECT] a (x.cpp:1) [1][T1_X][T1][Y0-0-0-0] [lt=1] one\n";
  const std::string l2 = "[2024-03-05 10:00:01.000001] INFO  [ELECT] a (x.cpp:1) [1][T1_X][T1][Y0-0-0-0] [lt=1] two\n";
  const fs::path log = dir.write("node1/observer.log", l1 + l2.substr(0, 30));
  std::vector<Checkpoint> none;
  ScanOptions o;
  o.paths = {dir.path().string()};
  o.threads = 1;
  o.resume = &none;
  ScanResult first = scan(o);
  ASSERT_EQ(first.files.size(), 1u);
  EXPECT_EQ(first.files[0].bytes, l1.size()) << "the half-written line waits for the next run";
  ASSERT_TRUE(first.files[0].checkpoint);
  EXPECT_EQ(first.files[0].checkpoint->offset, l1.size());
  EXPECT_EQ(first.files[0].checkpoint->lines, 1u);

  {
    std::ofstream out(log, std::ios::app | std::ios::binary);
    out << l2.substr(30) << l1;
  }
  std::vector<Checkpoint> points{*first.files[0].checkpoint};
  o.resume = &points;
  ScanResult second = scan(o);
  ASSERT_EQ(second.files.size(), 1u);
  EXPECT_EQ(second.files[0].resumed_from, l1.size());
  EXPECT_EQ(second.files[0].bytes, l2.size() + l1.size());
  EXPECT_EQ(second.files[0].counts.records, 2u);
  EXPECT_EQ(second.files[0].checkpoint->lines, 3u);
}

CronState sample_state() {
  CronState st;
  st.checkpoints.push_back(point("a/observer.log", "head", 4));
  st.reported.push_back({"majority_down|oceanbase|T1001 LS1001", 10, 20});
  ScanOptions o;
  o.paths = {(testing::source_dir() / "samples/incidents/lease-loss-4x/node1/log").string()};
  o.threads = 1;
  ScanResult r = scan(o);
  for (auto& f : r.files) f.checkpoint = Checkpoint{};
  st.context.files = r.files;
  st.context.events = r.events;
  return st;
}

TEST(State, SavesAndLoadsWhole) {
  TempDir dir;
  const std::string path = (dir.path() / "s").string();
  const CronState st = sample_state();
  ASSERT_EQ(save_state(path, st), "");
  const LoadedState back = load_state(path);
  EXPECT_FALSE(back.fresh);
  EXPECT_EQ(back.warning, "");
  ASSERT_EQ(back.state.checkpoints.size(), 1u);
  EXPECT_EQ(back.state.checkpoints[0].fp, st.checkpoints[0].fp);
  ASSERT_EQ(back.state.reported.size(), 1u);
  EXPECT_EQ(back.state.reported[0].key, st.reported[0].key);
  EXPECT_EQ(back.state.context.events.size(), st.context.events.size());
}

TEST(State, DamageFallsBackToTheBakThenRebuilds) {
  TempDir dir;
  const std::string path = (dir.path() / "s").string();
  EXPECT_TRUE(load_state(path).fresh);  // first run: no warning
  EXPECT_EQ(load_state(path).warning, "");
  CronState st = sample_state();
  ASSERT_EQ(save_state(path, st), "");
  st.reported.push_back({"clock_skew|oceanbase|cluster", 1, 2});
  ASSERT_EQ(save_state(path, st), "");  // the first save becomes the .bak
  // Cut mid-line, as a full disk might leave it.
  const std::string whole = testing::read_file(path);
  dir.write("s", whole.substr(0, whole.size() / 2));
  LoadedState back = load_state(path);
  EXPECT_FALSE(back.fresh);
  EXPECT_NE(back.warning.find(".bak"), std::string::npos) << back.warning;
  EXPECT_EQ(back.state.reported.size(), 1u) << "the .bak is the run before";
  // Both damaged.
  dir.write("s.bak", "{\"record\":\"paxray.state\",\"version\":1}\n");
  back = load_state(path);
  EXPECT_TRUE(back.fresh);
  EXPECT_NE(back.warning.find("rebuilt"), std::string::npos) << back.warning;
  // Another version is not guessed at.
  dir.write("s", "{\"record\":\"paxray.state\",\"version\":2}\n{\"record\":\"end\"}\n");
  EXPECT_NE(load_state(path).warning.find("version"), std::string::npos);
}

TEST(State, OneRunHoldsTheLock) {
  TempDir dir;
  const std::string path = (dir.path() / "s").string();
  std::string err;
  StateLock first;
  ASSERT_TRUE(first.acquire(path, err)) << err;
  StateLock second;
  EXPECT_FALSE(second.acquire(path, err));
  EXPECT_NE(err.find("another paxray run"), std::string::npos);
}

TEST(NewFindings, AProblemGoingOnIsReportedOnce) {
  Diagnosis d;
  Finding f;
  f.cause = Cause::kMajorityDown;
  f.group = "T1001 LS1001";
  f.start = 100;
  f.end = 200;
  d.findings = {f};
  std::vector<ReportedFinding> reported;
  EXPECT_EQ(keep_new_findings(d, reported, 50, 1000), 0u);
  EXPECT_EQ(d.findings.size(), 1u);
  // Next run: the same outage, seen to go on.
  f.start = 150;
  f.end = 400;
  d.findings = {f};
  EXPECT_EQ(keep_new_findings(d, reported, 50, 1000), 1u);
  EXPECT_TRUE(d.findings.empty());
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].end, 400);
  // Much later, the same cause again: a new problem.
  f.start = 5000;
  f.end = 5100;
  d.findings = {f};
  EXPECT_EQ(keep_new_findings(d, reported, 50, 1000), 0u);
  EXPECT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(reported.size(), 1u) << "the old entry is forgotten after forget_after";
}

}  // namespace
}  // namespace paxray
