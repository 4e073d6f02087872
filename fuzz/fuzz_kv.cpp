// libFuzzer target: the key/value scanner on arbitrary text, both separators.
#include <cstddef>
#include <cstdint>
#include <string>

#include "paxray/parsers/kv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 70000) return 0;  // see fuzz_ob_line.cpp
  const std::string text(reinterpret_cast<const char*>(data), size);
  const paxray::BodyParts parts = paxray::split_body(text);
  for (char sep : {'=', ':'}) {
    paxray::KvScanner kv(parts.args, sep);
    std::size_t n = 0;
    for (paxray::KeyValue item; kv.next(item);) {
      // Each pair consumes at least one byte: the scan must terminate.
      if (++n > text.size() + 1) __builtin_trap();
    }
    (void)paxray::find_value(text, "ret", sep);
  }
  return 0;
}
