// libFuzzer target: the extract reader on arbitrary lines (an extract comes
// from another machine; it is input like any log).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "paxray/engine/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 70000) return 0;  // see fuzz_ob_line.cpp
  std::string_view text(reinterpret_cast<const char*>(data), size);
  paxray::ExtractReader reader;
  // Start with a valid header so the record readers are reached.
  (void)reader.feed(R"({"record":"paxray.extract","version":1})");
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    (void)reader.feed(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  // Whatever was accepted refers only to files the extract listed.
  const auto& part = reader.part();
  for (const auto& e : part.events) {
    if (e.file_id >= part.files.size()) __builtin_trap();
    if (!e.folded_at.empty() && e.folded_at.size() != e.folded) __builtin_trap();  // each folded request's time, or none
  }
  for (const auto& t : part.tables) {
    if (t.file_id >= part.files.size() || t.row_lines.size() != t.rows.size()) __builtin_trap();
  }
  return 0;
}
