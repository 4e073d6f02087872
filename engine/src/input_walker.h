// The serial front of the scan pipeline: turns the discovered inputs (plain
// files, compressed files, tar archives and their members) into a sequence of
// chunk tokens, in a fixed order. Decides what each file is (by name, else by
// sniffing its first chunk) and records per-file metadata. Only this stage
// writes `files()` and `skipped()` while the pipeline runs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "discover.h"
#include "resume.h"
#include "paxray/engine/scan.h"
#include "paxray/parsers/byte_stream.h"
#include "paxray/parsers/chunk_scan.h"
#include "paxray/parsers/envelope.h"
#include "paxray/parsers/line_chunker.h"

namespace paxray {

struct ChunkToken {
  enum class Kind : std::uint8_t { kData, kFileEnd };
  Kind kind = Kind::kData;
  std::uint32_t file_id = 0;
  std::string path;  ///< the file's display path (the merge stage must not read files())
  LineFormat format = LineFormat::kObText;
  ChunkBuffer buf;
  ChunkStats stats;           ///< filled by the parallel stage
  std::uint64_t first_line = 0;  ///< lines before the file's first chunk (read by earlier runs)
  int year = 1970;               ///< for syslog timestamps without one: the file's modification year
  std::uint64_t raw_done = 0; ///< input bytes consumed when this token was cut
};

class InputWalker {
 public:
  /// `map_files`: quiet plain files of 1 MiB or more are mapped, not read (ScanOptions::map_files).
  InputWalker(std::vector<InputItem> items, std::size_t chunk_bytes, std::size_t max_line,
              const std::vector<Checkpoint>* resume = nullptr, bool map_files = false);

  /// Fills the next token; false when every input is exhausted.
  [[nodiscard]] bool next(ChunkToken& tok);

  [[nodiscard]] std::vector<FileReport>& files() noexcept { return files_; }
  [[nodiscard]] std::vector<SkippedFile>& skipped() noexcept { return skipped_; }
  /// View dumps and clockdiff files are read whole by the walker (they are
  /// small) and parsed here, not chunked through the pipeline.
  [[nodiscard]] std::vector<ViewTable>& tables() noexcept { return tables_; }
  [[nodiscard]] std::vector<Event>& table_events() noexcept { return table_events_; }
  /// Unparsed-line examples carried in extracts (engine/extract.h).
  [[nodiscard]] std::vector<UnparsedExample>& extract_examples() noexcept { return extract_examples_; }

 private:
  bool start_item(const InputItem& item);
  void start_member(const std::string& name, std::uint64_t size);
  // Reads the first chunk, classifies, and either registers the file or skips it.
  void start_file(std::string display, std::string archive, std::string_view basename,
                  std::unique_ptr<ByteStream> stream, Compression compression, std::uint64_t raw_size,
                  const FileIdentity& id, std::optional<EnvelopeKind> pasted = std::nullopt);
  // A wrapped paste: read whole, split into its sources; false when too large.
  bool take_envelope(const std::string& display, LineChunker& chunker, std::uint64_t raw_size);
  void start_envelope_source();
  // Cron mode: fingerprints the head, skips what earlier runs read, and
  // records where this run starts in `f`. Returns the stream to read from.
  std::unique_ptr<ByteStream> resume(FileReport& f, std::unique_ptr<ByteStream> stream, const FileIdentity& id,
                                     bool named);
  // The next chunk of the current file; holds back an unfinished last line.
  bool next_chunk(ChunkBuffer& buf);
  std::uint64_t raw_done() const noexcept;
  // Reads the rest of a small file into `pending_`; false if over the cap.
  bool read_whole(LineChunker& chunker);
  bool take_dump(FileReport& f, LineChunker& chunker);
  // Reads a whole extract; its files, tables and events join this scan's.
  void take_extract(const std::string& display, LineChunker& chunker, const ByteStream& stream);

  std::vector<InputItem> items_;
  std::size_t next_item_ = 0;
  std::size_t chunk_bytes_;
  std::size_t max_line_;

  std::unique_ptr<ArchiveReader> archive_;
  std::string archive_path_;
  std::uint64_t archive_size_ = 0;

  std::unique_ptr<ByteStream> stream_;
  std::unique_ptr<LineChunker> chunker_;
  std::optional<std::uint32_t> file_id_;
  LineFormat format_ = LineFormat::kObText;
  ChunkBuffer pending_;  // the first chunk, read to classify the file
  bool has_pending_ = false;

  std::uint64_t raw_finished_ = 0;  // raw bytes of inputs already finished
  std::vector<FileReport> files_;
  std::vector<SkippedFile> skipped_;
  std::vector<ViewTable> tables_;
  std::vector<Event> table_events_;
  std::vector<UnparsedExample> extract_examples_;

  const std::vector<Checkpoint>* resume_;
  bool map_files_ = false;
  int year_ = 1970;            // current file's modification year
  bool hold_tail_ = false;     // current file: leave an unfinished last line for the next run
  // A paste whose lines are wrapped (grep, kubectl, compose prefixes, quotes):
  // its sources, peeled, read one after another as members of it.
  std::vector<EnvelopeSource> envelope_sources_;
  std::size_t envelope_next_ = 0;
  std::string envelope_parent_;
  std::uint64_t envelope_raw_ = 0;
  std::uint64_t held_ = 0;     // bytes so held back
};

}  // namespace paxray
