#include "paxray/report/timeline_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "paxray/parsers/timestamp.h"
#include "paxray/parsers/view_dump.h"
#include "paxray/engine/json_writer.h"

namespace paxray {
namespace {

std::string sanitize(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
  return out;
}

std::string source_of(const Event& ev, const ScanResult& scan) {
  std::string path = ev.file_id < scan.files.size() ? scan.files[ev.file_id].path : "?";
  const std::size_t slash = path.find_last_of('/');
  if (slash != std::string::npos) path = path.substr(slash + 1);
  return fmt::format("{}:{}", path, ev.line);
}

std::string offset_text(std::int64_t us) { return fmt::format("{:+.3f}s", static_cast<double>(us) / 1e6); }

std::string zone_text(std::int64_t us) {
  const std::int64_t minutes = (us < 0 ? -us : us) / 60'000'000;
  return fmt::format("{}{:02}:{:02}", us < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

}  // namespace

bool TimelineFilter::accepts(const Timeline& tl, std::size_t i) const {
  const Event& ev = tl.events[i];
  if (tenant && ev.group.tenant != *tenant) return false;
  if (ls && ev.group.ls != *ls && ev.group.partition != *ls) return false;
  if (!nodes.empty() && std::find(nodes.begin(), nodes.end(), ev.node) == nodes.end()) return false;
  if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), ev.kind) == kinds.end()) return false;
  return tl.times[i] >= window.since && tl.times[i] <= window.until;
}

std::string event_fields(const Event& ev) {
  std::string out;
  for (const auto& [attr, value] : ev.attrs) {
    if (!out.empty()) out.push_back(' ');
    out += fmt::format("{}={}", attr_name(attr), value);
  }
  for (const auto& p : ev.peers) {
    out += fmt::format(" peer[{}]:send={} rec={}", p.addr, fmt::join(p.send, "/"), fmt::join(p.rec, "/"));
  }
  if (ev.folded > 0) out += fmt::format(" (last of {} alike since {} local)", ev.folded + 1, format_timestamp(ev.folded_since));
  return out;
}

void print_timeline(std::FILE* out, const Timeline& tl, const ScanResult& scan, const TimelineFilter& filter) {
  fmt::print(out, "# times on {}'s clock and zone\n", sanitize(tl.reference));
  for (const auto& c : tl.clocks) {
    const std::string bounds = fmt::format("[{}, {}]", c.lo_us ? offset_text(*c.lo_us) : "-inf",
                                           c.hi_us ? offset_text(*c.hi_us) : "+inf");
    fmt::print(out, "# clock {}: offset {} bounds {} ({}); zone {} ({})\n", sanitize(c.node), offset_text(c.offset_us),
               bounds, c.basis, zone_text(c.tz_offset_us), c.tz_source);
  }
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    if (!filter.accepts(tl, i)) continue;
    const Event& ev = tl.events[i];
    // A snapshot row has no time of its own: it is ordered after the logs, never given theirs.
    fmt::print(out, "{}  {}  {}  {}  {}  {}\n", ev.ts == kUndated ? std::string("undated (snapshot)         ") : format_timestamp(tl.times[i]),
               sanitize(ev.node),
               event_kind_name(ev.kind), ev.group.valid() ? ev.group.name() : "-", sanitize(source_of(ev, scan)),
               sanitize(event_fields(ev)));
  }
}

void write_timeline_ndjson(std::FILE* out, const Timeline& tl, const ScanResult& scan, const TimelineFilter& filter) {
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    if (!filter.accepts(tl, i)) continue;
    const Event& ev = tl.events[i];
    JsonWriter w(0);
    w.begin_object();
    w.key("time");  // null for snapshot rows that carry no time (ordered after the logs)
    w.value_or_null(ev.ts == kUndated ? std::nullopt : std::optional<std::string>(format_timestamp(tl.times[i])));
    w.key("local_time");
    w.value_or_null(ev.ts == kUndated ? std::nullopt : std::optional<std::string>(format_timestamp(ev.ts)));
    w.key("node");
    w.value(ev.node);
    w.key("kind");
    w.value(event_kind_name(ev.kind));
    w.key("level");
    w.value(level_name(ev.level));
    w.key("tenant");
    w.id_or_null(ev.group.tenant);
    w.key("ls");
    w.id_or_null(ev.group.ls);
    if (ev.group.table >= 0) {
      w.key("table");
      w.value(ev.group.table);
      w.key("partition");
      w.value(ev.group.partition);
    }
    w.key("file");
    w.value(ev.file_id < scan.files.size() ? scan.files[ev.file_id].path : "");
    w.key("line");
    w.value(ev.line);
    w.key("fields");
    w.begin_object();
    for (const auto& [attr, value] : ev.attrs) {
      w.key(attr_name(attr));
      w.value(value);
    }
    w.end_object();
    w.key("text");
    w.value(ev.text);
    if (ev.folded > 0) {
      w.key("folded");
      w.value(static_cast<std::uint64_t>(ev.folded));
      w.key("folded_since");
      w.value(format_timestamp(tl.covered_from(i)));
      if (!ev.folded_at.empty()) {
        w.key("folded_at");  // corrected, as "time"
        w.begin_array();
        const std::vector<LocalMicros> at = tl.all_times(i);
        for (std::size_t k = 0; k + 1 < at.size(); ++k) w.value(format_timestamp(at[k]));  // the last is its own
        w.end_array();
      }
    }
    w.end_object();
    const std::string line = w.take();
    std::fwrite(line.data(), 1, line.size(), out);
  }
}

}  // namespace paxray
