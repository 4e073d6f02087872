// libFuzzer target: the OceanBase line parsers, the body scanner and event
// extraction on one line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "paxray/parsers/kv.h"
#include "paxray/parsers/ob_events.h"
#include "paxray/parsers/ob_line.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Records are at most 64 KiB in OceanBase (MAX_LOG_SIZE); larger inputs only
  // cost time in the quadratic-bounded kv lookahead without finding new paths.
  if (size > 70000) return 0;
  // An exact-size heap copy, so any read past the end is caught by ASan.
  const std::string text(reinterpret_cast<const char*>(data), size);
  paxray::ObLine line;
  const paxray::LineError err = paxray::parse_ob_line(text, line);
  // The one-pass reading of the 4.x layout must agree with the general parser.
  paxray::ObLine general;
  if (paxray::detail::parse_ob_line_general(text, general) != err) __builtin_trap();
  if (err == paxray::LineError::kNone) {
    auto same = [](std::string_view a, std::string_view b) { return a.data() == b.data() && a.size() == b.size(); };
    if (line.ts != general.ts || line.level != general.level || line.layout != general.layout || !same(line.module, general.module) ||
        !same(line.function, general.function) || !same(line.file, general.file) || line.src_line != general.src_line ||
        line.tid != general.tid || !same(line.thread, general.thread) || line.cluster != general.cluster ||
        line.tenant != general.tenant || !same(line.trace_id, general.trace_id) ||
        line.lt != general.lt || line.dc != general.dc || line.has_errcode != general.has_errcode ||
        line.errcode != general.errcode || !same(line.body, general.body) || !same(line.backtrace, general.backtrace)) {
      __builtin_trap();
    }
  }
  if (err == paxray::LineError::kNone) {
    paxray::Event event;
    (void)paxray::extract_ob_event(line, text, event);
    paxray::KvTree tree(paxray::split_body(line.body).args);
    (void)tree.get_any("*this.lease.owner|ls_id|a.b.c");
    const paxray::BodyParts parts = paxray::split_body(line.body);
    paxray::KvScanner kv(parts.args);
    for (paxray::KeyValue item; kv.next(item);) {
      paxray::KvScanner nested(paxray::strip_braces(item.value), ':');
      for (paxray::KeyValue inner; nested.next(inner);) {
      }
    }
  }
  (void)paxray::parse_ob_alert_line(text, line);
  return 0;
}
