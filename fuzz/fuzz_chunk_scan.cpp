// libFuzzer differential target: scanning a buffer whole must give the same
// counts as cutting it with LineChunker at a small chunk size and attaching
// leading continuation lines to the previous chunk, as engine/ does.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/line_chunker.h"

namespace {

class Memory final : public paxray::ByteStream {
 public:
  explicit Memory(const std::string& s) : s_(s) {}
  std::size_t read(char* buf, std::size_t n) override {
    const std::size_t k = std::min(n, s_.size() - pos_);
    std::copy_n(s_.data() + pos_, k, buf);
    pos_ += k;
    return k;
  }
  std::uint64_t raw_bytes() const noexcept override { return pos_; }

 private:
  const std::string& s_;
  std::size_t pos_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 200000) return 0;
  static constexpr paxray::LineFormat kFormats[] = {paxray::LineFormat::kObText, paxray::LineFormat::kObAlert,
                                                     paxray::LineFormat::kZooKeeper};
  const auto format = kFormats[(data[0] >> 6) % 3];
  const std::size_t chunk = 1 + data[0] % 64;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

  paxray::ChunkStats whole;
  paxray::scan_chunk(text, format, {}, whole);

  Memory in(text);
  paxray::LineChunker chunker(in, chunk, 1 << 20);
  paxray::ChunkBuffer buf;
  std::uint64_t lines = 0, records = 0, continuation = 0, orphan = 0, unparsed = 0;
  bool has_record = false;
  while (chunker.next(buf)) {
    paxray::ChunkStats s;
    paxray::scan_chunk(buf.view(), format, {}, s);
    lines += s.lines;
    records += s.records;
    continuation += s.continuation;
    (has_record ? continuation : orphan) += s.leading_continuation;
    has_record = has_record || s.saw_record_start;
    for (auto n : s.unparsed) unparsed += n;
  }
  std::uint64_t whole_unparsed = 0;
  for (auto n : whole.unparsed) whole_unparsed += n;
  if (lines != whole.lines || records != whole.records || continuation != whole.continuation ||
      orphan != whole.leading_continuation || unparsed != whole_unparsed) {
    __builtin_trap();
  }
  return 0;
}
