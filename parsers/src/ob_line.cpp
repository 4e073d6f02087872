// PERF NOTES: this runs once per record in the scan hot loop. It touches only
// the prefix (typically 110-150 bytes), never the body, allocates nothing and
// uses no regex; string_views point into the caller's buffer. The common 4.x
// layout is read in one forward pass (parse_v4_prefix) with no call to memchr;
// any other line, and any 4.x line that pass is unsure of, goes to the general
// parser, which stays the reference (ob_line_fast_path_test and fuzz_ob_line
// compare the two). Measured figures are in docs/PERFORMANCE.md.
#include "paxray/parsers/ob_line.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "paxray/parsers/digit_words.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace paxray {
namespace {

constexpr std::size_t kTimestampLen = 26;  // "YYYY-MM-DD hh:mm:ss.uuuuuu"
constexpr std::size_t kMaxPrefixScan = 512;  // where to stop looking for the location
constexpr int kMaxBracketGroups = 8;

bool is_digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }

// The last `c` in s[0, end), or npos. glibc's memrchr is vectorised;
// string_view::rfind is a byte loop (47 M of the 483 M instructions of a
// 74 MB observer.log went to the '(' before a location).
std::size_t last_of(std::string_view s, char c, std::size_t end) noexcept {
  end = std::min(end, s.size());
  if (end == 0) return std::string_view::npos;
  const void* at = ::memrchr(s.data(), c, end);
  return at == nullptr ? std::string_view::npos : static_cast<std::size_t>(static_cast<const char*>(at) - s.data());
}

// Digits s[from, end) as a number; false when empty, longer than `max_digits`
// or not all digits: the fast path's fields, and parse_int, which adds the sign.
[[gnu::always_inline]] inline bool digits_value(const char* s, std::size_t from, std::size_t end, std::size_t max_digits,
                                                std::int64_t& out) noexcept {
  if (end <= from || end - from > max_digits) return false;
  std::int64_t v = 0;
  for (std::size_t i = from; i < end; ++i) {
    const unsigned d = static_cast<unsigned char>(s[i]) - unsigned{'0'};
    if (d > 9) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

// Short digit runs (thread ids, tenants, line numbers, [lt=]) read eight
// bytes at a time (paxray/parsers/digit_words.h).
constexpr bool kLittleEndian = std::endian::native == std::endian::little;
using digit_words::fold;
using digit_words::kZeros;
using digit_words::non_digit_bytes;

// The digits starting at p, when p[0, 8) is readable: how many (0 to 7, and
// `value`), or 8 when all eight bytes are digits (value unset: the run may
// go on, the caller reads it the slow way).
[[gnu::always_inline]] inline int digit_run_at(const char* p, std::int64_t& value) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  const std::uint64_t x = w ^ kZeros;
  const std::uint64_t bad = non_digit_bytes(x);
  if (bad == 0) return 8;
  const int len = std::countr_zero(bad) >> 3;
  value = len == 0 ? 0 : static_cast<std::int64_t>(fold(x << (8 * (8 - len))));
  return len;
}

// The digits just before `end`, when end[-8, 0) is readable: how many (0 to
// 7, and `value`), or 8 when all eight bytes are digits.
[[gnu::always_inline]] inline int digit_run_before(const char* end, std::int64_t& value) noexcept {
  std::uint64_t w;
  std::memcpy(&w, end - 8, sizeof w);
  const std::uint64_t x = w ^ kZeros;
  const std::uint64_t bad = non_digit_bytes(x);
  if (bad == 0) return 8;
  const int len = std::countl_zero(bad) >> 3;  // bytes above the last non-digit
  value = len == 0 ? 0 : static_cast<std::int64_t>(fold(x & ~((std::uint64_t{1} << (8 * (8 - len))) - 1)));
  return len;
}

// Parses an optionally signed decimal of at most 18 digits; false on empty,
// junk or overflow.
bool parse_int(std::string_view s, std::int64_t& out) noexcept {
  const bool neg = !s.empty() && s[0] == '-';
  std::int64_t v = 0;
  if (!digits_value(s.data(), neg ? 1 : 0, s.size(), 18, v)) return false;
  out = neg ? -v : v;
  return true;
}

bool parse_level(std::string_view tok, Level& out) noexcept {
  struct Entry {
    std::string_view name;
    Level level;
  };
  static constexpr std::array<Entry, kLevelCount> kLevels{{{"INFO", Level::kInfo},
                                                           {"WDIAG", Level::kWdiag},
                                                           {"WARN", Level::kWarn},
                                                           {"EDIAG", Level::kEdiag},
                                                           {"ERROR", Level::kError},
                                                           {"TRACE", Level::kTrace},
                                                           {"DEBUG", Level::kDebug},
                                                           {"USER_ERR", Level::kUserErr}}};
  for (const auto& e : kLevels) {
    if (tok == e.name) {
      out = e.level;
      return true;
    }
  }
  return false;
}

// "file.cpp:123" -> file, line. The file part must be non-empty and the line numeric.
bool split_location(std::string_view loc, std::string_view& file, std::uint32_t& line) noexcept {
  const std::size_t colon = last_of(loc, ':', loc.size());
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == loc.size()) return false;
  std::int64_t n = 0;
  if (loc[colon + 1] == '-' || !parse_int(loc.substr(colon + 1), n) || n > 0xffffffffLL) return false;
  file = loc.substr(0, colon);
  line = static_cast<std::uint32_t>(n);
  return true;
}

