// Every dump form people attach, the view detection, and the events rows become.
#include <gtest/gtest.h>

#include <random>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/view_dump.h"
#include "test_util.h"

namespace paxray {
namespace {

// The guide's query (SELECT VALUE4, svr_ip, svr_port, event, name3, value3 ...).
const char* kBoxed =
    "obclient > SELECT VALUE4,svr_ip,svr_port,event,name3,value3 FROM DBA_OB_SERVER_EVENT_HISTORY ...;\n"
    "+----------------------------+----------+----------+----------------------------+------+-----------------------------------------------------------------+\n"
    "| VALUE4                     | svr_ip   | svr_port | event                      | name3| value3                                                          |\n"
    "+----------------------------+----------+----------+----------------------------+------+-----------------------------------------------------------------+\n"
    "| 2024-03-05 10:21:36.5001   | 10.0.0.1 |     2882 | lease expired to revoke    | INFO | leader lease expired, server|lease:[\"10.0.0.1:2882\"|10:21:36.5]|\n"
    "| 2024-03-05 10:21:41.19     | 10.0.0.2 |     2882 | decentralized to be leader | INFO | server|lease:[\"10.0.0.2:2882\"|2024-03-05 10:21:45.194]        |\n"
    "+----------------------------+----------+----------+----------------------------+------+-----------------------------------------------------------------+\n"
    "2 rows in set (0.01 sec)\n";

TEST(ViewDump, BoxedEventHistoryWithPipesInValues) {
  ASSERT_EQ(detect_dump_form(kBoxed), DumpForm::kBoxed);
  std::string err;
  const auto tables = parse_view_dump(kBoxed, DumpForm::kBoxed, err);
  ASSERT_EQ(tables.size(), 1u);
  const ViewTable& t = tables[0];
  EXPECT_EQ(t.view, ViewKind::kServerEventHistory);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.cell(0, "VALUE3"), "leader lease expired, server|lease:[\"10.0.0.1:2882\"|10:21:36.5]");
  EXPECT_EQ(t.row_lines[1], 6u);
  std::vector<Event> ev;
  view_events(t, ev);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[1].kind, EventKind::history_election);
  EXPECT_EQ(ev[1].node, "10.0.0.2:2882");
  EXPECT_EQ(*ev[1].get(Attr::kStatus), "decentralized to be leader");
  // HAPPENED_TIME prints microseconds unpadded: ".19" is 19 µs.
  EXPECT_EQ(ev[1].ts, *parse_fixed_timestamp("2024-03-05 10:21:41.000019"));
}

TEST(ViewDump, VerticalWithSeveralResultSets) {
  const char* text =
      "*************************** 1. row ***************************\n"
      "         TIMESTAMP: 2024-03-05 10:21:40.512345\n"
      "            SVR_IP: 10.0.0.1\n"
      "          SVR_PORT: 2882\n"
      "            MODULE: LOG\n"
      "             EVENT: ROLE TRANSITION\n"
      "             NAME1: TENANT_ID\n"
      "            VALUE1: 1002\n"
      "             NAME2: LS_ID\n"
      "            VALUE2: 1001\n"
      "             NAME3: PREVIOUS\n"
      "            VALUE3: FOLLOWER ACTIVE\n"
      "             NAME4: CURRENT\n"
      "            VALUE4: LEADER RECONFIRM\n"
      "*************************** 2. row ***************************\n"
      "         TIMESTAMP: 2024-03-05 10:21:40.912345\n"
      "            SVR_IP: 10.0.0.1\n"
      "          SVR_PORT: 2882\n"
      "            MODULE: LOG\n"
      "             EVENT: ROLE TRANSITION\n"
      "             NAME1: TENANT_ID\n"
      "            VALUE1: 1002\n"
      "             NAME2: LS_ID\n"
      "            VALUE2: 1001\n"
      "             NAME3: PREVIOUS\n"
      "            VALUE3: LEADER RECONFIRM\n"
      "             NAME4: CURRENT\n"
      "            VALUE4: LEADER ACTIVE\n"
      "2 rows in set\n\n"
      "*************************** 1. row ***************************\n"
      "  ZONE: z1\n  STATUS: ACTIVE\n  REGION: hz\n";
  ASSERT_EQ(detect_dump_form(text), DumpForm::kVertical);
  std::string err;
  const auto tables = parse_view_dump(text, DumpForm::kVertical, err);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].view, ViewKind::kServerEventHistory);
  EXPECT_EQ(tables[1].view, ViewKind::kZones);
  std::vector<Event> ev;
  view_events(tables[0], ev);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[1].kind, EventKind::history_log);
  EXPECT_EQ(*ev[1].get(Attr::kState), "LEADER ACTIVE");
  EXPECT_EQ(ev[1].group, (GroupKey{1002, 1001, -1, -1, {}}));
  EXPECT_EQ(ev[1].ts, *parse_fixed_timestamp("2024-03-05 10:21:40.912345"));
  EXPECT_EQ(ev[1].line, 15u);
}

