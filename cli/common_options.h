// Options shared by the commands that read logs (scan, timeline), and the
// exit codes every command uses (docs/OUTPUT.md).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"

namespace paxray::cli {

inline constexpr int kExitOk = 0;        ///< analysed; no finding of warning or above
inline constexpr int kExitWarning = 1;   ///< warnings only
inline constexpr int kExitCritical = 2;  ///< at least one critical finding
inline constexpr int kExitNothing = 3;   ///< nothing analysed, or a usage error

/// Ends the process with `code` once stdout and stderr are flushed, without
/// freeing what the command built: a scan's events, timeline and findings
/// took about 2 ms on one thread to free one by one (9,254 events), and the
/// kernel reclaims them at once. Sanitizer builds return instead, so their
/// leak check still runs. Call it only when nothing is left to write.
[[noreturn]] void exit_without_freeing(int code);
[[nodiscard]] bool exits_without_freeing() noexcept;

/// Thrown for a bad option value; main() prints it and exits kExitNothing.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct InputArgs {
  std::vector<std::string> paths;
  std::vector<std::string> node_overrides;  ///< NAME=PATH
  std::vector<std::string> tz;              ///< NODE=ZONE
  std::vector<std::string> clock_offsets;   ///< NODE=SECONDS
  std::string since;
  std::string until;
  int threads = 0;
  bool no_mmap = false;
  bool no_fold = false;
  bool quiet = false;

  /// Registers the options on `cmd`. `node_flag` names the NAME=PATH option.
  void add_to(CLI::App& cmd, const std::string& node_flag);
  [[nodiscard]] ScanOptions scan_options() const;         ///< throws UsageError
  [[nodiscard]] TimelineOptions timeline_options() const;  ///< throws UsageError
  [[nodiscard]] ScanWindow window() const;                 ///< throws UsageError
};

/// Runs the scan with a progress bar on a terminal stderr.
[[nodiscard]] ScanResult run_scan(const InputArgs& args, const ScanOptions& options);

/// Prints per-path problems (missing, unreadable) to stderr.
void report_unreadable(const ScanResult& result, const char* command);

[[nodiscard]] bool use_color_on_stdout();
/// Columns of the terminal on stdout ($COLUMNS, else the tty's size, else 160).
[[nodiscard]] std::size_t terminal_width();

}  // namespace paxray::cli
