// PERF NOTES: the loop below is the whole per-line cost of `paxray scan`:
// memchr for the newline, a 6-byte record-start test, and parse_ob_line on
// the prefix. Lines are never copied. A chunk is checked for NUL bytes once,
// with memchr, so clean chunks pay no per-line binary test. Figures measured
// on this loop are in docs/PERFORMANCE.md.
#include "paxray/parsers/chunk_scan.h"

#include <cstring>

#include "paxray/parsers/ob_events.h"

namespace paxray {
namespace {

constexpr std::int64_t kSlowLoggingUs = 100'000;

void add_sample(ChunkStats& out, std::uint64_t line_index, Unparsed reason, std::string_view text) {
  if (out.samples.size() >= ChunkStats::kMaxSamples) return;
  out.samples.push_back({line_index, reason, std::string(text.substr(0, ChunkStats::kSampleBytes))});
}

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

void scan_chunk(std::string_view chunk, LineFormat format, const ScanWindow& window, ChunkStats& out,
                bool extract_events) {
  const char* p = chunk.data();
  const char* const end = p + chunk.size();
  const bool has_nul = !chunk.empty() && std::memchr(p, '\0', chunk.size()) != nullptr;
  const bool alert = format == LineFormat::kObAlert;
  bool in_record = false;
  std::uint64_t index = 0;
  ObLine line;
  Event event;
  extract_events = extract_events && !alert;

  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = nl != nullptr ? nl : end;
    std::string_view text(p, static_cast<std::size_t>(line_end - p));
    p = line_end + 1;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    const std::uint64_t this_index = index++;

    if (has_nul && std::memchr(text.data(), '\0', text.size()) != nullptr) {
      ++out.unparsed[static_cast<std::size_t>(Unparsed::kBinary)];
      add_sample(out, this_index, Unparsed::kBinary, text);
      continue;
    }
    const bool start = alert ? is_ob_alert_record_start(text) : is_ob_record_start(text);
    if (!start) {
      if (in_record) {
        ++out.continuation;
      } else {
        if (out.leading_continuation == 0) {
          out.leading_sample = UnparsedSample{this_index, Unparsed::kOrphanContinuation,
                                              std::string(text.substr(0, ChunkStats::kSampleBytes))};
        }
        ++out.leading_continuation;
      }
      continue;
    }
    in_record = true;
    out.saw_record_start = true;
    const LineError err = alert ? parse_ob_alert_line(text, line) : parse_ob_line(text, line);
    if (err != LineError::kNone) {
      const Unparsed why = unparsed_from(err);
      ++out.unparsed[static_cast<std::size_t>(why)];
      add_sample(out, this_index, why, text);
      continue;
    }
    if (line.layout == ObLayout::kFileHeader && !out.header) out.header = parse_file_header(line.body);
    if (line.ts < window.since || line.ts > window.until) {
      ++out.filtered;
      continue;
    }
    ++out.records;
    ++out.by_level[static_cast<std::size_t>(line.level)];
    out.min_ts = std::min(out.min_ts, line.ts);
    out.max_ts = std::max(out.max_ts, line.ts);
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
  out.lines += index;
}

}  // namespace paxray
