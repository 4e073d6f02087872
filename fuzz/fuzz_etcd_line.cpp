// libFuzzer target: etcd lines (zap JSON, capnslog, raft's own, behind any
// wrapper), their events, the member a head names, and a chunk of them, on
// arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/etcd.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 70000) return 0;  // see fuzz_ob_line.cpp
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  paxray::EtcdLine line;
  if (paxray::parse_etcd_line(text, line) == paxray::LineError::kNone) {
    paxray::Event ev;
    (void)paxray::extract_etcd_event(line, text, ev);
  }
  (void)paxray::single_etcd_member(text);
  (void)paxray::etcd_id_from_decimal(text.substr(0, 24));
  paxray::ChunkStats stats;
  paxray::scan_chunk(text, paxray::LineFormat::kEtcd, {}, stats, true);
  if (stats.records + stats.filtered > stats.lines) __builtin_trap();
  return 0;
}
