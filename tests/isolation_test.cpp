// The isolation advisor against the seed (oceanbase-node-isolation): one case
// per precheck failure, the seed's three worked scenarios, the boundaries, and
// the command line's exit codes. Clusters are written as the TSV a DBA saves
// with `obclient -e`, so the dump parser is on the path too.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/parsers/view_dump.h"
#include "paxray/replay/confirm/stop_replay.h"
#include "paxray/parsers/node_hints.h"
#include "test_util.h"

namespace paxray::replay {
namespace {

using namespace paxray::isolation;

constexpr std::int64_t kScn = 1'709'605'297'000'000'000;  // 2024-03-05 02:21:37 UTC in ns
constexpr std::int64_t kSecond = 1'000'000'000;

/// A cluster described row by row, rendered as the four views' TSV dumps.
struct Cluster {
  std::vector<std::string> servers{"SVR_IP\tSVR_PORT\tID\tZONE\tSQL_PORT\tWITH_ROOTSERVER\tSTATUS\tSTART_SERVICE_TIME\tSTOP_TIME"};
  std::vector<std::string> zones{"ZONE\tCREATE_TIME\tMODIFY_TIME\tSTATUS\tIDC\tREGION\tTYPE"};
  std::vector<std::string> tenants{"TENANT_ID\tTENANT_NAME\tTENANT_TYPE\tPRIMARY_ZONE\tLOCALITY\tPREVIOUS_LOCALITY\tSTATUS"};
  std::vector<std::string> log_stat{
      "TENANT_ID\tLS_ID\tSVR_IP\tSVR_PORT\tROLE\tPROPOSAL_ID\tPAXOS_MEMBER_LIST\tPAXOS_REPLICA_NUM\tIN_SYNC\tEND_SCN"};

