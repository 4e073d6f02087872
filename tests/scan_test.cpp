// End-to-end ingest: discovery, archives, sniffing, node identity, and the
// rule that output does not depend on thread count or chunk size.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/time.h>

#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "../engine/src/node_identity.h"
#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/report/scan_report.h"
#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;

std::string line(const std::string& ts, const std::string& level, const std::string& body, int tenant = 1001) {
  return "[" + ts + "] " + level + (level.size() == 4 ? "  " : " ") + "[PALF] f (a.cpp:1) [7][T" + std::to_string(tenant) +
         "_X][T" + std::to_string(tenant) + "][Y0-0000000000000000-0-0] [lt=1] " + body + "\n";
}

std::string header(const std::string& ts, const std::string& addr) {
  return "[" + ts + "] INFO  New syslog file info: [address: \"" + addr +
         "\", observer version: OceanBase_CE 4.2.1.1, tz GMT offset: 08:00]\n";
}

std::string many_lines(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += line("2024-03-05 10:00:00.000001", "INFO", "n=" + std::to_string(i * 7919 % 10007));
  return s;
}

// A three-node incident directory with every input shape the scanner handles.
struct Fixture {
  testing::TempDir dir;
  Fixture() {
    std::string n1 = header("2024-03-05 10:00:00.000000", "10.0.0.1:2882");
    for (int i = 0; i < 200; ++i) {
      n1 += line("2024-03-05 10:00:" + std::string(i < 100 ? "01" : "02") + ".000" + std::to_string(100 + i), "INFO",
                 "tick(i=" + std::to_string(i) + ")");
      if (i % 50 == 0) n1 += "[MEMORY] hold=1 used=2\n[MEMORY] hold=3 used=4\n";
    }
    n1 += "[2024-03-05 10:00:03.000000] BOGUS line\n";
    dir.write("incident/node1/log/observer.log", n1);
    dir.write("incident/node1/log/election.log",
              line("2024-03-05 10:00:01.500000", "WDIAG", "lease expired(self=\"10.0.0.1:2882\")"));
    dir.write("incident/node1/log/trace.log",
              "[2024-03-05 10:00:01.600000] [9][T1_L0][T1][YB427F000001-00060D52A9614571-0-0] {\"span\":1}\n");
    dir.write("incident/node1/log/observer.log.20240305095959123.zst",
              testing::zstd(header("2024-03-05 09:59:00.000000", "10.0.0.1:2882") +
                            line("2024-03-05 09:59:30.000000", "EDIAG", "old BACKTRACE:0x1")));
    dir.write("incident/node2/observer.log",
              header("2024-03-05 10:00:00.100000", "10.0.0.2:2882") + line("2024-03-05 10:00:04.000000", "WARN", "x"));
    dir.write("incident/node2/observer.log.20210121094631.gz", testing::gzip(line("2024-03-05 09:58:00.000000", "INFO", "g")));
    dir.write("incident/node2/notes.txt", "the on-call engineer's notes\n");
    dir.write("incident/node2/saved-grep-output", line("2024-03-05 10:00:05.000000", "INFO", "from grep"));
    dir.write("incident/node2/core.bin", std::string("\x7f" "ELF\0\0\0\0garbage", 16));
    dir.write("incident/node2/observer.log.20240101000000000.gz", testing::gzip(many_lines(3000)).substr(0, 2000));
    testing::write_tar(dir.path() / "incident/gather.tar.gz",
                       {{"ob_log_10.0.0.3_2882_20240305/observer.log", line("2024-03-05 10:00:06.000000", "INFO", "n3")},
                        {"ob_log_10.0.0.3_2882_20240305/inner.tar", "nested"}},
                       true);
  }
  std::string root() const { return (dir.path() / "incident").string(); }
};

const FileReport* find_file(const ScanResult& r, const std::string& suffix) {
  for (const auto& f : r.files) {
    if (f.path.size() >= suffix.size() && f.path.compare(f.path.size() - suffix.size(), suffix.size(), suffix) == 0) return &f;
  }
  return nullptr;
}

