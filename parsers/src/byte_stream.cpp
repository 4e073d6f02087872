#include "paxray/parsers/byte_stream.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <vector>

namespace paxray {
namespace {

constexpr std::size_t kInBufSize = 256 * 1024;

class FileStream final : public ByteStream {
 public:
  FileStream(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FileStream() override { ::close(fd_); }
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  std::size_t read(char* buf, std::size_t n) override {
    for (;;) {
      const ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) {
        consumed_ += static_cast<std::uint64_t>(got);
        return static_cast<std::size_t>(got);
      }
      if (errno == EINTR) continue;
      error_ = std::string("read error: ") + std::strerror(errno);
      return 0;
    }
  }
  std::uint64_t raw_bytes() const noexcept override { return consumed_; }
  std::uint64_t skip(std::uint64_t n) override {
    struct stat st {};
    const off_t at = ::lseek(fd_, 0, SEEK_CUR);
    if (at < 0 || ::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) return ByteStream::skip(n);
    const auto left = static_cast<std::uint64_t>(std::max<off_t>(st.st_size - at, 0));
    const std::uint64_t k = std::min(n, left);
    if (::lseek(fd_, static_cast<off_t>(k), SEEK_CUR) < 0) return ByteStream::skip(n);
    return k;
  }

 private:
  int fd_;
  std::string path_;
  std::uint64_t consumed_ = 0;
};

// Replays a few already-read bytes before continuing with the inner stream.
class PeekedStream final : public ByteStream {
 public:
  PeekedStream(std::string head, std::unique_ptr<ByteStream> inner)
      : head_(std::move(head)), inner_(std::move(inner)) {}
  std::size_t read(char* buf, std::size_t n) override {
    if (pos_ < head_.size()) {
      const std::size_t k = std::min(n, head_.size() - pos_);
      std::memcpy(buf, head_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    const std::size_t got = inner_->read(buf, n);
    if (got == 0 && !inner_->error().empty()) error_ = inner_->error();
    return got;
  }
  std::uint64_t raw_bytes() const noexcept override { return inner_->raw_bytes(); }
  std::uint64_t skip(std::uint64_t n) override {
    const std::uint64_t from_head = std::min<std::uint64_t>(n, head_.size() - pos_);
    pos_ += static_cast<std::size_t>(from_head);
    return from_head + (n > from_head ? inner_->skip(n - from_head) : 0);
  }

 private:
  std::string head_;
  std::size_t pos_ = 0;
  std::unique_ptr<ByteStream> inner_;
};

class GzipStream final : public ByteStream {
 public:
  explicit GzipStream(std::unique_ptr<ByteStream> inner) : inner_(std::move(inner)), in_(kInBufSize) {
    // 15 + 32: accept gzip and zlib headers.
    if (inflateInit2(&z_, 15 + 32) != Z_OK) error_ = "cannot initialise zlib";
  }
  ~GzipStream() override { inflateEnd(&z_); }
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  std::size_t read(char* buf, std::size_t n) override {
    if (!error_.empty() || done_) return 0;
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0) {
        const std::size_t got = inner_->read(in_.data(), in_.size());
        if (got == 0) {
          if (!inner_->error().empty()) {
            error_ = inner_->error();
          } else if (in_member_) {
            error_ = "truncated gzip stream (unexpected end of data)";
          }
          done_ = true;
          break;
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(got);
      }
      in_member_ = true;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;  // concatenated members follow, or the end
        inflateReset(&z_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        error_ = std::string("corrupt gzip data: ") + (z_.msg ? z_.msg : "inflate failed");
        done_ = true;
        break;
      }
    }
    return static_cast<std::size_t>(reinterpret_cast<char*>(z_.next_out) - buf);
  }
  std::uint64_t raw_bytes() const noexcept override { return inner_->raw_bytes(); }

 private:
  std::unique_ptr<ByteStream> inner_;
  std::vector<char> in_;
  z_stream z_{};
  bool in_member_ = false;
  bool done_ = false;
};

class ZstdStream final : public ByteStream {
 public:
  explicit ZstdStream(std::unique_ptr<ByteStream> inner)
      : inner_(std::move(inner)), in_(ZSTD_DStreamInSize()), ds_(ZSTD_createDStream()) {
    if (ds_ == nullptr) error_ = "cannot initialise zstd";
  }
  ~ZstdStream() override { ZSTD_freeDStream(ds_); }
  ZstdStream(const ZstdStream&) = delete;
  ZstdStream& operator=(const ZstdStream&) = delete;