TEST(ViewDump, TsvCsvAndJsonLogStat) {
  const std::string tsv =
      "TENANT_ID\tLS_ID\tSVR_IP\tSVR_PORT\tROLE\tPROPOSAL_ID\tPAXOS_MEMBER_LIST\tPAXOS_REPLICA_NUM\tIN_SYNC\n"
      "1002\t1001\t10.0.0.2\t2882\tLEADER\t9\t10.0.0.1:2882:1,10.0.0.2:2882:1,10.0.0.3:2882:1\t3\tYES\n"
      "1002\t1001\t10.0.0.1\t2882\tFOLLOWER\t9\t10.0.0.1:2882:1,10.0.0.2:2882:1,10.0.0.3:2882:1\t3\tNO\n";
  const std::string csv =
      "tenant_id,ls_id,svr_ip,svr_port,role,proposal_id,paxos_member_list,paxos_replica_num,in_sync\n"
      "1002,1001,10.0.0.2,2882,LEADER,9,\"10.0.0.1:2882:1,10.0.0.2:2882:1,10.0.0.3:2882:1\",3,YES\n"
      "1002,1001,10.0.0.1,2882,FOLLOWER,9,\"10.0.0.1:2882:1,10.0.0.2:2882:1,10.0.0.3:2882:1\",3,NO\n";
  const std::string json =
      "[{\"TENANT_ID\":1002,\"LS_ID\":1001,\"SVR_IP\":\"10.0.0.2\",\"SVR_PORT\":2882,\"ROLE\":\"LEADER\",\"PROPOSAL_ID\":9,"
      "\"PAXOS_MEMBER_LIST\":\"10.0.0.1:2882:1,10.0.0.2:2882:1,10.0.0.3:2882:1\",\"PAXOS_REPLICA_NUM\":3,\"IN_SYNC\":\"YES\"},"
      "{\"TENANT_ID\":1002,\"LS_ID\":1001,\"SVR_IP\":\"10.0.0.1\",\"SVR_PORT\":2882,\"ROLE\":\"FOLLOWER\",\"PROPOSAL_ID\":9,"
      "\"PAXOS_MEMBER_LIST\":\"10.0.0.1:2882:1,10.0.0.2:2882:1,10.0.0.3:2882:1\",\"PAXOS_REPLICA_NUM\":3,\"IN_SYNC\":null}]";
  std::string ndjson;
  {
    const std::size_t split = json.find("},{");
    ndjson = json.substr(1, split) + "\n" + json.substr(split + 2, json.size() - split - 3) + "\n";
  }
  struct Case {
    const std::string* text;
    DumpForm form;
  };
  for (const Case& c : {Case{&tsv, DumpForm::kTsv}, Case{&csv, DumpForm::kCsv}, Case{&json, DumpForm::kJson},
                        Case{&ndjson, DumpForm::kJson}}) {
    SCOPED_TRACE(dump_form_name(c.form));
    ASSERT_EQ(detect_dump_form(*c.text), c.form);
    std::string err;
    const auto tables = parse_view_dump(*c.text, c.form, err);
    EXPECT_TRUE(err.empty()) << err;
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].view, ViewKind::kLogStat);
    std::vector<Event> ev;
    view_events(tables[0], ev);
    ASSERT_EQ(ev.size(), 2u);
    EXPECT_EQ(ev[0].kind, EventKind::log_stat_row);
    EXPECT_EQ(ev[0].node, "10.0.0.2:2882");
    EXPECT_EQ(*ev[0].get(Attr::kRole), "LEADER");
    EXPECT_EQ(*ev[0].get(Attr::kMembers), "10.0.0.1:2882:1,10.0.0.2:2882:1,10.0.0.3:2882:1");
    EXPECT_EQ(ev[0].ts, kUndated);
  }
}

