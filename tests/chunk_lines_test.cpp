// The line splitter of every chunk loop (parsers/src/chunk_lines.h) has a
// baseline and wider versions chosen by the CPU at run time: each version
// this CPU has must split any bytes into the same lines, with the same NUL
// flags, as a plain reading does.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "../parsers/src/chunk_lines.h"

namespace paxray {
namespace {

struct Line {
  std::string text;
  bool nul = false;
  bool operator==(const Line&) const = default;
};

std::vector<Line> plain_reading(std::string_view chunk) {
  std::vector<Line> out;
  std::size_t from = 0;
  while (from < chunk.size()) {
    std::size_t nl = chunk.find('\n', from);
    if (nl == std::string_view::npos) nl = chunk.size();
    std::string_view text = chunk.substr(from, nl - from);
    const bool nul = text.find('\0') != std::string_view::npos;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    out.push_back({std::string(text), nul});
    from = nl + 1;
  }
  return out;
}

std::vector<Line> split(std::string_view chunk, chunk::Splitter splitter) {
  std::vector<Line> out;
  chunk::Lines lines(chunk, splitter);
  ChunkStats stats;
  std::string_view text;
  for (std::uint64_t index = 0; lines.next(text, index);) {
    out.push_back({std::string(text), lines.binary(stats, text, index)});
    EXPECT_EQ(index, out.size() - 1);
  }
  EXPECT_EQ(lines.count(), out.size());
  return out;
}

TEST(ChunkLines, EverySplitterThisCpuHasReadsLinesAsAPlainReadingDoes) {
  const chunk::Splitter all[] = {chunk::Splitter::kBaseline, chunk::Splitter::kAvx2, chunk::Splitter::kAvx512};
  ASSERT_TRUE(chunk::splitter_supported(chunk::fastest_splitter()));
  std::mt19937 rng(20261207);
  std::size_t tried = 0;
  for (int round = 0; round < 3000; ++round) {
    // Lines from empty to a few blocks long; newlines, NULs and '\r' at
    // every density, so each lands at every offset of a 64-byte block.
    const std::size_t size = rng() % (round < 2000 ? 300 : 9000);
    const auto newline_per_1k = static_cast<unsigned>(1 + rng() % 200), nul_per_1k = static_cast<unsigned>(rng() % 20);
    std::string chunk(size, 'x');  // exactly its size: ASan sees any read past the end
    for (char& c : chunk) {
      const auto r = static_cast<unsigned>(rng() % 1000);
      c = r < newline_per_1k ? '\n' : r < newline_per_1k + nul_per_1k ? '\0' : r % 97 == 0 ? '\r' : 'a';
    }
    const std::vector<Line> want = plain_reading(chunk);
    for (const chunk::Splitter s : all) {
      if (!chunk::splitter_supported(s)) continue;
      ASSERT_EQ(split(chunk, s), want) << "splitter " << static_cast<int>(s) << ", round " << round;
      ++tried;
    }
  }
  EXPECT_GE(tried, 3000u);
}

}  // namespace
}  // namespace paxray