// "T1001_LogLoop" -> 1001; -1 when the name carries no tenant prefix.
std::int64_t tenant_from_thread_name(std::string_view name) noexcept {
  if (name.size() < 3 || name[0] != 'T' || !is_digit(name[1])) return -1;
  std::int64_t t = 0;
  std::size_t i = 1;
  for (; i < name.size() && is_digit(name[i]); ++i) {
    if (i > 18) return -1;  // more digits than parse_int takes
    t = t * 10 + (name[i] - '0');
  }
  return i < name.size() && name[i] == '_' ? t : -1;
}

bool is_tagged_number(std::string_view g, char tag, std::int64_t& out) noexcept {
  return g.size() >= 2 && g[0] == tag && is_digit(g[1]) && parse_int(g.substr(1), out);
}

bool looks_like_trace_id(std::string_view g) noexcept {
  return !g.empty() && (g[0] == 'Y' || g[0] == 'Z');
}

// Parses the `[tid][...][trace]` run starting at text[pos] == '['. Fills `out`
// and returns the position after the last ']', or npos when malformed.
std::size_t parse_thread_block(std::string_view text, std::size_t pos, ObLine& out, bool trace_log) noexcept {
  std::array<std::string_view, kMaxBracketGroups> groups;
  int n = 0;
  while (pos < text.size() && text[pos] == '[' && n < kMaxBracketGroups) {
    const std::size_t close = text.find(']', pos + 1);
    if (close == std::string_view::npos) return std::string_view::npos;
    groups[static_cast<std::size_t>(n++)] = text.substr(pos + 1, close - pos - 1);
    pos = close + 1;
  }
  if (n < 2 || !parse_int(groups[0], out.tid) || out.tid < 0) return std::string_view::npos;
  const std::string_view last = groups[static_cast<std::size_t>(n - 1)];
  if (!looks_like_trace_id(last)) return std::string_view::npos;
  out.trace_id = last;
  // Middle groups: 4.x `[tname][C..]?[T..]`, 3.x `[coid]`, 3.x election none.
  const int middle = n - 2;
  std::int64_t scratch = 0;
  if (middle == 0) {
    out.layout = ObLayout::kV3NoCoid;
  } else if (middle == 1 && !trace_log && parse_int(groups[1], scratch)) {
    out.layout = ObLayout::kV3;
  } else if (middle >= 2 && is_tagged_number(groups[static_cast<std::size_t>(n - 2)], 'T', out.tenant)) {
    out.layout = trace_log ? ObLayout::kTraceLog : ObLayout::kV4;
    out.thread = groups[1];
    if (middle == 3 && !is_tagged_number(groups[2], 'C', out.cluster)) return std::string_view::npos;
    if (middle > 3) return std::string_view::npos;
  } else {
    return std::string_view::npos;
  }
  return pos;
}

