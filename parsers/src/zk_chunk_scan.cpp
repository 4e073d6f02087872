// scan_chunk for ZooKeeper logs (LineFormat::kZooKeeper). Same bookkeeping as
// the OceanBase loop in chunk_scan.cpp, plus one thing OceanBase does not
// need: some facts only appear in a stack trace line under the record
// ("java.lang.InterruptedException: Timeout while waiting for epoch ...",
// "java.lang.Exception: shutdown Leader! reason: ..."), so continuation lines
// are matched too, dated and attributed by the record above them.
#include "chunk_lines.h"
#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/zk_events.h"

namespace paxray {

void scan_zk_chunk(std::string_view chunk, const ScanWindow& window, ChunkStats& out, bool extract_events);

namespace {

// A stack-trace line that carries an event: the exception's message is
// matched as if the record above had printed it.
bool continuation_event(const ZkLine& record, std::string_view text, Event& ev) {
  const std::size_t colon = text.find(": ");
  if (colon == std::string_view::npos || text.find("Exception") > colon) return false;
  ZkLine as_message = record;
  as_message.message = text.substr(colon + 2);
  if (!extract_zk_event(as_message, text, ev)) return false;
  return ev.kind == EventKind::zk_quorum_timeout || ev.kind == EventKind::zk_leader_shutdown || ev.kind == EventKind::zk_disk_full;
}

}  // namespace

void scan_zk_chunk(std::string_view chunk, const ScanWindow& window, ChunkStats& out, bool extract_events) {
  chunk::Lines lines(chunk);
  bool in_record = false;
  bool record_in_window = false;
  ZkLine line;
  ZkLine record;  // the last record parsed in this chunk
  Event event;
  std::string_view text;
  std::uint64_t this_index = 0;
  // A follower's "Exception when following the leader" names what happened
  // only on the next line (java.io.EOFException: the leader's process closed
  // the connection; java.net.SocketTimeoutException: it stopped answering).
  std::size_t awaiting_exception = static_cast<std::size_t>(-1);
  while (lines.next(text, this_index)) {
    if (lines.binary(out, text, this_index)) continue;
    if (!is_zk_record_start(text)) {
      chunk::continuation(out, in_record, this_index, text);
      std::string_view trimmed = text;
      while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) trimmed.remove_prefix(1);
      if (awaiting_exception < out.events.size()) {
        if (trimmed.find("Exception") != std::string_view::npos || trimmed.find("Error") != std::string_view::npos) {
          out.events[awaiting_exception].set(Attr::kReason, trimmed.substr(0, 200));
        }
        awaiting_exception = static_cast<std::size_t>(-1);
      }
      if (in_record && extract_events && record_in_window && continuation_event(record, trimmed, event)) {
        event.line = this_index;
        out.events.push_back(std::move(event));
      }
      continue;
    }
    in_record = true;
    record_in_window = false;
    awaiting_exception = static_cast<std::size_t>(-1);
    out.saw_record_start = true;
    const LineError err = parse_zk_line(text, line);
    if (err != LineError::kNone) {
      chunk::unparsed_record(out, this_index, err, text);
      continue;
    }
    if (!chunk::count_record(out, window, line.ts, line.level)) continue;
    record = line;
    record_in_window = true;
    if (extract_events && extract_zk_event(line, text, event)) {
      event.line = this_index;
      if (event.kind == EventKind::zk_follower_exception && line.message.rfind("Exception when following", 0) == 0) {
        awaiting_exception = out.events.size();
      }
      out.events.push_back(std::move(event));
    }
  }
  out.lines += lines.count();
}

}  // namespace paxray
