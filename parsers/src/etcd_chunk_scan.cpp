// scan_chunk for etcd logs (LineFormat::kEtcd): zap JSON, capnslog and raft's
// own lines, bare or wrapped, in any mix (a capnslog-mode server writes two
// of them). Lines that start no record (a Go panic's stack) continue the
// record above; a zap object cut short still counts as a record. raft's own
// lines in capnslog mode carry whole seconds only: one written in the same
// second as the record before it takes that record's time, so the two stay
// in the order they were written instead of the raft line jumping back to
// the start of its second.
#include "chunk_lines.h"
#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/etcd.h"

namespace paxray {

void scan_etcd_chunk(std::string_view chunk, const ScanWindow& window, ChunkStats& out, bool extract_events);

void scan_etcd_chunk(std::string_view chunk, const ScanWindow& window, ChunkStats& out, bool extract_events) {
  chunk::Lines lines(chunk);
  bool in_record = false;
  EtcdLine line;
  Event event;
  std::string_view text;
  std::uint64_t this_index = 0;
  LocalMicros last_ts = 0;
  while (lines.next(text, this_index)) {
    if (lines.binary(out, text, this_index)) continue;
    const LineError err = parse_etcd_line(text, line);
    if (err == LineError::kNotRecordStart) {
      chunk::continuation(out, in_record, this_index, text);
      continue;
    }
    in_record = true;
    out.saw_record_start = true;
    if (err != LineError::kNone) {
      chunk::unparsed_record(out, this_index, err, text);
      continue;
    }
    if (line.layout == EtcdLayout::kRaftStd && last_ts >= line.ts && last_ts < line.ts + 1'000'000) line.ts = last_ts;
    last_ts = line.ts;
    if (!chunk::count_record(out, window, line.ts, line.level)) continue;
    if (extract_events && extract_etcd_event(line, text, event)) {
      event.line = this_index;
      out.events.push_back(std::move(event));
    }
  }
  out.lines += lines.count();
}

}  // namespace paxray