// True when text[at, ...) starts with `lit` (a fixed-size compare).
template <std::size_t N>
bool has_at(std::string_view text, std::size_t at, const char (&lit)[N]) noexcept {
  return at + (N - 1) <= text.size() && std::memcmp(text.data() + at, lit, N - 1) == 0;
}

// Parses any run of `[lt=N]`, `[dc=N]`, `[log=N]`, `[errcode=N]` with optional
// spaces between them. Returns the position of the body. A block is one of
// those keys, '=', a signed number of at most 18 digits and ']'; anything
// else starts the body.
std::size_t parse_meta_block(std::string_view text, std::size_t pos, ObLine& out) noexcept {
  const char* s = text.data();
  const std::size_t n = text.size();
  // A block's first four bytes as one load, compared with the keys' first
  // four as the same machine would load them.
  constexpr auto word = [](char a, char b, char c, char d) { return std::bit_cast<std::uint32_t>(std::array<char, 4>{a, b, c, d}); };
  for (;;) {
    std::size_t p = pos;
    while (p < n && s[p] == ' ') ++p;
    if (p + 6 > n) return pos;  // the shortest block, "[lt=N]"
    std::int64_t* field = nullptr;
    std::size_t v = p + 4;
    std::uint32_t head;
    std::memcpy(&head, s + p, sizeof head);
    switch (head) {
      case word('[', 'l', 't', '='): field = &out.lt; break;
      case word('[', 'd', 'c', '='): field = &out.dc; break;
      case word('[', 'l', 'o', 'g'):
        if (s[v] != '=') return pos;
        field = &out.lt, v += 1;
        break;
      case word('[', 'e', 'r', 'r'):
        if (!has_at(text, v, "code=")) return pos;
        v += 5;
        break;
      default: return pos;
    }
    const bool neg = v < n && s[v] == '-';
    v += neg ? 1 : 0;
    const std::size_t digits_from = v;
    std::int64_t value = 0;
    const int run = kLittleEndian && v + 8 <= n ? digit_run_at(s + v, value) : 8;
    if (run < 8) {
      v += static_cast<std::size_t>(run);
    } else {
      // At most 18 digits are read (no overflow); a 19th is not the ']'.
      for (value = 0; v < n && v - digits_from < 18 && is_digit(s[v]); ++v) value = value * 10 + (s[v] - '0');
    }
    if (v == digits_from || v >= n || s[v] != ']') return pos;
    if (neg) value = -value;
    if (field != nullptr) {
      *field = value;
    } else {
      out.has_errcode = true;
      out.errcode = static_cast<std::int32_t>(value);
    }
    pos = v + 1;
  }
}

void set_body(std::string_view text, std::size_t pos, ObLine& out) noexcept {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  std::string_view body = pos < text.size() ? text.substr(pos) : std::string_view{};
  out.backtrace = {};
  if (out.level == Level::kEdiag || out.level == Level::kError) {
    constexpr std::string_view kTag = " BACKTRACE:";
    const std::size_t bt = body.rfind(kTag);
    if (bt != std::string_view::npos) {
      out.backtrace = body.substr(bt + kTag.size());
      body = body.substr(0, bt);
    }
  }
  out.body = body;
}

