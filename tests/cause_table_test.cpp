// The cause table is the one list of causes: ids round-trip, the docs hold
// its generated form, and the diagnosis it orders leaves only root causes.
#include <gtest/gtest.h>

#include <set>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/report/cause_report.h"
#include "paxray/rules/causes.h"
#include "paxray/rules/diagnosis.h"
#include "paxray/rules/explain.h"
#include "test_util.h"

namespace paxray {
namespace {

constexpr LocalMicros kS = 1'000'000;

TEST(CauseTable, IdsAreUniqueAndRoundTrip) {
  std::set<std::string_view> ids;
  for (const CauseInfo& c : cause_table()) {
    EXPECT_TRUE(ids.insert(c.id).second) << c.id;
    EXPECT_EQ(cause_from_id(c.id), c.cause);
    EXPECT_FALSE(c.fires_when.empty()) << c.id;
    EXPECT_FALSE(c.severity.empty()) << c.id;
    EXPECT_FALSE(c.remediation.empty()) << c.id;
  }
  EXPECT_FALSE(cause_from_id("no_such_cause"));
}

TEST(CauseTable, OutputMdHoldsTheGeneratedTable) {
  const std::string doc = testing::read_file(testing::source_dir() / "docs/OUTPUT.md");
  const auto begin = doc.find("<!-- causes:begin");
  const auto end = doc.find("<!-- causes:end -->");
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  const auto body = doc.find('\n', begin) + 1;
  EXPECT_EQ(doc.substr(body, end - body), render_causes_markdown())
      << "docs/OUTPUT.md is out of date: replace its causes block with `paxray causes --markdown`";
}

Finding made(Cause c, LocalMicros start, LocalMicros end, Severity s, std::int64_t tenant = 1001) {
  Finding f;
  f.cause = c;
  f.system = std::string(system_name(cause_info(c).system));
  f.tenant = tenant;
  f.ls = 1001;
  f.group = "T1001 LS1001";
  f.start = start;
  f.end = end;
  f.severity = s;
  f.summary = std::string(cause_id(c));
  Evidence e;
  e.file = "observer.log";
  e.line = static_cast<std::uint64_t>(start / kS);
  f.evidence.push_back(e);
  return f;
}

TEST(Explain, ATakeoverRetriedFiveTimesIsOneFinding) {
  std::vector<Finding> f;
  for (int i = 0; i < 5; ++i) f.push_back(made(Cause::kTakeoverFailed, i * 3 * kS, i * 3 * kS + kS, Severity::kWarning));
  f.back().severity = Severity::kCritical;
  rules::merge_repeats(f);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kCritical);
  EXPECT_EQ(f[0].start, 0);
  EXPECT_EQ(f[0].end, 13 * kS);
  EXPECT_EQ(f[0].evidence.size(), 5u);
  ASSERT_NE(f[0].find_detail("occurrences"), nullptr);
  EXPECT_EQ(*f[0].find_detail("occurrences"), "5");
  // An hour later it is another outage.
  f.push_back(made(Cause::kTakeoverFailed, 3600 * kS, 3601 * kS, Severity::kWarning));
  rules::merge_repeats(f);
  EXPECT_EQ(f.size(), 2u);
}

TEST(Explain, TheRootCarriesTheSeverityAndItsConsequences) {
  // disk full (condition) -> sliding window stall (failure) -> lease loss (symptom)
  std::vector<Finding> f{made(Cause::kNetworkPartition, 20 * kS, 24 * kS, Severity::kCritical),
                         made(Cause::kSlidingWindowStall, 10 * kS, 20 * kS, Severity::kCritical),
                         made(Cause::kClogDiskFull, 0, 15 * kS, Severity::kWarning)};
  rules::explain_and_fold(f);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].cause, Cause::kClogDiskFull);
  EXPECT_EQ(f[0].severity, Severity::kCritical);
  ASSERT_EQ(f[0].consequences.size(), 2u);
  EXPECT_EQ(f[0].consequences[0].cause, Cause::kSlidingWindowStall);
  EXPECT_EQ(f[0].consequences[1].cause, Cause::kNetworkPartition);
  EXPECT_EQ(*f[0].consequences[0].find_detail("explained_by"), "clog_disk_full");
  EXPECT_EQ(f[0].explains, (std::vector<Cause>{Cause::kSlidingWindowStall, Cause::kNetworkPartition}));
}

