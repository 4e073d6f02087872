// Renders the merged timeline: one event per line (terminal) or NDJSON.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"

namespace paxray {

struct TimelineFilter {
  std::optional<std::int64_t> tenant;
  std::optional<std::int64_t> ls;
  std::vector<std::string> nodes;
  std::vector<EventKind> kinds;
  ScanWindow window;  ///< on the corrected axis
  [[nodiscard]] bool accepts(const Timeline& tl, std::size_t i) const;
};

/// Terminal form: a '#' header with the reference node and clock offsets, then
/// `time  node  kind  group  file:line  fields`.
void print_timeline(std::FILE* out, const Timeline& tl, const ScanResult& scan, const TimelineFilter& filter);

/// One JSON object per line per event (docs/OUTPUT.md, "paxray timeline --json").
void write_timeline_ndjson(std::FILE* out, const Timeline& tl, const ScanResult& scan, const TimelineFilter& filter);

/// Short text of an event's decoded fields ("owner=10.0.0.2:2882 ballot=7").
[[nodiscard]] std::string event_fields(const Event& ev);

}  // namespace paxray
