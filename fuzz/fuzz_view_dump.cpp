// libFuzzer target: query-result dumps in every form, their events, and
// clockdiff output.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "paxray/parsers/view_dump.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Dumps are read whole (the scanner caps them at 64 MiB); a few hundred KiB
  // already exercise every path without slowing the fuzzer down.
  if (size > 300000) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)paxray::detect_dump_form(text);
  for (auto form : {paxray::DumpForm::kBoxed, paxray::DumpForm::kVertical, paxray::DumpForm::kTsv,
                    paxray::DumpForm::kCsv, paxray::DumpForm::kJson}) {
    std::string error;
    for (const auto& table : paxray::parse_view_dump(text, form, error)) {
      std::vector<paxray::Event> events;
      paxray::view_events(table, events);
    }
  }
  (void)paxray::parse_clockdiff(text);
  (void)paxray::parse_unpadded_timestamp(text);
  return 0;
}