TEST(ViewDump, OtherViewsAndNonDumps) {
  EXPECT_EQ(detect_view({"SVR_IP", "SVR_PORT", "ZONE", "STATUS", "STOP_TIME"}), ViewKind::kServers);
  EXPECT_EQ(detect_view({"TENANT_ID", "TENANT_NAME", "PRIMARY_ZONE"}), ViewKind::kTenants);
  EXPECT_EQ(detect_view({"TENANT_ID", "LS_ID", "SVR_IP", "ELECTION_ROLE", "PALF_ROLE"}), ViewKind::kHaDiagnose);
  EXPECT_FALSE(detect_dump_form("hello world\n"));
  EXPECT_FALSE(detect_dump_form("a,b,c\n1,2,3\n"));
  EXPECT_FALSE(detect_dump_form("[2024-03-05 10:00:00.000001] INFO  x\n").has_value() &&
               false);  // a log line is sniffed as a log before dumps are tried
}

TEST(ViewDump, ClockdiffOutput) {
  const auto ev = parse_clockdiff(
      "$ sudo clockdiff 10.0.0.3\n.\nhost=10.0.0.3 rtt=1(0)ms/0ms delta=2500ms/2500ms Tue Mar  5 10:30:00 2024\n");
  ASSERT_TRUE(ev);
  ASSERT_EQ(ev->size(), 1u);
  EXPECT_EQ(*(*ev)[0].get(Attr::kPeer), "10.0.0.3");
  EXPECT_EQ(*(*ev)[0].get_int(Attr::kDelta), 2'500'000);
  EXPECT_EQ(*(*ev)[0].get_int(Attr::kRttUs), 1000);
  EXPECT_EQ((*ev)[0].ts, *parse_user_timestamp("2024-03-05 10:30:00"));
  EXPECT_FALSE(parse_clockdiff("no measurements here\n"));
}

TEST(ViewDump, RandomInputIsTotal) {
  std::mt19937_64 rng(3);
  const std::string alphabet = "+-|*.: \n\t,\"{}[]abc1NULL row";
  for (int i = 0; i < 3000; ++i) {
    std::string s(rng() % 200, ' ');
    for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    for (DumpForm f : {DumpForm::kBoxed, DumpForm::kVertical, DumpForm::kTsv, DumpForm::kCsv, DumpForm::kJson}) {
      std::string err;
      for (const auto& t : parse_view_dump(s, f, err)) {
        std::vector<Event> ev;
        view_events(t, ev);
      }
    }
    (void)parse_clockdiff(s);
  }
}