// Finds `file:line` or `func (file:line)` starting at `pos`; returns the
// position of the bracket run, or npos. The bare `file:line` form is tried
// first: no C++ function name contains ':' followed by digits, while a body
// may well contain ") [".
std::size_t parse_location(std::string_view text, std::size_t pos, ObLine& out) noexcept {
  const std::size_t window_end = std::min(text.size(), pos + kMaxPrefixScan);
  const std::string_view window = text.substr(0, window_end);
  // 3.x info/trace/debug outside election.log, libeasy: "file:line [".
  const std::size_t space = window.find(' ', pos);
  if (space != std::string_view::npos && space > pos && is_digit(text[space - 1]) && space + 1 < text.size() && text[space + 1] == '[' &&
      split_location(text.substr(pos, space - pos), out.file, out.src_line)) {
    out.function = {};
    return space + 1;
  }
  // 4.x, and 3.x warn/error/election: "func (file:line) [".
  // ") [": each ')' found by memchr, the two bytes after it compared in place.
  std::size_t close = window.find(')', pos);
  while (close != std::string_view::npos && (close + 2 >= window.size() || window[close + 1] != ' ' || window[close + 2] != '[')) {
    close = window.find(')', close + 1);
  }
  if (close == std::string_view::npos) return std::string_view::npos;
  const std::size_t open = last_of(window, '(', close);
  if (open == std::string_view::npos || open <= pos || text[open - 1] != ' ' ||
      !split_location(text.substr(open + 1, close - open - 1), out.file, out.src_line)) {
    return std::string_view::npos;
  }
  out.function = text.substr(pos, open - 1 - pos);
  return close + 2;
}

// The first byte of s[from, limit) equal to `a` or `b`, or `limit`. The
// groups this searches are 4 to 40 bytes long, where the set-up of a call to
// memchr costs more than the search: sixteen bytes at a time with SSE2 (every
// x86-64), else eight as one word (the zero-byte test on the word xor the
// byte; the lowest flagged byte is always a true match), then byte by byte.
[[gnu::always_inline]] inline std::size_t find_either(const char* s, std::size_t from, std::size_t limit, char a,
                                                      char b) noexcept {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
  for (; i + 16 <= limit; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const auto hits = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb))));
    if (hits != 0) return i + static_cast<std::size_t>(std::countr_zero(hits));
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    const std::uint64_t pa = kOnes * static_cast<unsigned char>(a), pb = kOnes * static_cast<unsigned char>(b);
    for (; i + 8 <= limit; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s + i, sizeof w);
      const std::uint64_t hits = (((w ^ pa) - kOnes) & ~(w ^ pa) & kHighs) | (((w ^ pb) - kOnes) & ~(w ^ pb) & kHighs);
      if (hits != 0) return i + static_cast<std::size_t>(std::countr_zero(hits) >> 3);
    }
  }
  for (; i < limit; ++i) {
    if (s[i] == a || s[i] == b) return i;
  }
  return limit;
}

[[gnu::always_inline]] inline std::size_t find_byte(const char* s, std::size_t from, std::size_t limit, char c) noexcept {
  return find_either(s, from, limit, c, c);
}

// A number of 1 to 18 digits at s[from] closed by ']': the position of the
// ']', or `n` when the bytes up to the first ']' are not such a number.
[[gnu::always_inline]] inline std::size_t bracketed_number(const char* s, std::size_t from, std::size_t n, std::int64_t& out) noexcept {
  if (kLittleEndian && from + 8 <= n) {
    std::int64_t v = 0;
    if (const int run = digit_run_at(s + from, v); run < 8) {
      const std::size_t end = from + static_cast<std::size_t>(run);
      if (run == 0 || s[end] != ']') return n;
      out = v;
      return end;
    }
  }
  const std::size_t end = find_byte(s, from, n, ']');
  return end != n && digits_value(s, from, end, 18, out) ? end : n;
}