  void server(const std::string& ip, const std::string& zone, const std::string& status = "ACTIVE", bool stopped = false) {
    servers.push_back(fmt::format("{}\t2882\t1\t{}\t2881\tNO\t{}\t2024-03-01 00:00:00.000000\t{}", ip, zone, status,
                                  stopped ? "2024-03-05 10:00:00.000000" : "NULL"));
  }
  void zone(const std::string& name, const std::string& region, const std::string& status = "ACTIVE") {
    zones.push_back(fmt::format("{}\t2024-03-01 00:00:00.000000\t2024-03-01 00:00:00.000000\t{}\tidc1\t{}\tReadWrite", name,
                                status, region));
  }
  void tenant(int id, const std::string& primary_zone, const std::string& previous_locality = "NULL") {
    tenants.push_back(fmt::format("{}\tt{}\tUSER\t{}\tFULL{{1}}@z1, FULL{{1}}@z2, FULL{{1}}@z3\t{}\tNORMAL", id, id,
                                  primary_zone, previous_locality));
  }
  /// One log stream: `members` (ips), the leader's ip ("" for none), each
  /// member's lag behind the leader in ns (-1: no row for it).
  void ls(int tenant, int ls_id, const std::vector<std::string>& members, const std::string& leader,
          const std::vector<std::int64_t>& lag_ns, int replica_num = 0) {
    std::string list;
    for (const auto& m : members) list += (list.empty() ? "" : ",") + m + ":2882:1";
    if (replica_num == 0) replica_num = static_cast<int>(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (lag_ns[i] < 0) continue;
      const bool is_leader = members[i] == leader;
      log_stat.push_back(fmt::format("{}\t{}\t{}\t2882\t{}\t7\t{}\t{}\t{}\t{}", tenant, ls_id, members[i],
                                     is_leader ? "LEADER" : "FOLLOWER", list, replica_num, lag_ns[i] <= 5 * kSecond ? "YES" : "NO",
                                     kScn - lag_ns[i]));
    }
  }
  [[nodiscard]] std::string tsv(const std::vector<std::string>& rows) const {
    std::string out;
    for (const auto& r : rows) out += r + "\n";
    return out;
  }
  [[nodiscard]] ClusterState state() const {
    std::vector<ViewTable> all;
    for (const auto* rows : {&servers, &zones, &tenants, &log_stat}) {
      if (rows->size() < 2) continue;
      std::string err;
      for (auto& t : parse_view_dump(tsv(*rows), DumpForm::kTsv, err)) all.push_back(std::move(t));
    }
    return cluster_state_from_tables(all);
  }
};

/// `c` with A, B, C listed again; `stopped_a` / `status_c` change A and C.
void reset_servers(Cluster& c, bool stopped_a, const std::string& status_c = "ACTIVE") {
  c.servers.resize(1);
  c.server("10.0.0.1", "z1", "ACTIVE", stopped_a);
  c.server("10.0.0.2", "z2");
  c.server("10.0.0.3", "z3", status_c);
}

/// A, B, C in z1, z2, z3 of one region; tenant 1001 with LS 1 and 1001 in sync, leader A.
Cluster three_zones() {
  Cluster c;
  c.server("10.0.0.1", "z1");
  c.server("10.0.0.2", "z2");
  c.server("10.0.0.3", "z3");
  for (const char* z : {"z1", "z2", "z3"}) c.zone(z, "hangzhou");
  c.tenant(1001, "z1;z2,z3");
  c.ls(1001, 1, {"10.0.0.1", "10.0.0.2", "10.0.0.3"}, "10.0.0.1", {0, 0, 0});
  c.ls(1001, 1001, {"10.0.0.1", "10.0.0.2", "10.0.0.3"}, "10.0.0.1", {0, 1 * kSecond, 0});
  return c;
}

const CommandAdvice& cmd(const IsolationAdvice& a, IsolationCommand c) {
  for (const auto& x : a.commands) {
    if (x.command == c) return x;
  }
  throw std::logic_error("missing command");
}

std::vector<std::string> messages(const CommandAdvice& c) {
  std::vector<std::string> out;
  for (const auto& e : c.errors) out.push_back(fmt::format("{} {}", e.code, e.message));
  return out;
}

TEST(Isolation, HealthyClusterAllowsStopServerAndEverythingAfter) {
  const auto a = advise_isolation(three_zones().state(), {"10.0.0.3:2882"});
  EXPECT_TRUE(cmd(a, IsolationCommand::kStop).passes) << fmt::format("{}", fmt::join(messages(cmd(a, IsolationCommand::kStop)), "\n"));
  EXPECT_TRUE(cmd(a, IsolationCommand::kStop).may_stop_process);
  EXPECT_FALSE(cmd(a, IsolationCommand::kForceStop).may_stop_process);
  EXPECT_TRUE(a.majority_loss.empty());
  EXPECT_EQ(a.exit_code(), 0);
}

// Seed scenario 1: B's replica is an hour behind, C has a hardware fault.
TEST(Isolation, SeedLaggingFollowerAllowsOnlyForceStopAndTheProcessMustStay) {
  Cluster c = three_zones();
  c.log_stat.resize(1);
  c.ls(1001, 1, {"10.0.0.1", "10.0.0.2", "10.0.0.3"}, "10.0.0.1", {0, 3600 * kSecond, 0});
  const auto a = advise_isolation(c.state(), {"10.0.0.3:2882"});
  const auto& stop = cmd(a, IsolationCommand::kStop);
  ASSERT_FALSE(stop.passes);
  EXPECT_EQ(messages(stop), std::vector<std::string>{"-4179 Tenant(1001) LS(1) log not sync, stop server not allowed"});
  EXPECT_NE(stop.errors[0].detail.find("10.0.0.2:2882 behind by 3600 s"), std::string::npos) << stop.errors[0].detail;
  EXPECT_TRUE(cmd(a, IsolationCommand::kForceStop).passes);
  EXPECT_FALSE(cmd(a, IsolationCommand::kForceStop).may_stop_process);
  EXPECT_NE(cmd(a, IsolationCommand::kForceStop).safe_actions.find("do not stop"), std::string::npos);
  EXPECT_TRUE(cmd(a, IsolationCommand::kIsolate).passes);
  EXPECT_EQ(a.exit_code(), 1);
  // Stopping C anyway: A and B still elect a leader, but commits wait for B.
  ASSERT_EQ(a.majority_loss.size(), 1u);
  EXPECT_EQ(a.majority_loss[0].ls, 1);
  EXPECT_GE(a.majority_loss[0].leader_fraction, 0.5);
  EXPECT_NE(a.majority_loss[0].reason.find("writes stall"), std::string::npos);
}

// Seed scenario 2: Z1 and Z3 each have a faulty node; Z1's is already isolated.
TEST(Isolation, SeedSecondZoneOnlyIsolateServer) {
  Cluster c = three_zones();
  reset_servers(c, /*stopped_a=*/true);
  c.log_stat.resize(1);
  c.ls(1001, 1, {"10.0.0.1", "10.0.0.2", "10.0.0.3"}, "10.0.0.2", {0, 0, 0});
  const auto a = advise_isolation(c.state(), {"10.0.0.3:2882"});
  for (auto k : {IsolationCommand::kStop, IsolationCommand::kForceStop}) {
    const auto m = messages(cmd(a, k));
    ASSERT_FALSE(m.empty());
    EXPECT_EQ(m[0], "-4660 cannot stop server or stop zone in multiple zones");
  }
  EXPECT_TRUE(cmd(a, IsolationCommand::kIsolate).passes);
  EXPECT_EQ(a.exit_code(), 1);
  // A stopped and C stopped: one of three members left, no leader in the replay.
  ASSERT_EQ(a.majority_loss.size(), 1u);
  EXPECT_LT(a.majority_loss[0].leader_fraction, 0.5);
}

// Seed scenario 3: C is gone for good (member list A, B), and B now fails.
TEST(Isolation, SeedTwoMembersLeftOnlyIsolateServer) {
  Cluster c = three_zones();
  reset_servers(c, false, "INACTIVE");
  c.log_stat.resize(1);
  c.ls(1001, 1, {"10.0.0.1", "10.0.0.2"}, "10.0.0.1", {0, 0}, /*replica_num=*/3);
  const auto a = advise_isolation(c.state(), {"10.0.0.2:2882"});
  for (auto k : {IsolationCommand::kStop, IsolationCommand::kForceStop}) {
    EXPECT_EQ(messages(cmd(a, k)),
              std::vector<std::string>{
                  "-4179 Tenant(1001) LS(1) has no enough valid paxos member after stop server, stop server not allowed"});
  }
  EXPECT_TRUE(cmd(a, IsolationCommand::kIsolate).passes);
  EXPECT_EQ(a.exit_code(), 1);
  ASSERT_EQ(a.majority_loss.size(), 1u);
  EXPECT_LT(a.majority_loss[0].leader_fraction, 0.5);
  EXPECT_NE(a.majority_loss[0].reason.find("no leader"), std::string::npos);
}

TEST(Isolation, NoLeaderIsRefusedByStopAndForceStop) {
  Cluster c = three_zones();
  c.log_stat.resize(1);
  c.ls(1001, 1, {"10.0.0.1", "10.0.0.2", "10.0.0.3"}, "", {0, 0, 0});
  const auto a = advise_isolation(c.state(), {"10.0.0.3:2882"});
  for (auto k : {IsolationCommand::kStop, IsolationCommand::kForceStop}) {
    EXPECT_EQ(messages(cmd(a, k)), std::vector<std::string>{"-4179 Tenant(1001) LS(1) has no leader, stop server not allowed"});
  }
  EXPECT_EQ(a.exit_code(), 1);
  // The same, when the logs show the stream leaderless at the moment asked about.
  ClusterState st = three_zones().state();
  st.leaderless.emplace_back(1001, 1001);
  const auto b = advise_isolation(st, {"10.0.0.3:2882"});
  EXPECT_EQ(messages(cmd(b, IsolationCommand::kStop)),
            std::vector<std::string>{"-4179 Tenant(1001) LS(1001) has no leader, stop server not allowed"});
}

TEST(Isolation, LocalityChangeIsRefused) {
  Cluster c = three_zones();
  c.tenants.resize(1);
  c.tenant(1001, "z1;z2,z3", "FULL{1}@z1, FULL{1}@z2, FULL{1}@z3, FULL{1}@z4");
  const auto a = advise_isolation(c.state(), {"10.0.0.3:2882"});
  EXPECT_EQ(messages(cmd(a, IsolationCommand::kStop)),
            std::vector<std::string>{"-4179 Tenant(1001) locality is changing, stop server not allowed"});
  EXPECT_FALSE(cmd(a, IsolationCommand::kForceStop).passes);
  EXPECT_TRUE(cmd(a, IsolationCommand::kIsolate).passes);
}

TEST(Isolation, ServersOfTwoZonesInOneCommandAreRefused) {
  const auto a = advise_isolation(three_zones().state(), {"10.0.0.2:2882", "10.0.0.3:2882"});
  const auto m = messages(cmd(a, IsolationCommand::kStop));
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0], "-4660 Can not stop server in multiple zones");
  EXPECT_TRUE(cmd(a, IsolationCommand::kIsolate).passes);
}