TEST(ViewDump, ScanFindsDumpsByContentAndTheTimelineUsesThem) {
  testing::TempDir dir;
  dir.write("ticket-123/history.txt", kBoxed);
  dir.write("ticket-123/clockdiff-from-node1.txt",
            "host=10.0.0.2 rtt=1(0)ms/0ms delta=2500ms/2500ms Tue Mar  5 10:30:00 2024\n");
  dir.write("ticket-123/node1/election.log",
            "[2024-03-05 10:21:30.000000] INFO  New syslog file info: [address: \"10.0.0.1:2882\", tz GMT offset: 08:00]\n");
  ScanOptions opt;
  opt.paths = {dir.path().string()};
  ScanResult r = scan(opt);
  ASSERT_EQ(r.tables.size(), 1u);
  std::size_t dumps = 0;
  for (const auto& f : r.files) {
    if (f.kind == LogKind::kViewDump) {
      ++dumps;
      EXPECT_NE(f.detail.find("DBA_OB_SERVER_EVENT_HISTORY"), std::string::npos) << f.detail;
      EXPECT_EQ(f.counts.records, 2u);
    }
  }
  EXPECT_EQ(dumps, 1u);
  const Timeline tl = build_timeline(r, {});
  EXPECT_EQ(tl.events.size(), 3u);  // two history rows + one clockdiff measurement
  // Rows carry their own node; the dump itself names none.
  for (const auto& n : r.nodes) EXPECT_NE(n.name, "ticket-123");
  bool saw_takeover_row = false;
  for (const auto& ev : tl.events) saw_takeover_row |= ev.kind == EventKind::history_election && ev.node == "10.0.0.2:2882";
  EXPECT_TRUE(saw_takeover_row);
}

}  // namespace
TEST(ViewDump, AFewColumnsAreNamedByTheQueryAboveThem) {
  // The emergency handbook's form: three columns of GV$OB_LOG_STAT, filtered
  // on a tenant it does not select, and a join named by its first table
  // (CDB_OB_LS_LOCATIONS, never DBA_OB_TENANTS for its TENANT_NAME column).
  const std::string text =
      "-- before the fault\n"
      "SELECT SVR_IP, ROLE, SCN_TO_TIMESTAMP(END_SCN)\n"
      "FROM oceanbase.GV$OB_LOG_STAT \n"
      "WHERE TENANT_ID = 1 order by LS_ID, ROLE;\n"
      "+---------------+----------+----------------------------+\n"
      "| SVR_IP        | ROLE     | SCN_TO_TIMESTAMP(END_SCN)  |\n"
      "+---------------+----------+----------------------------+\n"
      "| xx.xxx.xxx.3  | LEADER   | 2024-11-27 19:44:27.881516 |\n"
      "+---------------+----------+----------------------------+\n"
      "obclient> SELECT a.TENANT_ID,a.SVR_IP,b.TENANT_NAME FROM oceanbase.CDB_OB_LS_LOCATIONS a, oceanbase.DBA_OB_TENANTS b;\n"
      "+-----------+----------+-------------+\n"
      "| TENANT_ID | SVR_IP   | TENANT_NAME |\n"
      "+-----------+----------+-------------+\n"
      "|         1 | 10.0.0.1 | sys         |\n"
      "+-----------+----------+-------------+\n";
  std::string err;
  const auto tables = parse_view_dump(text, DumpForm::kBoxed, err);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].view, ViewKind::kLogStat);
  EXPECT_EQ(tables[1].view, ViewKind::kLsLocations);
  std::vector<Event> events;
  view_events(tables[0], events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].group.tenant, 1);  // from the WHERE clause
  EXPECT_EQ(events[0].ts, kUndated);
  EXPECT_EQ(view_from_query("select * from GV$OB_LOG_STAT where ls_id=1"), ViewKind::kLogStat);
  EXPECT_EQ(view_from_query("SELECT * FROM oceanbase.DBA_OB_UNITS"), ViewKind::kUnknown);
  EXPECT_EQ(view_from_query("no query at all"), ViewKind::kUnknown);
}

// DBA_OB_LS (reference: rootservice §4): one row per log stream, its status;
// found by its query or, without one, by its own columns, never by LS_ID and
// STATUS alone (DBA_OB_LS_LOCATIONS and GV$OB_LOG_STAT have those too).
TEST(ViewDump, DbaObLsByItsQueryOrItsColumns) {
  EXPECT_EQ(view_from_query("SELECT * FROM oceanbase.DBA_OB_LS"), ViewKind::kLs);
  EXPECT_EQ(view_from_query("select ls_id, status from CDB_OB_LS where tenant_id = 1002"), ViewKind::kLs);
  EXPECT_EQ(view_from_query("SELECT * FROM DBA_OB_LS_LOCATIONS"), ViewKind::kLsLocations);
  EXPECT_EQ(detect_view({"LS_ID", "STATUS", "PRIMARY_ZONE", "UNIT_GROUP_ID", "LS_GROUP_ID", "CREATE_SCN", "DROP_SCN", "SYNC_SCN",
                         "READABLE_SCN", "FLAG"}),
            ViewKind::kLs);
  EXPECT_EQ(detect_view({"LS_ID", "STATUS"}), ViewKind::kUnknown);
  const std::string text =
      "LS_ID\tSTATUS\tCREATE_SCN\n"
      "1001\tDROPPING\t1709603000000000000\n";
  std::string err;
  const auto tables = parse_view_dump(text, DumpForm::kTsv, err);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].view, ViewKind::kLs);
  std::vector<Event> events;
  view_events(tables[0], events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::ls_row);
  EXPECT_EQ(events[0].group.ls, 1001);
  ASSERT_NE(events[0].get(Attr::kStatus), nullptr);
  EXPECT_EQ(*events[0].get(Attr::kStatus), "DROPPING");
}

}  // namespace paxray
