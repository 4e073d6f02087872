// Extracts (engine/extract.h): scanning per-node extracts gives what scanning
// the raw logs gives, and a damaged extract is reported, never fatal.
#include "paxray/engine/extract.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "paxray/report/scan_report.h"
#include "paxray/rules/diagnosis.h"
#include "paxray/engine/line_context.h"
#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

ScanResult scan_paths(std::vector<std::string> paths) {
  ScanOptions o;
  o.paths = std::move(paths);
  o.threads = 2;
  return scan(o);
}

// The machine-readable report without its "command" and "inputs" (they name
// the paths given, which differ by design).
std::string report_json(ScanResult& r) {
  const Timeline tl = build_timeline(r, {});
  const Thresholds th = Thresholds::defaults();
  const Diagnosis d = diagnose(r, tl, th);
  std::string doc = render_scan_json({r, tl, d, th}, {});
  const auto files = doc.find("\"files\"");
  return files == std::string::npos ? doc : doc.substr(files);
}

// Extracts each subdirectory of `root` into `out`, as `paxray extract` does on each node.
std::vector<std::string> extract_each(const fs::path& root, const fs::path& out, bool zstd) {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root)) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  std::vector<std::string> extracts;
  for (const auto& d : dirs) {
    std::string text;
    append_extract(scan_paths({d.string()}), text);
    const fs::path p = out / (d.filename().string() + (zstd ? ".ndjson.zst" : ".ndjson"));
    EXPECT_EQ(write_file_atomically(p.string(), zstd ? compress_zstd(text) : text), "");
    extracts.push_back(p.string());
  }
  return extracts;
}

std::vector<std::string> subdirs(const fs::path& root) {
  std::vector<std::string> v;
  for (const auto& e : fs::directory_iterator(root)) v.push_back(e.path().string());
  std::sort(v.begin(), v.end());
  return v;
}

TEST(Extract, PerNodeExtractsGiveTheRawScansReport) {
  for (const char* incident : {"incidents/lease-loss-4x", "incidents/majority-down-4x", "incidents/sliding-window-3x",
                               "incidents/clock-skew-4x", "zookeeper/newleader-ack-order", "openio/election-loop"}) {
    SCOPED_TRACE(incident);
    const fs::path root = testing::source_dir() / "samples" / incident;
    TempDir tmp;
    ScanResult raw = scan_paths(subdirs(root));
    ScanResult merged = scan_paths(extract_each(root, tmp.path(), true));
    ASSERT_EQ(merged.files.size(), raw.files.size());
    ASSERT_EQ(merged.events.size(), raw.events.size());
    for (std::size_t i = 0; i < raw.events.size(); ++i) {
      EXPECT_EQ(merged.events[i].text, raw.events[i].text);
      EXPECT_EQ(merged.events[i].ts, raw.events[i].ts);
      EXPECT_EQ(merged.events[i].attrs, raw.events[i].attrs);
      EXPECT_EQ(merged.events[i].group, raw.events[i].group);
      EXPECT_EQ(merged.events[i].system, raw.events[i].system);
      EXPECT_EQ(merged.events[i].folded, raw.events[i].folded);
      EXPECT_EQ(merged.events[i].folded_since, raw.events[i].folded_since);
    }
    EXPECT_EQ(merged.folded_events, 0u);  // folded by each node's extract, not again
    if (std::string(incident).find("-4x") != std::string::npos) {
      EXPECT_GT(raw.folded_events, 0u) << "an OceanBase 4.x incident with no folded dump tests no folded field";
    }
    EXPECT_EQ(merged.tables.size(), raw.tables.size());
    EXPECT_EQ(report_json(merged), report_json(raw));
  }
}