TEST(Isolation, StoppedZoneCountsAsAnotherStoppedZone) {
  Cluster c = three_zones();
  c.zones.resize(1);
  c.zone("z1", "hangzhou", "INACTIVE");
  c.zone("z2", "hangzhou");
  c.zone("z3", "hangzhou");
  const auto m = messages(cmd(advise_isolation(c.state(), {"10.0.0.3:2882"}), IsolationCommand::kStop));
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0], "-4660 cannot stop server or stop zone in multiple zones");
}

TEST(Isolation, IsolateRefusesToEmptyThePrimaryRegion) {
  Cluster c = three_zones();
  reset_servers(c, /*stopped_a=*/true);
  c.zones.resize(1);
  c.zone("z1", "shanghai");
  c.zone("z2", "hangzhou");
  c.zone("z3", "hangzhou");
  c.tenants.resize(1);
  c.tenant(1001, "z2;z1,z3");
  // hangzhou holds z2 and z3: isolating B (z2) leaves C serving there.
  EXPECT_TRUE(cmd(advise_isolation(c.state(), {"10.0.0.2:2882"}), IsolationCommand::kIsolate).passes);
  // Both hangzhou servers isolated (B and C), with A in shanghai stopped: refused.
  const auto a = advise_isolation(c.state(), {"10.0.0.2:2882", "10.0.0.3:2882"});
  EXPECT_EQ(messages(cmd(a, IsolationCommand::kIsolate)),
            std::vector<std::string>{"-4179 Stop all servers in primary region is not allowed"});
  EXPECT_EQ(a.exit_code(), 2);
}