// The 4.x record, nearly every line of a 4.x log, in one forward pass:
//   [ts] LEVEL  [MOD] func (file:line) [tid][tname][T<t>][trace] ...
// `pos` is just after "] ". Returns the position after the thread block, or
// npos having decided nothing: the general parser then reads the line (3.x,
// trace.log, a header, [C..] groups, no-break spaces, '\r', USER_ERR, long
// names, anything unusual). The general parser is the reference:
// ob_line_fast_path_test and fuzz_ob_line check that both agree wherever
// this accepts.
std::size_t parse_v4_prefix(std::string_view text, std::size_t pos, ObLine& out) noexcept {
  const char* s = text.data();
  const std::size_t n = text.size();
  if (pos + 8 > n) return std::string_view::npos;
  std::size_t len = 5;
  switch (s[pos]) {  // the token must end in a space, as the general parser reads it
    case 'I': out.level = Level::kInfo, len = 4; break;
    case 'W': out.level = s[pos + 1] == 'A' ? (len = 4, Level::kWarn) : Level::kWdiag; break;
    case 'E': out.level = s[pos + 1] == 'R' ? Level::kError : Level::kEdiag; break;
    case 'T': out.level = Level::kTrace; break;
    case 'D': out.level = Level::kDebug; break;
    default: return std::string_view::npos;
  }
  const std::string_view name = level_name(out.level);
  std::uint32_t want, got;  // the first four letters as one word, then the fifth
  std::memcpy(&want, name.data(), sizeof want);
  std::memcpy(&got, s + pos, sizeof got);
  if (want != got || (len == 5 && s[pos + 4] != name[4]) || s[pos + len] != ' ') return std::string_view::npos;
  pos += len;
  while (pos < n && s[pos] == ' ') ++pos;
  if (pos == n || s[pos] == '\r' || s[pos] == '\xc2') return std::string_view::npos;
  if (s[pos] == '[') {
    const std::size_t limit = std::min(n, pos + 65);  // at most 64 bytes on, as the general parser allows
    const std::size_t close = find_byte(s, pos + 1, limit, ']');
    if (close == limit || close + 1 >= n || s[close + 1] != ' ') return std::string_view::npos;
    out.module = std::string_view(s + pos + 1, close - pos - 1);
    pos = close + 2;
  }
  // func (file:line) [ : the function ends at the first space and the
  // location's '(' follows it; no '(' inside, and ") [" after.
  const std::size_t window_end = std::min(n, pos + kMaxPrefixScan);
  const std::size_t space = find_byte(s, pos, window_end, ' ');
  if (space == pos || space + 2 >= window_end || s[space + 1] != '(') return std::string_view::npos;
  const std::size_t open = space + 1;
  const std::size_t close = find_either(s, open + 1, window_end, ')', '(');  // a '(' first: not this layout
  if (close + 2 >= window_end || s[close] != ')' || s[close + 1] != ' ' || s[close + 2] != '[') return std::string_view::npos;
  std::int64_t src_line = 0;
  std::size_t colon = close;  // then the byte before the line number
  if (const int run = kLittleEndian ? digit_run_before(s + close, src_line) : 8; run < 8) {  // close > 8: after the timestamp
    if (run == 0) return std::string_view::npos;
    colon = close - static_cast<std::size_t>(run) - 1;  // at least `open`: '(' is not a digit
    if (s[colon] != ':' || colon <= open + 1) return std::string_view::npos;
  } else {
    while (colon > open && static_cast<unsigned char>(s[colon - 1] - '0') < 10) --colon;
    if (colon == open || s[--colon] != ':' || colon == open + 1 || !digits_value(s, colon + 1, close, 10, src_line) ||
        src_line > 0xffffffffLL) {
      return std::string_view::npos;
    }
  }
  out.function = std::string_view(s + pos, space - pos);
  out.file = std::string_view(s + open + 1, colon - open - 1);
  out.src_line = static_cast<std::uint32_t>(src_line);
  // [tid][tname][T<t>][trace], then no further group.
  pos = close + 2;
  std::size_t end = bracketed_number(s, pos + 1, n, out.tid);
  if (end == n) return std::string_view::npos;
  pos = end + 1;
  if (pos >= n || s[pos] != '[') return std::string_view::npos;
  end = find_byte(s, pos + 1, n, ']');
  if (end == n) return std::string_view::npos;
  out.thread = std::string_view(s + pos + 1, end - pos - 1);
  pos = end + 1;
  if (pos + 2 >= n || s[pos] != '[' || s[pos + 1] != 'T') return std::string_view::npos;
  end = bracketed_number(s, pos + 2, n, out.tenant);
  if (end == n) return std::string_view::npos;
  pos = end + 1;
  if (pos + 1 >= n || s[pos] != '[' || (s[pos + 1] != 'Y' && s[pos + 1] != 'Z')) return std::string_view::npos;
  end = find_byte(s, pos + 1, n, ']');
  if (end == n || (end + 1 < n && s[end + 1] == '[')) return std::string_view::npos;
  out.trace_id = std::string_view(s + pos + 1, end - pos - 1);
  out.layout = ObLayout::kV4;
  return end + 1;
}

}  // namespace

