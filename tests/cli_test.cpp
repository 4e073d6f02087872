// The paxray binary as cron and on-call users run it: exit codes, --json,
// --help, and the README's usage examples.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>

#include <array>
#include <sstream>
#include <cstdio>

#include "test_util.h"

namespace paxray {
namespace {

using testing::CmdResult;

CmdResult run(const std::string& args) { return testing::run_cli(args); }

const char* kLine =
    "[2024-03-05 10:00:00.000001] INFO  [PALF] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] hi\n";

TEST(Cli, HelpAndVersion) {
  CmdResult r = run("--help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("scan"), std::string::npos);
  r = run("scan --help");
  EXPECT_EQ(r.status, 0);
  for (const char* opt : {"--json", "--since", "--until", "--node", "--threads"}) {
    EXPECT_NE(r.out.find(opt), std::string::npos) << opt;
  }
  EXPECT_EQ(run("--version").status, 0);
}

TEST(Cli, UsageErrorsAndNothingToAnalyseExitThree) {
  EXPECT_EQ(run("").status, 3);
  EXPECT_EQ(run("scan").status, 3);
  EXPECT_EQ(run("scan --bogus x").status, 3);
  EXPECT_EQ(run("scan /nonexistent/paxray").status, 3);
  testing::TempDir dir;
  dir.write("notes.txt", "not a log\n");
  EXPECT_EQ(run("scan " + dir.path().string()).status, 3);
  dir.write("observer.log", kLine);
  EXPECT_EQ(run("scan --since yesterday " + dir.path().string()).status, 3);
  EXPECT_EQ(run("scan --node nonsense " + dir.path().string()).status, 3);
}

TEST(Cli, JsonToStdoutAndToFile) {
  testing::TempDir dir;
  dir.write("n1/observer.log", kLine);
  CmdResult r = run("scan --json - " + dir.path().string());
  // One record and no election, clog or role-change message: nothing to judge by.
  ASSERT_EQ(r.status, 3);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(doc["schema_version"].get_int64().value(), 4);
  EXPECT_EQ(std::string(doc["outcome"].get_string().value()), "inconclusive");
  EXPECT_EQ(doc["input"]["records"].get_uint64().value(), 1u);
  EXPECT_EQ(std::string(doc["input"]["nodes"].at(0)["name"].get_string().value()), "n1");

  const auto out = dir.path() / "out" ;
  std::filesystem::create_directory(out);
  r = run("scan -q --json " + (out / "r.json").string() + " " + (dir.path() / "n1").string());
  ASSERT_EQ(r.status, 3);
  EXPECT_TRUE(r.out.empty());
  const std::string text = testing::read_file(out / "r.json");
  ASSERT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(out), {}), 1);  // no temp file left behind
}

// The HTML page shows the lines around each piece of evidence, read again
// from its (gzipped) file, numbered, the line itself marked.
TEST(Cli, HtmlEvidenceInItsContext) {
  const CmdResult r = run("scan -q --html - " + (testing::source_dir() / "samples/etcd/leader-pause").string());
  ASSERT_EQ(r.status, 2);
  const std::size_t at = r.out.find("<details class=\"context\"><summary>lines around</summary><pre>");
  ASSERT_NE(at, std::string::npos);
  const std::string pre = r.out.substr(at, r.out.find("</pre>", at) - at);
  EXPECT_NE(pre.find("     77  2026-12-07 02:43:56.965715 W | rafthttp: health check for peer"), std::string::npos) << pre;
  EXPECT_NE(pre.find("     82&gt; 2026-12-07 02:43:56.965870 W | etcdserver: failed to send out heartbeat on time"), std::string::npos) << pre;
  EXPECT_NE(pre.find("     87  "), std::string::npos) << pre;
}

TEST(Cli, BundledSampleSummary) {
  const CmdResult r = run("scan " + (testing::source_dir() / "samples/incidents/basic-4x").string());
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("OK: no leader problem found", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.out.find("Nodes"), std::string::npos);
  EXPECT_NE(r.out.find("10.0.0.1:2882"), std::string::npos);
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

TEST(Cli, ExitCodesFollowTheWorstFinding) {
  const auto sample = [](const char* name) { return (testing::source_dir() / "samples/incidents" / name).string(); };
  EXPECT_EQ(run("scan -q " + sample("basic-4x")).status, 0);
  EXPECT_EQ(run("scan -q " + sample("stale-location-cache-4x")).status, 0);  // info only
  EXPECT_EQ(run("scan -q " + sample("lease-loss-4x")).status, 2);
  const CmdResult r = run("scan " + sample("lease-loss-4x"));
  EXPECT_EQ(r.out.rfind("CRITICAL: ", 0), 0u) << r.out.substr(0, 200);
  EXPECT_EQ(run("scan --config /nonexistent/paxray.conf " + sample("basic-4x")).status, 3);
}

TEST(Cli, FindingsJsonContract) {
  const CmdResult r = run("scan --json - " + (testing::source_dir() / "samples/incidents/lease-loss-4x").string());
  ASSERT_EQ(r.status, 2);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS);
  simdjson::dom::array findings;
  ASSERT_EQ(doc["findings"].get_array().get(findings), simdjson::SUCCESS);
  ASSERT_GE(findings.size(), 1u);
  auto f = findings.at(0);
  for (const char* key : {"cause", "severity", "system", "group", "tenant", "ls", "nodes", "start", "end", "summary", "detail",
                          "evidence", "remediation", "replay"}) {
    EXPECT_EQ(f[key].error(), simdjson::SUCCESS) << key;
  }
  EXPECT_EQ(std::string(f["system"].get_string().value()), "oceanbase");
  EXPECT_EQ(f["tenant"].get_int64().value(), 1001);
  auto ev = f["evidence"].at(0);
  EXPECT_EQ(ev["file"].error(), simdjson::SUCCESS);
  EXPECT_GT(ev["line"].get_uint64().value(), 0u);
  EXPECT_EQ(doc["checklist"].at(0)["election_leader"].error(), simdjson::SUCCESS);
  EXPECT_EQ(doc["thresholds"]["clock_skew_s"].get_double().value(), 2.0);
  EXPECT_EQ(doc["leaderless"].at(0)["tenant"].get_int64().value(), 1001);
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

TEST(Cli, ReplayExportAndRunAScenario) {
  testing::TempDir dir;
  const std::string sample = (testing::source_dir() / "samples/incidents/rcs-stuck-4x").string();
  const std::string file = (dir.path() / "scenario.txt").string();
  ASSERT_EQ(run("replay " + sample + " --export-scenario " + file).status, 0);
  const std::string text = testing::read_file(file);
  EXPECT_NE(text.find("fault takeover-hang 10.0.0.1:2882"), std::string::npos) << text;
  const CmdResult r = run("replay --scenario " + file + " --seeds 4");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("predicted:"), std::string::npos);
  // An edited scenario: without the hang, no outage is predicted.
  std::string edited;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find("takeover-hang") == std::string::npos) edited += line + "\n";
  }
  const auto p = dir.write("edited.txt", edited);
  const std::string out = run("replay --scenario " + p.string() + " --seeds 4").out;
  const auto at = out.find("predicted: ");
  ASSERT_NE(at, std::string::npos) << out;
  EXPECT_LT(std::stod(out.substr(at + 11)), 1.0) << out;  // only the hand-over itself
  EXPECT_EQ(run("replay --scenario /nonexistent/s.txt").status, 3);
  EXPECT_EQ(run("scan -q --no-replay " + sample).status, 2);
}

