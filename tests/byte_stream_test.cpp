// Decompression and archive streaming, including truncated and corrupt inputs.
#include <gtest/gtest.h>

#include "paxray/parsers/byte_stream.h"
#include "test_util.h"

namespace paxray {
namespace {

std::string drain(ByteStream& s, std::size_t step = 1000) {
  std::string out, buf(step, '\0');
  while (std::size_t n = s.read(buf.data(), buf.size())) out.append(buf.data(), n);
  return out;
}

// Varied enough that both compressors emit several blocks, so a truncated
// stream still yields a decodable prefix.
std::string sample_text() {
  std::string s;
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    s += "[2024-03-05 10:00:00.000001] INFO  line " + std::to_string(i) + " v=" + std::to_string(x) + "\n";
  }
  return s;
}

TEST(ByteStream, PlainGzipAndZstdByMagic) {
  testing::TempDir dir;
  const std::string text = sample_text();
  const auto plain = dir.write("a.log", text);
  const auto gz = dir.write("b.log", testing::gzip(text));  // no .gz suffix: magic decides
  const auto zs = dir.write("c.log.zst", testing::zstd(text));
  for (const auto& [path, expect] : {std::pair{plain, Compression::kNone}, std::pair{gz, Compression::kGzip},
                                     std::pair{zs, Compression::kZstd}}) {
    std::string err;
    Compression c{};
    auto s = open_input(path.string(), err, &c);
    ASSERT_TRUE(s) << err;
    EXPECT_EQ(c, expect);
    EXPECT_EQ(drain(*s), text);
    EXPECT_TRUE(s->error().empty()) << s->error();
  }
}

TEST(ByteStream, ConcatenatedGzipMembers) {
  testing::TempDir dir;
  const auto p = dir.write("x.gz", testing::gzip("one\n") + testing::gzip("two\n"));
  std::string err;
  auto s = open_input(p.string(), err);
  EXPECT_EQ(drain(*s, 3), "one\ntwo\n");
  EXPECT_TRUE(s->error().empty());
}

TEST(ByteStream, TruncatedStreamsKeepWhatWasReadAndReportAnError) {
  testing::TempDir dir;
  const std::string text = sample_text();
  const std::string gz = testing::gzip(text);
  const std::string zs = testing::zstd(text);
  for (const auto& data : {gz.substr(0, gz.size() / 2), zs.substr(0, zs.size() / 2)}) {
    const auto p = dir.write("t", data);
    std::string err;
    auto s = open_input(p.string(), err);
    const std::string got = drain(*s);
    EXPECT_FALSE(s->error().empty());
    EXPECT_NE(s->error().find("truncated"), std::string::npos) << s->error();
    EXPECT_GT(got.size(), 0u);
    EXPECT_EQ(text.substr(0, got.size()), got);
  }
}

TEST(ByteStream, CorruptGzipIsAnError) {
  testing::TempDir dir;
  std::string gz = testing::gzip(sample_text());
  for (std::size_t i = 20; i < gz.size(); i += 7) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  const auto p = dir.write("bad.gz", gz);
  std::string err;
  auto s = open_input(p.string(), err);
  (void)drain(*s);
  EXPECT_FALSE(s->error().empty());
}

TEST(ByteStream, MissingFile) {
  std::string err;
  EXPECT_FALSE(open_input("/nonexistent/paxray/x.log", err));
  EXPECT_FALSE(err.empty());
}

TEST(ArchiveReader, StreamsMembersOfTarGz) {
  testing::TempDir dir;
  const auto tgz = dir.path() / "gather.tar.gz";
  testing::write_tar(tgz, {{"n1/observer.log", "hello\n"}, {"n1/observer.log.20240101000000123.zst", testing::zstd("z\n")}},
                     true);
  ArchiveReader ar;
  std::string err;
  ASSERT_TRUE(ar.open(tgz.string(), err)) << err;
  std::string name;
  std::uint64_t size = 0;
  ASSERT_TRUE(ar.next_member(name, size));
  EXPECT_EQ(name, "n1/observer.log");
  EXPECT_EQ(drain(*ar.member_stream()), "hello\n");
  ASSERT_TRUE(ar.next_member(name, size));
  EXPECT_EQ(drain(*auto_decompress(ar.member_stream())), "z\n");
  EXPECT_FALSE(ar.next_member(name, size));
  EXPECT_TRUE(ar.error().empty());
}

TEST(ArchiveReader, TruncatedArchiveReportsAnError) {
  testing::TempDir dir;
  const auto tar = dir.path() / "full.tar";
  testing::write_tar(tar, {{"a/observer.log", std::string(20000, 'a')}, {"b/observer.log", std::string(20000, 'b')}}, false);
  const std::string bytes = testing::read_file(tar);
  const auto cut = dir.write("cut.tar", bytes.substr(0, 25000));
  ArchiveReader ar;
  std::string err, name;
  std::uint64_t size = 0;
  ASSERT_TRUE(ar.open(cut.string(), err));
  ASSERT_TRUE(ar.next_member(name, size));
  auto s = ar.member_stream();
  EXPECT_EQ(drain(*s).size(), 20000u);
  const bool more = ar.next_member(name, size);
  if (more) {
    (void)drain(*ar.member_stream());
    EXPECT_FALSE(ar.next_member(name, size));
  }
  EXPECT_FALSE(ar.error().empty());
}

TEST(ArchiveNames, Recognised) {
  for (const char* n : {"a.tar", "a.tar.gz", "obdiag_gather.tgz", "x.tar.zst"}) EXPECT_TRUE(is_archive_name(n)) << n;
  for (const char* n : {"observer.log", "observer.log.gz", "tar"}) EXPECT_FALSE(is_archive_name(n)) << n;
}

}  // namespace
}  // namespace paxray
