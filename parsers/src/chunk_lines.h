// What every format's chunk loop does the same way (chunk_scan.cpp for
// OceanBase, zk_chunk_scan.cpp for ZooKeeper): walk lines without copying,
// drop '\r', set binary lines aside, and count continuation lines.
#pragma once

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <string_view>

#include "paxray/parsers/chunk_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define PAXRAY_WIDE_SPLITTERS 1
#endif

namespace paxray::chunk {

/// How lines are split: sixteen bytes per compare with SSE2 (every x86-64;
/// elsewhere memchr), thirty-two with AVX2, sixty-four with AVX-512BW. The
/// widest the CPU (and OS) supports is taken once at run time; each finds
/// the same lines (tests/chunk_lines_test.cpp).
enum class Splitter : std::uint8_t { kBaseline, kAvx2, kAvx512 };

[[nodiscard]] inline bool splitter_supported(Splitter s) noexcept {
#if defined(PAXRAY_WIDE_SPLITTERS)
  __builtin_cpu_init();  // also safe before main
  switch (s) {
    case Splitter::kBaseline: return true;
    case Splitter::kAvx2: return __builtin_cpu_supports("avx2");
    case Splitter::kAvx512: return __builtin_cpu_supports("avx512bw");
  }
  return false;
#else
  return s == Splitter::kBaseline;
#endif
}

[[nodiscard]] inline Splitter fastest_splitter() noexcept {
  static const Splitter best = splitter_supported(Splitter::kAvx512) ? Splitter::kAvx512
                               : splitter_supported(Splitter::kAvx2) ? Splitter::kAvx2
                                                                     : Splitter::kBaseline;
  return best;
}

class Lines {
 public:
  explicit Lines(std::string_view chunk, Splitter splitter = fastest_splitter()) noexcept
      : p_(chunk.data()), end_(chunk.data() + chunk.size()), splitter_(splitter) {}

  /// The next line (without '\n' or a trailing '\r') and its 0-based index.
  bool next(std::string_view& text, std::uint64_t& index) noexcept {
    if (p_ >= end_) return false;
    const char* line_end;
    switch (splitter_) {
#if defined(PAXRAY_WIDE_SPLITTERS)
      case Splitter::kAvx512: line_end = find_line_end_avx512(p_, end_, nul_); break;
      case Splitter::kAvx2: line_end = find_line_end_avx2(p_, end_, nul_); break;
#endif
      default: line_end = find_line_end(p_, end_, nul_); break;
    }
    text = std::string_view(p_, static_cast<std::size_t>(line_end - p_));
    p_ = line_end + 1;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    index = count_++;
    return true;
  }
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  /// Counts and samples a line holding NUL bytes; true when it did. The
  /// NUL bytes are looked for in the same pass as the newline (a pass over
  /// the whole chunk first cost more: the chunk is larger than the caches).
  bool binary(ChunkStats& out, std::string_view text, std::uint64_t index) const {
    if (!nul_) return false;
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
#if defined(__SSE2__)
  static constexpr std::ptrdiff_t kPrefetchAhead = 4096;

  static std::uint64_t mask64(__m128i a, __m128i b, __m128i c, __m128i d) noexcept {
    auto m = [](__m128i v) { return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(v))); };
    return m(a) | m(b) << 16 | m(c) << 32 | m(d) << 48;
  }
#endif

  /// The first '\n' in [p, end), or end; `nul` tells whether a NUL byte
  /// comes before it. One pass for both, sixteen bytes at a time with SSE2
  /// (every x86-64); else glibc's memchr twice.
  static const char* find_line_end(const char* p, const char* end, bool& nul) noexcept {
#if defined(__SSE2__)
    nul = false;
    const __m128i newline = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    // Sixty-four bytes with neither, the common case, cost one test.
    for (; end - p >= 64; p += 64) {
      // A page ahead: the hardware's prefetcher stops at page edges, and a
      // mapped file's next page is rarely the next in memory (7 % of the
      // scan's wall time on the plain corpus).
      if (end - p > kPrefetchAhead) __builtin_prefetch(p + kPrefetchAhead);
      const auto* q = reinterpret_cast<const __m128i*>(p);
      const __m128i v0 = _mm_loadu_si128(q), v1 = _mm_loadu_si128(q + 1), v2 = _mm_loadu_si128(q + 2), v3 = _mm_loadu_si128(q + 3);
      const __m128i n0 = _mm_cmpeq_epi8(v0, newline), n1 = _mm_cmpeq_epi8(v1, newline), n2 = _mm_cmpeq_epi8(v2, newline),
                    n3 = _mm_cmpeq_epi8(v3, newline);
      const __m128i z0 = _mm_cmpeq_epi8(v0, zero), z1 = _mm_cmpeq_epi8(v1, zero), z2 = _mm_cmpeq_epi8(v2, zero),
                    z3 = _mm_cmpeq_epi8(v3, zero);
      const __m128i any = _mm_or_si128(_mm_or_si128(_mm_or_si128(n0, n1), _mm_or_si128(n2, n3)),
                                       _mm_or_si128(_mm_or_si128(z0, z1), _mm_or_si128(z2, z3)));
      if (_mm_movemask_epi8(any) == 0) continue;
      const std::uint64_t nl = mask64(n0, n1, n2, n3), nuls = mask64(z0, z1, z2, z3);
      if (nl != 0) {
        const int at = std::countr_zero(nl);
        nul = nul || (nuls & ((std::uint64_t{1} << at) - 1)) != 0;
        return p + at;
      }
      nul = true;
    }
    for (; end - p >= 16; p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const auto nl = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
      const auto nuls = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)));
      if (nl != 0) {
        const int at = std::countr_zero(nl);
        nul = nul || (nuls & ((1u << at) - 1)) != 0;
        return p + at;
      }
      nul = nul || nuls != 0;
    }
    for (; p < end && *p != '\n'; ++p) nul = nul || *p == '\0';
    return p;
