// LineChunker invariants at tiny and ordinary chunk sizes (ripgrep tests its
// line buffer at capacities 0 and 1 for the same reason).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <unistd.h>

#include <cstdlib>
#include <memory>
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

// 300 lines of random lengths, the last one without a newline.
std::string random_lines(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string data;
  for (int i = 0; i < 300; ++i) data += std::string(rng() % 40, 'a' + static_cast<char>(i % 26)) + "\n";
  return data + "last line without newline";
}

// Each chunk but the last ends on a newline, none is empty, and together they are `data`.
void expect_lines_back(const std::vector<std::string>& chunks, const std::string& data, const std::string& label) {
  std::string joined;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    ASSERT_FALSE(chunks[i].empty()) << label;
    if (i + 1 < chunks.size()) {
      ASSERT_EQ(chunks[i].back(), '\n') << label;
    }
    joined += chunks[i];
  }
  EXPECT_EQ(joined, data) << label;
}

TEST(LineChunker, ChunksEndOnNewlinesAndConcatenateBack) {
  const std::string data = random_lines(1);
  for (std::size_t chunk : {1u, 7u, 64u, 1000u, 1u << 20}) {
    for (std::size_t max_read : {1u, 5u, 4096u}) {
      expect_lines_back(chunks_of(data, chunk, 1 << 20, max_read), data, fmt::format("chunk={} read={}", chunk, max_read));
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

// A mapped file gives the same bytes in the same kind of chunks, as views of
// the mapping: each ends on a newline, an overlong line is cut the same way,
// and the views stay valid after the stream is gone.
std::vector<std::string> mapped_chunks_of(const std::string& data, std::size_t chunk, std::size_t max_line,
                                          std::uint64_t* cut = nullptr, std::uint64_t* dropped = nullptr,
                                          std::uint64_t* offset = nullptr) {
  testing::TempDir dir;
  const auto path = dir.write("mapped.log", data);
  std::string err;
  std::vector<ChunkBuffer> bufs;
  {
    auto in = open_mapped_file(path.string(), err);
    EXPECT_NE(in, nullptr) << err;
    if (in == nullptr) return {};
    EXPECT_FALSE(in->mapped().bytes.empty());
    LineChunker chunker(*in, chunk, max_line);
    for (ChunkBuffer buf; chunker.next(buf);) bufs.push_back(std::move(buf));
    EXPECT_TRUE(chunker.at_end());
    if (cut != nullptr) *cut = chunker.cut_lines();
    if (dropped != nullptr) *dropped = chunker.dropped_bytes();
    if (offset != nullptr) *offset = chunker.offset();
  }
  std::vector<std::string> out;
  for (const auto& b : bufs) out.emplace_back(b.view());
  return out;
}

TEST(LineChunker, AMappedFileChunksLikeAReadOne) {
  const std::string data = random_lines(2);
  for (std::size_t chunk : {1u, 7u, 64u, 1000u, 1u << 20}) {
    expect_lines_back(mapped_chunks_of(data, chunk, 1 << 20), data, fmt::format("mapped chunk={}", chunk));
  }
  const std::string overlong = "short\n" + std::string(5000, 'x') + "\nafter\n";
  std::uint64_t cut = 0, dropped = 0, offset = 0;
  std::string joined;
  for (const auto& c : mapped_chunks_of(overlong, 16, 1000, &cut, &dropped, &offset)) {
    EXPECT_LE(c.size(), 1000u);
    joined += c;
  }
  EXPECT_EQ(cut, 1u);
  EXPECT_EQ(dropped, 4000u);
  EXPECT_EQ(joined, "short\n" + std::string(1000, 'x') + "after\n");
  EXPECT_EQ(offset, overlong.size());
}

// A view written to becomes owned bytes; the mapping (read-only) is never touched.
TEST(LineChunker, WritingToAViewCopiesIt) {
  auto owner = std::make_shared<const std::string>("abc\ndef\n");
  ChunkBuffer b;
  b.set_view(owner, *owner);
  b.resize(4);  // shrinking keeps the view
  EXPECT_EQ(b.view(), "abc\n");
  b.data()[0] = 'X';
  EXPECT_EQ(b.view(), "Xbc\n");
  EXPECT_EQ(*owner, "abc\ndef\n");
  b.resize(6);
  EXPECT_EQ(b.view().substr(0, 4), "Xbc\n");
}

// A mapped file truncated while its chunks are read ends the run with a
// message and exit status 4 (SIGBUS), not a crash.
TEST(LineChunkerDeathTest, ATruncatedMappedFileEndsTheRunWithAMessage) {
  testing::TempDir dir;
  const auto path = dir.write("live.log", std::string(1 << 20, 'x') + "\n");
  EXPECT_EXIT(
      {
        std::string err;
        auto in = open_mapped_file(path.string(), err);
        if (in == nullptr) std::_Exit(1);
        const std::string_view bytes = in->mapped().bytes;
        if (::truncate(path.c_str(), 0) != 0) std::_Exit(1);
        volatile char sink = 0;
        for (std::size_t i = 0; i < bytes.size(); i += 4096) sink = static_cast<char>(sink + bytes[i]);
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(4), "shrank while it was being read");
}

}  // namespace
}  // namespace paxray
