// Cron mode (`paxray scan --state FILE`): what one run hands the next.
//
//   StateLock lock;                          // flock: one run at a time
//   if (!lock.acquire(state_path, err)) ...;
//   LoadedState prev = load_state(state_path);       // never throws; rebuilds on damage
//   options.resume = &prev.state.checkpoints;
//   ScanResult r = scan(options);
//   merge_context(r, prev.state.context);    // last run's tail: diagnose across the boundary
//   ... diagnose; keep only findings not in prev.state.reported ...
//   save_state(state_path, next_state(r, reported, window));
//
// The state is NDJSON: a header, one record per checkpoint and per reported
// finding, then the carried context as an extract (engine/extract.h), then an
// "end" record with the counts, so a damaged or cut file is detected. It is
// written atomically after copying the previous state to FILE.bak; a damaged
// state falls back to the .bak, and failing that the run starts afresh.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "paxray/engine/scan.h"

namespace paxray {

/// A finding an earlier run reported (rules/new_findings.h decides keys).
struct ReportedFinding {
  std::string key;
  LocalMicros start = 0;
  LocalMicros end = 0;
};

struct CronState {
  std::vector<Checkpoint> checkpoints;
  std::vector<ReportedFinding> reported;
  ScanResult context;  ///< the last run's most recent events and their files
};

struct LoadedState {
  CronState state;
  bool fresh = true;    ///< no usable state: every input is read from the start
  bool whole = false;   ///< FILE itself was read whole (it may become the .bak as is)
  std::string warning;  ///< why the state (or its .bak) was not used, if it existed
};

[[nodiscard]] LoadedState load_state(const std::string& path);

/// Copies the current state to `path`.bak, then writes `state` atomically;
/// removes temp files left by runs killed while saving. Call it holding the
/// StateLock. Returns an error message or "".
/// `previous_whole`: FILE is known good (LoadedState::whole), so it becomes
/// the .bak without being read again; otherwise it is checked first.
[[nodiscard]] std::string save_state(const std::string& path, const CronState& state, bool previous_whole = false);

/// Holds an exclusive flock on `path`.lock for its lifetime.
class StateLock {
 public:
  StateLock() = default;
  ~StateLock();
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;
  /// False (with `err`) when another run holds it or the lock file cannot be opened.
  [[nodiscard]] bool acquire(const std::string& state_path, std::string& err);

 private:
  int fd_ = -1;
};

/// Adds the carried context to a resumed scan: events of files still present
/// join those files; files gone since (deleted rotations) come back as
/// `carried` entries so the evidence still names them.
void merge_context(ScanResult& r, const ScanResult& context);

/// The state for the next run: every resumed input's checkpoint, the given
/// reported findings, and of `events` (the timeline's: build_timeline moves
/// them out of `r`) those of the last `context_us` of log time, at most
/// `max_events` (the newest), as context.
[[nodiscard]] CronState next_state(const ScanResult& r, const std::vector<Event>& events,
                                   std::vector<ReportedFinding> reported, std::int64_t context_us,
                                   std::size_t max_events = 50000);

}  // namespace paxray
