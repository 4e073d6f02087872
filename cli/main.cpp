// paxray command line. Exit status (cron users depend on it; docs/OUTPUT.md):
//   0  analysed, no finding of warning level or above
//   1  warnings only
//   2  at least one critical finding
//   3  nothing could be analysed (no logs found, all unreadable) or usage error
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>
#include <string>
#include <vector>

#include "causes_command.h"
#include "common_options.h"
#include "extract_command.h"
#include "paxray/report/scan_report.h"
#include "isolate_command.h"
#include "replay_command.h"
#include "scan_command.h"
#include "timeline_command.h"

int main(int argc, char** argv) {
  using paxray::cli::kExitNothing;
  const std::vector<std::string> args(argv, argv + argc);
  CLI::App app{"paxray: election and commit-log troubleshooting for consensus-replicated systems.\n"
               "Reads OceanBase observer/election/rootservice/trace/alert logs (plain, .gz, .zst, tarballs)."};
  app.set_version_flag("--version", std::string(paxray::paxray_version()));
  app.require_subcommand(1);
  paxray::cli::ScanCommand scan;
  paxray::cli::TimelineCommand timeline;
  paxray::cli::ReplayCommand replay;
  paxray::cli::IsolateCommand isolate;
  paxray::cli::ExtractCommand extract;
  paxray::cli::CausesCommand causes;
  scan.add_to(app);
  timeline.add_to(app);
  replay.add_to(app);
  isolate.add_to(app);
  extract.add_to(app);
  causes.add_to(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitNothing;
  }
  try {
    if (scan.parsed()) return scan.run(args);
    if (timeline.parsed()) return timeline.run();
    if (replay.parsed()) return replay.run();
    if (isolate.parsed()) return isolate.run();
    if (extract.parsed()) return extract.run();
    if (causes.parsed()) return causes.run();
  } catch (const paxray::cli::UsageError& e) {
    fmt::print(stderr, "paxray: {}\n", e.what());
    return kExitNothing;
  } catch (const std::exception& e) {
    fmt::print(stderr, "paxray: {}\n", e.what());
    return kExitNothing;
  }
  return kExitNothing;
}
