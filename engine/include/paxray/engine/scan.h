// paxray engine, ingest: walk inputs, read every log in parallel, summarise.
//
//   paxray::ScanOptions opt;
//   opt.paths = {"/incident/logs"};
//   opt.threads = 2;
//   paxray::ScanResult r = paxray::scan(opt);
//   for (const auto& f : r.files) ...;           // per file, in a fixed order
//
// Contract:
// - Inputs are files or directories (recursive); plain, .gz, .zst and tar
//   archives (.tar, .tar.gz, .tgz, ...) are read in-stream, never unpacked.
//   Files are opened read-only; nothing under `paths` is ever written.
// - The result is a pure function of the input bytes and options: it does not
//   depend on `threads` (the merge is in file order; tests/scan_test.cpp).
// - Memory is bounded by (2 x threads + 2) chunks plus one cut line, whatever
//   the input size.
// - Bad input never stops the scan: unreadable files and archives are listed
//   in `skipped`, stream errors in the file's `error`, bad lines in `unparsed`.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "paxray/parsers/byte_stream.h"
#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/event.h"
#include "paxray/parsers/log_kind.h"
#include "paxray/parsers/node_hints.h"
#include "paxray/parsers/ob_line.h"
#include "paxray/parsers/view_dump.h"

namespace paxray {

/// `--node NAME=PATH`: every file at or under PATH was written by NAME.
struct NodeOverride {
  std::string name;
  std::string path;
};

/// Where the last run stopped reading one input (cron mode, `scan --state`).
/// An input is recognised by the fingerprint of its first decompressed bytes,
/// not its name, so a renamed or compressed rotation resumes where its
/// previous name stopped.
struct Checkpoint {
  std::string path;         ///< where it was last seen
  std::uint64_t dev = 0;    ///< 0 and 0: not a plain file (archive member)
  std::uint64_t inode = 0;
  std::uint32_t fp_len = 0; ///< decompressed bytes fingerprinted (at most kFingerprintBytes)
  std::uint64_t fp = 0;     ///< FNV-1a of those bytes
  std::uint64_t offset = 0; ///< decompressed bytes read, ending on a line boundary
  std::uint64_t lines = 0;  ///< lines in them
  LocalMicros last_ts = 0;  ///< last timestamp seen (0: none)
  /// What the skipped beginning said about the writer (file header, self
  /// address), so a resumed file keeps its node.
  std::optional<FileHeaderInfo> header;
  std::optional<std::string> self_address;

  static constexpr std::uint32_t kFingerprintBytes = 1024;
};

struct ScanProgress {
  std::uint64_t raw_done = 0;   ///< bytes read from disk so far
  std::uint64_t raw_total = 0;  ///< bytes on disk of all inputs
  std::uint64_t files_done = 0;
};

struct ScanOptions {
  std::vector<std::string> paths;
  std::vector<NodeOverride> nodes;
  int threads = 0;  ///< 0: all cores
  ScanWindow window;
  std::size_t chunk_bytes = std::size_t{8} << 20;
  std::size_t max_line = std::size_t{64} << 20;
  /// Decode registered messages into ScanResult::events (paxray/parsers/ob_events.h).
  bool extract_events = true;
  /// Cron mode: resume each input at its checkpoint; an unfinished last line
  /// of a plain file is left for the next run. nullptr: read everything.
  const std::vector<Checkpoint>* resume = nullptr;
  /// Map plain files of 1 MiB or more not written in the last minute, instead
  /// of reading them (no copy into our buffers; cron mode never maps). A
  /// mapped file truncated during the scan ends it with exit 4 and a message
  /// (SIGBUS); `paxray scan --no-mmap` reads every file.
  bool map_files = true;
  /// Keep of each run of periodic dumps or -4038 retries that say the same
  /// only its head and its last event (engine/src/event_runs.h); `--no-fold`
  /// keeps all.
  bool fold_runs = true;
  /// Called from one thread at a time, in file order, after each chunk.
  std::function<void(const ScanProgress&)> progress;
};

/// How a file's node was decided, most trusted first.
enum class NodeSource : std::uint8_t {
  kOverride, kHeader, kSelfAddress, kDirectory, kPath, kUnknown,
  kNotApplicable,  ///< view dumps: every row names its own node
};
[[nodiscard]] std::string_view node_source_name(NodeSource s) noexcept;

struct LineCounts {
  std::uint64_t lines = 0;
  std::uint64_t records = 0;
  std::uint64_t filtered = 0;
  std::uint64_t continuation = 0;
  std::array<std::uint64_t, kLevelCount> by_level{};
  std::array<std::uint64_t, kUnparsedCount> unparsed{};
  LocalMicros min_ts = std::numeric_limits<LocalMicros>::max();
  LocalMicros max_ts = std::numeric_limits<LocalMicros>::min();
  ErrorCodes errors;  ///< OceanBase warning / error codes with counts and first / last times