TEST(Isolation, LagOfExactlyFiveSecondsIsInSync) {
  for (const auto& [lag, passes] : std::vector<std::pair<std::int64_t, bool>>{{5 * kSecond, true}, {5 * kSecond + 1, false}}) {
    Cluster c = three_zones();
    c.log_stat.resize(1);
    c.ls(1001, 1, {"10.0.0.1", "10.0.0.2", "10.0.0.3"}, "10.0.0.1", {0, lag, 0});
    const auto a = advise_isolation(c.state(), {"10.0.0.3:2882"}, 0);
    EXPECT_EQ(cmd(a, IsolationCommand::kStop).passes, passes) << lag;
    EXPECT_TRUE(cmd(a, IsolationCommand::kForceStop).passes) << lag;
  }
}

TEST(Isolation, FiveReplicasWithTwoUnavailable) {
  Cluster c;
  const std::vector<std::string> ips{"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"};
  for (int i = 0; i < 5; ++i) {
    const std::string z = fmt::format("z{}", i + 1);
    c.zone(z, "hangzhou");
    const char* status = i == 3 ? "INACTIVE" : i == 4 ? "DELETING" : "ACTIVE";
    c.server(ips[static_cast<std::size_t>(i)], z, status);
  }
  c.tenant(1001, "RANDOM");
  c.ls(1001, 1, ips, "10.0.0.1", {0, 0, 0, -1, 0});
  // Three of five available: stopping one leaves two, below the majority of three.
  const auto a = advise_isolation(c.state(), {"10.0.0.3:2882"});
  EXPECT_EQ(messages(cmd(a, IsolationCommand::kStop)),
            std::vector<std::string>{
                "-4179 Tenant(1001) LS(1) has no enough valid paxos member after stop server, stop server not allowed"});
  EXPECT_NE(cmd(a, IsolationCommand::kStop).errors[0].detail.find("2 of 5 members left"), std::string::npos);
  EXPECT_EQ(a.exit_code(), 1);
  ASSERT_EQ(a.majority_loss.size(), 1u);
  // With only one unavailable, the same stop leaves three: allowed.
  Cluster d = c;
  d.servers.resize(1);
  for (int i = 0; i < 5; ++i) {
    d.server(ips[static_cast<std::size_t>(i)], fmt::format("z{}", i + 1), i == 3 ? "INACTIVE" : "ACTIVE");
  }
  d.log_stat.resize(1);
  d.ls(1001, 1, ips, "10.0.0.1", {0, 0, 0, -1, 0});
  const auto b = advise_isolation(d.state(), {"10.0.0.3:2882"});
  EXPECT_TRUE(cmd(b, IsolationCommand::kStop).passes) << fmt::format("{}", fmt::join(messages(cmd(b, IsolationCommand::kStop)), "\n"));
  EXPECT_TRUE(b.majority_loss.empty());
}

