// libFuzzer target: OpenIO syslog lines and `openio election` outputs (boxed
// tables with wrapped JSON, proxy JSON, CLI JSON rows) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/oio.h"
#include "paxray/replay/core/oio_election.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 70000) return 0;  // see fuzz_ob_line.cpp
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  paxray::OioLine line;
  if (paxray::parse_oio_line(text, 2017, line) == paxray::LineError::kNone) {
    paxray::Event ev;
    (void)paxray::extract_oio_event(line, text, ev);
  }
  paxray::ChunkStats stats;
  paxray::scan_chunk(text, paxray::LineFormat::kOpenIO, {}, stats, true, 2017);
  (void)paxray::is_oio_election_output(text);
  std::string error;
  const auto peers = paxray::parse_oio_election(text, error);
  std::vector<paxray::Event> events;
  paxray::oio_election_events(peers, events);
  if (events.size() != peers.size()) __builtin_trap();
  for (const auto& e : events) {
    const auto history = paxray::oio_history(e);
    (void)paxray::replay::oio::validate_history(history);
    (void)paxray::replay::oio::replay_with_peers_answering(history, 3);
  }
  return 0;
}
