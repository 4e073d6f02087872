// `paxray scan`: read log directories and summarise them.
#include "scan_command.h"

#include <fmt/format.h>

#include "paxray/replay/confirm.h"
#include "paxray/report/html_report.h"
#include "paxray/report/scan_report.h"
#include "paxray/rules/diagnosis.h"

namespace paxray::cli {

void ScanCommand::add_to(CLI::App& app) {
  cmd_ = app.add_subcommand("scan", "Read log directories and summarise them");
  input_.add_to(*cmd_, "--node");
  cmd_->add_option("--json", json_, "Write the JSON report to FILE ('-' for stdout); see docs/OUTPUT.md");
  cmd_->add_option("--html", html_, "Write the single-file HTML report to FILE (works offline; attach it to the ticket)");
  cmd_->add_flag("--no-replay", no_replay_, "Skip the replay confirmation of findings");
  cmd_->add_option("--replay-seeds", replay_seeds_, "Seeds per replay (default 32)")->check(CLI::Range(1, 10000));
  cmd_->add_option("--config", config_, "Thresholds file (`name = value` lines); defaults are the troubleshooting guide's");
}

int ScanCommand::run(const std::vector<std::string>& argv) {
  const ScanOptions options = input_.scan_options();
  const TimelineOptions timeline_options = input_.timeline_options();
  ScanResult result = run_scan(input_, options);
  report_unreadable(result, "scan");
  const Timeline timeline = build_timeline(result, timeline_options);
  Thresholds thresholds = Thresholds::defaults();
  if (!config_.empty()) {
    if (std::string err = load_thresholds(config_, thresholds); !err.empty()) throw UsageError("--config: " + err);
  }
  Diagnosis diagnosis = diagnose(result, timeline, thresholds);
  if (!no_replay_) {
    replay::ConfirmOptions co;
    co.seeds = replay_seeds_;
    replay::confirm_findings(result, timeline, diagnosis, co);
  }
  const ReportInput report{result, timeline, diagnosis, thresholds};

  const bool json_to_stdout = json_ == "-";
  if (!json_.empty()) {
    const std::string doc = render_scan_json(report, {argv});
    if (json_to_stdout) {
      std::fwrite(doc.data(), 1, doc.size(), stdout);
    } else if (std::string err = write_file_atomically(json_, doc); !err.empty()) {
      fmt::print(stderr, "paxray scan: --json: {}\n", err);
      return kExitNothing;
    }
  }
  if (!html_.empty()) {
    if (std::string err = write_file_atomically(html_, render_html_report(report, {argv})); !err.empty()) {
      fmt::print(stderr, "paxray scan: --html: {}\n", err);
      return kExitNothing;
    }
  }
  if (!json_to_stdout && !input_.quiet) {
    TerminalStyle style;
    style.color = use_color_on_stdout();
    print_scan_summary(stdout, report, style);
  }
  if (result.files.empty() || result.totals.records == 0) {
    fmt::print(stderr, "paxray scan: no log records found in the given paths\n");
    return kExitNothing;
  }
  if (diagnosis.findings.empty()) return kExitOk;
  switch (diagnosis.worst()) {
    case Severity::kCritical: return kExitCritical;
    case Severity::kWarning: return kExitWarning;
    case Severity::kInfo: break;
  }
  return kExitOk;
}

}  // namespace paxray::cli