TEST(Isolation, MemberListsAsTheViewPrintsThem) {
  EXPECT_EQ(parse_member_list("10.0.0.1:2882:1,10.0.0.2:2882:1"), (std::vector<std::string>{"10.0.0.1:2882", "10.0.0.2:2882"}));
  EXPECT_EQ(parse_member_list("[fe80::1]:2882:1"), std::vector<std::string>{"[fe80::1]:2882"});
  EXPECT_EQ(parse_member_list("10.0.0.1:2882"), std::vector<std::string>{"10.0.0.1:2882"});
  EXPECT_TRUE(parse_member_list("").empty());
  EXPECT_TRUE(parse_member_list(",,").empty());
}

TEST(Isolation, MissingDumpsAreNamedNotGuessed) {
  // Nothing saved: nothing passes, nothing is refused, each command says what it needs.
  const auto a = advise_isolation(ClusterState{}, {"10.0.0.3:2882"});
  EXPECT_EQ(a.exit_code(), 3);
  for (const auto& c : a.commands) {
    EXPECT_FALSE(c.judged);
    EXPECT_FALSE(c.passes);
    EXPECT_TRUE(c.errors.empty());
    EXPECT_NE(c.cannot_judge.find("no DBA_OB_SERVERS dump (save: SELECT SVR_IP, SVR_PORT, ZONE, STATUS, STOP_TIME FROM "
                                  "oceanbase.DBA_OB_SERVERS)"),
              std::string::npos)
        << c.cannot_judge;
  }
  EXPECT_FALSE(a.replayed);
  const auto st = cluster_state_from_tables({});
  EXPECT_EQ(st.notes.size(), 4u);
}

TEST(Isolation, AServerNotInDbaObServersCannotBeJudged) {
  const auto a = advise_isolation(three_zones().state(), {"10.0.0.9:2882"});
  EXPECT_EQ(a.exit_code(), 3);
  ASSERT_EQ(a.cannot_judge.size(), 1u);
  EXPECT_EQ(a.cannot_judge[0], "10.0.0.9:2882 is not in DBA_OB_SERVERS (closest: 10.0.0.1:2882, 10.0.0.2:2882, 10.0.0.3:2882)");
  for (const auto& c : a.commands) EXPECT_FALSE(c.passes);
  EXPECT_FALSE(a.replayed);
  // The same IP on another port comes first.
  EXPECT_NE(advise_isolation(three_zones().state(), {"10.0.0.2:2883"}).cannot_judge[0].find("(closest: 10.0.0.2:2882"),
            std::string::npos);
}

