// `paxray scan`: read log directories and summarise them.
#include "scan_command.h"

#include "evidence_context.h"

#include <fmt/format.h>

#include "paxray/engine/incremental.h"
#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/confirm/stop_replay.h"
#include "paxray/report/html_report.h"
#include "paxray/report/scan_report.h"
#include "paxray/rules/diagnosis.h"
#include "paxray/rules/new_findings.h"

namespace paxray::cli {

void ScanCommand::add_to(CLI::App& app) {
  cmd_ = app.add_subcommand("scan", "Read log directories and summarise them");
  input_.add_to(*cmd_, "--node");
  cmd_->add_option("--json", json_, "Write the JSON report to FILE ('-' for stdout); see docs/OUTPUT.md");
  cmd_->add_option("--html", html_, "Write the single-file HTML report to FILE ('-' for stdout; works offline, attach it to the ticket)");
  cmd_->add_flag("--no-replay", no_replay_, "Skip the replay confirmation of findings");
  cmd_->add_option("--replay-seeds", replay_seeds_, "Seeds per replay (default 32)")->check(CLI::Range(1, 10000));
  cmd_->add_option("--config", config_, "Thresholds file (`name = value` lines); defaults are the troubleshooting guide's");
  CLI::Option* state = cmd_->add_option("--state", state_,
                                        "Cron mode: read only what is new since the run that wrote FILE, report only new "
                                        "findings, then update FILE (see docs/CRON.md)");
  cmd_->add_option("--context-minutes", context_minutes_,
                   "Cron mode: minutes of recent events carried to the next run, to diagnose across runs (default 60)")
      ->check(CLI::Range(1, 7 * 24 * 60))
      ->needs(state);
  cmd_->add_flag("--files", list_files_, "List every file read and every file that is not a log (default: counts)");
  cmd_->add_flag("-v,--verbose", verbose_, "Every evidence line of every finding, each in full");
  cmd_->add_flag("--nagios", nagios_, "Print one Nagios/Icinga status line with perfdata instead of the summary");
}

namespace {

constexpr std::int64_t kMinuteUs = 60'000'000;
constexpr std::int64_t kForgetFindingsUs = 30LL * 24 * 60 * kMinuteUs;
/// Seeds of the per-server stop replay the reports render (isolate-check runs more).
constexpr int kIsolationReportSeeds = 4;

struct CronFigures {
  std::uint64_t new_bytes = 0;
  std::uint64_t resumed = 0;
  std::uint64_t rotated = 0;
  std::uint64_t restarted = 0;
  std::uint64_t carried_events = 0;
  std::size_t already_reported = 0;
};

CronFigures cron_figures(const ScanResult& r, std::size_t context_events, std::size_t already) {
  CronFigures c;
  c.carried_events = context_events;
  c.already_reported = already;
  for (const auto& f : r.files) {
    if (f.carried) continue;
    c.new_bytes += f.bytes;
    if (f.resumed_from > 0) ++c.resumed;
    if (f.resume_note.find("(rotated)") != std::string::npos) ++c.rotated;
    if (f.resume_note.find("from the start") != std::string::npos) ++c.restarted;
  }
  return c;
}

// One line: "PAXRAY CRITICAL - ... | perfdata" (Nagios plugin guidelines).
std::string nagios_line(int exit_code, const Diagnosis& d, const ScanResult& r, const CronFigures* cron) {
  static constexpr const char* kStatus[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};
  std::size_t critical = 0, warning = 0;
  std::string causes;
  for (const auto& f : d.findings) {
    critical += f.severity == Severity::kCritical;
    warning += f.severity == Severity::kWarning;
    if (f.severity == Severity::kInfo) continue;
    if (!causes.empty()) causes += ", ";
    causes += std::string(f.id()) + (f.group.empty() ? "" : " " + f.group);
  }
  const char* fresh = cron != nullptr ? "new " : "";
  std::string text = critical + warning == 0 ? fmt::format("no {}findings", fresh)
                                             : fmt::format("{} {}finding(s): {}", critical + warning, fresh, causes);
  std::string perf = fmt::format("critical={} warning={} files={} records={}", critical, warning, r.files.size(),
                                 r.totals.records);
  if (cron != nullptr) {
    perf += fmt::format(" new_bytes={}B already_reported={} rotated={} restarted={}", cron->new_bytes,
                        cron->already_reported, cron->rotated, cron->restarted);
  }
  return fmt::format("PAXRAY {} - {} | {}\n", kStatus[exit_code < 0 || exit_code > 3 ? 3 : exit_code], text, perf);
}

}  // namespace

int ScanCommand::run(const std::vector<std::string>& argv) {
  // One thing on stdout: two would interleave into something neither reader can use.
  const int to_stdout = (json_ == "-") + (html_ == "-") + (nagios_ ? 1 : 0);
  if (to_stdout > 1) {
    throw UsageError(fmt::format("{}{}{} all write to stdout: send all but one to a file",
                                 json_ == "-" ? "--json - " : "", html_ == "-" ? "--html - " : "", nagios_ ? "--nagios" : ""));
  }
  ScanOptions options = input_.scan_options();
  const TimelineOptions timeline_options = input_.timeline_options();
  const bool cron = !state_.empty();
  StateLock lock;
  LoadedState previous;
  if (cron) {
    std::string err;
    if (!lock.acquire(state_, err)) {
      fmt::print(stderr, "paxray scan: --state: {}\n", err);
      if (nagios_) fmt::print("PAXRAY UNKNOWN - {}\n", err);
      return kExitNothing;
    }
    previous = load_state(state_);
    if (!previous.warning.empty()) fmt::print(stderr, "paxray scan: --state: {}\n", previous.warning);
    options.resume = &previous.state.checkpoints;
  }
  ScanResult result = run_scan(input_, options);
  report_unreadable(result, "scan");
  if (cron) merge_context(result, previous.state.context);
  const Timeline timeline = build_timeline(result, timeline_options);
  Thresholds thresholds = Thresholds::defaults();
  if (!config_.empty()) {
    if (std::string err = load_thresholds(config_, thresholds); !err.empty()) throw UsageError("--config: " + err);
  }
  Diagnosis diagnosis = diagnose(result, timeline, thresholds);
  std::size_t already = 0;
  if (cron) {
    already = keep_new_findings(diagnosis, previous.state.reported, context_minutes_ * kMinuteUs, kForgetFindingsUs);
  }
  if (!no_replay_) {
    replay::ConfirmOptions co;
    co.seeds = replay_seeds_;
    co.silent_node_us = static_cast<std::int64_t>(thresholds.silent_node_s * 1e6);
    replay::confirm_findings(result, timeline, diagnosis, co);
  }
  // Isolating each server of the saved views: once, for every report.
  const isolation::FleetAdvice isolation = replay::advise_every_server(result.tables, kIsolationReportSeeds);
  const ReportInput report{result, timeline, diagnosis, thresholds, &isolation};

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
  const bool html_to_stdout = html_ == "-";
  if (!html_.empty()) attach_evidence_context(diagnosis);  // the lines around each piece of evidence, for the page
  if (html_to_stdout) {
    const std::string page = render_html_report(report, {argv});
    std::fwrite(page.data(), 1, page.size(), stdout);
  } else if (!html_.empty()) {
    if (std::string err = write_file_atomically(html_, render_html_report(report, {argv})); !err.empty()) {
      fmt::print(stderr, "paxray scan: --html: {}\n", err);
      return kExitNothing;
    }
  }
  const CronFigures figures = cron_figures(result, previous.state.context.events.size(), already);
  if (!json_to_stdout && !html_to_stdout && !input_.quiet && !nagios_) {
    TerminalStyle style;
    style.color = use_color_on_stdout();
    style.list_files = list_files_;
    style.verbose = verbose_;
    style.width = terminal_width();
    print_scan_summary(stdout, report, style);
    if (cron) {
      fmt::print("cron: {} new finding(s), {} already reported; {} new bytes read, {} file(s) resumed, {} rotated, "
                 "{} read from the start; {} event(s) of context from the last run\n",
                 diagnosis.findings.size(), figures.already_reported, figures.new_bytes, figures.resumed,
                 figures.rotated, figures.restarted, figures.carried_events);
    }
  }
  int code = kExitOk;
  // In cron mode a run with nothing new is normal; no inputs at all is not.
  if (diagnosis.outcome == Outcome::kInconclusive && (!cron || result.files.empty())) {
    fmt::print(stderr, "paxray scan: inconclusive: {}\n", diagnosis.inconclusive_reason);
    code = kExitNothing;
  } else if (!diagnosis.findings.empty()) {
    switch (diagnosis.worst()) {
      case Severity::kCritical: code = kExitCritical; break;
      case Severity::kWarning: code = kExitWarning; break;
      case Severity::kInfo: break;
    }
  }
  if (cron) {
    const CronState next = next_state(result, timeline.events, std::move(previous.state.reported), context_minutes_ * kMinuteUs);
    if (std::string err = save_state(state_, next, previous.whole); !err.empty()) {
      fmt::print(stderr, "paxray scan: --state: cannot save ({}); the next run will read these inputs again\n", err);
      code = kExitNothing;
    }
  }
  if (nagios_) std::fputs(nagios_line(code, diagnosis, result, cron ? &figures : nullptr).c_str(), stdout);
  if (exits_without_freeing()) exit_without_freeing(code);  // everything is written
  return code;
}

}  // namespace paxray::cli
