// Pieces of the HTML report (html_report.cpp assembles them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "paxray/report/scan_report.h"

namespace paxray::html {

[[nodiscard]] std::string timeline_svg(const ReportInput& in);
/// The timeline between `from` and `to` only (a finding's window, re-scaled
/// with ticks at round times); `whole`: the report's main one, with its ids
/// and the findings' spans.
[[nodiscard]] std::string timeline_svg(const ReportInput& in, LocalMicros from, LocalMicros to, bool whole);
/// Empty when the input holds no DBA_OB_SERVERS / GV$OB_LOG_STAT dump.
[[nodiscard]] std::string isolation_section(const ReportInput& in);

/// The id of an evidence line's row ("ev-<file hash>-<line>"): the timeline's
/// markers link to it. Several findings may cite one line: the first row has it.
[[nodiscard]] std::string evidence_anchor(std::string_view file, std::uint64_t line);
/// Root findings drawn as spans above the timeline's lanes (the first ones).
inline constexpr std::size_t kMaxFindingSpans = 8;
/// The id of the timeline's bar for root finding `n` (0-based, report order).
[[nodiscard]] std::string finding_span_anchor(std::size_t n);

/// The report's own script, and its CSP source (sha256 of the exact text).
/// tests/browser/report_in_chromium.sh fails when the hash is out of date
/// (the script does not run): edit both together.
extern const char* const kScript;
extern const char* const kScriptCspHash;

}  // namespace paxray::html
