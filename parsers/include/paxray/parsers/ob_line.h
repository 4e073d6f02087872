// OceanBase log line prefix parser (3.x and 4.x), no regex.
//
//   ObLine line;
//   if (parse_ob_line(text, line) == LineError::kNone) use(line.ts, line.level, line.body);
//
// The layouts are those of ObLogger in OceanBase's source, quoted in
// shared/reference/oceanbase-log-formats.md §1: the 4.x prefix
// `[ts] LEVEL [MOD] func (file:line) [tid][tname][T<t>][trace] [lt=N][errcode=N] body`,
// the 3.x forms with `[tid][coid][trace] [lt=N] [dc=N]` and without a function
// name, the 3.x election `[tid][trace] [log=N]` form, trace.log, alert.log and
// the `New syslog file info` header. The parser is total: any bytes in, a
// result or an error code out, never a read outside `text`. All string_views
// point into `text`. Tested by tests/ob_line_test.cpp (every real sample line)
// and fuzz/fuzz_ob_line.cpp.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "paxray/parsers/digit_words.h"
#include "paxray/parsers/timestamp.h"

namespace paxray {

/// Log level as printed. 3.x has ERROR USER_ERR WARN INFO TRACE DEBUG; 4.x has
/// ERROR WARN INFO EDIAG WDIAG TRACE DEBUG (4.x ERROR/WARN are the DBA levels).
enum class Level : std::uint8_t { kError, kUserErr, kWarn, kInfo, kEdiag, kWdiag, kTrace, kDebug };
inline constexpr int kLevelCount = 8;
[[nodiscard]] std::string_view level_name(Level level) noexcept;

/// Which prefix layout the line used.
enum class ObLayout : std::uint8_t {
  kV4,           ///< [tid][tname][C..]?[T..][trace] [lt=N][errcode=N]
  kV3,           ///< [tid][coid][trace] [lt=N] [dc=N]
  kV3NoCoid,     ///< [tid][trace] [log=N]  (3.x election async logger)
  kTraceLog,     ///< trace.log: [ts] [tid][tname][T..][trace] body
  kAlert,        ///< alert.log: ts|LEVEL|MOD|EVENT|errcode|tenant|tid|tname|trace|func|file:line|msg
  kFileHeader,   ///< [ts] INFO  New syslog file info: [...]
};

/// Why a line that looked like a record start could not be parsed.
enum class LineError : std::uint8_t {
  kNone,             ///< parsed
  kNotRecordStart,   ///< does not begin with a timestamp: a continuation line
  kBadTimestamp,     ///< begins like a timestamp but the date/time is invalid
  kBadLevel,         ///< unknown level token after the timestamp
  kBadLocation,      ///< no `func (file:line)` or `file:line` after level/module
  kBadThreadBlock,   ///< the `[tid]...[trace]` bracket run is missing or malformed
  kBadAlertFields,   ///< alert.log line with the wrong number of `|` fields
};
inline constexpr int kLineErrorCount = 7;
[[nodiscard]] std::string_view line_error_name(LineError e) noexcept;

struct ObLine {
  LocalMicros ts = 0;
  Level level = Level::kInfo;
  ObLayout layout = ObLayout::kV4;
  std::string_view module;      ///< "ELECT", "SQL.EXE"; empty when the line has none
  std::string_view function;    ///< "operator()", ...; empty in 3.x INFO lines
  std::string_view file;        ///< base name of the source file
  std::uint32_t src_line = 0;
  std::int64_t tid = -1;
  std::string_view thread;      ///< 4.x thread name, possibly empty
  std::int64_t cluster = -1;    ///< [C<id>] on arbitration servers
  std::int64_t tenant = -1;     ///< [T<id>]; -1 when the layout has none
  std::string_view trace_id;
  std::int64_t lt = -1;         ///< [lt=N] or 3.x election [log=N]
  std::int64_t dc = -1;         ///< 3.x [dc=N]
  bool has_errcode = false;
  std::int32_t errcode = 0;     ///< [errcode=N] (4.1+ warn/error levels)
  std::string_view dba_event;   ///< alert.log only
  std::string_view body;        ///< message text without the trailing BACKTRACE
  std::string_view backtrace;   ///< addresses after " BACKTRACE:", if any
};

/// True when `line` starts with "[YYYY-" (the start of a record in observer,
/// rootservice, election and trace logs). Every other line continues a record.
[[nodiscard]] inline bool is_ob_record_start(std::string_view line) noexcept {
  if (std::endian::native == std::endian::little && line.size() >= 8) {
    // "[YYYY-" as one word: '[', four digits, '-' (the four year bytes xor
    // '0', the upper four bytes zero: digits too).
    std::uint64_t w;
    std::memcpy(&w, line.data(), sizeof w);
    const std::uint64_t year = (w >> 8 & 0xffffffffULL) ^ (digit_words::kZeros & 0xffffffffULL);
    return (w & 0xff) == '[' && (w >> 40 & 0xff) == '-' && digit_words::non_digit_bytes(year) == 0;
  }
  return line.size() >= 6 && line[0] == '[' && static_cast<unsigned char>(line[1] - '0') < 10 &&
         static_cast<unsigned char>(line[2] - '0') < 10 && static_cast<unsigned char>(line[3] - '0') < 10 &&
         static_cast<unsigned char>(line[4] - '0') < 10 && line[5] == '-';
}

/// True when `line` is a record whose opening '[' was cut off (the first line
/// of a paste): "YYYY-MM-DD hh:mm:ss.ffffff] " with the timestamp whole.
[[nodiscard]] inline bool is_cut_ob_record_start(std::string_view line) noexcept {
  constexpr std::size_t kClose = 26;  // "YYYY-MM-DD hh:mm:ss.ffffff" then ']'
  return line.size() > kClose + 1 && line[kClose] == ']' && line[kClose + 1] == ' ' && line[4] == '-' && line[10] == ' ' &&
         line[19] == '.' && static_cast<unsigned char>(line[0] - '0') < 10 && static_cast<unsigned char>(line[25] - '0') < 10;
}

/// True when `line` starts with "YYYY-MM-DD " (alert.log records).
[[nodiscard]] inline bool is_ob_alert_record_start(std::string_view line) noexcept {
  return line.size() >= 11 && static_cast<unsigned char>(line[0] - '0') < 10 &&
         static_cast<unsigned char>(line[1] - '0') < 10 && static_cast<unsigned char>(line[2] - '0') < 10 &&
         static_cast<unsigned char>(line[3] - '0') < 10 && line[4] == '-' && line[7] == '-' && line[10] == ' ';
}

/// The tenant of a `T<id>_` thread-name prefix ("T1001_LogLoop" -> 1001),
/// or -1. Worked out on demand: few records need it.
[[nodiscard]] std::int64_t thread_tenant(const ObLine& line) noexcept;

/// Parses one observer / rootservice / election / trace log line (without its
/// newline). On error `out` is partially filled and must not be used.
[[nodiscard]] LineError parse_ob_line(std::string_view text, ObLine& out) noexcept;

namespace detail {
/// parse_ob_line without its one-pass reading of the common 4.x layout: the
/// reference that reading is checked against (ob_line_test, fuzz_ob_line).
[[nodiscard]] LineError parse_ob_line_general(std::string_view text, ObLine& out) noexcept;
}  // namespace detail

/// Parses one alert.log line.
[[nodiscard]] LineError parse_ob_alert_line(std::string_view text, ObLine& out) noexcept;

}  // namespace paxray
