// Stage 1+2 over one chunk of whole lines: frame records, parse each record's
// prefix, and accumulate what `paxray scan` reports. No allocation per line,
// no regex, no exceptions; only unparsed-line samples allocate (at most
// `max_samples` per chunk).
//
// A record is a line that starts with a timestamp plus the lines that follow
// it without one (`[MEMORY]` dumps, histograms, stack traces). Continuation
// lines before the chunk's first record start belong to the previous chunk's
// last record; the caller (engine/) attaches them, in file order. Tested by
// tests/chunk_scan_test.cpp and fuzz/fuzz_chunk_scan.cpp (whole vs. chunked).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paxray/parsers/event.h"
#include "paxray/parsers/log_kind.h"
#include "paxray/parsers/node_hints.h"
#include "paxray/parsers/ob_line.h"

namespace paxray {

/// Why a line was not part of a parsed record.
enum class Unparsed : std::uint8_t {
  kOrphanContinuation,  ///< continuation line with no record before it in the file
  kBadTimestamp,
  kBadLevel,
  kBadLocation,
  kBadThreadBlock,
  kBadAlertFields,
  kBinary,              ///< the line holds NUL bytes
};
inline constexpr int kUnparsedCount = 7;
[[nodiscard]] std::string_view unparsed_name(Unparsed u) noexcept;
[[nodiscard]] Unparsed unparsed_from(LineError e) noexcept;

/// How often one error code appears in warning and error records, and when
/// first and last: what `obdiag analyze log` tabulates per node.
struct ErrorCodeCount {
  std::int32_t code = 0;  ///< 0: codes past the cap, counted together
  std::uint64_t count = 0;
  LocalMicros first = std::numeric_limits<LocalMicros>::max();
  LocalMicros last = std::numeric_limits<LocalMicros>::min();
};
/// A few distinct codes per log; at most kMaxErrorCodes kept apart (bounded memory).
struct ErrorCodes {
  static constexpr std::size_t kMaxErrorCodes = 64;
  std::vector<ErrorCodeCount> codes;  ///< in order of first appearance
  void add(std::int32_t code, LocalMicros first, LocalMicros last, std::uint64_t count = 1);
  void add(const ErrorCodes& o);
};
/// The error code an OceanBase warning or error record carries: its
/// `[errcode=N]` (4.1+), else the first `ret=-N` of its body; nullopt when none.
[[nodiscard]] std::optional<std::int32_t> ob_error_code(const ObLine& line) noexcept;

struct ScanWindow {
  LocalMicros since = std::numeric_limits<LocalMicros>::min();
  LocalMicros until = std::numeric_limits<LocalMicros>::max();  ///< inclusive
};

struct UnparsedSample {
  std::uint64_t line_index = 0;  ///< 0-based line within the chunk
  Unparsed reason = Unparsed::kOrphanContinuation;
  std::string text;              ///< at most kSampleBytes of the line
};

struct ChunkStats {
  /// As many as a file's report keeps (engine/src/scan.cpp), so that which
  /// examples a file shows does not depend on where its chunks were cut.
  static constexpr std::size_t kMaxSamples = 5;
  static constexpr std::size_t kSampleBytes = 240;

  std::uint64_t lines = 0;                 ///< physical lines
  std::uint64_t records = 0;               ///< parsed records inside the window
  std::uint64_t filtered = 0;              ///< parsed records outside --since/--until
  std::uint64_t continuation = 0;          ///< lines attached to a record in this chunk
  std::uint64_t leading_continuation = 0;  ///< continuation lines before the first record start
  bool saw_record_start = false;           ///< a line that starts a record (parsed or not)
  std::array<std::uint64_t, kLevelCount> by_level{};
  std::array<std::uint64_t, kUnparsedCount> unparsed{};  ///< kOrphanContinuation is never set here
  LocalMicros min_ts = std::numeric_limits<LocalMicros>::max();
  LocalMicros max_ts = std::numeric_limits<LocalMicros>::min();
  std::vector<UnparsedSample> samples;
  std::optional<UnparsedSample> leading_sample;  ///< first leading continuation line
  std::optional<FileHeaderInfo> header;          ///< first `New syslog file info` record
  /// Registered messages found (see ob_events.h); Event::line is the 0-based
  /// line within the chunk until the caller makes it absolute.
  std::vector<Event> events;
  ErrorCodes errors;  ///< OceanBase warning and error records' codes, inside the window

  void reset();
};

/// Scans `chunk` (whole lines; the last may lack '\n') and fills `out`. With
/// `extract_events`, records inside the window that carry a registered
/// message are decoded into `out.events`.
/// `year` dates syslog timestamps that print none (OpenIO): the walker
/// passes the year of the file's modification time.
void scan_chunk(std::string_view chunk, LineFormat format, const ScanWindow& window, ChunkStats& out,
                bool extract_events = false, int year = 1970);

}  // namespace paxray
