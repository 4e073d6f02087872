// Timeline: ordering across nodes, zones, clock offsets recovered from causal
// pairs, and leader intervals / leaderless windows derived from events.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "../engine/src/leadership.h"
#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/rules/diagnosis.h"
#include "test_util.h"

namespace paxray {
namespace {

constexpr std::int64_t kSec = 1'000'000;

std::string ts(LocalMicros t) { return format_timestamp(t); }
LocalMicros at(const char* s) { return *parse_user_timestamp(s); }

std::string header(LocalMicros t, int node, const char* tz = "08:00") {
  return fmt::format("[{}] INFO  New syslog file info: [address: \"10.0.0.{}:2882\", observer version: OceanBase_CE 4.2.1.1, "
                     "tz GMT offset: {}]\n", ts(t), node, tz);
}

std::string elect(LocalMicros t, const char* level, const char* body) {
  return fmt::format("[{}] {:<5} [ELECT] operator() (election_proposer.cpp:556) [28513][T1002_Occam][T1002]"
                     "[Y0-0000000000000000-0-0] [lt=9] {}\n", ts(t), level, body);
}

std::string takeover(LocalMicros t, int node) {
  return elect(t, "INFO", fmt::format("[LogPhase::ELECT_LEADER]decentralized voting, leader takeover success(ret=0, "
                                      "*this={{ls_id:{{id:1001}}, addr:\"10.0.0.{}:2882\", role:Leader, ballot_number:8}})", node)
                              .c_str());
}

std::string revoke(LocalMicros t, int node) {
  return elect(t, "WDIAG", fmt::format("[LogPhase::RENEW_LEASE]leader lease expired, leader revoked(ret=0, "
                                       "*this={{ls_id:{{id:1001}}, addr:\"10.0.0.{}:2882\", role:Follower, ballot_number:8}})", node)
                               .c_str());
}

std::string fly(LocalMicros t, std::int64_t fly_us, int from) {
  return fmt::format("[{}] WDIAG [RPC.OBRPC] decode (ob_rpc_net_handler.cpp:199) [4012][RpcIO][T0][Y0-0000000000000000-0-0] "
                     "[lt=2][errcode=-4389] packet fly cost too much time(pcode=1567, fly_ts={}, send_timestamp=1709605321856979, "
                     "connection=\"10.0.0.3:2882_10.0.0.{}:46612_123_0x7f tp=0 s=3 r=0 sq=0\")\n", ts(t), fly_us, from);
}

struct Built {
  ScanResult scan;
  Timeline tl;
};

Built build(const testing::TempDir& dir, TimelineOptions opt = {}) {
  ScanOptions so;
  so.paths = {dir.path().string()};
  Built b;
  b.scan = scan(so);
  b.tl = build_timeline(b.scan, opt);
  return b;
}

TEST(Timeline, LeaderChangeGivesIntervalsAndALeaderlessWindow) {
  testing::TempDir dir;
  const LocalMicros t0 = at("2024-03-05 10:00:00");
  dir.write("n1/election.log", header(t0, 1) + takeover(t0 + 1 * kSec, 1) + revoke(t0 + 10 * kSec, 1));
  dir.write("n2/election.log", header(t0, 2) + takeover(t0 + 14 * kSec, 2));
  dir.write("n3/election.log", header(t0, 3) + elect(t0 + 20 * kSec, "INFO", "[phase]do prepare(ls_id={id:1001})"));
  const Built b = build(dir);
  const GroupKey g{1002, 1001, -1, -1, {}};
  ASSERT_TRUE(b.tl.by_group.count(g));
  ASSERT_EQ(b.tl.leaderless.size(), 1u);
  const LeaderlessWindow& w = b.tl.leaderless[0];
  EXPECT_EQ(w.group, g);
  EXPECT_EQ(w.layer, LeaderLayer::kElection);
  EXPECT_EQ(w.start, t0 + 10 * kSec);
  EXPECT_EQ(w.end, t0 + 14 * kSec);
  EXPECT_FALSE(w.open_end);
  EXPECT_EQ(w.last_leader, "10.0.0.1:2882");
  EXPECT_EQ(b.tl.events[w.start_event].kind, EventKind::elect_leader_revoked);
  EXPECT_EQ(b.tl.events[w.end_event].kind, EventKind::elect_takeover);
  ASSERT_EQ(b.tl.leaders.size(), 2u);
  EXPECT_EQ(b.tl.leaders[0].node, "10.0.0.1:2882");
  EXPECT_EQ(b.tl.leaders[1].node, "10.0.0.2:2882");
  EXPECT_TRUE(b.tl.leaders[1].open_end);
}

TEST(Timeline, LeaderLostForGoodStaysOpen) {
  testing::TempDir dir;
  const LocalMicros t0 = at("2024-03-05 10:00:00");
  dir.write("n1/election.log", header(t0, 1) + takeover(t0 + kSec, 1) + revoke(t0 + 5 * kSec, 1) +
                                   elect(t0 + 30 * kSec, "INFO", "[phase]do prepare(ls_id={id:1001})"));
  const Built b = build(dir);
  ASSERT_EQ(b.tl.leaderless.size(), 1u);
  EXPECT_TRUE(b.tl.leaderless[0].open_end);
  EXPECT_EQ(b.tl.leaderless[0].end, t0 + 30 * kSec);
}

TEST(Timeline, InjectedClockOffsetIsRecoveredWithinItsBound) {
  // Node 3's clock runs 900 ms ahead; messages from node 1 take 2-20 ms.
  testing::TempDir dir;
  const LocalMicros t0 = at("2024-03-05 10:00:00");
  const std::int64_t skew = 900'000;
  std::string n3 = header(t0 + skew, 3);
  for (int i = 0; i < 8; ++i) n3 += fly(t0 + skew + i * kSec, skew + 2'000 + (i * 2'300) % 18'000, 1);
  n3 += takeover(t0 + skew + 12 * kSec, 3);
  dir.write("n3/observer.log", n3);
  dir.write("n1/election.log", header(t0, 1) + takeover(t0 + kSec, 1) + revoke(t0 + 11'500'000, 1));
  const Built b = build(dir);
  const ClockOffset* c = b.tl.clock("10.0.0.3:2882");
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->hi_us);
  EXPECT_LE(skew, *c->hi_us + 20'000);  // the true offset is inside the bound (up to the fastest delay)
  EXPECT_NEAR(static_cast<double>(c->offset_us), static_cast<double>(skew), 20'000.0);
  // Corrected: node 3's takeover (local t0+12.9 s) happens at t0+12 s on node 1's clock,
  // 0.5 s after node 1's revoke.
  ASSERT_EQ(b.tl.leaderless.size(), 1u);
  EXPECT_NEAR(static_cast<double>(b.tl.leaderless[0].end - b.tl.leaderless[0].start), 500'000.0, 20'000.0);
  EXPECT_EQ(b.tl.clock("10.0.0.1:2882")->offset_us, 0);
}

TEST(Timeline, NoSkewGivesNoFalseOffset) {
  testing::TempDir dir;
  const LocalMicros t0 = at("2024-03-05 10:00:00");
  // Occasional slow RPCs with scattered fly times: backlog, not a clock offset.
  std::string n3 = header(t0, 3);
  for (std::int64_t f : {130'000, 450'000, 1'200'000, 210'000}) n3 += fly(t0 + f * 3, f, 1);
  dir.write("n3/observer.log", n3);
  dir.write("n1/election.log", header(t0, 1) + takeover(t0 + kSec, 1));
  dir.write("n2/election.log", header(t0, 2) + takeover(t0 + 2 * kSec, 2));
  const Built b = build(dir);
  for (const auto& c : b.tl.clocks) EXPECT_EQ(c.offset_us, 0) << c.node << ": " << c.basis;
  EXPECT_NE(b.tl.clock("10.0.0.2:2882")->basis.find("unconstrained"), std::string::npos);
}

TEST(Timeline, ZonesShareOneAxis) {
  testing::TempDir dir;
  const LocalMicros t0 = at("2024-03-05 10:00:00");  // node 1, UTC+8
  dir.write("n1/election.log", header(t0, 1) + takeover(t0 + kSec, 1) + revoke(t0 + 3 * kSec, 1));
  // Node 2 logs UTC: 02:00:05 there is 10:00:05 at node 1.
  dir.write("n2/election.log", header(t0 - 8 * 3600 * kSec, 2, "00:00") + takeover(t0 - 8 * 3600 * kSec + 5 * kSec, 2));
  const Built b = build(dir);
  ASSERT_EQ(b.tl.leaderless.size(), 1u);
  EXPECT_EQ(b.tl.leaderless[0].end, t0 + 5 * kSec);
  // The same with --tz overriding a header-less node by zone name.
  testing::TempDir dir2;
  dir2.write("n1/election.log", header(t0, 1) + takeover(t0 + kSec, 1) + revoke(t0 + 3 * kSec, 1));
  dir2.write("n2/election.log", takeover(t0 - 8 * 3600 * kSec + 5 * kSec, 2));
  TimelineOptions opt;
  opt.tz = {{"n2", "Etc/UTC"}};  // no header, no self address: named by its directory
  const Built b2 = build(dir2, opt);
  ASSERT_EQ(b2.tl.leaderless.size(), 1u);
  EXPECT_EQ(b2.tl.leaderless[0].end, t0 + 5 * kSec);
}

TEST(Timeline, ClockOffsetOverride) {
  testing::TempDir dir;
  const LocalMicros t0 = at("2024-03-05 10:00:00");
  dir.write("n1/election.log", header(t0, 1) + takeover(t0 + kSec, 1));
  dir.write("n2/election.log", header(t0, 2) + takeover(t0 + 3 * kSec, 2));
  TimelineOptions opt;
  opt.clock_offsets = {{"10.0.0.2:2882", 1.5}};
  const Built b = build(dir, opt);
  EXPECT_EQ(b.tl.clock("10.0.0.2:2882")->offset_us, 1'500'000);
  EXPECT_EQ(b.tl.times.back(), t0 + 1'500'000);
  opt.tz = {{"10.0.0.2:2882", "Mars/Olympus"}};
  EXPECT_THROW((void)build(dir, opt), std::invalid_argument);
}

TEST(Timeline, TzOffsets) {
  EXPECT_EQ(*parse_tz_offset("08:00"), 8 * 3600 * kSec);
  EXPECT_EQ(*parse_tz_offset("-05:30"), -(5 * 3600 + 1800) * kSec);
  EXPECT_FALSE(parse_tz_offset("8"));
  EXPECT_FALSE(parse_tz_offset("08:60"));
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

std::string rcs_line(LocalMicros t, const char* what, long long seq) {
  return fmt::format("[{}] INFO  [CLOG] handle (ob_role_change_service.cpp:216) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] "
                     "[lt=8] {} handle_role_change_event_(sequence:={}, event={{event_type:2, ls_id:{{id:1001}}, dst_addr:\"0.0.0.0:0\"}})\n",
                     format_timestamp(t), what, seq);
}

TEST(Timeline, RoleChangeServiceEpisodesAreJoinedBySequence) {
  testing::TempDir dir;
  const LocalMicros t0 = *parse_user_timestamp("2024-03-05 10:00:00");
  dir.write("n1/observer.log",
            "[2024-03-05 10:00:00.000000] INFO  New syslog file info: [address: \"10.0.0.1:2882\", tz GMT offset: 08:00]\n" +
                rcs_line(t0 + 1'000'000, "begin", 111) + rcs_line(t0 + 1'000'800, "end", 111) +
                rcs_line(t0 + 5'000'000, "begin", 222) +
                "[2024-03-05 10:00:05.100000] WDIAG [CLOG] handle (ob_role_change_service.cpp:219) [30001][T1002_RCSrv0][T1002]"
                "[Y0-0000000000000000-0-0] [lt=8][errcode=-4023] handle_role_change_event_ failed(ret=-4023, "
                "event={event_type:2, ls_id:{id:1001}, dst_addr:\"0.0.0.0:0\"}, retry_ctx={reason:1})\n" +
                rcs_line(t0 + 60'000'000, "begin", 333));
  ScanOptions so;
  so.paths = {dir.path().string()};
  ScanResult r = scan(so);
  const Timeline tl = build_timeline(r, {});
  ASSERT_EQ(tl.rcs.size(), 3u);
  EXPECT_EQ(tl.rcs[0].sequence, "111");
  ASSERT_TRUE(tl.rcs[0].end);
  EXPECT_EQ(*tl.rcs[0].end - tl.rcs[0].begin, 800);
  EXPECT_FALSE(tl.rcs[1].end);  // 222 never ended: a hang (rules/ decides)
  EXPECT_EQ(tl.rcs[1].failures, 1);
  EXPECT_FALSE(tl.rcs[2].end);
  EXPECT_EQ(tl.rcs[2].group, (GroupKey{1002, 1001, -1, -1, {}}));
}

std::string acceptor_dump(LocalMicros t, int node, int owner, int ballot) {
  return fmt::format("[{}] INFO  [ELECT] operator() (election_acceptor.cpp:137) [28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] "
                     "[lt=5] dump acceptor info(*this={{ls_id:{{id:1001}}, addr:\"10.0.0.{}:2882\", ballot_number:{}, "
                     "lease:{{owner:\"10.0.0.{}:2882\", lease_end_ts:{{span_from_now:3.700s, expired_time_point:10:00:03.701}}, "
                     "ballot_number:{}}}}})\n", ts(t), node, ballot, owner, ballot);
}

ScanResult scan_dir(const testing::TempDir& dir, bool fold) {
  ScanOptions so;
  so.paths = {dir.path().string()};
  so.fold_runs = fold;
  ScanResult r = scan(so);
  EXPECT_EQ(r.folded_events > 0, fold) << "folding must have something to fold, and --no-fold nothing";
  return r;
}

// Only a follower's acceptor shows the old leader elected again (its own
// election.log was not given). Dumps naming it within 10 s of its revoke may be
// stale (leadership.cpp), so it leads again from the first dump after that,
// whether the dumps' run is folded (engine/src/event_runs.h) or kept whole.
TEST(Leadership, ReElectionSeenInAFollowersDumpsIsTheSameFoldedOrNot) {
  testing::TempDir dir;
  const LocalMicros t0 = at("2024-03-05 10:00:00");
  dir.write("n1/election.log", header(t0, 1) + takeover(t0 + 1 * kSec, 1) + revoke(t0 + 10 * kSec, 1) +
                                   elect(t0 + 300 * kSec, "INFO", "[phase]do prepare(ls_id={id:1001})"));  // not silent
  std::string dumps = header(t0, 2);
  for (LocalMicros t = t0 + 11 * kSec; t < t0 + 300 * kSec; t += 3 * kSec) dumps += acceptor_dump(t, 2, 1, 9);
  dir.write("n2/election.log", dumps);
  for (const bool fold : {true, false}) {
    SCOPED_TRACE(fold ? "folded" : "kept");
    ScanResult r = scan_dir(dir, fold);
    const Timeline tl = build_timeline(r, {});
    ASSERT_EQ(tl.leaderless.size(), 1u);
    EXPECT_EQ(tl.leaderless[0].start, t0 + 10 * kSec);
    EXPECT_EQ(tl.leaderless[0].end, t0 + 20 * kSec);  // the dump at +20 s, 10 s after the revoke
    ASSERT_EQ(tl.leaders.size(), 2u);
    EXPECT_EQ(tl.leaders[1].node, "10.0.0.1:2882");
  }
}

// A storm of -4038 retries around a leader switch, some while no leader
// existed: the requests fold into one run (their times kept), and the stale
// location cache finding counts every request and spans the same time as
// with every request kept. Its evidence may differ: the first stale requests
// are folded into the run's last line, which says how many it stands for.
TEST(Leadership, RequestStormGivesTheSameFindingsFoldedOrNot) {
  testing::TempDir dir;
  const LocalMicros t0 = at("2024-03-05 10:00:00");
  dir.write("n1/election.log", header(t0, 1) + takeover(t0 + 1 * kSec, 1) + revoke(t0 + 10 * kSec, 1));
  dir.write("n2/election.log", header(t0, 2) + takeover(t0 + 12 * kSec, 2));
  std::string storm = header(t0, 3);
  for (int k = 0; k < 600; ++k) {  // every 50 ms from +8 s: those up to +12 s while no leader existed
    storm += fmt::format("[{}] WDIAG [SERVER] test_and_save_retry_state (ob_query_retry_ctrl.cpp:242) [88006][T1002_L0_G0][T1002]"
                         "[YB420A000003-00060D52B66D{}-0-0] [lt=24][errcode=-4038] partition change or not master or no response, "
                         "reutrn it to packet queue to retry(client_ret=-4038, err=-4038, retry_type_=2)\n",
                         ts(t0 + 8 * kSec + k * 50'000), 1000 + k);
  }
  dir.write("n3/observer.log", storm);
  std::vector<std::vector<std::string>> findings;
  for (const bool fold : {true, false}) {
    ScanResult r = scan_dir(dir, fold);
    const Timeline tl = build_timeline(r, {});
    std::vector<std::string> seen;
    for (const Finding& f : diagnose(r, tl, Thresholds::defaults()).findings) {
      seen.push_back(fmt::format("{} {} {} {} {} [{}]", f.id(), f.group, f.summary, ts(f.start), ts(f.end), fmt::join(f.nodes, ",")));
    }
    findings.push_back(seen);
  }
  EXPECT_EQ(findings[0], findings[1]);
  ASSERT_EQ(findings[0].size(), 1u);
  EXPECT_NE(findings[0][0].find("519 request(s) got -4038"), std::string::npos) << findings[0][0];  // from +12.05 s (+12 s had no leader yet)
}

// A lease's "span_from_now:3.712s": the common forms are read without
// strtod, and every form gives what strtod gives.
TEST(Leadership, SpanSecondsReadAsStrtodReadsThem) {
  const char* spans[] = {"3.712s", "-1.5s", "0s", "-0s", "12s", "1.s", ".5s", "-.5s", "0.000001s", "0.0000005s",
                         "999999999.999999s", "1000000001s", "1e3s", "+2s", " 2s", "0x10s", "infs", "nans", "s", "-s",
                         ".s", "-.s", "1..2s", "1-2s", "--1s", "1.5", "", "3.712 s", "1.2.3s", "00012.50s"};
  for (const char* s : spans) {
    const std::string_view v(s);
    std::optional<std::int64_t> want;
    if (!v.empty() && v.back() == 's') {
      const std::string text(v.substr(0, v.size() - 1));
      char* end = nullptr;
      const double d = std::strtod(text.c_str(), &end);
      if (end != text.c_str() && *end == '\0' && std::isfinite(d) && std::fabs(d) <= 1e9) want = std::llround(d * 1e6);
    }
    EXPECT_EQ(parse_span_seconds(v), want) << s;
  }
  EXPECT_EQ(parse_span_seconds("3.712s"), 3'712'000);
  EXPECT_EQ(parse_span_seconds("-1.5s"), -1'500'000);
}

}  // namespace
}  // namespace paxray
