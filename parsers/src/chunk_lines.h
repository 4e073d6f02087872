// What every format's chunk loop does the same way (chunk_scan.cpp for
// OceanBase, zk_chunk_scan.cpp for ZooKeeper): walk lines without copying,
// drop '\r', set binary lines aside, and count continuation lines.
#pragma once

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "paxray/parsers/chunk_scan.h"

namespace paxray::chunk {

class Lines {
 public:
  explicit Lines(std::string_view chunk) noexcept
      : p_(chunk.data()), end_(chunk.data() + chunk.size()) {}

  /// The next line (without '\n' or a trailing '\r') and its 0-based index.
  bool next(std::string_view& text, std::uint64_t& index) noexcept {
    if (p_ >= end_) return false;
    const char* nl = static_cast<const char*>(std::memchr(p_, '\n', static_cast<std::size_t>(end_ - p_)));
    const char* line_end = nl != nullptr ? nl : end_;
    text = std::string_view(p_, static_cast<std::size_t>(line_end - p_));
    p_ = line_end + 1;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    index = count_++;
    return true;
  }
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  /// Counts and samples a line holding NUL bytes; true when it did. Each
  /// line is checked as it is split off, while it is in cache: a pass over
  /// the whole chunk first cost more (the chunk is larger than the caches).
  bool binary(ChunkStats& out, std::string_view text, std::uint64_t index) const {
    if (std::memchr(text.data(), '\0', text.size()) == nullptr) return false;
    ++out.unparsed[static_cast<std::size_t>(Unparsed::kBinary)];
    add_sample(out, index, Unparsed::kBinary, text);
    return true;
  }

  static void add_sample(ChunkStats& out, std::uint64_t index, Unparsed reason, std::string_view text) {
    if (out.samples.size() >= ChunkStats::kMaxSamples) return;
    out.samples.push_back({index, reason, std::string(text.substr(0, ChunkStats::kSampleBytes))});
  }

 private:
  const char* p_;
  const char* end_;
  std::uint64_t count_ = 0;
};

/// A line that starts no record: part of the record before it, or, before
/// any record in this chunk, left for the merge stage to attach.
inline void continuation(ChunkStats& out, bool in_record, std::uint64_t index, std::string_view text) {
  if (in_record) {
    ++out.continuation;
    return;
  }
  if (out.leading_continuation == 0) {
    out.leading_sample = UnparsedSample{index, Unparsed::kOrphanContinuation, std::string(text.substr(0, ChunkStats::kSampleBytes))};
  }
  ++out.leading_continuation;
}

/// A line that starts a record but does not parse: counted with its reason,
/// and kept as a sample while there is room.
inline void unparsed_record(ChunkStats& out, std::uint64_t index, LineError err, std::string_view text) {
  const Unparsed why = unparsed_from(err);
  ++out.unparsed[static_cast<std::size_t>(why)];
  Lines::add_sample(out, index, why, text);
}

/// A parsed record: inside the window it is counted (true), outside filtered.
inline bool count_record(ChunkStats& out, const ScanWindow& window, LocalMicros ts, Level level) {
  if (ts < window.since || ts > window.until) {
    ++out.filtered;
    return false;
  }
  ++out.records;
  ++out.by_level[static_cast<std::size_t>(level)];
  out.min_ts = std::min(out.min_ts, ts);
  out.max_ts = std::max(out.max_ts, ts);
  return true;
}

}  // namespace paxray::chunk