TEST(Isolation, WithoutLogStatOnlyIsolateIsJudged) {
  Cluster c = three_zones();
  c.log_stat.resize(1);  // the header alone: no table saved
  const auto a = advise_isolation(c.state(), {"10.0.0.3:2882"});
  EXPECT_EQ(a.exit_code(), 3);
  EXPECT_FALSE(cmd(a, IsolationCommand::kStop).judged);
  EXPECT_FALSE(cmd(a, IsolationCommand::kForceStop).judged);
  EXPECT_NE(cmd(a, IsolationCommand::kStop).cannot_judge.find("no GV$OB_LOG_STAT dump"), std::string::npos);
  EXPECT_TRUE(cmd(a, IsolationCommand::kIsolate).judged);
  EXPECT_TRUE(cmd(a, IsolationCommand::kIsolate).passes);
  EXPECT_FALSE(a.replayed);
}

TEST(Isolation, AMissingColumnIsNamedNotTakenForAnEmptyList) {
  Cluster c = three_zones();
  // GV$OB_LOG_STAT saved without PAXOS_REPLICA_NUM: the column is missing, not the member list.
  for (auto& row : c.log_stat) {
    std::vector<std::string> cells;
    std::size_t pos = 0;
    for (std::size_t tab; (tab = row.find('\t', pos)) != std::string::npos; pos = tab + 1) cells.push_back(row.substr(pos, tab - pos));
    cells.push_back(row.substr(pos));
    cells.erase(cells.begin() + 7);
    row = fmt::format("{}", fmt::join(cells, "\t"));
  }
  const auto a = advise_isolation(c.state(), {"10.0.0.3:2882"});
  EXPECT_EQ(a.exit_code(), 3);
  const auto& stop = cmd(a, IsolationCommand::kStop);
  EXPECT_FALSE(stop.judged);
  EXPECT_TRUE(stop.errors.empty()) << "refused with an error OceanBase would not give";
  EXPECT_NE(stop.cannot_judge.find("GV$OB_LOG_STAT was saved without PAXOS_REPLICA_NUM (save: SELECT TENANT_ID, LS_ID"),
            std::string::npos)
      << stop.cannot_judge;
}

TEST(Isolation, MaskedOrAmbiguousAddressesNeverPass) {
  Cluster c;
  for (int i = 0; i < 6; ++i) c.server("172.xx.xx.xx", fmt::format("z{}", i % 3 + 1));
  for (const char* z : {"z1", "z2", "z3"}) c.zone(z, "hangzhou");
  c.tenant(1001, "z1;z2,z3");
  c.ls(1001, 1, {"10.0.0.1", "10.0.0.2", "10.0.0.3"}, "10.0.0.1", {0, 0, 0});
  const auto masked = advise_isolation(c.state(), {"172.xx.xx.xx:2882"});
  EXPECT_EQ(masked.exit_code(), 3);
  EXPECT_NE(masked.cannot_judge[0].find("is a masked address"), std::string::npos);
  for (const auto& x : masked.commands) EXPECT_FALSE(x.passes);
  // A real address among masked rows cannot be matched either.
  EXPECT_EQ(advise_isolation(c.state(), {"10.0.0.3:2882"}).exit_code(), 3);
  EXPECT_TRUE(is_masked_address("xx.xx.xx.106:2882"));
  EXPECT_FALSE(is_masked_address("10.0.0.1:2882"));
  // The same server listed twice is ambiguous.
  Cluster twice = three_zones();
  twice.server("10.0.0.3", "z3");
  const auto dup = advise_isolation(twice.state(), {"10.0.0.3:2882"});
  EXPECT_EQ(dup.exit_code(), 3);
  EXPECT_NE(dup.cannot_judge[0].find("matches 2 rows of DBA_OB_SERVERS"), std::string::npos);
}