#else
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = nl != nullptr ? nl : end;
    nul = std::memchr(p, '\0', static_cast<std::size_t>(line_end - p)) != nullptr;
    return line_end;
#endif
  }

#if defined(PAXRAY_WIDE_SPLITTERS)
  // The same loop as find_line_end's, on wider registers; the last bytes of
  // the chunk (under 64) are left to it.
  [[gnu::target("avx2"), gnu::noinline]] static const char* find_line_end_avx2(const char* p, const char* end, bool& nul) noexcept {
    const __m256i newline = _mm256_set1_epi8('\n'), zero = _mm256_setzero_si256();
    bool seen = false;
    for (; end - p >= 64; p += 64) {
      if (end - p > kPrefetchAhead) __builtin_prefetch(p + kPrefetchAhead);
      const auto* q = reinterpret_cast<const __m256i*>(p);
      const __m256i v0 = _mm256_loadu_si256(q), v1 = _mm256_loadu_si256(q + 1);
      const __m256i n0 = _mm256_cmpeq_epi8(v0, newline), n1 = _mm256_cmpeq_epi8(v1, newline);
      const __m256i z0 = _mm256_cmpeq_epi8(v0, zero), z1 = _mm256_cmpeq_epi8(v1, zero);
      const __m256i any = _mm256_or_si256(_mm256_or_si256(n0, n1), _mm256_or_si256(z0, z1));
      if (_mm256_testz_si256(any, any)) continue;
      // (A lambda here would not be compiled for AVX2.)
      const std::uint64_t nl = std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(n0))} |
                               std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(n1))} << 32;
      const std::uint64_t nuls = std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(z0))} |
                                 std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(z1))} << 32;
      if (nl != 0) return block_end(p, nl, nuls, seen, nul);
      seen = true;
    }
    return rest(p, end, seen, nul);
  }

  [[gnu::target("avx512bw"), gnu::noinline]] static const char* find_line_end_avx512(const char* p, const char* end, bool& nul) noexcept {
    const __m512i newline = _mm512_set1_epi8('\n');
    bool seen = false;
    for (; end - p >= 64; p += 64) {
      if (end - p > kPrefetchAhead) __builtin_prefetch(p + kPrefetchAhead);
      const __m512i v = _mm512_loadu_si512(p);
      const std::uint64_t nl = _mm512_cmpeq_epi8_mask(v, newline);
      const std::uint64_t nuls = _mm512_testn_epi8_mask(v, v);
      if ((nl | nuls) == 0) continue;
      if (nl != 0) return block_end(p, nl, nuls, seen, nul);
      seen = true;
    }
    return rest(p, end, seen, nul);
  }

  // The first newline of a block: whether a NUL byte came before it.
  static const char* block_end(const char* p, std::uint64_t nl, std::uint64_t nuls, bool seen, bool& nul) noexcept {
    const int at = std::countr_zero(nl);
    nul = seen || (nuls & ((std::uint64_t{1} << at) - 1)) != 0;
    return p + at;
  }
  static const char* rest(const char* p, const char* end, bool seen, bool& nul) noexcept {
    const char* at = find_line_end(p, end, nul);
    nul = nul || seen;
    return at;
  }
#endif

  const char* end_;
  Splitter splitter_;
  std::uint64_t count_ = 0;
  bool nul_ = false;  // the line last split off holds a NUL byte
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
