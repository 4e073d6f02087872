// PERF NOTES: the loop below is the whole per-line cost of `paxray scan`:
// memchr for the newline, a 6-byte record-start test, and parse_ob_line on
// the prefix. Lines are never copied. A chunk is checked for NUL bytes once,
// with memchr, so clean chunks pay no per-line binary test. Figures measured
// on this loop are in docs/PERFORMANCE.md.
#include "paxray/parsers/chunk_scan.h"

#include <cstring>

#include "chunk_lines.h"
#include "paxray/parsers/ob_events.h"

namespace paxray {
namespace {

constexpr std::int64_t kSlowLoggingUs = 100'000;

}  // namespace

std::string_view unparsed_name(Unparsed u) noexcept {
  static constexpr std::array<std::string_view, kUnparsedCount> kNames{
      "continuation line without a record", "invalid timestamp",      "unknown level",
      "no source location",                 "malformed thread/trace block", "malformed alert.log fields",
      "binary data (NUL bytes)"};
  return kNames[static_cast<std::size_t>(u)];
}

Unparsed unparsed_from(LineError e) noexcept {
  switch (e) {
    case LineError::kBadTimestamp: return Unparsed::kBadTimestamp;
    case LineError::kBadLevel: return Unparsed::kBadLevel;
    case LineError::kBadLocation: return Unparsed::kBadLocation;
    case LineError::kBadThreadBlock: return Unparsed::kBadThreadBlock;
    case LineError::kBadAlertFields: return Unparsed::kBadAlertFields;
    case LineError::kNone:
    case LineError::kNotRecordStart: break;
  }
  return Unparsed::kOrphanContinuation;
}

void ChunkStats::reset() { *this = ChunkStats{}; }

void scan_zk_chunk(std::string_view chunk, const ScanWindow& window, ChunkStats& out, bool extract_events);
void scan_oio_chunk(std::string_view chunk, const ScanWindow& window, ChunkStats& out, bool extract_events, int year);
void scan_etcd_chunk(std::string_view chunk, const ScanWindow& window, ChunkStats& out, bool extract_events);

void scan_chunk(std::string_view chunk, LineFormat format, const ScanWindow& window, ChunkStats& out,
                bool extract_events, int year) {
  if (format == LineFormat::kZooKeeper) {
    scan_zk_chunk(chunk, window, out, extract_events);
    return;
  }
  if (format == LineFormat::kOpenIO) {
    scan_oio_chunk(chunk, window, out, extract_events, year);
    return;
  }
  if (format == LineFormat::kEtcd) {
    scan_etcd_chunk(chunk, window, out, extract_events);
    return;
  }
  chunk::Lines lines(chunk);
  const bool alert = format == LineFormat::kObAlert;
  bool in_record = false;
  ObLine line;
  Event event;
  extract_events = extract_events && !alert;

  std::string_view text;
  std::string repaired;  // a record whose '[' was cut, given it back
  std::uint64_t this_index = 0;
  while (lines.next(text, this_index)) {
    if (lines.binary(out, text, this_index)) continue;
    const bool start = alert ? is_ob_alert_record_start(text) : is_ob_record_start(text);
    if (!start) {
      if (alert || !is_cut_ob_record_start(text)) {
        chunk::continuation(out, in_record, this_index, text);
        continue;
      }
      repaired.assign(1, '[').append(text);
      text = repaired;
    }
    in_record = true;
    out.saw_record_start = true;
    const LineError err = alert ? parse_ob_alert_line(text, line) : parse_ob_line(text, line);
    if (err != LineError::kNone) {
      const Unparsed why = unparsed_from(err);
      ++out.unparsed[static_cast<std::size_t>(why)];
      chunk::Lines::add_sample(out, this_index, why, text);
      continue;
    }
    if (line.layout == ObLayout::kFileHeader && !out.header) out.header = parse_file_header(line.body);
    if (!chunk::count_record(out, window, line.ts, line.level)) continue;
    if (extract_events && extract_ob_event(line, text, event)) {
      event.line = this_index;
      out.events.push_back(std::move(event));
    } else if (extract_events && line.lt >= kSlowLoggingUs) {
      // [lt=] is how long this thread took to write its previous record: a
      // starved logger is a load signal (rules: high_load).
      event = Event{};
      event.kind = EventKind::slow_logging;
      event.level = line.level;
      event.ts = line.ts;
      event.line = this_index;
      event.text = std::string(text.substr(0, Event::kMaxEvidence));
      event.set(Attr::kCostUs, std::to_string(line.lt));
      out.events.push_back(std::move(event));
    }
  }
  out.lines += lines.count();
}

}  // namespace paxray
