// Helpers shared by the tests: temporary directories, compressed files, tarballs.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>
#include <sys/wait.h>
#include <zstd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace paxray::testing {

/// The repository root (for samples/), set by tests/CMakeLists.txt.
inline std::filesystem::path source_dir() { return PAXRAY_SOURCE_DIR; }

/// Reads a whole file (test data only).
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "paxray-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& rel, const std::string& content) const {
    const auto p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

inline std::string gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

inline std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error("zstd");
  out.resize(n);
  return out;
}

/// Writes a tar archive (gzip-compressed when `gz`) holding `members`.
inline void write_tar(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& members,
                      bool gz) {
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  if (gz) archive_write_add_filter_gzip(a);
  if (archive_write_open_filename(a, path.c_str()) != ARCHIVE_OK) throw std::runtime_error("tar open");
  for (const auto& [name, data] : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

struct CmdResult {
  int status = -1;  ///< exit status; -1 when killed by a signal (a crash)
  std::string out;  ///< standard output
};

#ifdef PAXRAY_BINARY
/// Runs the paxray binary with `args` (a shell fragment), stderr discarded.
inline CmdResult run_cli(const std::string& args) {
  const std::string cmd = std::string(PAXRAY_BINARY) + " " + args + " 2>/dev/null";
  CmdResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}
#endif

/// Lines that start an OceanBase record ("[YYYY-") in every plain text file
/// under samples/: incidents, real excerpts, and the ZooKeeper, etcd and
/// OpenIO samples alike.
inline std::vector<std::string> bundled_record_lines() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(source_dir() / "samples")) {
    if (!e.is_regular_file() || e.file_size() > (8u << 20)) continue;
    const std::string ext = e.path().extension().string();
    if (ext == ".gz" || ext == ".zst" || ext == ".tar" || ext == ".png") continue;
    std::ifstream in(e.path(), std::ios::binary);
    for (std::string l; std::getline(in, l);) {
      if (l.size() > 6 && l[0] == '[' && l[5] == '-') out.push_back(l);
    }
  }
  return out;
}

#ifdef PAXRAY_GEN_BINARY
/// Writes the generated corpus the differential tests share (three nodes of
/// healthy 4.x traffic, 12 MB, 4 MB rotations, seed 7) to `out`; false when
/// the generator fails.
inline bool write_generated_corpus(const std::filesystem::path& out) {
  const std::string cmd =
      std::string(PAXRAY_GEN_BINARY) + " --out '" + out.string() + "' --nodes 3 --size 12M --rotate 4M --seed 7 >/dev/null";
  return std::system(cmd.c_str()) == 0;
}
#endif

/// Lines of a sample file that start a record, with comments and headers dropped.
inline std::vector<std::string> record_lines(const std::filesystem::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && (l[0] == '[' || (l[0] >= '0' && l[0] <= '9')) && l.rfind("[MEMORY]", 0) != 0) out.push_back(l);
  }
  return out;
}

}  // namespace paxray::testing

#include "paxray/parsers/byte_stream.h"

namespace paxray::testing {

/// An in-memory ByteStream that returns at most `max_read` bytes per call,
/// to exercise short reads.
class MemoryStream final : public ByteStream {
 public:
  explicit MemoryStream(std::string data, std::size_t max_read = static_cast<std::size_t>(-1))
      : data_(std::move(data)), max_read_(max_read) {}
  std::size_t read(char* buf, std::size_t n) override {
    const std::size_t k = std::min({n, max_read_, data_.size() - pos_});
    std::copy_n(data_.data() + pos_, k, buf);
    pos_ += k;
    return k;
  }
  std::uint64_t raw_bytes() const noexcept override { return pos_; }

 private:
  std::string data_;
  std::size_t max_read_;
  std::size_t pos_ = 0;
};

}  // namespace paxray::testing