std::int64_t thread_tenant(const ObLine& line) noexcept { return tenant_from_thread_name(line.thread); }

std::string_view level_name(Level level) noexcept {
  static constexpr std::array<std::string_view, kLevelCount> kNames{
      "ERROR", "USER_ERR", "WARN", "INFO", "EDIAG", "WDIAG", "TRACE", "DEBUG"};
  return kNames[static_cast<std::size_t>(level)];
}

std::string_view line_error_name(LineError e) noexcept {
  static constexpr std::array<std::string_view, kLineErrorCount> kNames{
      "none", "continuation line without a record", "invalid timestamp", "unknown level",
      "no source location", "malformed thread/trace block", "malformed alert.log fields"};
  return kNames[static_cast<std::size_t>(e)];
}

namespace {

LineError parse_ob_line_impl(std::string_view text, ObLine& out, bool fast_path) noexcept {
  if (!is_ob_record_start(text)) return LineError::kNotRecordStart;
  if (text.size() < kTimestampLen + 3 || text[kTimestampLen + 1] != ']') return LineError::kBadTimestamp;
  const auto ts = parse_fixed_timestamp(text.substr(1, kTimestampLen));
  if (!ts) return LineError::kBadTimestamp;
  std::size_t pos = kTimestampLen + 2;
  if (fast_path && text[pos] == ' ') {
    // The fields a 4.x line may lack are reset; parse_v4_prefix sets every
    // other one when it accepts (the agreement test parses into a stale
    // ObLine to hold this), and set_body the body and backtrace.
    out.ts = *ts;
    out.module = {};
    out.cluster = -1;
    out.lt = -1;
    out.dc = -1;
    out.has_errcode = false;
    out.errcode = 0;
    out.dba_event = {};
    if (const std::size_t after = parse_v4_prefix(text, pos + 1, out); after != std::string_view::npos) {
      set_body(text, parse_meta_block(text, after, out), out);
      return LineError::kNone;
    }
  }
  out = ObLine{};
  out.ts = *ts;
  if (text[pos] != ' ') return LineError::kBadLevel;
  ++pos;

  if (pos < text.size() && text[pos] == '[') {  // trace.log: no level, module or location
    out.level = Level::kTrace;
    const std::size_t after = parse_thread_block(text, pos, out, /*trace_log=*/true);
    if (after == std::string_view::npos) return LineError::kBadThreadBlock;
    set_body(text, after, out);
    return LineError::kNone;
  }

  // A web page's copy may put a no-break space (U+00A0) where the log had spaces.
  // (A plain loop: find_first_of would call memchr once per byte.)
  std::size_t level_end = pos;
  while (level_end < text.size() && text[level_end] != ' ' && text[level_end] != '\xc2') ++level_end;  // else cut right after the level
  std::string_view level = text.substr(pos, level_end - pos);
  if (!level.empty() && level.back() == '\r') level.remove_suffix(1);
  if (level_end - pos > 8 || !parse_level(level, out.level)) return LineError::kBadLevel;
  pos = level_end;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\r' ||
                               (text[pos] == '\xc2' && pos + 1 < text.size() && text[pos + 1] == '\xa0'))) {
    pos += text[pos] == '\xc2' ? 2 : 1;
  }
  // Cut right after the level (a ticket's "[2025-02-25 06:54:48.332249] INFO "):
  // still a record, with its other fields missing.
  if (pos == text.size()) return LineError::kNone;

  constexpr std::string_view kHeader = "New syslog file info:";
  if (text.substr(pos, kHeader.size()) == kHeader) {
    out.layout = ObLayout::kFileHeader;
    out.body = text.substr(pos);
    return LineError::kNone;
  }

  if (pos < text.size() && text[pos] == '[') {  // optional module "[MOD] "
    const std::size_t close = text.find(']', pos);
    if (close != std::string_view::npos && close + 1 < text.size() && text[close + 1] == ' ' &&
        close - pos <= 64) {
      out.module = text.substr(pos + 1, close - pos - 1);
      pos = close + 2;
    }
  }

  pos = parse_location(text, pos, out);
  if (pos == std::string_view::npos) return LineError::kBadLocation;
  pos = parse_thread_block(text, pos, out, /*trace_log=*/false);
  if (pos == std::string_view::npos) return LineError::kBadThreadBlock;
  pos = parse_meta_block(text, pos, out);
  set_body(text, pos, out);
  return LineError::kNone;
}

}  // namespace

