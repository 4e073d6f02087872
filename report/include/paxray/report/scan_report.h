// Renders a ScanResult for people (terminal) and machines (JSON).
// The JSON layout is documented in docs/OUTPUT.md; keep the two in step.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "paxray/engine/atomic_write.h"
#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/rules/isolation.h"
#include "paxray/rules/diagnosis.h"

namespace paxray {

inline constexpr int kJsonSchemaVersion = 4;
[[nodiscard]] std::string_view paxray_version() noexcept;

/// Stable machine ids for unparsed reasons ("bad_timestamp", ...).
[[nodiscard]] std::string_view unparsed_id(Unparsed u) noexcept;

struct ReportContext {
  std::vector<std::string> command;  ///< argv, to show how to reproduce the report
};

/// Everything a report shows.
struct ReportInput {
  const ScanResult& scan;
  const Timeline& tl;
  const Diagnosis& diagnosis;
  const Thresholds& thresholds;
  /// Isolating each server of the saved views, computed once by the caller
  /// (replay::advise_every_server) so that every report says the same; the
  /// reports only render it. Null: no isolation section.
  const isolation::FleetAdvice* isolation = nullptr;
};

/// Whether the timeline holds OceanBase events: the OceanBase-only parts of a
/// report (thresholds, checklist, connectivity) are shown only then.
[[nodiscard]] bool read_oceanbase(const Timeline& tl);


[[nodiscard]] std::string render_scan_json(const ReportInput& in, const ReportContext& ctx);

struct TerminalStyle {
  bool color = false;
  std::size_t max_files = 40;  ///< file rows shown before "... N more"
  bool list_files = false;     ///< --files: every file read and every file that is not a log
  bool verbose = false;        ///< -v: every evidence line, each in full
  std::size_t width = 160;     ///< the terminal's columns: evidence lines are cut to fit
};

/// Writes the human summary. Log text is sanitised: control bytes and escape
/// sequences from the input never reach the terminal.
void print_scan_summary(std::FILE* out, const ReportInput& in, const TerminalStyle& style);

/// One line describing a replay verdict (terminal and HTML).
[[nodiscard]] std::string replay_text(const ReplayVerdict& v);

/// The one-line verdict the terminal output leads with.
[[nodiscard]] std::string verdict_line(const ReportInput& in);

}  // namespace paxray
