// libFuzzer target: the OceanBase line parsers, the body scanner and event
// extraction on one line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ob_line_agreement.h"
#include "paxray/parsers/kv.h"
#include "paxray/parsers/ob_events.h"
#include "paxray/parsers/ob_line.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Records are at most 64 KiB in OceanBase (MAX_LOG_SIZE); larger inputs only
  // cost time in the quadratic-bounded kv lookahead without finding new paths.
  if (size > 70000) return 0;
  // An exact-size heap copy, so any read past the end is caught by ASan.
  const std::string text(reinterpret_cast<const char*>(data), size);
  // The one-pass reading of the 4.x layout must agree with the general parser.
  if (!paxray::testing::ob_line_disagreement(text).empty()) __builtin_trap();
  paxray::ObLine line;
  const paxray::LineError err = paxray::parse_ob_line(text, line);
  if (err == paxray::LineError::kNone) {
    paxray::Event event;
    // The scan's cheap test may say yes in vain, never no to an event.
    if (paxray::extract_ob_event(line, text, event) && !paxray::may_be_ob_event(line)) __builtin_trap();
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