  std::size_t read(char* buf, std::size_t n) override {
    if (!error_.empty() || done_) return 0;
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos < out.size) {
      if (input_.pos == input_.size) {
        const std::size_t got = inner_->read(in_.data(), in_.size());
        if (got == 0) {
          if (!inner_->error().empty()) {
            error_ = inner_->error();
          } else if (pending_ != 0) {
            error_ = "truncated zstd stream (unexpected end of data)";
          }
          done_ = true;
          break;
        }
        input_ = ZSTD_inBuffer{in_.data(), got, 0};
      }
      pending_ = ZSTD_decompressStream(ds_, &out, &input_);
      if (ZSTD_isError(pending_)) {
        error_ = std::string("corrupt zstd data: ") + ZSTD_getErrorName(pending_);
        done_ = true;
        break;
      }
    }
    return out.pos;
  }
  std::uint64_t raw_bytes() const noexcept override { return inner_->raw_bytes(); }

 private:
  std::unique_ptr<ByteStream> inner_;
  std::vector<char> in_;
  ZSTD_DStream* ds_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  std::size_t pending_ = 0;
  bool done_ = false;
};

class ArchiveMemberStream final : public ByteStream {
 public:
  explicit ArchiveMemberStream(::archive* ar) : ar_(ar) {}
  std::size_t read(char* buf, std::size_t n) override {
    const la_ssize_t got = archive_read_data(ar_, buf, n);
    if (got < 0) {
      const char* msg = archive_error_string(ar_);
      error_ = std::string("archive read error: ") + (msg ? msg : "unknown");
      return 0;
    }
    return static_cast<std::size_t>(got);
  }
  std::uint64_t raw_bytes() const noexcept override {
    return static_cast<std::uint64_t>(archive_filter_bytes(ar_, -1));
  }

 private:
  ::archive* ar_;
};

bool ends_with(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::size_t StringStream::read(char* buf, std::size_t n) {
  const std::size_t k = std::min(n, data_.size() - pos_);
  std::copy_n(data_.data() + pos_, k, buf);
  pos_ += k;
  return k;
}

Compression detect_compression(std::string_view head) noexcept {
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
      static_cast<unsigned char>(head[1]) == 0x8b) {
    return Compression::kGzip;
  }
  if (head.size() >= 4 && static_cast<unsigned char>(head[0]) == 0x28 &&
      static_cast<unsigned char>(head[1]) == 0xb5 && static_cast<unsigned char>(head[2]) == 0x2f &&
      static_cast<unsigned char>(head[3]) == 0xfd) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

std::unique_ptr<ByteStream> open_file_stream(const std::string& path, std::string& err) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    err = std::strerror(errno);
    return nullptr;
  }
#ifdef POSIX_FADV_SEQUENTIAL
  (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::make_unique<FileStream>(fd, path);
}

namespace {

// A read-only private mapping, unmapped when the last view of it goes.
struct Mapping {
  void* addr = nullptr;
  std::size_t size = 0;
  Mapping(void* a, std::size_t n) : addr(a), size(n) {}
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() { ::munmap(addr, size); }
};

class MappedStream final : public ByteStream {
 public:
  explicit MappedStream(std::shared_ptr<const Mapping> m) : m_(std::move(m)) {}
  std::size_t read(char* buf, std::size_t n) override {
    const std::size_t k = std::min(n, m_->size - pos_);
    std::memcpy(buf, static_cast<const char*>(m_->addr) + pos_, k);
    pos_ += k;
    return k;
  }
  [[nodiscard]] std::uint64_t raw_bytes() const noexcept override { return pos_; }
  std::uint64_t skip(std::uint64_t n) override {
    const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(n, m_->size - pos_));
    pos_ += k;
    return k;
  }
  [[nodiscard]] Mapped mapped() const override { return {{static_cast<const char*>(m_->addr), m_->size}, m_}; }

 private:
  std::shared_ptr<const Mapping> m_;
  std::size_t pos_ = 0;
};

// Async-signal-safe: a fixed message and _exit.
void on_sigbus(int) {
  static const char kMsg[] =
      "paxray: an input file shrank while it was being read from memory (truncated by a copytruncate log rotation?); "
      "run again, or with --no-mmap\n";
  const ssize_t ignored = ::write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
  (void)ignored;
  ::_exit(4);
}

}  // namespace

std::shared_ptr<const void> ByteStream::hold_mapped(const Mapped& m, std::string_view part) {
  struct Held {
    std::shared_ptr<const void> mapping;
    const char* from;
    std::size_t size;
    Held(std::shared_ptr<const void> m, const char* f, std::size_t n) : mapping(std::move(m)), from(f), size(n) {}
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    ~Held() {
      // Whole pages inside the part only: a page it shares with a neighbour
      // may still be in use (and would only be read in again if dropped).
      const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
      const auto a = (reinterpret_cast<std::uintptr_t>(from) + page - 1) / page * page;
      const auto b = (reinterpret_cast<std::uintptr_t>(from) + size) / page * page;
      if (b > a) (void)::madvise(reinterpret_cast<void*>(a), b - a, MADV_DONTNEED);
    }
  };
  return std::make_shared<const Held>(m.owner, part.data(), part.size());
}

std::unique_ptr<ByteStream> open_mapped_file(const std::string& path, std::string& err) {
  static std::once_flag handler;
  std::call_once(handler, [] {
    struct sigaction sa {};
    sa.sa_handler = on_sigbus;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGBUS, &sa, nullptr);
  });
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    err = std::strerror(errno);
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
    err = "not a regular file with content";
    ::close(fd);
    return nullptr;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* addr = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);  // the mapping keeps the file
  if (addr == MAP_FAILED) {
    err = std::strerror(errno);
    return nullptr;
  }
  (void)::madvise(addr, size, MADV_SEQUENTIAL);
  (void)::madvise(addr, size, MADV_WILLNEED);
  return std::make_unique<MappedStream>(std::make_shared<const Mapping>(addr, size));
}

