// Record framing, counts and unparsed reporting of scan_chunk.
#include <gtest/gtest.h>

#include "paxray/parsers/chunk_scan.h"
#include "test_util.h"

namespace paxray {
namespace {

const std::string kInfo =
    "[2024-03-05 10:00:00.000001] INFO  [PALF] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] hello\n";
const std::string kWarn =
    "[2024-03-05 10:00:05.000001] WDIAG [PALF] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1][errcode=-4038] w\n";

ChunkStats scan(const std::string& text, ScanWindow w = {}) {
  ChunkStats s;
  scan_chunk(text, LineFormat::kObText, w, s);
  return s;
}

TEST(ChunkScan, CountsRecordsLevelsAndContinuations) {
  const ChunkStats s = scan(kInfo + "[MEMORY] hold=1\n[MEMORY] hold=2\n" + kWarn);
  EXPECT_EQ(s.lines, 4u);
  EXPECT_EQ(s.records, 2u);
  EXPECT_EQ(s.continuation, 2u);
  EXPECT_EQ(s.leading_continuation, 0u);
  EXPECT_EQ(s.by_level[static_cast<int>(Level::kInfo)], 1u);
  EXPECT_EQ(s.by_level[static_cast<int>(Level::kWdiag)], 1u);
  EXPECT_EQ(s.min_ts, *parse_fixed_timestamp("2024-03-05 10:00:00.000001"));
  EXPECT_EQ(s.max_ts, *parse_fixed_timestamp("2024-03-05 10:00:05.000001"));
}

// Per node, what obdiag's log analysis tabulates: a warning or error record's
// [errcode=N], else the first ret=-N of its body; INFO records do not count.
TEST(ChunkScan, ErrorCodesOfWarningAndErrorRecords) {
  const std::string text =
      "[2024-03-05 10:00:01.000000] WDIAG [CLOG] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=3][errcode=-4038] x(ret=-4012)\n"
      "[2024-03-05 10:00:02.000000] WARN  [ELECT] f (a.cpp:2) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=3] fail(ret=-4038, x=1)\n"
      "[2024-03-05 10:00:03.000000] INFO  [ELECT] f (a.cpp:3) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=3] retry(ret=-4038)\n"
      "[2024-03-05 10:00:04.000000] ERROR [ELECT] f (a.cpp:4) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=3] offset=-1 (ret=-4012)\n"
      "[2024-03-05 10:00:05.000000] WARN  [ELECT] f (a.cpp:5) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=3] no code here, myret=-1\n";
  ChunkStats st;
  scan_chunk(text, LineFormat::kObText, {}, st, false);
  ASSERT_EQ(st.errors.codes.size(), 2u);
  EXPECT_EQ(st.errors.codes[0].code, -4038);
  EXPECT_EQ(st.errors.codes[0].count, 2u);
  EXPECT_EQ(format_timestamp(st.errors.codes[0].first), "2024-03-05 10:00:01.000000");
  EXPECT_EQ(format_timestamp(st.errors.codes[0].last), "2024-03-05 10:00:02.000000");
  EXPECT_EQ(st.errors.codes[1].code, -4012);
  EXPECT_EQ(st.errors.codes[1].count, 1u);
  // Bounded: past the cap, the other codes are counted together under 0.
  ErrorCodes e;
  for (int c = 1; c <= 100; ++c) e.add(-c, 0, 0);
  EXPECT_EQ(e.codes.size(), ErrorCodes::kMaxErrorCodes);
  EXPECT_EQ(e.codes.back().code, 0);
  EXPECT_EQ(e.codes.back().count, 100u - (ErrorCodes::kMaxErrorCodes - 1));
}

TEST(ChunkScan, ARecordCutBeforeItsBracketIsARecord) {
  // A paste's first line, its '[' cut off: the timestamp is whole, so it fits.
  const ChunkStats s = scan(kInfo.substr(1) + kWarn);
  EXPECT_EQ(s.records, 2u);
  EXPECT_EQ(s.leading_continuation, 0u);
  EXPECT_EQ(s.min_ts, *parse_fixed_timestamp("2024-03-05 10:00:00.000001"));
  // With part of the year gone too it does not: a continuation, as before.
  const ChunkStats t = scan(kInfo.substr(2) + kWarn);
  EXPECT_EQ(t.records, 1u);
  EXPECT_EQ(t.leading_continuation, 1u);
}

TEST(ChunkScan, LeadingContinuationIsReportedForTheCaller) {
  const ChunkStats s = scan("tail of a stack trace\n\tat x\n" + kInfo);
  EXPECT_EQ(s.leading_continuation, 2u);
  ASSERT_TRUE(s.leading_sample);
  EXPECT_EQ(s.leading_sample->text, "tail of a stack trace");
  EXPECT_EQ(s.records, 1u);
}

TEST(ChunkScan, UnparsedLinesHaveReasonsAndSamples) {
  const ChunkStats s = scan(kInfo + "[2024-02-30 10:00:00.000000] INFO  x\n" + std::string("bin\0ary\n", 8) +
                            "[2024-03-05 10:00:00.000000] HUH [X] f (a.cpp:1) [1][0][Y0-0] b\n");
  EXPECT_EQ(s.records, 1u);
  EXPECT_EQ(s.unparsed[static_cast<int>(Unparsed::kBadTimestamp)], 1u);
  EXPECT_EQ(s.unparsed[static_cast<int>(Unparsed::kBinary)], 1u);
  EXPECT_EQ(s.unparsed[static_cast<int>(Unparsed::kBadLevel)], 1u);
  ASSERT_EQ(s.samples.size(), 3u);
  EXPECT_EQ(s.samples[0].line_index, 1u);
}

// The newline and the NUL bytes are found in one pass, sixteen bytes at a
// time: a NUL counts for its own line only, wherever the two fall in a block.
TEST(ChunkScan, ANulByteMarksItsOwnLineOnly) {
  for (std::size_t before = 0; before < 70; ++before) {
    for (std::size_t at = 0; at < 70; ++at) {
      const std::string binary = std::string(at, 'x') + std::string(1, '\0') + "y";
      const std::string text = std::string(before, 'a') + "\n" + binary + "\n" + kInfo + "tail";
      const ChunkStats s = scan(text);
      ASSERT_EQ(s.unparsed[static_cast<int>(Unparsed::kBinary)], 1u) << before << " " << at;
      ASSERT_EQ(s.samples.size(), 1u);
      EXPECT_EQ(s.samples[0].line_index, 1u);
      EXPECT_EQ(s.samples[0].text, binary);
      EXPECT_EQ(s.records, 1u);
      EXPECT_EQ(s.lines, 4u);
    }
  }
  EXPECT_EQ(scan(std::string("last\0", 5)).unparsed[static_cast<int>(Unparsed::kBinary)], 1u);  // no newline after it
  EXPECT_EQ(scan(kInfo + std::string("\0", 1)).records, 1u);
}

TEST(ChunkScan, CrlfAndMissingFinalNewline) {
  const std::string crlf = kInfo.substr(0, kInfo.size() - 1) + "\r\n";
  const ChunkStats s = scan(crlf + kWarn.substr(0, kWarn.size() - 1));
  EXPECT_EQ(s.records, 2u);
  EXPECT_EQ(s.lines, 2u);
}

TEST(ChunkScan, WindowFiltersRecords) {
  ScanWindow w;
  w.since = *parse_fixed_timestamp("2024-03-05 10:00:01.000000");
  const ChunkStats s = scan(kInfo + kWarn, w);
  EXPECT_EQ(s.records, 1u);
  EXPECT_EQ(s.filtered, 1u);
}

TEST(ChunkScan, FileHeaderIsCaptured) {
  const ChunkStats s = scan(
      "[2023-12-26 13:15:58.612579] INFO  New syslog file info: [address: \"127.0.0.1:2882\", observer version: "
      "OceanBase_CE 4.2.1.1, revision: 1-2f69, sysname: Linux, tz GMT offset: 08:00]\n");
  ASSERT_TRUE(s.header);
  EXPECT_EQ(s.header->address, "127.0.0.1:2882");
  EXPECT_EQ(s.header->version, "OceanBase_CE 4.2.1.1");
  EXPECT_EQ(s.header->tz_offset, "08:00");
}

TEST(ChunkScan, AlertFormat) {
  ChunkStats s;
  scan_chunk("2024-12-13 10:56:05.929903|WARN|SHARE|EV|-4000|0|60777|observer|Y0-0|f|a.cpp:501|\"m\"\n", LineFormat::kObAlert,
             {}, s);
  EXPECT_EQ(s.records, 1u);
  EXPECT_EQ(s.by_level[static_cast<int>(Level::kWarn)], 1u);
}

}  // namespace
}  // namespace paxray