TEST(Scan, ReadsEveryShapeAndNamesNodes) {
  Fixture fx;
  ScanOptions opt;
  opt.paths = {fx.root()};
  const ScanResult r = scan(opt);

  const FileReport* obs = find_file(r, "node1/log/observer.log");
  ASSERT_TRUE(obs);
  EXPECT_EQ(obs->node, "10.0.0.1:2882");
  EXPECT_EQ(obs->node_source, NodeSource::kHeader);
  EXPECT_EQ(obs->counts.records, 201u);  // header + 200
  EXPECT_EQ(obs->counts.continuation, 8u);
  EXPECT_EQ(obs->counts.unparsed[static_cast<int>(Unparsed::kBadLevel)], 1u);

  const FileReport* el = find_file(r, "node1/log/election.log");
  ASSERT_TRUE(el);
  EXPECT_EQ(el->node, "10.0.0.1:2882");
  EXPECT_EQ(el->node_source, NodeSource::kSelfAddress);
  const FileReport* tr = find_file(r, "node1/log/trace.log");
  ASSERT_TRUE(tr);
  EXPECT_EQ(tr->node_source, NodeSource::kDirectory);
  EXPECT_EQ(tr->kind, LogKind::kTrace);

  const FileReport* zst = find_file(r, "observer.log.20240305095959123.zst");
  ASSERT_TRUE(zst);
  EXPECT_EQ(zst->compression, Compression::kZstd);
  EXPECT_TRUE(zst->rotated);
  EXPECT_EQ(zst->counts.by_level[static_cast<int>(Level::kEdiag)], 1u);

  const FileReport* gz = find_file(r, "observer.log.20210121094631.gz");
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->node, "10.0.0.2:2882");
  EXPECT_EQ(gz->node_source, NodeSource::kDirectory);

  const FileReport* grep_out = find_file(r, "saved-grep-output");
  ASSERT_TRUE(grep_out);
  EXPECT_FALSE(grep_out->named);

  const FileReport* bad_gz = find_file(r, "observer.log.20240101000000000.gz");
  ASSERT_TRUE(bad_gz);
  EXPECT_NE(bad_gz->error.find("truncated"), std::string::npos) << bad_gz->error;

  const FileReport* member = find_file(r, "gather.tar.gz!ob_log_10.0.0.3_2882_20240305/observer.log");
  ASSERT_TRUE(member);
  EXPECT_EQ(member->node, "10.0.0.3:2882");
  EXPECT_EQ(member->node_source, NodeSource::kPath);

  std::map<std::string, std::string> skipped;
  for (const auto& s : r.skipped) skipped[fs::path(s.path).filename().string()] = s.reason;
  EXPECT_NE(skipped["notes.txt"].find("not a recognised log"), std::string::npos);
  EXPECT_NE(skipped["core.bin"].find("binary"), std::string::npos);
  EXPECT_NE(skipped["inner.tar"].find("archive inside an archive"), std::string::npos);

  ASSERT_EQ(r.nodes.size(), 3u);
  EXPECT_EQ(r.nodes[0].name, "10.0.0.1:2882");
  EXPECT_EQ(r.nodes[0].aliases, std::vector<std::string>{"node1"});
  EXPECT_EQ(r.nodes[0].tz_offset, "08:00");
  EXPECT_EQ(format_timestamp(r.nodes[0].counts.min_ts), "2024-03-05 09:59:00.000000");
}

// The whole JSON document of a scan with `opt`, diagnosis included.
std::string diagnosis_json(const ScanOptions& opt, std::uint64_t* records = nullptr) {
  ScanResult result = scan(opt);
  if (records != nullptr) *records = result.totals.records;
  const Timeline tl = build_timeline(result, {});
  const Thresholds th = Thresholds::defaults();
  const Diagnosis d = diagnose(result, tl, th);
  return render_scan_json(ReportInput{result, tl, d, th}, {});
}

TEST(Scan, OutputDoesNotDependOnThreadsOrChunkSize) {
  Fixture fx;
  std::string reference;
  for (int threads : {1, 2, 4}) {
    for (std::size_t chunk : {std::size_t{7}, std::size_t{300}, std::size_t{8} << 20}) {
      ScanOptions opt;
      opt.paths = {fx.root()};
      opt.threads = threads;
      opt.chunk_bytes = chunk;
      const std::string json = diagnosis_json(opt);
      if (reference.empty()) {
        reference = json;
      } else {
        EXPECT_EQ(json, reference) << "threads=" << threads << " chunk=" << chunk;
      }
    }
  }
}

// Large quiet plain files are mapped, not read: the same result either way,
// at any chunk size; a file written in the last minute is read.
TEST(Scan, AMappedFileGivesWhatReadingItGives) {
  testing::TempDir dir;
  std::string log;
  for (int i = 0; log.size() < (std::size_t{3} << 20); ++i) {
    log += fmt::format("[2024-03-05 10:{:02}:{:02}.{:06}] INFO  [ELECT] operator() (election_proposer.cpp:239) "
                       "[28513][T1001_Occam][T1001][Y0-0000000000000000-0-0] [lt=24] dump message count(ls_id=\"{{id:1001}}\", "
                       "self_addr=\"10.0.0.1:2882\")\n",
                       (i / 6000) % 60, (i / 100) % 60, i % 100 * 10000);
    if (i % 997 == 0) log += "  a continuation line\n";
    if (i % 1999 == 0) log += std::string("bin\0ary\n", 8);
  }
  log += "[2024-03-05 10:59:59.000000] INFO  the last line without a newline";
  const auto path = dir.write("node1/observer.log", log);
  const struct timeval old_times[2] = {{1700000000, 0}, {1700000000, 0}};  // quiet for years: mapped
  ASSERT_EQ(::utimes(path.c_str(), old_times), 0);
  std::string reference;
  for (std::size_t chunk : {std::size_t{4096}, std::size_t{8} << 20}) {
    for (const bool mapped : {false, true}) {
      ScanOptions opt;
      opt.paths = {dir.path().string()};
      opt.map_files = mapped;
      opt.chunk_bytes = chunk;
      std::uint64_t records = 0;
      const std::string json = diagnosis_json(opt, &records);
      if (reference.empty()) {
        reference = json;
        EXPECT_GT(records, 10000u);
      } else {
        EXPECT_EQ(json, reference) << "mapped=" << mapped << " chunk=" << chunk;
      }
    }
  }
}

