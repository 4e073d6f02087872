// Pieces of the HTML report (html_report.cpp assembles them).
#pragma once

#include <string>

#include "paxray/report/scan_report.h"

namespace paxray::html {

[[nodiscard]] std::string timeline_svg(const ReportInput& in);
/// Empty when the input holds no DBA_OB_SERVERS / GV$OB_LOG_STAT dump.
[[nodiscard]] std::string isolation_section(const ReportInput& in);

/// The report's own script, and its CSP source (sha256 of the exact text).
/// tests/html_report_test.cpp recomputes the hash: edit both together.
extern const char* const kScript;
extern const char* const kScriptCspHash;

}  // namespace paxray::html
