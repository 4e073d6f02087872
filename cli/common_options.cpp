#include "common_options.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

#include "paxray/parsers/timestamp.h"
#include "progress.h"

namespace paxray::cli {
namespace {

std::pair<std::string, std::string> split_assignment(const std::string& spec, const char* option, const char* form) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    throw UsageError(fmt::format("{} expects {}, got '{}'", option, form, spec));
  }
  return {spec.substr(0, eq), spec.substr(eq + 1)};
}

LocalMicros user_time(const std::string& text, const char* option) {
  const auto t = parse_user_timestamp(text);
  if (!t) throw UsageError(fmt::format("{}: cannot read '{}' (use YYYY-MM-DD[ hh:mm[:ss[.ffffff]]])", option, text));
  return *t;
}

}  // namespace

void InputArgs::add_to(CLI::App& cmd, const std::string& node_flag) {
  cmd.add_option("paths", paths, "Log files or directories (recursive); .gz/.zst/.tar/.tgz are read in place")->required();
  // Repeatable options take one value per flag, so a path after them stays a path.
  cmd.add_option(node_flag, node_overrides, "NAME=PATH: files at or under PATH were written by node NAME (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("--tz", tz, "NODE=ZONE: the node logs in this zone (IANA name or +hh:mm), overriding its file header")->allow_extra_args(false);
  cmd.add_option("--clock-offset", clock_offsets, "NODE=SECONDS: the node's clock runs this far ahead of the reference")->allow_extra_args(false);
  cmd.add_option("--since", since, "Ignore records before this time (YYYY-MM-DD[ hh:mm[:ss[.ffffff]]])");
  cmd.add_option("--until", until, "Ignore records after this time (inclusive)");
  cmd.add_option("--threads", threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  cmd.add_flag("-q,--quiet", quiet, "No terminal summary and no progress bar");
}

ScanWindow InputArgs::window() const {
  ScanWindow w;
  if (!since.empty()) w.since = user_time(since, "--since");
  if (!until.empty()) w.until = user_time(until, "--until");
  if (w.since > w.until) throw UsageError("--since is after --until");
  return w;
}

ScanOptions InputArgs::scan_options() const {
  ScanOptions opt;
  opt.paths = paths;
  opt.threads = threads;
  opt.window = window();
  for (const auto& spec : node_overrides) {
    auto [name, path] = split_assignment(spec, "--node", "NAME=PATH");
    opt.nodes.push_back({std::move(name), std::move(path)});
  }
  return opt;
}

TimelineOptions InputArgs::timeline_options() const {
  TimelineOptions opt;
  for (const auto& spec : tz) opt.tz.push_back(split_assignment(spec, "--tz", "NODE=ZONE"));
  for (const auto& spec : clock_offsets) {
    auto [node, value] = split_assignment(spec, "--clock-offset", "NODE=SECONDS");
    char* end = nullptr;
    const double seconds = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || *end != '\0') throw UsageError("--clock-offset: '" + value + "' is not a number of seconds");
    opt.clock_offsets.emplace_back(node, seconds);
  }
  return opt;
}

ScanResult run_scan(const InputArgs& args, const ScanOptions& options) {
  ProgressBar bar(!args.quiet && ::isatty(STDERR_FILENO) != 0);
  ScanOptions opt = options;
  opt.progress = [&bar](const ScanProgress& p) { bar.update(p); };
  ScanResult result = scan(opt);
  bar.finish();
  return result;
}

void report_unreadable(const ScanResult& result, const char* command) {
  for (const auto& s : result.skipped) {
    if (s.reason.rfind("no such file", 0) == 0 || s.reason.rfind("cannot", 0) == 0) {
      fmt::print(stderr, "paxray {}: {}: {}\n", command, s.path, s.reason);
    }
  }
}

bool use_color_on_stdout() {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0');
}

}  // namespace paxray::cli
