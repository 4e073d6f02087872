// The body splitter and key/value scanner on the printing forms of reference §1.8.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "paxray/parsers/kv.h"

namespace paxray {
namespace {

std::vector<std::pair<std::string, std::string>> all(std::string_view text, char sep = '=') {
  std::vector<std::pair<std::string, std::string>> out;
  KvScanner s(text, sep);
  for (KeyValue kv; s.next(kv);) out.emplace_back(kv.key, kv.value);
  return out;
}

TEST(SplitBody, InfoAndArgs) {
  BodyParts p = split_body("dump acceptor info(*this={ls_id:{id:1001}, addr:\"10.0.0.1:2882\"})");
  EXPECT_EQ(p.info, "dump acceptor info");
  EXPECT_TRUE(p.has_args);
  EXPECT_FALSE(p.truncated);
  EXPECT_EQ(p.args, "*this={ls_id:{id:1001}, addr:\"10.0.0.1:2882\"}");

  p = split_body("[PALF_DUMP](palf_id=1001, self=\"10.0.0.1:2882\")");
  EXPECT_EQ(p.info, "[PALF_DUMP]");
  EXPECT_EQ(p.args, "palf_id=1001, self=\"10.0.0.1:2882\"");

  p = split_body("result:(l_append_cnt=602962, l_rt=1)");
  EXPECT_EQ(p.info, "result:");

  p = split_body("Log out of disk space(msg=\u201clog disk space is almost full\u201d, ret=-4264");
  EXPECT_TRUE(p.truncated);
  EXPECT_EQ(p.info, "Log out of disk space");
}

TEST(SplitBody, ParenthesesThatAreNotArguments) {
  BodyParts p = split_body("Invalid config, value out of [1073741824,) (for reference only).name=min_full, value=2");
  EXPECT_FALSE(p.has_args);
  EXPECT_EQ(p.info, p.info);
  p = split_body("REACH SYSLOG RATE LIMIT [bandwidth]");
  EXPECT_FALSE(p.has_args);
  p = split_body("leader_revoke, please attention!(revoke reason=\"leader lease expired\", election={a:1})");
  EXPECT_EQ(p.info, "leader_revoke, please attention!");
  EXPECT_EQ(all(p.args)[0].first, "revoke reason");
}

TEST(KvScanner, OceanBaseKeyShapes) {
  const auto kv = all(
      "msg=\"log disk space is almost full\", ret=-4264, total_size(MB)=2048, used_percent(%)=95, "
      "sequence:=1709605310123400, *this={ls_id:{id:1001}}, [SlidingWindow]={palf_id:1001, self:\"a:1\"}, "
      "obj_to_string(before)=\"Leader\", sw max_log_id=16282");
  ASSERT_EQ(kv.size(), 9u);
  EXPECT_EQ(kv[0], (std::pair<std::string, std::string>{"msg", "\"log disk space is almost full\""}));
  EXPECT_EQ(kv[2].first, "total_size(MB)");
  EXPECT_EQ(kv[3].first, "used_percent(%)");
  EXPECT_EQ(kv[4], (std::pair<std::string, std::string>{"sequence:", "1709605310123400"}));
  EXPECT_EQ(kv[5], (std::pair<std::string, std::string>{"*this", "{ls_id:{id:1001}}"}));
  EXPECT_EQ(kv[6].first, "[SlidingWindow]");
  EXPECT_EQ(kv[6].second, "{palf_id:1001, self:\"a:1\"}");
  EXPECT_EQ(kv[7].first, "obj_to_string(before)");
  EXPECT_EQ(kv[8], (std::pair<std::string, std::string>{"sw max_log_id", "16282"}));
}

TEST(KvScanner, ValueWithCommasThatDoNotStartAKey) {
  // dump message count: the state value holds ", rec:[...]" etc.
  const std::string args =
      "ls_id=\"{id:1001}\", self_addr=\"10.0.0.1:2882\", state=|\tmatch:[Prepare Request, Prepare Response]|\t"
      "\"10.0.0.2:2882\":send:[0, 0, (1520), 0, 0], rec:[0, 0, 0, (1518), 0], last_send:2024-03-05 10:21:42.995012";
  const auto kv = all(args);
  ASSERT_EQ(kv.size(), 3u);
  EXPECT_EQ(kv[2].first, "state");
  EXPECT_NE(kv[2].second.find("last_send:2024-03-05 10:21:42.995012"), std::string::npos);
}

TEST(KvScanner, DoubledQuotesFromTheGuide) {
  const auto kv = all("ret=-4038, err_msg=\"\", dst_addr=\"\"11.xx.xx.xx:2882\"\"");
  ASSERT_EQ(kv.size(), 3u);
  EXPECT_EQ(kv[2].second, "\"\"11.xx.xx.xx:2882\"\"");
}

TEST(KvScanner, NestedObjects) {
  const std::string v = "{owner:\"10.0.0.2:2882\", lease_end_ts:{span_from_now:3.712s, expired_time_point:10:21:37.194}, ballot_number:7}";
  const auto kv = all(strip_braces(v), ':');
  ASSERT_EQ(kv.size(), 3u);
  EXPECT_EQ(kv[0].first, "owner");
  EXPECT_EQ(unquote(kv[0].second), "10.0.0.2:2882");
  EXPECT_EQ(kv[1].second, "{span_from_now:3.712s, expired_time_point:10:21:37.194}");
  EXPECT_EQ(kv[2].second, "7");
  EXPECT_EQ(*find_value(strip_braces(kv[1].second), "expired_time_point", ':'), "10:21:37.194");
}

TEST(KvScanner, FindValue) {
  const std::string args = "palf_id=1001, role=\"LEADER\", leader=\"10.0.0.2:2882\"";
  EXPECT_EQ(*find_value(args, "role"), "\"LEADER\"");
  EXPECT_EQ(unquote(*find_value(args, "leader")), "10.0.0.2:2882");
  EXPECT_FALSE(find_value(args, "epoch").has_value());
}

TEST(KvScanner, RandomInputIsTotal) {
  std::mt19937_64 rng(7);
  const std::string alphabet = "ab=,: ()[]{}\"\\\n\t%*x1";
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 80, ' ');
    for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    const BodyParts p = split_body(s);
    std::size_t total = 0;
    for (char sep : {'=', ':'}) {
      KvScanner scanner(p.args, sep);
      for (KeyValue kv; scanner.next(kv);) {
        ASSERT_LE(kv.key.size() + kv.value.size(), p.args.size());
        ASSERT_LT(++total, 200u);
      }
    }
  }
}

}  // namespace
}  // namespace paxray