TEST(Extract, UnparsedExamplesAndArchivesMergeInFileOrder) {
  // Every node has more bad lines than the report keeps, so the merged
  // examples must be cut the way one scan cuts them.
  TempDir raw;
  std::string bad;
  for (int i = 0; i < 8; ++i) bad += "[2024-13-45 10:00:0" + std::to_string(i) + ".000000] not a time\n";
  const std::string good =
      "[2024-03-05 10:00:00.000001] INFO  [ELECT] run (election.cpp:1) [1][T1][Y0-0] [lt=1] hello\n";
  for (const char* node : {"10.0.0.1_2882", "10.0.0.2_2882", "10.0.0.3_2882"}) {
    for (int f = 0; f < 3; ++f) {
      raw.write(std::string(node) + "/log/observer.log.2024030510000" + std::to_string(f), good + bad);
    }
  }
  testing::write_tar(raw.path() / "10.0.0.3_2882/log/archive.tar.gz", {{"log/election.log", good + bad}}, true);
  TempDir out;
  ScanResult a = scan_paths(subdirs(raw.path()));
  ScanResult b = scan_paths(extract_each(raw.path(), out.path(), false));
  ASSERT_EQ(a.unparsed_examples.size(), kMaxUnparsedExamples);
  ASSERT_EQ(b.unparsed_examples.size(), a.unparsed_examples.size());
  for (std::size_t i = 0; i < a.unparsed_examples.size(); ++i) {
    EXPECT_EQ(b.unparsed_examples[i].path, a.unparsed_examples[i].path);
    EXPECT_EQ(b.unparsed_examples[i].line, a.unparsed_examples[i].line);
  }
  EXPECT_EQ(report_json(b), report_json(a));
}

TEST(Extract, DamagedLinesAreReportedAndTheRestIsRead) {
  TempDir tmp;
  std::string text;
  append_extract(scan_paths({(testing::source_dir() / "samples/incidents/lease-loss-4x/node1").string()}), text);
  const std::size_t events = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  // Break one event line in the middle of the file and add lines no reader knows.
  std::size_t pos = text.find("\"EventName\"", text.size() / 2);
  ASSERT_NE(pos, std::string::npos);
  text.insert(pos, "\x01\xff");
  text += "not json at all\n{\"record\":\"from-the-future\"}\n{\"EventName\":\"no.such.kind\"}\n";
  const fs::path p = tmp.write("node1.ndjson", text);
  const ScanResult r = scan_paths({p.string()});
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_NE(r.skipped[0].reason.find("4 bad line(s)"), std::string::npos) << r.skipped[0].reason;
  EXPECT_NE(r.skipped[0].reason.find("line "), std::string::npos);
  EXPECT_GT(r.events.size(), 100u);
  EXPECT_LT(r.events.size(), events);
}

TEST(Extract, ReaderRejectsWhatItCannotTrust) {
  ExtractReader reader;
  EXPECT_NE(reader.feed(R"({"EventName":"election.takeover"})"), "");  // before the header
  EXPECT_NE(reader.feed(R"({"record":"paxray.extract","version":99})"), "");
  EXPECT_FALSE(reader.saw_header());
  EXPECT_EQ(reader.feed(R"({"record":"paxray.extract","version":1})"), "");
  // An event that names a file the extract never listed.
  EXPECT_NE(reader.feed(R"({"TimeUnixMicro":1,"SeverityText":"INFO","EventName":"election.takeover","Body":"x",)"
                        R"("ResourceAttributes":{"service.name":"oceanbase"},"Attributes":{"file":3,"line":1}})"),
            "");
  EXPECT_TRUE(reader.part().events.empty());
}

TEST(Extract, TruncatedCompressedExtractKeepsWhatWasRead) {
  TempDir tmp;
  std::string text;
  append_extract(scan_paths({(testing::source_dir() / "samples/incidents/lease-loss-4x/node2").string()}), text);
  std::string z = compress_zstd(text);
  z.resize(z.size() * 2 / 3);
  const fs::path p = tmp.write("node2.ndjson.zst", z);
  const ScanResult r = scan_paths({p.string()});
  bool reported = false;
  for (const auto& s : r.skipped) reported = reported || s.reason.find("zstd") != std::string::npos;
  EXPECT_TRUE(reported);
}

// Lines read again by number (the HTML's lines around evidence): one pass,
// CRLF dropped, long lines cut, a missing last newline kept, nothing for a
// path that is a member of an archive or a paste.
TEST(LineContext, ReadsTheWantedLinesOnly) {
  testing::TempDir dir;
  dir.write("a.log", "one\r\ntwo\n" + std::string(500, 'x') + "\nfour");
  const auto got = read_lines((dir.path() / "a.log").string(), {1, 3, 4, 9}, 300);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got.at(1), "one");
  EXPECT_EQ(got.at(3), std::string(300, 'x'));
  EXPECT_EQ(got.at(4), "four");
  EXPECT_TRUE(read_lines((dir.path() / "a.log").string() + "!member", {1}).empty());
  EXPECT_TRUE(read_lines((dir.path() / "missing.log").string(), {1}).empty());
}

}  // namespace

}  // namespace paxray