struct Verdict {
  std::string token, status;
  double predicted = 0;
};

// The replay verdict of the first finding of `cause` in a --json report.
Verdict verdict_of(const std::string& report, std::string_view cause) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string json(report);
  auto doc = parser.iterate(json);
  Verdict out;
  for (auto f : doc["findings"]) {
    if (std::string_view(f["cause"].get_string().value()) != cause) continue;
    auto v = f["replay"];
    out.token = std::string(v["token"].get_string().value());
    out.status = std::string(v["status"].get_string().value());
    out.predicted = v["predicted_length_s"].get_double().value();
    break;
  }
  return out;
}

TEST(Cli, AReplayTokenReRunsExactlyThatReplay) {
  testing::TempDir dir;
  const std::string sample = (testing::source_dir() / "samples/incidents/reconfirm-failed-4x").string();
  const CmdResult scan = run("scan -q --json - " + sample);
  const auto [token, status, predicted] = verdict_of(scan.out, "reconfirm_failed");
  ASSERT_FALSE(token.empty()) << scan.out;
  const std::string file = (dir.path() / "s.txt").string();
  ASSERT_EQ(run("replay " + sample + " --export-scenario " + file).status, 0);
  const CmdResult again = run("replay --scenario " + file + " --token " + token);
  EXPECT_EQ(again.status, 0);
  EXPECT_NE(again.out.find("reconfirm_failed: " + status + ": "), std::string::npos) << again.out;
  EXPECT_NE(again.out.find(fmt::format("the core predicts {:.1f} s", predicted)), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("token " + token), std::string::npos) << again.out;
  // An edited scenario is not the one the token names; a malformed token is a usage error.
  const auto edited = dir.write("edited.txt", testing::read_file(file) + "fault clock 10.0.0.1:2882 +0.5s\n");
  EXPECT_EQ(run("replay --scenario " + edited.string() + " --token " + token).status, 3);
  EXPECT_EQ(run("replay --scenario " + file + " --token nonsense").status, 3);
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

const std::string kBasic = (testing::source_dir() / "samples/incidents/basic-4x").string();

TEST(CliOptions, OneThingOnStdout) {
  EXPECT_EQ(run("scan --json - --nagios --no-replay " + kBasic).status, 3);
  EXPECT_EQ(run("scan --json - --html - --no-replay " + kBasic).status, 3);
  const CmdResult html = run("scan --html - --no-replay " + kBasic);
  EXPECT_EQ(html.status, 0);
  EXPECT_EQ(html.out.rfind("<!DOCTYPE html>", 0), 0u) << html.out.substr(0, 80);
}

TEST(CliOptions, ContextMinutesNeedsState) { EXPECT_EQ(run("scan --context-minutes 5 " + kBasic).status, 3); }

TEST(CliOptions, SinceReadsRelativeTimesAndRefusesOffsets) {
  // 30 minutes before now: the 2024 sample has nothing that recent, and says so.
  const CmdResult recent = run("scan --since 30m --no-replay --json - " + kBasic);
  EXPECT_EQ(recent.status, 3);
  EXPECT_NE(recent.out.find("falls in the window asked for"), std::string::npos) << recent.out.substr(0, 400);
  EXPECT_EQ(run("scan --since 2024-03-05T10:00:00+08:00 " + kBasic).status, 3);
  EXPECT_EQ(run("scan --since 2024-03-05T10:00:00 --no-replay -q " + kBasic).status, 0);
}

}  // namespace
}  // namespace paxray
