// The fast OceanBase line parser agrees with the RE2 reference on every real
// and reference sample line, on every registry sample, and on generated corpora.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "paxray/parsers/byte_stream.h"
#include "paxray/parsers/ob_events.h"
#include "paxray/parsers/ob_line.h"
#include "reference_ob_line.h"
#include "test_util.h"

namespace paxray {
namespace {

void expect_agree(std::string_view text) {
  ObLine fast;
  const LineError e = parse_ob_line(text, fast);
  const auto ref = testing::reference_parse(text);
  if (e == LineError::kNone && fast.layout == ObLayout::kFileHeader) return;  // no thread block: not in the regex
  ASSERT_EQ(e == LineError::kNone, ref.has_value()) << line_error_name(e) << ": " << text;
  if (!ref) return;
  EXPECT_EQ(format_timestamp(fast.ts), ref->timestamp) << text;
  EXPECT_EQ(level_name(fast.level), ref->level) << text;
  EXPECT_EQ(fast.module, ref->module) << text;
  EXPECT_EQ(fast.function, ref->function) << text;
  EXPECT_EQ(fast.file, ref->file) << text;
  EXPECT_EQ(fast.src_line, ref->src_line) << text;
  EXPECT_EQ(fast.tid, ref->tid) << text;
  EXPECT_EQ(fast.trace_id, ref->trace) << text;
  EXPECT_EQ(fast.body, ref->body) << text;
}

TEST(ObLineReference, SampleLines) {
  std::size_t n = 0;
  for (const char* f : {"samples/real/oceanbase-doc-lines.txt", "samples/real/oceanbase-reference-lines.txt"}) {
    for (const auto& l : testing::record_lines(testing::source_dir() / f)) {
      if (!is_ob_record_start(l)) continue;
      expect_agree(l);
      ++n;
    }
  }
  for (const auto& spec : ob_message_registry()) {
    expect_agree(spec.sample);
    ++n;
  }
  EXPECT_GE(n, 170u);
}

TEST(ObLineReference, GeneratedIncidents) {
  // Every record-start line of every bundled incident (plain and compressed).
  std::size_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(testing::source_dir() / "samples/incidents")) {
    if (!e.is_regular_file() || e.path().string().find("/log/") == std::string::npos) continue;
    std::string err;
    auto in = open_input(e.path().string(), err);
    ASSERT_TRUE(in) << err;
    std::string text, buf(1 << 16, '\0');
    while (std::size_t got = in->read(buf.data(), buf.size())) text.append(buf.data(), got);
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      const std::string_view l(text.data() + pos, nl - pos);
      if (is_ob_record_start(l)) {
        expect_agree(l);
        ++n;
      }
      pos = nl + 1;
    }
  }
  EXPECT_GT(n, 10000u);
}

TEST(ObLineReference, DamagedLines) {
  const std::string good =
      "[2024-03-05 10:21:33.482115] INFO  [ELECT] operator() (election_acceptor.cpp:137) "
      "[28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=15] dump acceptor info(x=1)";
  for (std::size_t cut = 29; cut < good.size(); cut += 3) expect_agree(good.substr(0, cut));
  for (std::size_t i = 29; i < 140; i += 5) {
    std::string bad = good;
    bad[i] = bad[i] == ']' ? 'x' : ']';
    expect_agree(bad);
  }
}

}  // namespace
}  // namespace paxray
