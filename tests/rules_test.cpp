// Thresholds and the config file; each rule's behaviour on the samples is in
// diagnosis_samples_test.cpp.
#include <gtest/gtest.h>

#include "paxray/rules/diagnosis.h"
#include "test_util.h"

namespace paxray {
namespace {

TEST(Thresholds, DefaultsAreTheGuides) {
  const Thresholds t = Thresholds::defaults();
  EXPECT_EQ(t.clock_skew_s, 2.0);
  EXPECT_EQ(t.log_disk_limit_pct, 95.0);
  EXPECT_EQ(t.sliding_window_stall_s, 10.0);
  EXPECT_EQ(t.list().size(), 9u);
}

TEST(Thresholds, ConfigFileOverridesAndReportsErrorsWithFileAndLine) {
  testing::TempDir dir;
  const auto good = dir.write("paxray.conf", "# stricter clocks\nclock_skew_s = 0.5\n\nhigh_load_min_lines=5  # fewer\n");
  Thresholds t;
  ASSERT_EQ(load_thresholds(good.string(), t), "");
  EXPECT_EQ(t.clock_skew_s, 0.5);
  EXPECT_EQ(t.high_load_min_lines, 5);
  EXPECT_EQ(t.log_disk_limit_pct, 95.0);
  const auto bad = dir.write("bad.conf", "clock_skew_s = 1\nclock_skew = 2\n");
  Thresholds u;
  const std::string err = load_thresholds(bad.string(), u);
  EXPECT_NE(err.find("bad.conf:2"), std::string::npos) << err;
  EXPECT_NE(err.find("unknown threshold 'clock_skew'"), std::string::npos) << err;
  EXPECT_EQ(u.clock_skew_s, 2.0);  // nothing applied from a bad file
  const auto neg = dir.write("neg.conf", "clock_skew_s = -1\n");
  EXPECT_NE(load_thresholds(neg.string(), u).find("neg.conf:1"), std::string::npos);
  EXPECT_NE(load_thresholds((dir.path() / "missing.conf").string(), u).find("cannot read"), std::string::npos);
}

TEST(Thresholds, AStricterClockThresholdFindsTheSmallerSkew) {
  // lease-loss-4x has node3 0.9 s ahead: no finding at 2 s, a finding at 0.5 s.
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "samples/incidents/lease-loss-4x").string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  Thresholds t;
  auto has_clock = [&](const Diagnosis& d) {
    return std::any_of(d.findings.begin(), d.findings.end(), [](const Finding& f) { return f.id() == "clock_skew"; });
  };
  EXPECT_FALSE(has_clock(diagnose(r, tl, t)));
  t.clock_skew_s = 0.5;
  EXPECT_TRUE(has_clock(diagnose(r, tl, t)));
}

}  // namespace
}  // namespace paxray
