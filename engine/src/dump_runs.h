// Folding runs of periodic state dumps, so that the events kept grow with
// what changed, not with how long the logs run.
//
// OceanBase writes its election acceptor and proposer state every 3 s, its
// election message counters and PALF state every 10 s, per log stream and
// replica: over 90 % of the events of a healthy cluster, some 1.7 M a day for
// three servers with ten log streams each. A run of dumps from one file about
// one group that say the same thing (every decoded field alike, except those
// that move with the clock: the lease's time left, the counters themselves)
// is kept as its head (every dump of its first kHeadUs) and its last dump,
// which carries how many were left out between them (Event::folded) and the
// first one's time (Event::folded_since). A new state, a level, or a pause in
// the dumps longer than three of their periods starts a new run, so every
// change, and every pause, is still an event of its own.
//
// The head is whole because leadership reads the first dumps after a revoke
// one by one: a follower's acceptor may name the old owner for up to
// MAX_LEASE_TIME (10 s) after it stepped down (leadership.cpp, kStaleDumpUs).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "leadership.h"
#include "paxray/parsers/event.h"

namespace paxray {

/// Whether `kind` is a periodic dump this folds, and its period.
[[nodiscard]] std::int64_t dump_period_us(EventKind kind) noexcept;  ///< 0: not a periodic dump

class DumpFolder {
 public:
  static constexpr std::int64_t kHeadUs = kStaleDumpUs;

  /// Events are appended to `out`; the last dump of each run only once the
  /// run ends, so `out` is in (file, line) order only after finish().
  /// `fold` false: every event is appended as it comes (--keep-dumps).
  DumpFolder(std::vector<Event>& out, bool fold = true) : out_(out), fold_(fold) {}

  /// Events of one file in line order; files may interleave only at file ends.
  /// An event may have been folded already (the chunk's own folder): it then
  /// stands for its own `folded` dumps too.
  void add(Event&& ev);
  /// The file ends: its runs' last dumps are appended.
  void end_file(std::uint32_t file_id);
  /// Appends what is still held and restores (file, line) order.
  void finish();

 private:
  struct Run {
    std::string state;
    LocalMicros first = 0;
    LocalMicros last = 0;
    std::uint32_t left_out = 0;  // dumps dropped since the last one kept
    LocalMicros left_out_since = 0;
    bool holding = false;
    Event held;  // the newest dump, kept if the run ends with it
  };
  using Key = std::tuple<std::uint32_t, EventKind, GroupKey>;

  void close(Run& run);

  std::vector<Event>& out_;
  bool fold_ = true;
  std::map<Key, Run> runs_;
  bool out_of_order_ = false;
};

/// The state a dump reports, as one comparable string: its level, its node
/// and every decoded field except those that move with the clock.
[[nodiscard]] std::string dump_state(const Event& ev);

}  // namespace paxray