std::unique_ptr<ByteStream> make_gzip_stream(std::unique_ptr<ByteStream> inner) {
  return std::make_unique<GzipStream>(std::move(inner));
}

std::unique_ptr<ByteStream> make_zstd_stream(std::unique_ptr<ByteStream> inner) {
  return std::make_unique<ZstdStream>(std::move(inner));
}

std::uint64_t ByteStream::skip(std::uint64_t n) {
  char scratch[64 * 1024];
  std::uint64_t done = 0;
  while (done < n) {
    const std::size_t got = read(scratch, static_cast<std::size_t>(std::min<std::uint64_t>(sizeof scratch, n - done)));
    if (got == 0) break;
    done += got;
  }
  return done;
}

std::unique_ptr<ByteStream> make_peeked_stream(std::string head, std::unique_ptr<ByteStream> inner) {
  return std::make_unique<PeekedStream>(std::move(head), std::move(inner));
}

std::string read_up_to(ByteStream& in, std::size_t n) {
  std::string head(n, '\0');
  std::size_t have = 0;
  while (have < head.size()) {
    const std::size_t got = in.read(head.data() + have, head.size() - have);
    if (got == 0) break;
    have += got;
  }
  head.resize(have);
  return head;
}

std::unique_ptr<ByteStream> auto_decompress(std::unique_ptr<ByteStream> inner, Compression* detected) {
  std::string head = read_up_to(*inner, 4);
  const Compression c = detect_compression(head);
  if (detected != nullptr) *detected = c;
  auto peeked = std::make_unique<PeekedStream>(std::move(head), std::move(inner));
  switch (c) {
    case Compression::kGzip: return make_gzip_stream(std::move(peeked));
    case Compression::kZstd: return make_zstd_stream(std::move(peeked));
    case Compression::kNone: break;
  }
  return peeked;
}

std::unique_ptr<ByteStream> open_input(const std::string& path, std::string& err, Compression* detected) {
  auto file = open_file_stream(path, err);
  if (!file) return nullptr;
  return auto_decompress(std::move(file), detected);
}

ArchiveReader::ArchiveReader() : ar_(archive_read_new()) {
  archive_read_support_filter_all(ar_);
  archive_read_support_format_tar(ar_);
  archive_read_support_format_gnutar(ar_);
}

ArchiveReader::~ArchiveReader() { archive_read_free(ar_); }

bool ArchiveReader::open(const std::string& path, std::string& err) {
  if (archive_read_open_filename(ar_, path.c_str(), 1 << 20) != ARCHIVE_OK) {
    const char* msg = archive_error_string(ar_);
    err = msg ? msg : "cannot open archive";
    return false;
  }
  return true;
}

bool ArchiveReader::next_member(std::string& name, std::uint64_t& size) {
  for (;;) {
    archive_entry* entry = nullptr;
    const int rc = archive_read_next_header(ar_, &entry);
    if (rc == ARCHIVE_EOF) return false;
    if (rc == ARCHIVE_FATAL) {
      const char* msg = archive_error_string(ar_);
      error_ = std::string("archive error: ") + (msg ? msg : "truncated or corrupt archive");
      return false;
    }
    // ARCHIVE_WARN (e.g. an unknown header extension) still gives a usable entry.
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* path = archive_entry_pathname(entry);
    name = path ? path : "";
    size = static_cast<std::uint64_t>(archive_entry_size(entry));
    return true;
  }
}

std::unique_ptr<ByteStream> ArchiveReader::member_stream() { return std::make_unique<ArchiveMemberStream>(ar_); }

std::uint64_t ArchiveReader::raw_bytes() const noexcept {
  return static_cast<std::uint64_t>(archive_filter_bytes(ar_, -1));
}

bool is_archive_name(std::string_view name) noexcept {
  for (std::string_view suffix : {".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.xz", ".tar.bz2", ".tbz2"}) {
    if (ends_with(name, suffix)) return true;
  }
  return false;
}

}  // namespace paxray
