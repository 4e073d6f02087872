// libFuzzer target: query-result dumps in every form, their events, the
// isolation advisor's reading of them, and clockdiff output.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "paxray/parsers/view_dump.h"
#include "paxray/replay/confirm/stop_replay.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Dumps are read whole (the scanner caps them at 64 MiB); a few hundred KiB
  // already exercise every path without slowing the fuzzer down.
  if (size > 300000) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)paxray::detect_dump_form(text);
  for (auto form : {paxray::DumpForm::kBoxed, paxray::DumpForm::kVertical, paxray::DumpForm::kTsv,
                    paxray::DumpForm::kCsv, paxray::DumpForm::kJson}) {
    std::string error;
    const auto tables = paxray::parse_view_dump(text, form, error);
    for (const auto& table : tables) {
      std::vector<paxray::Event> events;
      paxray::view_events(table, events);
    }
    // Prechecks only (no replay): every server found is tried as the target.
    const auto state = paxray::isolation::cluster_state_from_tables(tables);
    for (std::size_t i = 0; i < state.servers.size() && i < 4; ++i) {
      (void)paxray::replay::advise_isolation(state, {state.servers[i].addr}, 0);
    }
  }
  (void)paxray::parse_clockdiff(text);
  (void)paxray::parse_unpadded_timestamp(text);
  (void)paxray::isolation::parse_member_list(text);
  return 0;
}
