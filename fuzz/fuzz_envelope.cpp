// libFuzzer target: the envelope layer on arbitrary text. Checks what the
// walker relies on: peeling only ever cuts a prefix, a vote never counts more
// lines than there are, and demultiplexing keeps every line exactly once
// (no line lost or invented, output no larger than the input).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "paxray/parsers/envelope.h"
#include "paxray/parsers/line_cursor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 200000) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::size_t lines = 0;
  paxray::LineCursor cursor(text);
  for (std::string_view line; cursor.next(line);) {
    const paxray::PeeledLine p = paxray::peel_record_line(line);
    // The record is a suffix of the line, the prefix what precedes it.
    if (p.record.size() > line.size() || line.substr(line.size() - p.record.size()) != p.record) __builtin_trap();
    if (p.kind != paxray::EnvelopeKind::kNone && p.prefix.size() + p.record.size() != line.size()) __builtin_trap();
    ++lines;
  }
  const paxray::EnvelopeVote v = paxray::vote_envelope(text);
  if (v.clean + v.wrapped > lines) __builtin_trap();
  std::size_t out_lines = 0, out_bytes = 0;
  for (const auto& s : paxray::demux_envelopes(text)) {
    out_lines += s.lines;
    out_bytes += s.text.size();
  }
  if (out_lines != lines || out_bytes > text.size() + lines) __builtin_trap();
  return 0;
}
