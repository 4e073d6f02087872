// paxray command line. Exit status (cron users depend on it; docs/OUTPUT.md):
//   0  analysed, nothing of warning level or above
//   3  nothing could be analysed (no logs found, all unreadable) or usage error
// Issue-level causes (1 = warnings, 2 = critical) are added with the rule engine.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/report/scan_report.h"
#include "progress.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitNothing = 3;

struct ScanArgs {
  std::vector<std::string> paths;
  std::string json;
  std::string since;
  std::string until;
  std::vector<std::string> nodes;
  int threads = 0;
  bool quiet = false;
};

bool parse_window(const ScanArgs& a, paxray::ScanWindow& w, std::string& err) {
  if (!a.since.empty()) {
    auto t = paxray::parse_user_timestamp(a.since);
    if (!t) {
      err = "--since: cannot read '" + a.since + "' (use YYYY-MM-DD[ hh:mm[:ss[.ffffff]]])";
      return false;
    }
    w.since = *t;
  }
  if (!a.until.empty()) {
    auto t = paxray::parse_user_timestamp(a.until);
    if (!t) {
      err = "--until: cannot read '" + a.until + "' (use YYYY-MM-DD[ hh:mm[:ss[.ffffff]]])";
      return false;
    }
    w.until = *t;
  }
  if (w.since > w.until) {
    err = "--since is after --until";
    return false;
  }
  return true;
}

int run_scan(const ScanArgs& a, const std::vector<std::string>& argv) {
  paxray::ScanOptions opt;
  opt.paths = a.paths;
  opt.threads = a.threads;
  std::string err;
  if (!parse_window(a, opt.window, err)) {
    fmt::print(stderr, "paxray scan: {}\n", err);
    return kExitNothing;
  }
  for (const auto& spec : a.nodes) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
      fmt::print(stderr, "paxray scan: --node expects NAME=PATH, got '{}'\n", spec);
      return kExitNothing;
    }
    opt.nodes.push_back({spec.substr(0, eq), spec.substr(eq + 1)});
  }
  paxray::cli::ProgressBar bar(!a.quiet && ::isatty(STDERR_FILENO) != 0);
  opt.progress = [&bar](const paxray::ScanProgress& p) { bar.update(p); };

  const paxray::ScanResult result = paxray::scan(opt);
  bar.finish();

  for (const auto& s : result.skipped) {
    if (s.reason.rfind("no such file", 0) == 0 || s.reason.rfind("cannot", 0) == 0) {
      fmt::print(stderr, "paxray scan: {}: {}\n", s.path, s.reason);
    }
  }
  const bool to_stdout_json = a.json == "-";
  if (!a.json.empty()) {
    const std::string doc = paxray::render_scan_json(result, {argv});
    if (to_stdout_json) {
      std::fwrite(doc.data(), 1, doc.size(), stdout);
    } else if (std::string werr = paxray::write_file_atomically(a.json, doc); !werr.empty()) {
      fmt::print(stderr, "paxray scan: --json: {}\n", werr);
      return kExitNothing;
    }
  }
  if (!to_stdout_json && !a.quiet) {
    const char* no_color = std::getenv("NO_COLOR");
    paxray::TerminalStyle style;
    style.color = ::isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0');
    paxray::print_scan_summary(stdout, result, style);
  }
  if (result.files.empty() || result.totals.records == 0) {
    fmt::print(stderr, "paxray scan: no log records found in the given paths\n");
    return kExitNothing;
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  CLI::App app{"paxray: election and commit-log troubleshooting for consensus-replicated systems.\n"
               "Reads OceanBase observer/election/rootservice/trace/alert logs (plain, .gz, .zst, tarballs)."};
  app.set_version_flag("--version", std::string(paxray::paxray_version()));
  app.require_subcommand(1);

  ScanArgs scan_args;
  CLI::App* scan = app.add_subcommand("scan", "Read log directories and summarise them");
  scan->add_option("paths", scan_args.paths, "Log files or directories (recursive); .gz/.zst/.tar/.tgz are read in place")
      ->required();
  scan->add_option("--json", scan_args.json, "Write the JSON report to FILE ('-' for stdout); see docs/OUTPUT.md");
  scan->add_option("--since", scan_args.since, "Ignore records before this log time (YYYY-MM-DD[ hh:mm[:ss[.ffffff]]])");
  scan->add_option("--until", scan_args.until, "Ignore records after this log time (inclusive)");
  scan->add_option("--node", scan_args.nodes, "NAME=PATH: files at or under PATH were written by node NAME (repeatable)");
  scan->add_option("--threads", scan_args.threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  scan->add_flag("-q,--quiet", scan_args.quiet, "No terminal summary and no progress bar");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitNothing;
  }
  try {
    if (scan->parsed()) return run_scan(scan_args, args);
  } catch (const std::exception& e) {
    fmt::print(stderr, "paxray: {}\n", e.what());
    return kExitNothing;
  }
  return kExitNothing;
}