  [[nodiscard]] std::uint64_t unparsed_total() const noexcept;
  [[nodiscard]] bool has_time() const noexcept { return min_ts <= max_ts; }
  void add(const LineCounts& o);
};

struct FileReport {
  std::string path;     ///< as given / found; archive members are "archive!member"
  std::string archive;  ///< the containing archive, or empty
  LogKind kind = LogKind::kObserver;
  bool named = true;    ///< kind from the file name (false: found by sniffing)
  bool wf = false;
  bool rotated = false;
  Compression compression = Compression::kNone;
  std::uint64_t raw_bytes = 0;  ///< on disk (compressed size for .gz/.zst)
  std::uint64_t bytes = 0;      ///< decompressed, read by this scan
  LineCounts counts;
  std::uint64_t cut_lines = 0;
  std::string error;  ///< read error after which the rest of the file was lost
  std::string detail; ///< view dumps: "GV$OB_LOG_STAT, boxed table, 9 rows"
  /// Lines peeled of an envelope (a source of a pasted file: "grep",
  /// "kubectl", "compose", "quote"); "" for a log read as it is.
  std::string envelope;
  std::string node;
  NodeSource node_source = NodeSource::kUnknown;
  bool node_fixed = false;  ///< decided before this scan (an extract made with --node): kept as is
  std::optional<FileHeaderInfo> header;
  std::optional<std::string> self_address;
  /// Cron mode only: where this scan started and stopped.
  std::uint64_t resumed_from = 0;   ///< decompressed bytes skipped (read by earlier runs)
  std::uint64_t resumed_lines = 0;  ///< lines in them (line numbers continue after them)
  std::string resume_note;          ///< "continues X (rotated)", "truncated since the last run", ...
  std::string resumed_path;         ///< the checkpoint's path this file continues, if any
  bool carried = false;             ///< seen only by an earlier run; its events are carried context
  std::optional<Checkpoint> checkpoint;
};

struct SkippedFile {
  std::string path;
  std::string reason;
  /// Read, and not a log or query result paxray knows (a README, a binary):
  /// counted in one line, listed with --files. Otherwise it could not be read.
  bool not_a_log = false;
};

struct UnparsedExample {
  std::string path;
  std::uint64_t line = 0;  ///< 1-based
  Unparsed reason = Unparsed::kOrphanContinuation;
  std::string text;
};

struct NodeSummary {
  std::string name;
  std::vector<std::string> aliases;  ///< other names seen for it (directory names)
  std::uint64_t files = 0;
  LineCounts counts;
  std::string version;    ///< from the file header, when present
  std::string tz_offset;  ///< "tz GMT offset" from the file header
};

struct ScanResult {
  std::vector<FileReport> files;
  std::vector<SkippedFile> skipped;
  std::vector<NodeSummary> nodes;  ///< sorted by name
  std::vector<UnparsedExample> unparsed_examples;  ///< the first few, in file order
  /// Registered messages, in file order (file_id, line); Event::node is empty
  /// for log lines (the file's node applies) and set for view-dump rows.
  std::vector<Event> events;
  /// Events this scan left out of `events` because those around them said
  /// the same (engine/src/event_runs.h); each run's last event counts them.
  /// Events read from extracts keep the counts their own scan gave them.
  std::uint64_t folded_events = 0;
  /// Saved query results found among the inputs (DBA_OB_SERVERS, GV$OB_LOG_STAT, ...).
  std::vector<ViewTable> tables;
  LineCounts totals;
  std::uint64_t bytes = 0;
  std::uint64_t raw_bytes = 0;
  ScanWindow window;
};

inline constexpr std::size_t kMaxUnparsedExamples = 20;

/// Runs the scan. Throws only for invalid options (std::invalid_argument).
[[nodiscard]] ScanResult scan(const ScanOptions& options);

}  // namespace paxray
