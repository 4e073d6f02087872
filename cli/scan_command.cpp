// `paxray scan`: read log directories and summarise them.
#include "scan_command.h"

#include <fmt/format.h>

#include "paxray/report/scan_report.h"

namespace paxray::cli {

void ScanCommand::add_to(CLI::App& app) {
  cmd_ = app.add_subcommand("scan", "Read log directories and summarise them");
  input_.add_to(*cmd_, "--node");
  cmd_->add_option("--json", json_, "Write the JSON report to FILE ('-' for stdout); see docs/OUTPUT.md");
}

int ScanCommand::run(const std::vector<std::string>& argv) {
  const ScanOptions options = input_.scan_options();
  const TimelineOptions timeline_options = input_.timeline_options();
  ScanResult result = run_scan(input_, options);
  report_unreadable(result, "scan");
  const Timeline timeline = build_timeline(result, timeline_options);

  const bool json_to_stdout = json_ == "-";
  if (!json_.empty()) {
    const std::string doc = render_scan_json(result, timeline, {argv});
    if (json_to_stdout) {
      std::fwrite(doc.data(), 1, doc.size(), stdout);
    } else if (std::string err = write_file_atomically(json_, doc); !err.empty()) {
      fmt::print(stderr, "paxray scan: --json: {}\n", err);
      return kExitNothing;
    }
  }
  if (!json_to_stdout && !input_.quiet) {
    TerminalStyle style;
    style.color = use_color_on_stdout();
    print_scan_summary(stdout, result, timeline, style);
  }
  if (result.files.empty() || result.totals.records == 0) {
    fmt::print(stderr, "paxray scan: no log records found in the given paths\n");
    return kExitNothing;
  }
  return kExitOk;
}

}  // namespace paxray::cli
