#include "common_options.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>

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

// "30m", "2h", "90s", "1d": that long before now on this machine's clock and
// zone, the way its logs write time (a cron job's "the last half hour").
std::optional<LocalMicros> relative_time(const std::string& text) {
  if (text.size() < 2 || text.size() > 9) return std::nullopt;
  std::int64_t n = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    n = n * 10 + (text[i] - '0');
  }
  const char unit = text.back();
  const std::int64_t per = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
  if (per == 0) return std::nullopt;
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  if (localtime_r(&now, &local) == nullptr) return std::nullopt;
  char buf[32];
  if (std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &local) == 0) return std::nullopt;
  const auto t = parse_user_timestamp(buf);
  if (!t) return std::nullopt;
  return *t - n * per * 1'000'000;
}

LocalMicros user_time(const std::string& text, const char* option) {
  if (const auto t = parse_user_timestamp(text)) return *t;
  if (const auto t = relative_time(text)) return *t;
  // An offset cannot be applied here: records are filtered on the time their
  // writer printed, in its own zone, which is known only once its header is read.
  const auto plus = text.find_last_of("+-");
  if (text.size() > 19 && (text.back() == 'Z' || (plus != std::string::npos && plus >= 19))) {
    throw UsageError(fmt::format("{}: '{}' carries a zone offset; give the time as the logs print it, in their zone "
                                 "(YYYY-MM-DD hh:mm[:ss])", option, text));
  }
  throw UsageError(fmt::format("{}: cannot read '{}' (use YYYY-MM-DD[ hh:mm[:ss[.ffffff]]], or 30m / 2h / 1d before now)",
                               option, text));
}

}  // namespace

void InputArgs::add_to(CLI::App& cmd, const std::string& node_flag) {
  cmd.add_option("paths", paths, "Log files or directories (recursive); .gz/.zst/.tar/.tgz are read in place")->required();
  // Repeatable options take one value per flag, so a path after them stays a path.
  cmd.add_option(node_flag, node_overrides, "NAME=PATH: files at or under PATH were written by node NAME (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("--tz", tz, "NODE=ZONE: the node logs in this zone (IANA name or +hh:mm), overriding its file header")->allow_extra_args(false);
  cmd.add_option("--clock-offset", clock_offsets, "NODE=SECONDS: the node's clock runs this far ahead of the reference")->allow_extra_args(false);
  cmd.add_option("--since", since, "Ignore records before this time (YYYY-MM-DD[ hh:mm[:ss[.ffffff]]], or 30m / 2h / 1d before now)");
  cmd.add_option("--until", until, "Ignore records after this time (inclusive)");
  cmd.add_option("--threads", threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  cmd.add_flag("--no-mmap", no_mmap, "Read every file instead of mapping large, quiet plain files into memory");
  cmd.add_flag("--no-fold", no_fold,
               "Keep every periodic state dump and repeated -4038 as its own event (default: of a run that says the same, "
               "the first ones and the last, which counts the rest; without folding, memory grows with the hours and "
               "requests read)");
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
  opt.map_files = !no_mmap;
  opt.fold_runs = !no_fold;
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

std::size_t terminal_width() {
  if (const char* c = std::getenv("COLUMNS")) {
    const long n = std::strtol(c, nullptr, 10);
    if (n >= 40 && n <= 1000) return static_cast<std::size_t>(n);
  }
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
  return 160;
}

bool use_color_on_stdout() {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0');
}

bool exits_without_freeing() noexcept {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return false;
#else
  return true;
#endif
#else
  return true;
#endif
}

void exit_without_freeing(int code) {
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(code);
}

}  // namespace paxray::cli
