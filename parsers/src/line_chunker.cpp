#include "paxray/parsers/line_chunker.h"

#include <cstring>

namespace paxray {

void ChunkBuffer::reserve(std::size_t n) {
  if (n <= cap_) return;
  std::size_t cap = cap_ == 0 ? 4096 : cap_;
  while (cap < n) cap *= 2;
  std::unique_ptr<char[]> grown(new char[cap]);
  if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
  data_ = std::move(grown);
  cap_ = cap;
}

// Appends up to `want` bytes from the stream; returns how many were added.
std::size_t LineChunker::fill(ChunkBuffer& out, std::size_t want) {
  const std::size_t start = out.size();
  out.reserve(start + want);
  std::size_t have = start;
  while (have < start + want && !eof_) {
    const std::size_t got = in_.read(out.data() + have, start + want - have);
    if (got == 0) {
      eof_ = true;
      break;
    }
    have += got;
  }
  out.resize(have);
  return have - start;
}

void LineChunker::skip_rest_of_line() {
  char scratch[64 * 1024];
  while (!eof_) {
    const std::size_t got = in_.read(scratch, sizeof scratch);
    if (got == 0) {
      eof_ = true;
      return;
    }
    const void* nl = std::memchr(scratch, '\n', got);
    if (nl != nullptr) {
      const std::size_t used = static_cast<std::size_t>(static_cast<const char*>(nl) - scratch) + 1;
      dropped_bytes_ += used - 1;
      offset_ += used;
      carry_.resize(got - used);
      std::memcpy(carry_.data(), scratch + used, got - used);
      return;
    }
    dropped_bytes_ += got;
    offset_ += got;
  }
}

bool LineChunker::next(ChunkBuffer& out) {
  out.clear();
  if (carry_.size() > 0) {
    out.resize(carry_.size());
    std::memcpy(out.data(), carry_.data(), carry_.size());
    carry_.clear();
  }
  std::size_t scanned = 0;  // bytes of `out` already known to hold no '\n'
  if (out.size() < chunk_bytes_) fill(out, chunk_bytes_ - out.size());
  for (;;) {
    const char* base = out.data();
    const void* nl = nullptr;
    // Find the last newline: scan backwards from the end of the new data.
    for (std::size_t i = out.size(); i > scanned; --i) {
      if (base[i - 1] == '\n') {
        nl = base + i - 1;
        break;
      }
    }
    if (nl != nullptr) {
      const std::size_t keep = static_cast<std::size_t>(static_cast<const char*>(nl) - base) + 1;
      carry_.resize(out.size() - keep);
      if (carry_.size() > 0) std::memcpy(carry_.data(), base + keep, carry_.size());
      out.resize(keep);
      offset_ += keep;
      return true;
    }
    if (eof_) {  // final line without a trailing newline (or nothing at all)
      offset_ += out.size();
      return out.size() > 0;
    }
    if (out.size() >= max_line_) {  // one line longer than we will hold
      ++cut_lines_;
      dropped_bytes_ += out.size() - max_line_;
      offset_ += out.size();
      out.resize(max_line_);
      skip_rest_of_line();
      return true;
    }
    scanned = out.size();
    fill(out, std::min(std::max(out.size(), chunk_bytes_), max_line_ + 1 - out.size()));
  }
}

}  // namespace paxray
