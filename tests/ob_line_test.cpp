// The OceanBase line parser against real lines and the layouts of reference §1.
#include <gtest/gtest.h>

#include "paxray/parsers/ob_line.h"
#include "test_util.h"

namespace paxray {
namespace {

ObLine parse_ok(std::string_view text) {
  ObLine line;
  const LineError e = parse_ob_line(text, line);
  EXPECT_EQ(e, LineError::kNone) << line_error_name(e) << ": " << text;
  return line;
}

TEST(ObLine, EveryRealDocLineParses) {
  const auto lines = testing::record_lines(testing::source_dir() / "samples/real/oceanbase-doc-lines.txt");
  ASSERT_GE(lines.size(), 80u);
  for (const auto& l : lines) {
    ObLine line;
    EXPECT_EQ(parse_ob_line(l, line), LineError::kNone) << l;
    if (line.layout == ObLayout::kFileHeader) continue;  // no thread block by design
    EXPECT_GT(line.tid, 0) << l;
    EXPECT_FALSE(line.trace_id.empty()) << l;
  }
}

TEST(ObLine, EveryReferenceAndSeedLineParses) {
  const auto lines = testing::record_lines(testing::source_dir() / "samples/real/oceanbase-reference-lines.txt");
  ASSERT_GE(lines.size(), 24u);
  for (const auto& l : lines) {
    ObLine line;
    const LineError e = is_ob_record_start(l) ? parse_ob_line(l, line) : parse_ob_alert_line(l, line);
    EXPECT_EQ(e, LineError::kNone) << l;
  }
}

TEST(ObLine, V4InfoWithModuleAndLambda) {
  const ObLine l = parse_ok(
      "[2024-03-05 10:21:33.482115] INFO  [ELECT] operator() (election_acceptor.cpp:137) "
      "[28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=15] dump acceptor info(*this={ls_id:{id:1001}})");
  EXPECT_EQ(l.layout, ObLayout::kV4);
  EXPECT_EQ(l.level, Level::kInfo);
  EXPECT_EQ(l.module, "ELECT");
  EXPECT_EQ(l.function, "operator()");
  EXPECT_EQ(l.file, "election_acceptor.cpp");
  EXPECT_EQ(l.src_line, 137u);
  EXPECT_EQ(l.tid, 28511);
  EXPECT_EQ(l.thread, "T1002_Occam");
  EXPECT_EQ(l.tenant, 1002);
  EXPECT_EQ(thread_tenant(l), 1002);
  EXPECT_EQ(l.trace_id, "Y0-0000000000000000-0-0");
  EXPECT_EQ(l.lt, 15);
  EXPECT_FALSE(l.has_errcode);
  EXPECT_EQ(l.body, "dump acceptor info(*this={ls_id:{id:1001}})");
  EXPECT_EQ(*parse_fixed_timestamp("2024-03-05 10:21:33.482115"), l.ts);
}

TEST(ObLine, V4WdiagErrcodeNoSpace) {
  const ObLine l = parse_ok(
      "[2023-12-25 18:01:15.527519] WDIAG [SHARE] refresh (ob_task_define.cpp:402) [35585][LogLimiterRefre][T0]"
      "[Y0-0000000000000000-0-0] [lt=8][errcode=0] Throttled WDIAG logs in last second(details {error code}=[])");
  EXPECT_EQ(l.level, Level::kWdiag);
  EXPECT_TRUE(l.has_errcode);
  EXPECT_EQ(l.errcode, 0);
  EXPECT_EQ(l.tenant, 0);
  EXPECT_EQ(thread_tenant(l), -1);
  EXPECT_EQ(l.body.substr(0, 9), "Throttled");
}

TEST(ObLine, V4ErrorWithoutModuleNegativeErrcode) {
  const ObLine l = parse_ok(
      "[2024-03-05 10:22:01.100000] ERROR try_recycle_blocks (palf_env_impl.cpp:762) [29020][T1002_PalfGC][T1002]"
      "[Y0-0000000000000000-0-0] [lt=3][errcode=-4264] Log out of disk space(msg=\"log disk space is almost full\")");
  EXPECT_EQ(l.level, Level::kError);
  EXPECT_TRUE(l.module.empty());
  EXPECT_EQ(l.function, "try_recycle_blocks");
  EXPECT_EQ(l.errcode, -4264);
}

TEST(ObLine, EdiagBacktraceIsSplitOff) {
  const ObLine l = parse_ok(
      "[2023-09-27 11:29:25.048444] EDIAG [CLOG] try_handle_cb_queue (ob_log_apply_service.cpp:505) [62033]"
      "[T1_ApplySrv5][T1][Y0-0000000000000000-0-0] [lt=51][errcode=0] result:(l_append_cnt=602962) BACKTRACE:0xde38230 0xdaa64e6");
  EXPECT_EQ(l.body, "result:(l_append_cnt=602962)");
  EXPECT_EQ(l.backtrace, "0xde38230 0xdaa64e6");
}

TEST(ObLine, V4EmptyThreadNameAndArbCluster) {
  ObLine l = parse_ok(
      "[2023-09-27 11:29:26.046598] INFO  [PALF] handle_next_submit_log_ (log_sliding_window.cpp:1056) [62250][][T0]"
      "[Y0-0000000000000000-0-0] [lt=44] x");
  EXPECT_EQ(l.thread, "");
  EXPECT_EQ(l.tenant, 0);
  l = parse_ok("[2024-01-01 00:00:00.000001] INFO  [ARB] run (arb.cpp:1) [5][ArbSrv][C7][T1][Y0-0000000000000000-0-0] [lt=1] y");
  EXPECT_EQ(l.cluster, 7);
  EXPECT_EQ(l.tenant, 1);
}

TEST(ObLine, V3InfoWithoutFunction) {
  const ObLine l = parse_ok(
      "[2021-08-02 16:56:42.340958] INFO  [CLOG] ob_log_state_mgr.cpp:2285 [3710][1861][Y0-0000000000000000] "
      "[lt=13] [dc=0] check_leader_sliding_window_not_slide_(partition_key={tid:1099511627971, partition_id:14})");
  EXPECT_EQ(l.layout, ObLayout::kV3);
  EXPECT_TRUE(l.function.empty());
  EXPECT_EQ(l.file, "ob_log_state_mgr.cpp");
  EXPECT_EQ(l.src_line, 2285u);
  EXPECT_EQ(l.tenant, -1);
  EXPECT_EQ(l.dc, 0);
  EXPECT_EQ(l.lt, 13);
  EXPECT_EQ(l.body.substr(0, 38), "check_leader_sliding_window_not_slide_");
}

TEST(ObLine, V3ElectionAsyncLogNoSpaceBeforeBody) {
  const ObLine l = parse_ok(
      "[2018-09-27 23:09:04.950617] ERROR [ELECT] run_gt1_task (ob_election.cpp:1425) [38589][Y0-0000000000000000] "
      "[log=25]leader lease is expired(election={partition:{tid:1100611139458321}})");
  EXPECT_EQ(l.layout, ObLayout::kV3NoCoid);
  EXPECT_EQ(l.lt, 25);
  EXPECT_EQ(l.body.substr(0, 23), "leader lease is expired");
}

TEST(ObLine, V3WarnUserErrAndLibeasy) {
  ObLine l = parse_ok("[2021-01-21 09:46:31.305260] WARN  setup_next_scanner (ob_direct_receive.cpp:292) [15256][YB420B4043DA-0005A535D6FAE816] [lt=2] , ret=-4038");
  EXPECT_EQ(l.level, Level::kWarn);
  EXPECT_EQ(l.body, ", ret=-4038");
  l = parse_ok("[2021-01-21 09:46:31.305260] USER_ERR [SQL] f (a.cpp:1) [1][0][Y0-0000000000000000] [lt=2] [dc=0] denied");
  EXPECT_EQ(l.level, Level::kUserErr);
  l = parse_ok("[2021-01-21 09:46:31.305260] INFO  easy_connection.c:2268 [1][0][Y0-0000000000000000] [lt=2] [dc=0] socket");
  EXPECT_EQ(l.file, "easy_connection.c");
  EXPECT_TRUE(l.module.empty());
}

TEST(ObLine, FileHeaderAndTraceLog) {
  ObLine l = parse_ok("[2023-12-26 13:15:58.612579] INFO  New syslog file info: [address: \"127.0.0.1:2882\", tz GMT offset: 08:00]");
  EXPECT_EQ(l.layout, ObLayout::kFileHeader);
  l = parse_ok("[2024-01-01 00:00:00.000001] [1234][T1_L0_G0][T1][YB427F000001-00060D52A9614571-0-0] {\"trace\":1}");
  EXPECT_EQ(l.layout, ObLayout::kTraceLog);
  EXPECT_EQ(l.thread, "T1_L0_G0");
  EXPECT_EQ(l.body, "{\"trace\":1}");
}

TEST(ObLine, AlertLog) {
  ObLine l;
  ASSERT_EQ(parse_ob_alert_line("2024-12-13 10:56:05.929903|WARN|SHARE|OB_SERVER_LOAD_DYNAMIC_PLUGIN_FAIL|-4000|0|60777|"
                                "observer|Y0-0000000000000001-0-0|load_dynamic_plugins|ob_plugin_mgr.cpp:501|\"install failed|x\"",
                                l),
            LineError::kNone);
  EXPECT_EQ(l.layout, ObLayout::kAlert);
  EXPECT_EQ(l.dba_event, "OB_SERVER_LOAD_DYNAMIC_PLUGIN_FAIL");
  EXPECT_EQ(l.errcode, -4000);
  EXPECT_EQ(l.src_line, 501u);
  EXPECT_EQ(l.body, "install failed|x");
  EXPECT_EQ(parse_ob_alert_line("2024-12-13 10:56:05.929903|WARN|SHARE", l), LineError::kBadAlertFields);
}

TEST(ObLine, ErrorsAreClassified) {
  ObLine l;
  EXPECT_EQ(parse_ob_line("[MEMORY] tenant_id=  500", l), LineError::kNotRecordStart);
  EXPECT_EQ(parse_ob_line("[2023-02-30 10:00:00.000000] INFO  x", l), LineError::kBadTimestamp);
  EXPECT_EQ(parse_ob_line("[2023-02-10 10:00:00.0000", l), LineError::kBadTimestamp);
  EXPECT_EQ(parse_ob_line("[2023-02-10 10:00:00.000000] NOTICE x (a.cpp:1) [1][0][Y0-0] [lt=1] b", l), LineError::kBadLevel);
  EXPECT_EQ(parse_ob_line("[2023-02-10 10:00:00.000000] INFO  [X] no location here at all", l), LineError::kBadLocation);
  // Cut right after the level, as tickets show it: a record with its other fields missing.
  for (const char* cut : {"[2025-02-25 06:54:48.332249] INFO ", "[2025-02-25 06:54:48.332249] WARN", "[2025-02-25 06:54:48.332249] ERROR \r"}) {
    ASSERT_EQ(parse_ob_line(cut, l), LineError::kNone) << cut;
    EXPECT_TRUE(l.body.empty());
    EXPECT_TRUE(l.module.empty());
  }
  EXPECT_EQ(parse_ob_line("[2025-02-25 06:54:48.332249] LOUD", l), LineError::kBadLevel);
  // A no-break space after the level, as a web page's copy has it.
  ASSERT_EQ(parse_ob_line("[2024-01-23 22:29:53.341634] ERROR\xc2\xa0[SERVER] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] x", l),
            LineError::kNone);
  EXPECT_EQ(l.level, Level::kError);
  EXPECT_EQ(l.module, "SERVER");
  EXPECT_EQ(parse_ob_line("[2023-02-10 10:00:00.000000] INFO  [X] f (a.cpp:1) [abc][Y0-0] b", l), LineError::kBadThreadBlock);
  EXPECT_EQ(parse_ob_line("[2023-02-10 10:00:00.000000] INFO  [X] f (a.cpp:1) [12][T1][Q0] b", l), LineError::kBadThreadBlock);
}

TEST(ObLine, MetaBlocksTakeOnlyKnownKeysAndSmallNumbers) {
  const std::string prefix = "[2024-03-05 10:21:33.482115] WDIAG [X] f (a.cpp:1) [1][n][T1][Y0] ";
  ObLine l;  // its views point into the line: each line is kept while it is looked at
  const std::string all = prefix + "[lt=123456789012345678] [dc=-2][errcode=-4038]  body";
  ASSERT_EQ(parse_ob_line(all, l), LineError::kNone);
  EXPECT_EQ(l.lt, 123456789012345678);
  EXPECT_EQ(l.dc, -2);
  EXPECT_TRUE(l.has_errcode);
  EXPECT_EQ(l.errcode, -4038);
  EXPECT_EQ(l.body, "body");
  // Every length of value from one digit to nine: runs under eight digits
  // are read as one word, longer ones digit by digit.
  std::int64_t value = 0;
  for (int digits = 1; digits <= 9; ++digits) {
    value = value * 10 + digits;
    const std::string line = prefix + "[lt=" + std::to_string(value) + "][errcode=-" + std::to_string(value) + "]b";
    ASSERT_EQ(parse_ob_line(line, l), LineError::kNone) << line;
    EXPECT_EQ(l.lt, value) << line;
    EXPECT_EQ(l.errcode, -value) << line;
    EXPECT_EQ(l.body, "b") << line;
  }
  const std::string election = prefix + "[log=7]x";
  ASSERT_EQ(parse_ob_line(election, l), LineError::kNone);
  EXPECT_EQ(l.lt, 7);
  EXPECT_EQ(l.body, "x");
  // Not meta blocks: the body starts at them.
  for (const std::string body : {"[lt=1234567890123456789] b", "[lt=] b", "[lt=-] b", "[lt=1x] b", "[lt=1 b", "[x=1] b",
                                 "[errcodes=1] b", "[lt]=1] b", "[lt]1] b", "[ lt=1] b", "[lt=99999999999999999999] b"}) {
    const std::string line = prefix + body;
    ASSERT_EQ(parse_ob_line(line, l), LineError::kNone) << body;
    EXPECT_EQ(l.body, body);
    EXPECT_EQ(l.lt, -1) << body;
    EXPECT_FALSE(l.has_errcode) << body;
  }
}

// "[YYYY-" is tested as one word on lines of eight bytes or more: every byte
// value at each of the six places, on lines of every length from 6 to 9,
// gives what the byte-by-byte rule gives.
TEST(ObLine, RecordStartAsOneWord) {
  const auto plain = [](std::string_view l) {
    return l.size() >= 6 && l[0] == '[' && l[1] >= '0' && l[1] <= '9' && l[2] >= '0' && l[2] <= '9' && l[3] >= '0' &&
           l[3] <= '9' && l[4] >= '0' && l[4] <= '9' && l[5] == '-';
  };
  for (std::size_t size = 5; size <= 9; ++size) {
    for (std::size_t place = 0; place < std::min<std::size_t>(size, 6); ++place) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string l = std::string("[2024-03-05").substr(0, size);
        l[place] = static_cast<char>(byte);
        ASSERT_EQ(is_ob_record_start(l), plain(l)) << size << " " << place << " " << byte;
      }
    }
  }
}

TEST(ObLine, TruncatedPrefixesNeverReadPastTheEnd) {
  const std::string full =
      "[2024-03-05 10:21:33.482115] INFO  [ELECT] operator() (election_acceptor.cpp:137) "
      "[28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=15][errcode=-1] body BACKTRACE:0x1";
  for (std::size_t n = 0; n <= full.size(); ++n) {
    // A copy of exactly n bytes, so ASan sees any read past the end.
    const std::string cut = full.substr(0, n);
    ObLine l;
    (void)parse_ob_line(cut, l);
    (void)parse_ob_alert_line(cut, l);
  }
}

}  // namespace
}  // namespace paxray