LineError parse_ob_line(std::string_view text, ObLine& out) noexcept { return parse_ob_line_impl(text, out, true); }

LineError detail::parse_ob_line_general(std::string_view text, ObLine& out) noexcept {
  return parse_ob_line_impl(text, out, false);
}

LineError parse_ob_alert_line(std::string_view text, ObLine& out) noexcept {
  if (!is_ob_alert_record_start(text)) return LineError::kNotRecordStart;
  // time|LEVEL|MOD|EVENT|errcode|tenant|tid|tname|trace|func|file:line|message
  constexpr int kFields = 12;
  std::array<std::string_view, kFields> f;
  std::size_t pos = 0;
  for (int i = 0; i < kFields - 1; ++i) {
    const std::size_t bar = text.find('|', pos);
    if (bar == std::string_view::npos) return LineError::kBadAlertFields;
    f[static_cast<std::size_t>(i)] = text.substr(pos, bar - pos);
    pos = bar + 1;
  }
  f[kFields - 1] = text.substr(pos);  // the message may itself contain '|'
  out = ObLine{};
  out.layout = ObLayout::kAlert;
  const auto ts = parse_fixed_timestamp(f[0]);
  if (!ts) return LineError::kBadTimestamp;
  out.ts = *ts;
  if (!parse_level(f[1], out.level)) return LineError::kBadLevel;
  out.module = f[2];
  out.dba_event = f[3];
  std::int64_t n = 0;
  if (!parse_int(f[4], n) || !parse_int(f[5], out.tenant) || !parse_int(f[6], out.tid)) {
    return LineError::kBadAlertFields;
  }
  out.has_errcode = true;
  out.errcode = static_cast<std::int32_t>(n);
  out.thread = f[7];
  out.trace_id = f[8];
  out.function = f[9];
  if (!split_location(f[10], out.file, out.src_line)) return LineError::kBadLocation;
  std::string_view msg = f[11];
  if (msg.size() >= 2 && msg.front() == '"' && msg.back() == '"') msg = msg.substr(1, msg.size() - 2);
  out.body = msg;
  return LineError::kNone;
}

}  // namespace paxray
