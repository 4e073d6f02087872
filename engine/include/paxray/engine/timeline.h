// paxray engine, timeline: every node's events on one corrected time axis,
// indexed by node and by replication group, with each group's leaders and
// leaderless windows derived from the events.
//
//   ScanResult scan_result = scan(options);
//   Timeline tl = build_timeline(scan_result, {});   // takes scan_result.events
//   for (std::size_t i : tl.by_group.at(key)) use(tl.events[i], tl.times[i]);
//
// Times: each node writes local wall-clock time. A node's time is mapped to the
// reference node's clock and zone: minus its zone offset (`tz GMT offset` of its
// file header, or --tz), minus its estimated clock offset, plus the reference
// zone offset. Clock offsets come from causal pairs in the logs (a message is
// not received before it is sent), clockdiff output, or --clock-offset; each
// has bounds, and a node the data does not constrain is said to be so.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/parsers/event.h"

namespace paxray {

struct TimelineOptions {
  std::vector<std::pair<std::string, std::string>> tz;        ///< --tz NODE=ZONE (IANA name or ±hh:mm)
  std::vector<std::pair<std::string, double>> clock_offsets;  ///< --clock-offset NODE=SECONDS
  std::string reference;  ///< reference node; default: the first node by name
};

/// A spell in which a node's clock ran apart from its usual offset and came
/// back (engine/src/clock_episodes.h): its lines are corrected by `step_us`
/// on top of the node's offset.
struct ClockEpisode {
  LocalMicros start = 0;       ///< corrected: its first sample (the spell began then or before)
  LocalMicros end = 0;         ///< corrected: the logged jump back, else its last sample
  std::int64_t step_us = 0;    ///< + the clock ran ahead, - behind
  int samples = 0;             ///< one-way samples (packet fly, message delay) in it
  int peers = 0;               ///< peers they involve
  bool ended_by_jump = false;  ///< `clock out of order` marks its end
  std::string basis;           ///< in words
  std::vector<std::size_t> evidence;  ///< Timeline::events: its samples, then the jump back
};

/// A node's clock relative to the reference node: node clock - reference clock.
struct ClockOffset {
  std::string node;
  std::int64_t tz_offset_us = 0;
  std::string tz_source;  ///< "file header", "--tz", "none (assumed same zone)"
  std::int64_t offset_us = 0;
  std::optional<std::int64_t> lo_us;  ///< certain lower bound, if the data gives one
  std::optional<std::int64_t> hi_us;  ///< certain upper bound, if the data gives one
  std::string basis;  ///< how the offset was decided (see docs/OUTPUT.md)
  int samples = 0;    ///< causal pairs / measurements that touched this node
  std::vector<ClockEpisode> episodes;  ///< spells apart from offset_us, in time order
};

enum class LeaderLayer : std::uint8_t { kElection, kClog };
[[nodiscard]] std::string_view leader_layer_name(LeaderLayer l) noexcept;

inline constexpr std::size_t kNoEvent = static_cast<std::size_t>(-1);

struct LeaderInterval {
  GroupKey group;
  LeaderLayer layer = LeaderLayer::kElection;
  std::string node;
  LocalMicros start = 0;
  LocalMicros end = 0;
  bool open_end = false;           ///< still leader at the end of the logs
  std::size_t start_event = kNoEvent;  ///< evidence: index into Timeline::events
  std::size_t end_event = kNoEvent;
};

struct LeaderlessWindow {
  GroupKey group;
  LeaderLayer layer = LeaderLayer::kElection;
  LocalMicros start = 0;
  LocalMicros end = 0;
  bool open_end = false;           ///< no leader until the end of the logs
  std::string last_leader;
  std::size_t start_event = kNoEvent;
  std::size_t end_event = kNoEvent;
  /// Seen by fewer than a majority of the members: every member whose logs
  /// were read saw the lease expire, the others' logs were not provided.
  bool partial = false;
};

/// One RoleChangeService event handled by a node: `begin handle_role_change_event_`
/// joined with its `end` (or `failed`) by the `sequence:` value and log stream.
struct RcsEpisode {
  GroupKey group;
  std::string node;
  std::string sequence;
  std::int64_t event_type = 0;     ///< 1 change leader, 2 role-change callback
  LocalMicros begin = 0;
  std::optional<LocalMicros> end;  ///< nullopt: never ended in the logs (stuck, or logs cut)
  std::size_t begin_event = kNoEvent;
  std::size_t end_event = kNoEvent;
  int failures = 0;                ///< `handle_role_change_event_ failed` lines in between
};

struct Timeline {
  std::vector<Event> events;        ///< sorted by corrected time (then node, file, line); node set
  std::vector<LocalMicros> times;   ///< corrected time of each event, in the reference node's zone
  std::vector<std::string> nodes;   ///< sorted
  std::string reference;
  std::vector<ClockOffset> clocks;  ///< one per node, same order as nodes
  std::map<std::string, std::string> aliases;  ///< address printed in bodies -> node name
  std::map<GroupKey, std::vector<std::size_t>> by_group;
  std::map<std::string, std::vector<std::size_t>> by_node;
  std::vector<LeaderInterval> leaders;
  std::vector<LeaderlessWindow> leaderless;
  std::vector<RcsEpisode> rcs;  ///< by begin time
  std::map<std::string, LocalMicros> last_line;  ///< per node: corrected time of its last log line
  /// A file node whose lines all name other servers (ZooKeeper servers
  /// interleaved in one file) -> those servers; it is no node of the timeline.
  std::map<std::string, std::vector<std::string>> interleaved;
  /// Nodes whose own log lines were read: the writers of log files, the
  /// servers named on lines of a file several of them share (ZooKeeper's
  /// myid:N), and OpenIO members whose own election state and history an
  /// `election debug` output gives. Not the nodes known only from saved views
  /// or others' messages.
  std::set<std::string> logged;
  LocalMicros first = 0;  ///< first line of any node, corrected
  LocalMicros last = 0;   ///< last line of any node, corrected

