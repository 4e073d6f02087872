// PERF NOTES: the loop below is the whole per-line cost of `paxray scan`:
// one pass for the newline and any NUL byte (chunk_lines.h), a 6-byte
// record-start test, and parse_ob_line on the prefix. Lines are never copied.
// Figures measured on this loop are in docs/PERFORMANCE.md.
#include "paxray/parsers/chunk_scan.h"

#include <algorithm>
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

void ErrorCodes::add(std::int32_t code, LocalMicros first, LocalMicros last, std::uint64_t count) {
  auto it = std::find_if(codes.begin(), codes.end(), [&](const ErrorCodeCount& c) { return c.code == code; });
  if (it == codes.end()) {
    // The last place is kept for the rest, counted together under 0.
    if (code != 0 && codes.size() + 1 >= kMaxErrorCodes) return add(0, first, last, count);
    codes.push_back({code, 0});
    it = codes.end() - 1;
  }
  it->count += count;
  it->first = std::min(it->first, first);
  it->last = std::max(it->last, last);
}

void ErrorCodes::add(const ErrorCodes& o) {
  for (const ErrorCodeCount& c : o.codes) add(c.code, c.first, c.last, c.count);
}

std::optional<std::int32_t> ob_error_code(const ObLine& line) noexcept {
  if (line.has_errcode) return line.errcode;
  const std::size_t at = line.body.find("ret=-");
  if (at == std::string_view::npos || (at > 0 && line.body[at - 1] != ' ' && line.body[at - 1] != '(' && line.body[at - 1] != ',')) {
    return std::nullopt;
  }
  std::int32_t v = 0;
  std::size_t i = at + 5;
  for (; i < line.body.size() && i < at + 11 && static_cast<unsigned char>(line.body[i] - '0') < 10; ++i) v = v * 10 + (line.body[i] - '0');
  if (i == at + 5) return std::nullopt;
  return -v;
}

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
      chunk::unparsed_record(out, this_index, err, text);
      continue;
    }
    if (line.layout == ObLayout::kFileHeader && !out.header) out.header = parse_file_header(line.body);
    if (!chunk::count_record(out, window, line.ts, line.level)) continue;
    if (line.level == Level::kError || line.level == Level::kWarn || line.level == Level::kEdiag || line.level == Level::kWdiag) {
      if (const auto code = ob_error_code(line)) out.errors.add(*code, line.ts, line.ts);
    }
    if (extract_events && may_be_ob_event(line) && extract_ob_event(line, text, event)) {
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
