// The parallel scan pipeline under ThreadSanitizer (the `tsan` preset builds
// only this and runs it in `make test`): every bundled incident and a tarball,
// read with several workers and chunks small enough that every stage runs at
// once, gives the same result as one worker.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "paxray/engine/scan.h"
#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;

// What a scan produced, as one comparable string.
std::string digest(const ScanResult& r) {
  std::string out;
  for (const auto& f : r.files) {
    out += f.path + " " + f.node + " " + std::to_string(f.counts.records) + " " + std::to_string(f.counts.unparsed_total()) + " " +
           std::to_string(f.counts.continuation) + "\n";
  }
  for (const auto& e : r.events) out += std::to_string(e.file_id) + ":" + std::to_string(e.line) + " ";
  out += "\ntables " + std::to_string(r.tables.size()) + " skipped " + std::to_string(r.skipped.size());
  return out;
}

std::vector<fs::path> incidents() {
  std::vector<fs::path> out;
  for (const char* root : {"samples/incidents", "samples/zookeeper", "samples/openio", "samples/etcd"}) {
    for (const auto& e : fs::directory_iterator(testing::source_dir() / root)) {
      if (e.is_directory()) out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(PipelineRace, ManyWorkersSmallChunksSameResult) {
  std::uint64_t progress_calls = 0;
  for (const fs::path& dir : incidents()) {
    ScanOptions one;
    one.paths = {dir.string()};
    one.threads = 1;
    const std::string expected = digest(scan(one));
    for (int threads : {2, 4}) {
      ScanOptions many = one;
      many.threads = threads;
      many.chunk_bytes = 4096;
      many.progress = [&](const ScanProgress&) { ++progress_calls; };  // called from the last stage's workers
      EXPECT_EQ(digest(scan(many)), expected) << dir << " threads " << threads;
    }
  }
  EXPECT_GT(progress_calls, 100u);
}

TEST(PipelineRace, ArchivesAndCompressedStreams) {
  testing::TempDir dir;
  const std::string line =
      "[2024-03-05 10:00:00.000001] INFO  [PALF] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] hello\n";
  std::string body;
  for (int i = 0; i < 2000; ++i) body += line;
  testing::write_tar(dir.path() / "gather.tar.gz", {{"node1/log/observer.log", body}, {"node2/log/observer.log", body}}, true);
  dir.write("node3/log/observer.log.gz", testing::gzip(body));
  dir.write("node4/log/observer.log.zst", testing::zstd(body));
  ScanOptions one;
  one.paths = {dir.path().string()};
  one.threads = 1;
  const std::string expected = digest(scan(one));
  ScanOptions many = one;
  many.threads = 4;
  many.chunk_bytes = 1024;
  EXPECT_EQ(digest(scan(many)), expected);
}

}  // namespace
}  // namespace paxray
