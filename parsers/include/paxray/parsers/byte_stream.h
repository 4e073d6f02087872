// Sequential byte sources: plain files, gzip, zstd, and members of tar archives.
//
//   std::string err;
//   auto in = open_input(path, err);            // picks gzip/zstd from magic bytes
//   while (size_t n = in->read(buf, sizeof buf)) use(buf, n);
//   if (!in->error().empty()) report(in->error());
//
// Inputs are opened read-only (O_RDONLY) and never modified. Errors are values
// (error()), not exceptions: a truncated stream yields what could be read and
// then an error message. Tested by tests/byte_stream_test.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <string_view>

struct archive;

namespace paxray {

class ByteStream {
 public:
  virtual ~ByteStream() = default;
  /// Reads up to `n` bytes; 0 means end of stream or error (see error()).
  virtual std::size_t read(char* buf, std::size_t n) = 0;
  /// Empty unless the stream ended because of an error.
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  /// Bytes consumed from the underlying file (compressed bytes for a
  /// decompressor), for progress reporting.
  [[nodiscard]] virtual std::uint64_t raw_bytes() const noexcept = 0;
  /// Discards up to `n` bytes (a resumed scan starts where the last one
  /// stopped); returns how many were skipped. Plain files seek; other
  /// streams read and drop.
  virtual std::uint64_t skip(std::uint64_t n);

  /// The whole stream when it is already in memory (a mapped file), with
  /// what keeps that memory alive; `bytes` empty otherwise. Reading a mapped
  /// stream through skip() only moves its position (progress).
  struct Mapped {
    std::string_view bytes;
    std::shared_ptr<const void> owner;
  };
  [[nodiscard]] virtual Mapped mapped() const { return {}; }
  /// What keeps `part` (of mapped().bytes) alive; when the last copy goes,
  /// its pages leave this process's memory (they stay in the page cache), so
  /// a scan's resident memory holds the chunks in flight, not whole files.
  [[nodiscard]] static std::shared_ptr<const void> hold_mapped(const Mapped& m, std::string_view part);

 protected:
  std::string error_;
};

/// Bytes already in memory: a source peeled out of a pasted file.
class StringStream final : public ByteStream {
 public:
  explicit StringStream(std::string data) : data_(std::move(data)) {}
  std::size_t read(char* buf, std::size_t n) override;
  [[nodiscard]] std::uint64_t raw_bytes() const noexcept override { return pos_; }
  [[nodiscard]] std::size_t size() const noexcept { return data_.size(); }

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

enum class Compression : std::uint8_t { kNone, kGzip, kZstd };

/// Recognises gzip and zstd by their magic bytes.
[[nodiscard]] Compression detect_compression(std::string_view head) noexcept;

/// Opens a file read-only. Returns nullptr and sets `err` on failure.
[[nodiscard]] std::unique_ptr<ByteStream> open_file_stream(const std::string& path, std::string& err);

[[nodiscard]] std::unique_ptr<ByteStream> make_gzip_stream(std::unique_ptr<ByteStream> inner);
[[nodiscard]] std::unique_ptr<ByteStream> make_zstd_stream(std::unique_ptr<ByteStream> inner);

/// Wraps `inner` in a decompressor if its first bytes are a gzip or zstd magic.
/// The peeked bytes are not lost.
[[nodiscard]] std::unique_ptr<ByteStream> auto_decompress(std::unique_ptr<ByteStream> inner,
                                                          Compression* detected = nullptr);

/// Reads until `n` bytes or the end of the stream (a short read is not the end).
[[nodiscard]] std::string read_up_to(ByteStream& in, std::size_t n);

/// `head` (bytes already read from `inner`) followed by the rest of `inner`.
[[nodiscard]] std::unique_ptr<ByteStream> make_peeked_stream(std::string head, std::unique_ptr<ByteStream> inner);

/// Opens a file and wraps it in a decompressor when needed.
[[nodiscard]] std::unique_ptr<ByteStream> open_input(const std::string& path, std::string& err,
                                                     Compression* detected = nullptr);

/// A plain file mapped read-only into memory: the chunker hands out views of
/// it instead of copying it (what the kernel's copy into our buffers cost is
/// saved). Returns nullptr and sets `err` when it cannot be mapped. The first
/// call installs a SIGBUS handler: a mapped file truncated under us (a
/// copytruncate rotation) ends the run with a message naming the cause,
/// instead of a crash; callers map only files that are not being written.
[[nodiscard]] std::unique_ptr<ByteStream> open_mapped_file(const std::string& path, std::string& err);

/// Streams the regular-file members of a tar archive (optionally gzip, zstd,
/// bzip2 or xz compressed) without unpacking it to disk.
class ArchiveReader {
 public:
  ArchiveReader();
  ~ArchiveReader();
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  [[nodiscard]] bool open(const std::string& path, std::string& err);
  /// Advances to the next regular file; false at end or on error (see error()).
  [[nodiscard]] bool next_member(std::string& name, std::uint64_t& size);
  /// A stream over the current member's data; valid until next_member().
  [[nodiscard]] std::unique_ptr<ByteStream> member_stream();
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[nodiscard]] std::uint64_t raw_bytes() const noexcept;

 private:
  ::archive* ar_ = nullptr;
  std::string error_;
};

/// True for names that look like tar archives: .tar, .tar.gz, .tgz, .tar.zst, .tar.xz, .tar.bz2.
[[nodiscard]] bool is_archive_name(std::string_view name) noexcept;

}  // namespace paxray
