// Cron mode: report each finding once across runs.
#pragma once

#include <string>
#include <vector>

#include "paxray/engine/incremental.h"
#include "paxray/rules/diagnosis.h"

namespace paxray {

/// What makes two findings the same problem: cause, system and group. Two
/// findings with one key are one problem when their time spans overlap or
/// lie within `slack` of each other (an outage seen by two runs).
[[nodiscard]] std::string finding_key(const Finding& f);

/// Removes from `d` the findings an earlier run reported and adds the new
/// ones to `reported` (whose spans grow as a problem goes on). Entries that
/// ended more than `forget_after` before the newest one are dropped, which
/// bounds the state. Returns how many findings were already reported.
std::size_t keep_new_findings(Diagnosis& d, std::vector<ReportedFinding>& reported, std::int64_t slack_us,
                              std::int64_t forget_after_us);

}  // namespace paxray