  /// Maps a node's local time to the reference axis.
  [[nodiscard]] LocalMicros corrected(const std::string& node, LocalMicros local) const;
  /// The node an address belongs to: its alias, else (with `same_host`,
  /// see one_node_per_host) the node with the same IP, else the address itself.
  [[nodiscard]] std::string node_of(std::string_view address, bool same_host = true) const;
  [[nodiscard]] const ClockOffset* clock(const std::string& node) const;
  /// Corrected time from which event i speaks: its own, or for the last
  /// event of a folded run (Event::folded) the first one it stands for.
  [[nodiscard]] LocalMicros covered_from(std::size_t i) const noexcept {
    return events[i].folded > 0 ? corrected_like(i, events[i].folded_since) : times[i];
  }
  /// Corrected times of event i and, before them, of the events folded into
  /// it whose times were kept (Event::folded_at), in the order written.
  [[nodiscard]] std::vector<LocalMicros> all_times(std::size_t i) const {
    std::vector<LocalMicros> out;
    out.reserve(events[i].folded_at.size() + 1);
    for (const LocalMicros t : events[i].folded_at) out.push_back(corrected_like(i, t));
    out.push_back(times[i]);
    return out;
  }
  /// A local time of event i's file on the reference axis, shifted as event
  /// i was (the events a folded run stands for share its node and clock).
  [[nodiscard]] LocalMicros corrected_like(std::size_t i, LocalMicros local) const noexcept {
    return times[i] - (events[i].ts - local);
  }
};

/// Whether an unknown port on a known host names that host's node.
/// OceanBase runs one observer per host, and some views name it by another
/// port than its logs do; OpenIO and ZooKeeper run several members per host,
/// where only the whole address names a member.
[[nodiscard]] constexpr bool one_node_per_host(System system) noexcept { return system == System::kOceanBase; }

/// Builds the timeline; moves `scan.events` out. Throws std::invalid_argument
/// for an unknown zone name or a malformed override.
[[nodiscard]] Timeline build_timeline(ScanResult& scan, const TimelineOptions& options);

/// "08:00" / "+08:00" / "-05:30" -> microseconds; nullopt if malformed.
[[nodiscard]] std::optional<std::int64_t> parse_tz_offset(std::string_view s) noexcept;

}  // namespace paxray
