// libFuzzer target: ZooKeeper lines (every layout), their events, and a
// chunk of them with stack-trace continuations, on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/zk_events.h"
#include "paxray/parsers/zk_line.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 70000) return 0;  // see fuzz_ob_line.cpp
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  paxray::ZkLine z;
  if (paxray::parse_zk_line(text, z) == paxray::LineError::kNone) {
    // Views must point into the input.
    for (std::string_view v : {z.thread, z.logger, z.message}) {
      if (!v.empty() && (v.data() < text.data() || v.data() + v.size() > text.data() + text.size())) __builtin_trap();
    }
    paxray::Event ev;
    (void)paxray::extract_zk_event(z, text, ev);
  }
  (void)paxray::single_zk_myid(text);
  paxray::ChunkStats stats;
  paxray::scan_chunk(text, paxray::LineFormat::kZooKeeper, {}, stats, true);
  if (stats.records + stats.filtered > stats.lines) __builtin_trap();
  return 0;
}
