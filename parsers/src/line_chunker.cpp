#include "paxray/parsers/line_chunker.h"

#include <cstring>

namespace paxray {

void ChunkBuffer::own() {
  if (ext_ == nullptr) return;
  const char* from = ext_;
  const std::size_t n = size_;
  ext_ = nullptr;  // reserve() copies what data_ holds: make room first, then copy the view in
  size_ = 0;
  reserve(n);
  if (n > 0) std::memcpy(data_.get(), from, n);
  size_ = n;
  owner_.reset();
}

void ChunkBuffer::reserve(std::size_t n) {
  own();
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

// A mapped stream: chunks cut as reading cuts them (next() below), as views
// of the mapping: the window grows as reading fills its buffer, a chunk ends
// at the window's last newline, a line longer than max_line is cut and the
// rest of it dropped. (Where a chunk ends may differ from reading after a long
// line, as it may with another chunk size: a scan's result does not depend on it.)
bool LineChunker::next_mapped(ChunkBuffer& out) {
  const std::string_view all = mapped_.bytes;
  if (pos_ >= all.size()) return false;
  const char* base = all.data() + pos_;
  const std::size_t rest = all.size() - pos_;
  std::size_t size = std::min(rest, chunk_bytes_);
  std::size_t scanned = 0;
  auto hand_out = [&](std::size_t n, std::size_t used) {
    const std::string_view part = all.substr(pos_, n);
    out.set_view(ByteStream::hold_mapped(mapped_, part), part);
    pos_ += used;
    offset_ += used;
    in_.skip(used);
    return true;
  };
  for (;;) {
    if (const void* nl = ::memrchr(base + scanned, '\n', size - scanned)) {
      const std::size_t n = static_cast<std::size_t>(static_cast<const char*>(nl) - base) + 1;
      return hand_out(n, n);
    }
    if (size == rest) return hand_out(size, size);  // the last line, without a newline
    if (size >= max_line_) {  // one line longer than we hand out: cut, the rest of it dropped
      const void* nl = ::memchr(base + size, '\n', rest - size);
      const std::size_t line_end = nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) : rest;
      ++cut_lines_;
      dropped_bytes_ += line_end - max_line_;
      return hand_out(max_line_, line_end + (nl != nullptr ? 1 : 0));
    }
    scanned = size;
    size = std::min(rest, size + std::min(std::max(size, chunk_bytes_), max_line_ + 1 - size));
  }
}

bool LineChunker::next(ChunkBuffer& out) {
  out.clear();
  if (mapped_.bytes.data() != nullptr) return next_mapped(out);
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
