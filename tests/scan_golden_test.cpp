// The whole diagnosis, pinned: `paxray scan --json` of every bundled incident
// and of a generated three-node corpus must equal the output recorded under
// tests/golden/ (records, levels, unparsed and continuation lines per file,
// error codes, events by kind, clock offsets, leaderless windows, findings
// with their evidence and replay verdicts). A change that means to alter the
// output rewrites them:
//
//   PAXRAY_REWRITE=1 build/release/tests/paxray_tests --gtest_filter='ScanGolden*'
//
// and the diff of tests/golden/ is then reviewed like code. Speed work must
// leave them untouched.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;

// `paxray scan REL --json - -q` run in `dir`, the binary's own path in the
// recorded command replaced by "paxray" (it differs from build to build).
std::string scan_json(const fs::path& dir, const std::string& rel, int& status, const std::string& flags = "") {
  const std::string cmd = "cd '" + dir.string() + "' && " + PAXRAY_BINARY + " scan " + rel + " --json - -q " + flags + " 2>/dev/null";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[65536];
  while (const std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int st = ::pclose(p);
  status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  const std::string binary = std::string("\"") + PAXRAY_BINARY + "\"";
  if (const std::size_t at = out.find(binary); at != std::string::npos) out.replace(at, binary.size(), "\"paxray\"");
  return out;
}

// The first line where the two differ, for the failure message.
std::string first_difference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, la)), more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "identical";
    if (la != lb || more_a != more_b) {
      return "line " + std::to_string(line) + ":\n  recorded: " + (more_a ? la : "(end)") + "\n  now:      " + (more_b ? lb : "(end)");
    }
  }
}

void check_golden(const std::string& name, const fs::path& dir, const std::string& rel) {
  int status = -1;
  const std::string got = scan_json(dir, rel, status);
  ASSERT_GE(status, 0) << name << ": paxray crashed";
  ASSERT_LE(status, 2) << name << ": nothing analysed";
  const fs::path golden = testing::source_dir() / "tests/golden" / (name + ".json");
  if (std::getenv("PAXRAY_REWRITE") != nullptr) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << got;
    GTEST_SKIP() << "rewrote " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " missing: run with PAXRAY_REWRITE=1";
  const std::string want = testing::read_file(golden);
  EXPECT_TRUE(want == got) << name << " differs from " << golden << " at " << first_difference(want, got)
                           << "\n(if the change is meant, rewrite with PAXRAY_REWRITE=1 and review the diff)";
}

std::vector<std::string> bundled_incidents() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(testing::source_dir() / "samples/incidents")) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Folding runs of periodic dumps (engine/src/event_runs.h) keeps memory flat;
// it must not change the diagnosis: the same output as with every dump kept,
// but for the count of dumps folded and the command line.
void check_folding_changes_nothing(const fs::path& dir, const std::string& rel) {
  int a = -1, b = -1;
  auto without_fold_lines = [](std::string json) {
    // "command" is an array over several lines, of arguments without ']'.
    for (const auto& [key, end] : {std::pair{"\"events_folded\"", '\n'}, std::pair{"\"command\"", ']'}}) {
      const std::size_t at = json.find(key);
      if (at != std::string::npos) json.erase(at, json.find(end, at) - at);
    }
    return json;
  };
  const std::string folded = scan_json(dir, rel, a);
  const std::string kept = scan_json(dir, rel, b, "--no-fold");
  ASSERT_TRUE(a >= 0 && a <= 2 && b == a) << rel;
  EXPECT_NE(folded.find("\"events_folded\""), std::string::npos);
  EXPECT_TRUE(without_fold_lines(folded) == without_fold_lines(kept))
      << rel << ": folding changed the output at " << first_difference(without_fold_lines(kept), without_fold_lines(folded));
}

class ScanGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ScanGolden, FoldingDumpsChangesNoFinding) {
  check_folding_changes_nothing(testing::source_dir(), "samples/incidents/" + GetParam());
}

TEST_P(ScanGolden, BundledIncidentGivesTheRecordedOutput) {
  check_golden(GetParam(), testing::source_dir(), "samples/incidents/" + GetParam());
}

INSTANTIATE_TEST_SUITE_P(Incidents, ScanGolden, ::testing::ValuesIn(bundled_incidents()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string n = param.param;
                           for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return n;
                         });

// Healthy traffic of three nodes, rotated: every layout and message kind
// the generator writes, far more lines than the incidents.
TEST(ScanGoldenCorpus, GeneratedCorpusGivesTheRecordedOutput) {
  testing::TempDir tmp;
  ASSERT_TRUE(testing::write_generated_corpus(tmp.path() / "corpus"));
  check_golden("generated-3-nodes-12M", tmp.path(), "corpus");
  check_folding_changes_nothing(tmp.path(), "corpus");
}

// An incident after minutes of healthy traffic: runs of dumps long enough to
// fold around a lease loss, its leaderless window and the counters that stop.
TEST(ScanGoldenCorpus, FoldingDumpsChangesNoFindingOfALongIncident) {
  testing::TempDir tmp;
  const std::string gen = std::string(PAXRAY_GEN_BINARY) + " --out '" + (tmp.path() / "ll").string() +
                          "' --scenario lease-loss-4x --size 16M --gap-us 2000 >/dev/null 2>&1";
  ASSERT_EQ(std::system(gen.c_str()), 0);
  int status = -1;
  const std::string json = scan_json(tmp.path(), "ll", status);
  ASSERT_NE(json.find("network_partition"), std::string::npos) << "the incident must be found at all";
  ASSERT_EQ(json.find("\"events_folded\": 0\n"), std::string::npos) << "nothing folded: the test would test nothing";
  check_folding_changes_nothing(tmp.path(), "ll");
}

}  // namespace
}  // namespace paxray
