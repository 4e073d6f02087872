// File-name classification, content sniffing and node hints.
#include <gtest/gtest.h>

#include "paxray/parsers/log_kind.h"
#include "paxray/parsers/node_hints.h"

namespace paxray {
namespace {

TEST(LogName, CurrentRotatedWfAndCompressed) {
  struct Case {
    const char* name;
    LogKind kind;
    bool wf;
    bool rotated;
  };
  for (const Case& c : {Case{"observer.log", LogKind::kObserver, false, false},
                        Case{"election.log.wf", LogKind::kElection, true, false},
                        Case{"rootservice.log.20241219182047574", LogKind::kRootService, false, true},
                        Case{"observer.log.20210121094631", LogKind::kObserver, false, true},
                        Case{"observer.log.wf.20230225144757584", LogKind::kObserver, true, true},
                        Case{"observer.log.20240101120000123.zst", LogKind::kObserver, false, true},
                        Case{"trace.log.gz", LogKind::kTrace, false, false},
                        Case{"alert.log", LogKind::kAlert, false, false}}) {
    const auto n = classify_log_name(c.name);
    ASSERT_TRUE(n) << c.name;
    EXPECT_EQ(n->kind, c.kind) << c.name;
    EXPECT_EQ(n->wf, c.wf) << c.name;
    EXPECT_EQ(n->rotated, c.rotated) << c.name;
  }
  for (const char* bad : {"observer.log.123", "observer.txt", "myobserver.log", "observer.log.2024010112000012x"}) {
    EXPECT_FALSE(classify_log_name(bad)) << bad;
  }
}

TEST(Sniff, RecognisesLogsAndRejectsOthers) {
  const std::string ob =
      "[2024-03-05 10:00:00.000001] INFO  [PALF] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] hello\n";
  EXPECT_TRUE(sniff_log(ob).is_log);
  EXPECT_EQ(sniff_log("2024-12-13 10:56:05.929903|WARN|SHARE|EV|-4000|0|60777|observer|Y0-0|f|a.cpp:501|\"m\"\n").format,
            LineFormat::kObAlert);
  EXPECT_FALSE(sniff_log("hello world\n").is_log);
  EXPECT_NE(sniff_log("hello world\n").reason.find("hello world"), std::string::npos);
  EXPECT_FALSE(sniff_log(std::string("\x7f" "ELF\0\0", 6)).is_log);
  EXPECT_FALSE(sniff_log("").is_log);
}

TEST(NodeHints, FileHeader) {
  const auto h = parse_file_header(
      "New syslog file info: [address: \"127.0.0.1:2882\", observer version: OceanBase_CE 4.2.1.1, revision: "
      "101010012023111012-2f69, sysname: Linux, os release: 3.10.0, machine: x86_64, tz GMT offset: 08:00]");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->address, "127.0.0.1:2882");
  EXPECT_EQ(h->version, "OceanBase_CE 4.2.1.1");
  EXPECT_EQ(h->tz_offset, "08:00");
  EXPECT_FALSE(parse_file_header("something else"));
}

TEST(NodeHints, SelfAddress) {
  EXPECT_EQ(*find_self_address("x(palf_id=1, self=\"10.0.0.1:2882\", leader=\"10.0.0.2:2882\")"), "10.0.0.1:2882");
  EXPECT_EQ(*find_self_address("dump(ls_id=\"{id:1}\", self_addr=\"10.0.0.3:2882\")"), "10.0.0.3:2882");
  EXPECT_EQ(*find_self_address("election={is_running:true, self:\"11.1.2.3:2882\"}"), "11.1.2.3:2882");
  EXPECT_FALSE(find_self_address("myself=\"10.0.0.1:2882\""));
  EXPECT_FALSE(find_self_address("self=\"0.0.0.0:0\""));
  EXPECT_FALSE(find_self_address("self=\"SERVER_IP1:53212\""));
}

TEST(NodeHints, Addresses) {
  EXPECT_TRUE(looks_like_address("10.0.0.1:2882"));
  EXPECT_TRUE(looks_like_address("[::1]:2882"));
  EXPECT_FALSE(looks_like_address("10.0.0.1"));
  EXPECT_FALSE(looks_like_address("10.0.0.1:0"));
  EXPECT_FALSE(looks_like_address("10.0.0.1:99999"));
  EXPECT_FALSE(looks_like_address("11.xx.xx.xx:2882"));
}

}  // namespace
}  // namespace paxray
