// Per-rule tests on small timelines, in the style of etcd-io/raft's
// datadriven tests: each tests/rules/*.txt holds the log lines of a few nodes
// (">>> DIR/FILE" starts a file) and, after "=== findings", the diagnosis
// they must give, one line per finding and one per consequence. Run with
// PAXRAY_REWRITE=1 to write what the rules now say into the fixtures, then
// read the diff.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/rules/diagnosis.h"
#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFindings = "=== findings\n";

std::string hhmmss(LocalMicros t) { return format_timestamp(t).substr(11, 12); }

void render(std::string& out, const Finding& f, bool consequence) {
  const char* indent = consequence ? "  consequence " : "";
  const char* detail_indent = consequence ? "      " : "  ";
  out += fmt::format("{}{}{} {} {} [{}] {} .. {}\n", indent, severity_name(f.severity), f.suspected ? " suspected" : "", f.id(),
                     f.group, fmt::join(f.nodes, ","), hhmmss(f.start), hhmmss(f.end));
  for (const auto& [k, v] : f.detail) {
    if (k == "basis" || k == "explained_by") continue;  // prose, and the nesting says it
    out += fmt::format("{}{}={}\n", detail_indent, k, v);
  }
  for (const Finding& x : f.consequences) render(out, x, true);
}

std::string diagnose_fixture(std::string_view input, const fs::path& tmp) {
  const fs::path dir = tmp / "fixture";  // a fixed name: a file at the top is named after its directory
  std::istringstream in{std::string(input)};
  std::ofstream file;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(">>> ", 0) == 0) {
      const fs::path p = dir / line.substr(4);
      fs::create_directories(p.parent_path());
      file = std::ofstream(p, std::ios::binary | std::ios::app);
      continue;
    }
    if (line.rfind('#', 0) == 0 && !file.is_open()) continue;  // the fixture's own comments, before any file
    if (file.is_open()) file << line << '\n';
  }
  file.close();
  ScanOptions opt;
  opt.paths = {dir.string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  const Diagnosis d = diagnose(r, tl, Thresholds::defaults());
  std::string out = fmt::format("outcome {}\n", outcome_name(d.outcome));
  for (const Finding& f : d.findings) render(out, f, false);
  return out;
}

class RuleFixtures : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixtures, GiveTheirFindings) {
  const fs::path path = testing::source_dir() / "tests/rules" / GetParam();
  const std::string text = testing::read_file(path);
  const auto split = text.find(kFindings);
  ASSERT_NE(split, std::string::npos) << path << " has no '=== findings' line";
  testing::TempDir dir;
  const std::string got = diagnose_fixture(std::string_view(text).substr(0, split), dir.path());
  const std::string want = text.substr(split + kFindings.size());
  if (const char* rw = std::getenv("PAXRAY_REWRITE"); rw != nullptr && *rw == '1' && got != want) {
    std::ofstream(path, std::ios::binary) << text.substr(0, split) << kFindings << got;
    GTEST_SKIP() << "rewrote " << path;
  }
  EXPECT_EQ(got, want) << path << " (PAXRAY_REWRITE=1 rewrites it)";
}

std::vector<std::string> fixtures() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(testing::source_dir() / "tests/rules")) {
    if (e.path().extension() == ".txt") names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixtures, ::testing::ValuesIn(fixtures()), [](const ::testing::TestParamInfo<std::string>& p) {
  std::string n = p.param.substr(0, p.param.size() - 4);
  for (char& ch : n) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n;
});

}  // namespace
}  // namespace paxray
