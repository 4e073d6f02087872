// LineChunker invariants at tiny and ordinary chunk sizes (ripgrep tests its
// line buffer at capacities 0 and 1 for the same reason).
#include <gtest/gtest.h>

#include <random>

#include "paxray/parsers/line_chunker.h"
#include "test_util.h"

namespace paxray {
namespace {

std::vector<std::string> chunks_of(const std::string& data, std::size_t chunk, std::size_t max_line,
                                   std::size_t max_read) {
  testing::MemoryStream in(data, max_read);
  LineChunker chunker(in, chunk, max_line);
  std::vector<std::string> out;
  ChunkBuffer buf;
  while (chunker.next(buf)) out.emplace_back(buf.view());
  return out;
}

TEST(LineChunker, ChunksEndOnNewlinesAndConcatenateBack) {
  std::mt19937_64 rng(1);
  std::string data;
  for (int i = 0; i < 300; ++i) data += std::string(rng() % 40, 'a' + static_cast<char>(i % 26)) + "\n";
  data += "last line without newline";
  for (std::size_t chunk : {1u, 7u, 64u, 1000u, 1u << 20}) {
    for (std::size_t max_read : {1u, 5u, 4096u}) {
      const auto chunks = chunks_of(data, chunk, 1 << 20, max_read);
      std::string joined;
      for (std::size_t i = 0; i < chunks.size(); ++i) {
        ASSERT_FALSE(chunks[i].empty());
        if (i + 1 < chunks.size()) {
          ASSERT_EQ(chunks[i].back(), '\n') << "chunk " << chunk;
        }
        joined += chunks[i];
      }
      EXPECT_EQ(joined, data) << "chunk=" << chunk << " read=" << max_read;
    }
  }
}

TEST(LineChunker, EmptyInputGivesNoChunk) { EXPECT_TRUE(chunks_of("", 7, 100, 3).empty()); }

TEST(LineChunker, OverlongLineIsCutAndTheRestKept) {
  const std::string data = "short\n" + std::string(5000, 'x') + "\nafter\n";
  testing::MemoryStream in(data, 333);
  LineChunker chunker(in, 16, 1000);
  ChunkBuffer buf;
  std::string joined;
  std::size_t biggest = 0;
  while (chunker.next(buf)) {
    joined += buf.view();
    biggest = std::max(biggest, buf.size());
  }
  EXPECT_EQ(chunker.cut_lines(), 1u);
  EXPECT_EQ(chunker.dropped_bytes(), 4000u);
  EXPECT_LE(biggest, 1000u);
  EXPECT_EQ(joined, "short\n" + std::string(1000, 'x') + "after\n");
  EXPECT_EQ(chunker.offset(), data.size());
}

}  // namespace
}  // namespace paxray
