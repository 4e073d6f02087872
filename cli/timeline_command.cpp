// `paxray timeline`: the merged, clock-corrected event timeline.
#include "timeline_command.h"

#include <fmt/format.h>

#include "paxray/parsers/event.h"
#include "paxray/report/timeline_report.h"

namespace paxray::cli {

void TimelineCommand::add_to(CLI::App& app) {
  cmd_ = app.add_subcommand("timeline", "Print every node's election, clog and role-change events on one corrected time axis");
  input_.add_to(*cmd_, "--assign");
  cmd_->add_option("--tenant", tenant_, "Only this tenant")->expected(1);
  cmd_->add_option("--ls", ls_, "Only this log stream (3.x: partition id)")->expected(1);
  cmd_->add_option("--node", filter_nodes_, "Only events of this node (repeatable)")->allow_extra_args(false);
  cmd_->add_option("--kind", kinds_, "Only this event kind, e.g. election.takeover (repeatable; see docs/OUTPUT.md)")->allow_extra_args(false);
  cmd_->add_flag("--json", json_, "NDJSON: one JSON object per event");
}

int TimelineCommand::run() {
  ScanOptions options = input_.scan_options();
  // --since/--until filter the corrected timeline, not the raw lines: a skewed
  // node's events just outside the window in local time may belong inside it.
  TimelineFilter filter;
  filter.window = options.window;
  options.window = ScanWindow{};
  if (!tenant_.empty()) filter.tenant = tenant_.front();
  if (!ls_.empty()) filter.ls = ls_.front();
  filter.nodes = filter_nodes_;
  for (const auto& k : kinds_) {
    const auto kind = event_kind_from_name(k);
    if (!kind) throw UsageError("--kind: unknown event kind '" + k + "' (see docs/OUTPUT.md)");
    filter.kinds.push_back(*kind);
  }
  ScanResult result = run_scan(input_, options);
  report_unreadable(result, "timeline");
  if (result.files.empty() || result.totals.records == 0) {
    fmt::print(stderr, "paxray timeline: no log records found in the given paths\n");
    return kExitNothing;
  }
  const Timeline timeline = build_timeline(result, input_.timeline_options());
  if (json_) {
    write_timeline_ndjson(stdout, timeline, result, filter);
  } else {
    print_timeline(stdout, timeline, result, filter);
  }
  return kExitOk;
}

}  // namespace paxray::cli