TEST(Scan, UnparsedExamplesCarryAbsoluteLineNumbers) {
  testing::TempDir dir;
  std::string text;
  for (int i = 1; i <= 99; ++i) text += line("2024-03-05 10:00:00.000001", "INFO", "ok");
  text += "[2024-99-05 10:00:00.000001] INFO  broken\n";  // line 100
  dir.write("observer.log", "orphan first line\n" + text);  // shifts everything by one
  for (std::size_t chunk : {std::size_t{50}, std::size_t{1} << 20}) {
    ScanOptions opt;
    opt.paths = {dir.path().string()};
    opt.chunk_bytes = chunk;
    const ScanResult r = scan(opt);
    ASSERT_EQ(r.unparsed_examples.size(), 2u);
    EXPECT_EQ(r.unparsed_examples[0].line, 1u);
    EXPECT_EQ(r.unparsed_examples[0].reason, Unparsed::kOrphanContinuation);
    EXPECT_EQ(r.unparsed_examples[1].line, 101u);
    EXPECT_EQ(r.unparsed_examples[1].reason, Unparsed::kBadTimestamp);
  }
}

TEST(Scan, NodeOverrideAndWindow) {
  Fixture fx;
  ScanOptions opt;
  opt.paths = {fx.root()};
  opt.nodes = {{"zone1-a", fx.root() + "/node2"}};
  opt.window.since = *parse_user_timestamp("2024-03-05 10:00:02");
  const ScanResult r = scan(opt);
  const FileReport* f = find_file(r, "node2/observer.log");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->node, "zone1-a");
  EXPECT_EQ(f->node_source, NodeSource::kOverride);
  EXPECT_GT(r.totals.filtered, 0u);
  EXPECT_GE(r.totals.min_ts, opt.window.since);
}

TEST(Scan, InputsAreNeverModified) {
  Fixture fx;
  std::map<std::string, std::pair<std::string, long>> before;
  for (const auto& e : fs::recursive_directory_iterator(fx.root())) {
    if (!e.is_regular_file()) continue;
    struct stat st {};
    ::stat(e.path().c_str(), &st);
    before[e.path().string()] = {testing::read_file(e.path()), static_cast<long>(st.st_mtime)};
  }
  ScanOptions opt;
  opt.paths = {fx.root()};
  (void)scan(opt);
  std::size_t after = 0;
  for (const auto& e : fs::recursive_directory_iterator(fx.root())) {
    if (!e.is_regular_file()) continue;
    ++after;
    struct stat st {};
    ::stat(e.path().c_str(), &st);
    ASSERT_TRUE(before.count(e.path().string())) << "new file " << e.path();
    EXPECT_EQ(before[e.path().string()].first, testing::read_file(e.path()));
    EXPECT_EQ(before[e.path().string()].second, static_cast<long>(st.st_mtime));
  }
  EXPECT_EQ(after, before.size());
}

TEST(Scan, MissingPathsAreSkippedNotFatal) {
  ScanOptions opt;
  opt.paths = {"/nonexistent/paxray-input"};
  const ScanResult r = scan(opt);
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].reason, "no such file or directory");
  EXPECT_TRUE(r.files.empty());
}

TEST(NodeIdentity, NameFromPath) {
  EXPECT_EQ(node_name_from_path("/x/incident/node1/log/observer.log"), "node1");
  EXPECT_EQ(node_name_from_path("/x/ob_log_10.1.2.3_2882_2024/observer.log"), "10.1.2.3:2882");
  EXPECT_EQ(node_name_from_path("/x/10.1.2.3/log/observer.log"), "10.1.2.3");
  EXPECT_EQ(node_name_from_path("/x/a.tgz!host7/log/observer.log"), "host7");
  EXPECT_EQ(node_name_from_path("/x/ob3/a.tgz!log/observer.log"), "ob3");
}

}  // namespace
}  // namespace paxray
