// The single-file HTML report people attach to tickets. Works offline (no
// remote fonts, images or scripts); readable without JavaScript (inline SVG,
// <details> sections); every byte from the input is escaped for its context;
// a Content-Security-Policy forbids remote loads and any script but the
// report's own. Layout and tests: docs/OUTPUT.md, tests/html_report_test.cpp,
// tests/browser/ (headless Chromium).
#pragma once

#include <string>

#include "paxray/report/scan_report.h"

namespace paxray {

[[nodiscard]] std::string render_html_report(const ReportInput& in, const ReportContext& ctx);

}  // namespace paxray
