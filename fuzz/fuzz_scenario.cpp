// libFuzzer target: the replay scenario text an engineer edits
// (`paxray replay --scenario FILE`) on arbitrary bytes. Whatever parses must
// print back to the same scenario, and must run in the simulator.
#include <cstddef>
#include <cstdint>
#include <string>

#include "paxray/replay/sim/scenario.h"
#include "paxray/replay/sim/simulator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 20000) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto s = paxray::replay::parse_scenario(text, error);
  if (!s) {
    if (error.empty()) __builtin_trap();  // a refusal always says why
    return 0;
  }
  const std::string printed = paxray::replay::format_scenario(*s);
  const auto again = paxray::replay::parse_scenario(printed, error);
  if (!again || paxray::replay::format_scenario(*again) != printed) __builtin_trap();
  // Keep each run short: the bounds of the text allow a day, a fuzzer wants milliseconds.
  s->duration_us = std::min<std::int64_t>(s->duration_us, 30'000'000);
  if (s->faults.size() > 64) s->faults.resize(64);
  (void)paxray::replay::simulate(*s, 1);
  return 0;
}
