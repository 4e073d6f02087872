// Extracts: what one node's scan found, as NDJSON, to be merged centrally.
//
//   paxray extract /var/log/oceanbase -o node1.ndjson.zst     (on each node)
//   paxray scan node1.ndjson.zst node2.ndjson.zst ...          (centrally)
//
// An extract holds everything a scan keeps from the raw bytes: per-file
// metadata and line counts, skipped inputs, unparsed examples, saved query
// results and the typed events. Scanning extracts therefore gives the same
// result as scanning the raw logs (tests/extract_test.cpp). The cron state
// (engine/incremental.h) stores its carried-over context in the same records.
//
// Layout (docs/OUTPUT.md, "Extracts"): the first line is the header record
// {"record":"paxray.extract","version":1,...}; then "file", "skipped",
// "unparsed" and "table" records; then one line per event with OTel-like
// field names (Timestamp, SeverityText, EventName, Body, ResourceAttributes,
// Attributes), so the event lines load as JSONEachRow.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "paxray/engine/scan.h"

namespace paxray {

inline constexpr std::string_view kExtractMagic = R"({"record":"paxray.extract")";

/// True when `head` (the first bytes of a decompressed file) starts an extract.
[[nodiscard]] bool is_extract(std::string_view head) noexcept;

/// Appends `r`'s records to `out`, one JSON object per line. Each event's
/// node is the resolved node of its file (ResourceAttributes "host.name").
void append_extract(const ScanResult& r, std::string& out);

/// `text` as one zstd frame (level 3), for `paxray extract -o FILE.zst`.
[[nodiscard]] std::string compress_zstd(std::string_view text);

/// Reads an extract line by line. File ids in the records are local to the
/// extract; `part()` holds what was read so far, with those local ids.
class ExtractReader {
 public:
  ExtractReader();
  ~ExtractReader();
  ExtractReader(const ExtractReader&) = delete;
  ExtractReader& operator=(const ExtractReader&) = delete;

  /// Parses one line (without its '\n'). Returns "" or a message naming the
  /// problem; a bad line is skipped and reading goes on.
  [[nodiscard]] std::string feed(std::string_view line);
  [[nodiscard]] ScanResult& part() noexcept { return part_; }
  [[nodiscard]] bool saw_header() const noexcept { return header_; }

 private:
  struct Parser;
  std::unique_ptr<Parser> parser_;  // simdjson's, reused across lines
  ScanResult part_;
  bool header_ = false;
};

}  // namespace paxray