// --at: the bundled lease-loss incident (T1001 LS1001 leaderless from 44 s,
// node 2 the leader before; the saved views show node 1 leading and node 2
// 12 s behind).
TEST(IsolationAt, LeadersAndLeaderlessWindowsFromTheLogs) {
  ScanOptions opt;
  opt.paths = {(testing::source_dir() / "samples/incidents/lease-loss-4x").string()};
  ScanResult scan_result = scan(opt);
  const Timeline tl = build_timeline(scan_result, {});
  const ClusterState saved = cluster_state_from_tables(scan_result.tables);
  ASSERT_EQ(saved.servers.size(), 3u);
  EXPECT_FALSE(cmd(advise_isolation(saved, {"10.0.0.3:2882"}, 0), IsolationCommand::kStop).passes);

  auto at = [&](const char* when) {
    ClusterState st = saved;
    apply_timeline_at(st, tl, *parse_user_timestamp(when));
    return advise_isolation(st, {"10.0.0.3:2882"}, 0);
  };
  // Before the partition node 2 led; measured from it nobody is behind.
  EXPECT_TRUE(cmd(at("2024-03-05 10:00:30"), IsolationCommand::kStop).passes);
  EXPECT_EQ(messages(cmd(at("2024-03-05 10:00:46"), IsolationCommand::kForceStop)),
            std::vector<std::string>{"-4179 Tenant(1001) LS(1001) has no leader, stop server not allowed"});
  // After every log ends nothing is judged silent: the saved state stands.
  const auto late = at("2024-03-05 10:05:00");
  EXPECT_FALSE(cmd(late, IsolationCommand::kStop).passes);
  EXPECT_TRUE(cmd(late, IsolationCommand::kForceStop).passes);
}

TEST(IsolationAt, ServerSilentWhileOthersLogCountsAsInactive) {
  Cluster c = three_zones();
  ClusterState st = c.state();
  Timeline tl;
  const LocalMicros t0 = *parse_user_timestamp("2024-03-05 10:00:00");
  tl.last_line = {{"10.0.0.1:2882", t0 + 100'000'000}, {"10.0.0.2:2882", t0 + 100'000'000}, {"10.0.0.3:2882", t0 + 5'000'000}};
  apply_timeline_at(st, tl, t0 + 60'000'000);
  EXPECT_EQ(st.server("10.0.0.3:2882")->status, "INACTIVE");
  EXPECT_EQ(st.server("10.0.0.1:2882")->status, "ACTIVE");
  // Node 3 already down: stopping node 2 leaves one of three.
  EXPECT_FALSE(cmd(advise_isolation(st, {"10.0.0.2:2882"}, 0), IsolationCommand::kForceStop).passes);
}

int run_cli(const std::string& args, std::string* out = nullptr) {
  const std::string command = std::string(PAXRAY_BINARY) + " " + args + " 2>/dev/null";
  FILE* p = ::popen(command.c_str(), "r");
  std::array<char, 4096> buf{};
  std::string text;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) text.append(buf.data(), n);
  const int st = ::pclose(p);
  if (out != nullptr) *out = text;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

TEST(IsolationCli, ScanSummaryNamesTheCommandPerServer) {
  std::string out;
  const auto sample = (testing::source_dir() / "samples/incidents/lease-loss-4x").string();
  EXPECT_EQ(run_cli("scan --no-replay " + sample, &out), 2);
  EXPECT_NE(out.find("10.0.0.2:2882         STOP SERVER passes\n"), std::string::npos) << out;
  // The stop replay the HTML shows is said here too: one computation for every report.
  EXPECT_NE(out.find("10.0.0.3:2882         STOP SERVER refused (Tenant(1001) LS(1001) log not sync, stop server not allowed); "
                     "FORCE STOP SERVER passes; stopping it anyway loses 1 log stream(s)' majority\n"),
            std::string::npos);
  EXPECT_EQ(run_cli("scan --no-replay " + (testing::source_dir() / "samples/incidents/basic-4x").string(), &out), 0);
  EXPECT_EQ(out.find("Isolating one server"), std::string::npos);
}

