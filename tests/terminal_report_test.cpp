// The terminal summary at the widths people use: every evidence line fits an
// 80- or 200-column terminal (on a narrow one the message goes under its
// location, in two lines at most), the verdict comes first, and nothing of the
// input's control bytes reaches the terminal.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/replay/confirm/stop_replay.h"
#include "paxray/report/scan_report.h"
#include "paxray/rules/diagnosis.h"
#include "test_util.h"

namespace paxray {
namespace {

std::string summary_at(const std::string& sample, std::size_t width) {
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "samples" / sample).string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  const Thresholds t;
  const Diagnosis d = diagnose(r, tl, t);
  const isolation::FleetAdvice advice = replay::advise_every_server(r.tables, 2);
  char* buf = nullptr;
  std::size_t len = 0;
  std::FILE* out = ::open_memstream(&buf, &len);
  TerminalStyle style;
  style.width = width;
  print_scan_summary(out, ReportInput{r, tl, d, t, &advice}, style);
  std::fclose(out);
  std::string text(buf, len);
  std::free(buf);
  return text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST(TerminalReport, EvidenceFitsEightyAndTwoHundredColumns) {
  for (const char* sample : {"incidents/lease-loss-4x", "incidents/clock-skew-4x", "zookeeper/quorum-lost", "etcd/leader-kill"}) {
    for (const std::size_t width : {std::size_t{80}, std::size_t{200}}) {
      const auto lines = lines_of(summary_at(sample, width));
      ASSERT_FALSE(lines.empty()) << sample;
      // The verdict first, whatever the width.
      EXPECT_TRUE(lines[0].rfind("CRITICAL", 0) == 0 || lines[0].rfind("WARNING", 0) == 0 || lines[0].rfind("OK", 0) == 0) << lines[0];
      std::size_t evidence = 0;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        for (char c : lines[i]) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\t') << sample << ": control byte";
        const std::string& l = lines[i];
        const bool location = l.find("> ") != std::string::npos && l.find_first_not_of(' ') == l.find("> ");
        if (!location) continue;
        ++evidence;
        EXPECT_LE(l.size(), width) << sample << " at " << width << ": " << l;
        // Under it, on a narrow terminal: the message, in lines that fit.
        for (std::size_t k = i + 1; k < lines.size() && k <= i + 2 && lines[k].rfind("      ", 0) == 0 &&
                                    lines[k].find("> ") == std::string::npos;
             ++k) {
          EXPECT_LE(lines[k].size(), width) << sample << " at " << width << ": " << lines[k];
        }
      }
      EXPECT_GT(evidence, 0u) << sample;
    }
  }
}

}  // namespace
}  // namespace paxray
