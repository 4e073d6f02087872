// scan_chunk for OpenIO syslog files (LineFormat::kOpenIO): the same
// bookkeeping as the other formats (chunk_lines.h); election messages become
// events (parsers/oio.h).
#include "chunk_lines.h"
#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/oio.h"

namespace paxray {

void scan_oio_chunk(std::string_view chunk, const ScanWindow& window, ChunkStats& out, bool extract_events, int year) {
  chunk::Lines lines(chunk);
  bool in_record = false;
  OioLine line;
  Event event;
  std::string_view text;
  std::uint64_t index = 0;
  while (lines.next(text, index)) {
    if (lines.binary(out, text, index)) continue;
    if (!is_oio_record_start(text)) {
      chunk::continuation(out, in_record, index, text);
      continue;
    }
    in_record = true;
    out.saw_record_start = true;
    const LineError err = parse_oio_line(text, year, line);
    if (err != LineError::kNone) {
      chunk::unparsed_record(out, index, err, text);
      continue;
    }
    if (!chunk::count_record(out, window, line.ts, line.level)) continue;
    if (extract_events && extract_oio_event(line, text, event)) {
      event.line = index;
      out.events.push_back(std::move(event));
    }
  }
  out.lines += lines.count();
}

}  // namespace paxray