TEST(Explain, AGuessExplainsNoFactAndOtherTenantsStandApart) {
  std::vector<Finding> f{made(Cause::kNetworkPartition, 20 * kS, 24 * kS, Severity::kCritical),
                         made(Cause::kHighLoad, 0, 30 * kS, Severity::kWarning),
                         made(Cause::kReconfirmFailed, 20 * kS, 24 * kS, Severity::kCritical, 1002)};
  f[1].suspected = true;  // a suspected overload does not swallow a partition the logs show
  f[1].tenant.reset();
  rules::explain_and_fold(f);
  std::set<Cause> roots;
  for (const auto& x : f) roots.insert(x.cause);
  EXPECT_EQ(roots, (std::set<Cause>{Cause::kNetworkPartition, Cause::kHighLoad, Cause::kReconfirmFailed}));
  // reconfirm_failed (failure, tenant 1002) cannot explain tenant 1001's lease loss.
  for (const auto& x : f) EXPECT_TRUE(x.consequences.empty()) << x.id();
}

// On every bundled incident: only roots stand, none explains another, one
// finding per cause and group per outage, and the root is the most severe.
TEST(Explain, BundledIncidentsLeaveOnlyRootCauses) {
  std::vector<std::filesystem::path> dirs;
  for (const char* parent : {"samples/incidents", "samples/zookeeper", "samples/openio", "samples/etcd"}) {
    for (const auto& e : std::filesystem::directory_iterator(testing::source_dir() / parent)) {
      if (e.is_directory()) dirs.push_back(e.path());
    }
  }
  ASSERT_GE(dirs.size(), 20u);
  std::size_t consequences = 0;
  for (const auto& dir : dirs) {
    ScanOptions opt;
    opt.paths = {dir.string()};
    ScanResult r = scan(opt);
    const Timeline tl = build_timeline(r, {});
    const Diagnosis d = diagnose(r, tl, Thresholds::defaults());
    for (const Finding& a : d.findings) {
      EXPECT_EQ(a.find_detail("explained_by"), nullptr) << dir << " " << a.id();
      for (const Finding& x : a.consequences) {
        ++consequences;
        EXPECT_NE(x.find_detail("explained_by"), nullptr) << dir << " " << x.id();
        EXPECT_GE(a.severity, x.severity) << dir << " " << a.id() << " over " << x.id();
        EXPECT_TRUE(x.consequences.empty());
      }
      for (const Finding& b : d.findings) {
        if (&a == &b || a.system != b.system) continue;
        const bool near = a.start <= b.end + 60 * kS && b.start <= a.end + 60 * kS;
        const bool tenant = !a.tenant || !b.tenant || *a.tenant == *b.tenant;
        EXPECT_FALSE(a.cause == b.cause && a.group == b.group && near) << dir << ": " << a.id() << " twice";
        const auto ra = cause_info(a.cause).rank, rb = cause_info(b.cause).rank;
        const bool could_explain = ra < rb && rb != CauseRank::kAside && ra != CauseRank::kAside && near && tenant &&
                                   !(a.suspected && !b.suspected);
        EXPECT_FALSE(could_explain) << dir << ": " << a.id() << " explains " << b.id() << " but both stand";
      }
    }
  }
  EXPECT_GE(consequences, 5u);  // the bundled incidents do have symptoms to fold
}

}  // namespace
}  // namespace paxray
