// Cuts a ByteStream into chunks that end on a line boundary.
//
//   LineChunker chunker(stream, 8 << 20, 64 << 20);
//   ChunkBuffer buf;
//   while (chunker.next(buf)) parse(buf.view());
//
// Invariants (checked by tests/line_chunker_test.cpp at chunk sizes 1, 7, ...):
// - every chunk ends with '\n', except the last one of the stream (the final
//   line without a trailing newline) and a chunk holding one cut line;
// - concatenating the chunks gives the input back, except for the bytes of a
//   line longer than `max_line`, which is cut at `max_line` and its remainder
//   dropped (counted in `dropped_bytes`), so memory stays bounded.
// - memory: one buffer of max(chunk_bytes, longest kept line) per chunk plus
//   the carried partial line; from a mapped stream (ByteStream::mapped), no
//   buffer at all: each chunk is a view of the mapping, which it keeps alive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "paxray/parsers/byte_stream.h"

namespace paxray {

/// A growable, uninitialised byte buffer (no zero-fill on growth).
class ChunkBuffer {
 public:
  [[nodiscard]] std::string_view view() const noexcept { return {ext_ != nullptr ? ext_ : data_.get(), size_}; }
  /// Writable bytes: a view of a mapping is copied into owned memory first.
  [[nodiscard]] char* data() {
    own();
    return data_.get();
  }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::size_t capacity() const noexcept { return cap_; }
  void reserve(std::size_t n);  ///< keeps contents
  /// Shrinking a view keeps it a view; growing makes the bytes owned.
  void resize(std::size_t n) {
    if (ext_ == nullptr || n > size_) reserve(n);
    size_ = n;
  }
  void clear() noexcept {
    size_ = 0;
    ext_ = nullptr;
    owner_.reset();
  }
  /// Holds `bytes` without copying them; `owner` keeps their memory alive.
  void set_view(std::shared_ptr<const void> owner, std::string_view bytes) noexcept {
    owner_ = std::move(owner);
    ext_ = bytes.data();
    size_ = bytes.size();
  }

 private:
  void own();
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t cap_ = 0;
  const char* ext_ = nullptr;          ///< a view's bytes (not owned)
  std::shared_ptr<const void> owner_;  ///< what keeps them alive
};

class LineChunker {
 public:
  LineChunker(ByteStream& in, std::size_t chunk_bytes, std::size_t max_line)
      : in_(in), mapped_(in.mapped()), chunk_bytes_(chunk_bytes == 0 ? 1 : chunk_bytes), max_line_(max_line == 0 ? 1 : max_line) {}

  /// Fills `out` with the next chunk; false when the stream is exhausted.
  [[nodiscard]] bool next(ChunkBuffer& out);

  /// Lines cut because they exceeded max_line, and the bytes dropped from them.
  [[nodiscard]] std::uint64_t cut_lines() const noexcept { return cut_lines_; }
  [[nodiscard]] std::uint64_t dropped_bytes() const noexcept { return dropped_bytes_; }
  /// True once the stream is exhausted and every byte was handed out.
  [[nodiscard]] bool at_end() const noexcept {
    return mapped_.bytes.data() != nullptr ? pos_ >= mapped_.bytes.size() : eof_ && carry_.size() == 0;
  }
  /// Offset in the decompressed stream of the first byte of the next chunk.
  [[nodiscard]] std::uint64_t offset() const noexcept { return offset_; }

 private:
  std::size_t fill(ChunkBuffer& out, std::size_t want);
  void skip_rest_of_line();

  bool next_mapped(ChunkBuffer& out);

  ByteStream& in_;
  ByteStream::Mapped mapped_;  ///< the whole stream, when it is in memory
  std::size_t pos_ = 0;        ///< next byte of `mapped_` to hand out
  std::size_t chunk_bytes_;
  std::size_t max_line_;
  ChunkBuffer carry_;
  bool eof_ = false;
  std::uint64_t cut_lines_ = 0;
  std::uint64_t dropped_bytes_ = 0;
  std::uint64_t offset_ = 0;
};

}  // namespace paxray
