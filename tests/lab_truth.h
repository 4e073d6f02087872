// What the fault-lab fixtures share (tests/lab/*-lab wrote them): the truth
// file, the diagnosis of an incident directory, and the one check that the
// diagnosis is what was done.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/rules/diagnosis.h"

namespace paxray::testing {

/// truth.txt: "key=value" lines.
inline std::map<std::string, std::string> lab_truth(const std::filesystem::path& dir) {
  std::map<std::string, std::string> t;
  std::ifstream in(dir / "truth.txt");
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) t[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return t;
}

/// `cause` nullptr: no warning or critical finding. Else the one root cause
/// is `cause`, names `who`, and starts within 5 s of the truth's "start"
/// (milliseconds: "2026-12-07 00:01:02.744").
inline void expect_diagnosed_as_done(const Diagnosis& d, const std::map<std::string, std::string>& truth, const char* cause,
                                     const std::string& who) {
  if (cause == nullptr) {
    EXPECT_EQ(d.outcome, Outcome::kNoProblem);
    for (const Finding& f : d.findings) EXPECT_EQ(f.severity, Severity::kInfo) << f.id() << ": " << f.summary;
    return;
  }
  ASSERT_FALSE(d.findings.empty());
  const Finding& top = d.findings.front();
  EXPECT_EQ(top.id(), cause) << top.summary;
  EXPECT_NE(std::find(top.nodes.begin(), top.nodes.end(), who), top.nodes.end()) << who << ": " << top.summary;
  const auto start = parse_fixed_timestamp(truth.at("start") + "000");
  ASSERT_TRUE(start);
  EXPECT_LE(std::llabs(top.start - *start), 5'000'000) << format_timestamp(top.start) << " vs " << truth.at("start");
  EXPECT_EQ(d.findings.size(), 1u) << "one root cause; what it explains is folded under it";
}

}  // namespace paxray::testing