TEST(IsolationCli, TheBundledViewsWithoutLogStatCannotJudgeStop) {
  // lease-loss-4x's saved views, GV$OB_LOG_STAT left out: STOP and FORCE STOP
  // cannot be judged, ISOLATE can, and the answer is 3, never "safe".
  const auto views = testing::source_dir() / "samples/incidents/lease-loss-4x/ticket/cluster_views.txt";
  std::string out;
  EXPECT_EQ(run_cli("isolate-check --server 10.0.0.3:2882 " + views.string(), &out), 3) << out;
  EXPECT_NE(out.find("STOP SERVER        cannot be judged: no GV$OB_LOG_STAT dump (save: SELECT TENANT_ID, LS_ID"), std::string::npos) << out;
  EXPECT_NE(out.find("ISOLATE SERVER     passes"), std::string::npos) << out;
  EXPECT_NE(out.find("not replayed"), std::string::npos) << out;
  EXPECT_EQ(out.find("is safe afterwards"), std::string::npos) << out;
  // A server that is not in DBA_OB_SERVERS, with the whole ticket.
  const auto ticket = testing::source_dir() / "samples/incidents/lease-loss-4x";
  EXPECT_EQ(run_cli("isolate-check --server 10.0.0.9:2882 " + ticket.string(), &out), 3) << out;
  EXPECT_NE(out.find("10.0.0.9:2882 is not in DBA_OB_SERVERS (closest: 10.0.0.1:2882"), std::string::npos) << out;
}

TEST(IsolationCli, ExitCodesAndJson) {
  testing::TempDir dir;
  Cluster c = three_zones();
  auto write = [&](const Cluster& x) {
    dir.write("servers.tsv", x.tsv(x.servers));
    dir.write("zones.tsv", x.tsv(x.zones));
    dir.write("tenants.tsv", x.tsv(x.tenants));
    dir.write("log_stat.tsv", x.tsv(x.log_stat));
  };
  write(c);
  const std::string base = "isolate-check --replay-seeds 2 --server 10.0.0.3:2882 " + dir.path().string();
  std::string out;
  EXPECT_EQ(run_cli(base, &out), 0) << out;
  EXPECT_NE(out.find("=> use STOP SERVER"), std::string::npos) << out;
  c.log_stat.resize(1);
  c.ls(1001, 1, {"10.0.0.1", "10.0.0.2", "10.0.0.3"}, "10.0.0.1", {0, 3600 * kSecond, 0});
  write(c);
  EXPECT_EQ(run_cli(base + " --json -", &out), 1);
  EXPECT_NE(out.find("\"message\": \"Tenant(1001) LS(1) log not sync, stop server not allowed\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"exit_code\": 1"), std::string::npos) << out;
  // Two zones in one command, and the tenant's primary region (z1 alone) emptied: nothing passes.
  c.zones.resize(1);
  c.zone("z1", "shanghai");
  c.zone("z2", "hangzhou");
  c.zone("z3", "hangzhou");
  write(c);
  EXPECT_EQ(run_cli("isolate-check --server 10.0.0.1:2882 " + dir.path().string() + " --server 10.0.0.3:2882", &out), 2) << out;
  EXPECT_EQ(run_cli("isolate-check --server nonsense " + dir.path().string()), 3);
  EXPECT_EQ(run_cli("isolate-check " + dir.path().string()), 3);  // --server is required
  testing::TempDir empty;
  empty.write("notes.txt", "nothing here\n");
  EXPECT_EQ(run_cli("isolate-check --server 10.0.0.3:2882 " + empty.path().string()), 3);
}

}  // namespace
}  // namespace paxray::replay
