// Folding runs of events that repeat, so that the events kept grow with what
// changed, not with how long the logs run or how many requests retried.
//
// OceanBase writes its election acceptor and proposer state every 3 s, its
// election message counters and PALF state every 10 s, per log stream and
// replica: over 90 % of the events of a healthy cluster, some 1.7 M a day for
// three servers with ten log streams each. And in an outage every retried
// statement logs its -4038: a million lines in a few minutes of a busy one.
//
// A run is a stretch of events of one kind, from one file, about one group,
// that say the same thing: every decoded field alike except those that move
// by themselves (the lease's time left and end, the counters' values, the
// request's trace id). A new state, a new level, a step back in time or a
// pause longer than the kind allows starts a new run. Of a run, the head is
// kept whole (see FoldPolicy) and then only its last event, which carries how
// many were left out before it (Event::folded), since when, and for kinds
// whose every time counts, when each was written (Event::folded_at).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "paxray/parsers/event.h"

namespace paxray {

/// How runs of one kind are folded.
struct FoldPolicy {
  std::int64_t max_gap_us = 0;   ///< 0: this kind is never folded; a longer pause starts a new run
  std::int64_t head_us = 0;      ///< every event of a run's first head_us is kept
  std::uint32_t head_count = 0;  ///< and its first head_count events
  bool keep_times = false;       ///< the folded events' times are kept (Event::folded_at)
};
[[nodiscard]] FoldPolicy fold_policy(EventKind kind) noexcept;

/// What an event of a foldable kind reports, as one comparable string: its
/// level, its node and every decoded field except those that move by themselves.
[[nodiscard]] std::string run_state(const Event& ev);

class RunFolder {
 public:
  /// Events are appended to `out`, the last of each run only once the run
  /// ends, so `out` is in (file, line) order only after finish(). `fold`
  /// false: every event is appended as it comes (--no-fold).
  explicit RunFolder(std::vector<Event>& out, bool fold = true) : out_(out), fold_(fold) {}

  /// Events of one file in line order; files may interleave only at file ends.
  /// An event may have been folded already (its chunk's own folder): it then
  /// stands for its own `folded` events too.
  void add(Event&& ev);
  /// The file ends: its runs' last events are appended.
  void end_file(std::uint32_t file_id);
  /// Appends what is still held and restores (file, line) order.
  void finish();

 private:
  struct Run {
    std::string state;
    LocalMicros first = 0;
    LocalMicros last = 0;
    std::uint64_t count = 0;     // events in the run so far, folded ones too
    std::uint32_t left_out = 0;  // events dropped since the last one kept
    LocalMicros left_out_since = 0;
    std::vector<LocalMicros> left_out_at;  // their times, if the kind keeps them
    bool holding = false;
    Event held;  // the newest event, kept if the run ends with it
  };
  using Key = std::tuple<std::uint32_t, EventKind, GroupKey>;

  void close(Run& run);

  std::vector<Event>& out_;
  bool fold_ = true;
  std::map<Key, Run> runs_;
  bool out_of_order_ = false;
};

}  // namespace paxray
