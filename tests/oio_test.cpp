// OpenIO SDS: syslog lines of every era, election status / debug outputs in
// both forms people paste, the reference state machine, and the three
// diagnoses on the bundled samples (the seed's incident among them).
#include <gtest/gtest.h>

#include <map>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/log_kind.h"
#include "paxray/parsers/oio.h"
#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/core/oio_election.h"
#include "paxray/report/html_report.h"
#include "paxray/report/scan_report.h"
#include "paxray/rules/diagnosis.h"
#include "test_util.h"

namespace paxray {
namespace {

TEST(OioLine, EveryEraOfTheSyslogLines) {
  struct Case {
    const char* line;
    Level level;
    bool access;
    const char* domain;
    const char* message_start;
  };
  const Case cases[] = {
      {"Oct 10 17:26:59.829349 linux-cgzg OIO,NS,meta2,1[29617]: 29617 C448 log WRN oio.sqlite TIMEOUT! (waiting for election status) [697ECB056A5F9339B36C3B0A020B5AB17B4B0160FBEBEA203315EA1FC1B61605.1.meta2] step=6/CHECKING_SLAVES",
       Level::kWarn, false, "oio.sqlite", "TIMEOUT! (waiting for election status)"},
      {"Oct 10 17:26:59.829420 linux-cgzg OIO,NS,meta2,1[29617]: 29617 C448 access INF 127.0.0.1:6015 127.0.0.1:34710 DB_PSET 503 5001321 168 697E C26A t=5001294 697E.1.meta2 e=(503) Open/lock: Election failed [697E.1][meta2]",
       Level::kInfo, true, "", "127.0.0.1:6015 127.0.0.1:34710 DB_PSET 503"},
      {"2016-01-20T13:11:09.283406+00:00 bench-node1 OIO,OPENIO,meta2,0: warning  6925 D763 log WRN oio.sqlite [defer_GETVERS] Election initiated (PRELOST) but get_peers error: (431) get_peers(CE6C)",
       Level::kWarn, false, "oio.sqlite", "[defer_GETVERS] Election initiated (PRELOST)"},
      {"Jan 12 20:43:58 openio02 OIO,test,meta1,9[21442]: 21442 334A log WRN oio.m1v2 M0 cache loading error : (2) Remote error: 192.168.50.41:6064: [errno=111] Connection refused",
       Level::kWarn, false, "oio.m1v2", "M0 cache loading error"},
      {"Mar  5 10:00:00 host1 OIO,OPENIO,meta2,1[4242]: pid:4242\ttid:1A2B\tlog_level:WARNING\tlog_domain:oio.sqlite\tlog_type:log\tmessage:GETVERS error [ABCD.1.meta2]: (7) Timeout (reqid=x)",
       Level::kWarn, false, "oio.sqlite", "GETVERS error [ABCD.1.meta2]"},
      {"pid:4242\ttid:1A2B\tlog_level:ERROR\tlog_domain:oio.sqlite\tlog_type:log\tmessage:Election for [ABCD.1.meta2] stuck in CREATING step for more than 12s, resetting it.",
       Level::kError, false, "oio.sqlite", "Election for [ABCD.1.meta2] stuck"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    ASSERT_TRUE(is_oio_record_start(c.line));
    OioLine o;
    ASSERT_EQ(parse_oio_line(c.line, 2017, o), LineError::kNone);
    EXPECT_EQ(o.level, c.level);
    EXPECT_EQ(o.access, c.access);
    EXPECT_EQ(o.domain, c.domain);
    EXPECT_EQ(o.message.substr(0, std::string_view(c.message_start).size()), c.message_start);
  }
  OioLine o;
  ASSERT_EQ(parse_oio_line(cases[0].line, 2017, o), LineError::kNone);
  EXPECT_EQ(format_timestamp(o.ts), "2017-10-10 17:26:59.829349");
  Event ev;
  ASSERT_TRUE(extract_oio_event(o, cases[0].line, ev));
  EXPECT_EQ(ev.kind, EventKind::oio_election_timeout);
  EXPECT_EQ(ev.group.name(), "697ECB056A5F9339B36C3B0A020B5AB17B4B0160FBEBEA203315EA1FC1B61605.1.meta2");
  EXPECT_EQ(*ev.get(Attr::kObject), "697ECB056A5F9339B36C3B0A020B5AB17B4B0160FBEBEA203315EA1FC1B61605.1.meta2");
  EXPECT_EQ(*ev.get(Attr::kState), "6/CHECKING_SLAVES");
  ASSERT_EQ(parse_oio_line(cases[1].line, 2017, o), LineError::kNone);
  ASSERT_TRUE(extract_oio_event(o, cases[1].line, ev));
  EXPECT_EQ(ev.kind, EventKind::oio_election_failed);
  EXPECT_EQ(*ev.get(Attr::kObject), "697E.1.meta2");
  EXPECT_EQ(*ev.get(Attr::kRet), "503");
}

TEST(OioElection, TheSeedsBoxedDebugTableWithItsWrappedJson) {
  const std::string text = testing::read_file(testing::source_dir() / "samples/openio/election-loop/election-debug.txt");
  ASSERT_TRUE(is_oio_election_output(text));
  std::string err;
  const auto peers = parse_oio_election(text, err);
  EXPECT_EQ(err, "");
  ASSERT_EQ(peers.size(), 3u);
  EXPECT_EQ(peers[0].id, "127.0.0.1:6015");
  EXPECT_TRUE(peers[0].has_member);
  EXPECT_EQ(peers[0].state, "NONE");
  EXPECT_EQ(peers[0].base, "697ECB056A5F9339B36C3B0A020B5AB17B4B0160FBEBEA203315EA1FC1B61605.1.meta2");
  ASSERT_EQ(peers[0].log.size(), 12u);
  EXPECT_EQ(peers[0].log.front().post, "FAILED");  // newest first
  EXPECT_EQ(peers[0].log.back().pre, "NONE");
  EXPECT_EQ(peers[0].peers, (std::vector<std::string>{"127.0.0.1:6017", "127.0.0.1:6018"}));
  EXPECT_EQ(peers[1].status, 2);
  EXPECT_EQ(peers[1].message, "127.0.0.1:6017: [errno=111] Connection refused");
  EXPECT_EQ(peers[2].status, 7);
}

TEST(OioElection, TheProxysJsonAndTheClisJsonRows) {
  // Real proxy output (oio-docs, rebalance meta2): timestamps in the log, a peer without a member.
  const char* debug = R"({"127.0.0.1:6023": {"body": {"#": {"getvers": 0, "pipefrom": 0, "refcount": 2},
      "base": {"name": "E11A2CF2E8001309E9500E644836C8F050A0BB9CD39F10276B44AD30B4AABC99.1", "type": "meta2",
               "zk": "7353556D83E9E1F88E851072150B0B87DB537C128E2271CC4E8F014051EB9B28"},
      "local": {"id": null, "state": "NONE", "url": "127.0.0.1:6023"},
      "log": ["1529938978925:LEAVING:LEAVE_OK:NONE", "1529938978925:LEAVING:LEFT_SELF:LEAVING",
              "1529938978921:MASTER:LEAVE_REQ:LEAVING", "1529938970805:CHECKING_SLAVES:GETVERS_OK:MASTER",
              "1529938970798:CHECKING_SLAVES:GETVERS_OK:CHECKING_SLAVES", "1529938970777:LISTING:LIST_OK:CHECKING_SLAVES",
              "1529938970777:WATCHING:EXISTS_OK:LISTING", "1529938970777:CREATING:CREATE_OK:WATCHING",
              "1529938970775:PEERING:GETPEERS_DONE:CREATING", "1529938970775:NONE:NONE:PEERING"],
      "master": {"id": null, "url": null}, "peers": ["127.0.0.1:6020", "127.0.0.3:6025"]},
      "status": {"message": "OK", "status": 200}},
    "127.0.0.2:6024": {"body": null, "status": {"message": "OK", "status": 200}}})";
  ASSERT_TRUE(is_oio_election_output(debug));
  std::string err;
  auto peers = parse_oio_election(debug, err);
  ASSERT_EQ(peers.size(), 2u) << err;
  EXPECT_TRUE(peers[0].debug);
  ASSERT_EQ(peers[0].log.size(), 10u);
  EXPECT_EQ(*peers[0].log.front().ms, 1529938978925);
  EXPECT_FALSE(peers[1].has_member);
  const auto check = replay::oio::validate_history({"NONE:NONE:PEERING", "PEERING:GETPEERS_DONE:CREATING",
                                                    "CREATING:CREATE_OK:WATCHING", "WATCHING:EXISTS_OK:LISTING",
                                                    "LISTING:LIST_OK:CHECKING_SLAVES", "CHECKING_SLAVES:GETVERS_OK:CHECKING_SLAVES",
                                                    "CHECKING_SLAVES:GETVERS_OK:MASTER", "MASTER:LEAVE_REQ:LEAVING",
                                                    "LEAVING:LEFT_SELF:LEAVING", "LEAVING:LEAVE_OK:NONE"});
  EXPECT_TRUE(check.impossible.empty());
  EXPECT_TRUE(check.chained);
  // Real status output (oio-sds#1274): a slave names the master, 2 = refused.
  const char* status = R"({"127.0.0.1:6007": {"status": {"status": 303, "message": "127.0.0.1:6009"}, "body": ""},
    "127.0.0.1:6008": {"status": {"status": 2, "message": "127.0.0.1:6008: [errno=111] Connection refused"}, "body": ""},
    "127.0.0.1:6009": {"status": {"status": 200, "message": "OK"}, "body": ""}})";
  peers = parse_oio_election(status, err);
  ASSERT_EQ(peers.size(), 3u);
  EXPECT_FALSE(peers[0].debug);
  EXPECT_EQ(peers[0].status, 303);
  // The CLI with -f json.
  peers = parse_oio_election(R"([{"Id": "127.0.0.1:6015", "Status": 500, "Message": "Election failed for AB.1.meta2"},
                                 {"Id": "127.0.0.1:6017", "Status": 7, "Message": "Timeout"}])", err);
  ASSERT_EQ(peers.size(), 2u);
  EXPECT_EQ(peers[0].status, 500);
  EXPECT_TRUE(is_oio_election_output(R"([{"Id": "x", "Status": 7, "Message": "Timeout"}])"));
  EXPECT_FALSE(is_oio_election_output("+---+\n| ID | SVR_IP |\n+---+\n"));
}

TEST(OioStateMachine, ImpossibleTransitionsAreFlaggedAndTheHumanFormParses) {
  EXPECT_EQ(replay::oio::check({"NONE", "GETVERS_OK", "MASTER"}), replay::oio::Verdict::kImpossible);
  EXPECT_EQ(replay::oio::check({"LISTING", "GETVERS_OK", "LISTING"}), replay::oio::Verdict::kAbnormal);
  EXPECT_EQ(replay::oio::check({"SYNCING", "SYNC_KO", "SLAVE"}), replay::oio::Verdict::kAllowed);  // slave even on error
  EXPECT_EQ(replay::oio::check({"BOGUS", "NONE", "NONE"}), replay::oio::Verdict::kImpossible);
  const auto check = replay::oio::validate_history({"NONE:NONE:CREATING", "CREATING:CREATE_OK:MASTER"});
  EXPECT_EQ(check.impossible, std::vector<std::string>{"CREATING:CREATE_OK:MASTER"});
  const auto human = parse_oio_log_entry("2018-06-25 15:02:50.775 NONE, NONE -> PEERING");
  ASSERT_TRUE(human);
  EXPECT_EQ(human->event, "NONE");
  EXPECT_EQ(human->post, "PEERING");
  EXPECT_TRUE(human->ms);
  EXPECT_FALSE(parse_oio_log_entry("not an entry"));
}

Diagnosis diagnose_dir(const std::string& name) {
  ScanOptions o;
  o.paths = {(testing::source_dir() / "samples/openio" / name).string()};
  o.threads = 2;
  ScanResult r = scan(o);
  const Timeline tl = build_timeline(r, {});
  const Thresholds th = Thresholds::defaults();
  Diagnosis d = diagnose(r, tl, th);
  replay::confirm_findings(r, tl, d, {});
  return d;
}

TEST(OioDiagnosis, TheSeedsElectionLoopIsFoundWithItsPeersAndConfirmed) {
  const Diagnosis d = diagnose_dir("election-loop");
  std::map<std::string, const Finding*> by_cause;
  for (const Finding* f : all_findings(d)) {
    EXPECT_EQ(f->system, "openio");
    EXPECT_EQ(f->group, "697ECB056A5F9339B36C3B0A020B5AB17B4B0160FBEBEA203315EA1FC1B61605.1.meta2");
    by_cause[std::string(f->id())] = f;
  }
  ASSERT_TRUE(by_cause.count("openio_election_loop"));
  ASSERT_TRUE(by_cause.count("openio_peer_unreachable"));
  ASSERT_TRUE(by_cause.count("openio_no_master"));
  const Finding& loop = *by_cause["openio_election_loop"];
  EXPECT_NE(loop.summary.find("CHECKING_SLAVES:GETVERS_KO:CHECKING_SLAVES repeated 5 times"), std::string::npos) << loop.summary;
  EXPECT_NE(loop.summary.find("FAILED"), std::string::npos);
  const Finding& peers = *by_cause["openio_peer_unreachable"];
  EXPECT_NE(peers.summary.find("127.0.0.1:6017 (connection refused, timeout)"), std::string::npos) << peers.summary;
  EXPECT_NE(peers.summary.find("127.0.0.1:6018 (timeout)"), std::string::npos);
  EXPECT_NE(by_cause["openio_no_master"]->remediation.find("openio election leave"), std::string::npos);
  // The replay confirms the root (peers that do not answer the version check);
  // the loop and the missing master are what it explains.
  ASSERT_TRUE(peers.replay);
  // Fitted: the member's own election log, the outage itself, is the input.
  EXPECT_EQ(peers.replay->status, "fitted") << peers.replay->reason;
  EXPECT_NE(peers.replay->reason.find("ends MASTER"), std::string::npos);
  // They are folded under it, not replayed on their own.
  EXPECT_FALSE(loop.replay);
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings.front().id(), "openio_peer_unreachable");  // the root: peers that do not answer
  EXPECT_EQ(d.findings.front().consequences.size(), 2u);
  EXPECT_EQ(d.findings.front().severity, Severity::kCritical);
}

TEST(OioDiagnosis, AfterRecoveryThereIsAMasterAndOnlyTheDownPeerIsReported) {
  const Diagnosis d = diagnose_dir("recovered");
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].id(), "openio_peer_unreachable");
  EXPECT_EQ(d.findings[0].severity, Severity::kWarning);
  EXPECT_EQ(d.findings[0].group, "FVE0.meta2");
}

TEST(OioDiagnosis, AHealthyElectionHasNoFindingAndItsHistoryValidates) {
  EXPECT_TRUE(diagnose_dir("healthy").findings.empty());
  std::string err;
  const auto peers = parse_oio_election(testing::read_file(testing::source_dir() / "samples/openio/healthy/election-debug.json"), err);
  ASSERT_EQ(peers.size(), 3u) << err;
  std::vector<std::string> h;
  for (auto it = peers[0].log.rbegin(); it != peers[0].log.rend(); ++it) h.push_back(it->pre + ":" + it->event + ":" + it->post);
  const auto check = replay::oio::validate_history(h);
  EXPECT_TRUE(check.impossible.empty());
  EXPECT_EQ(check.final_state, "MASTER");
}

TEST(OioDiagnosis, TheReportsNeedNoSpecialCase) {
  // Same JSON and HTML as for OceanBase: system and group set, tenant and ls null.
  ScanOptions o;
  o.paths = {(testing::source_dir() / "samples/openio/election-loop").string()};
  ScanResult r = scan(o);
  const Timeline tl = build_timeline(r, {});
  const Thresholds th = Thresholds::defaults();
  const Diagnosis d = diagnose(r, tl, th);
  const std::string json = render_scan_json({r, tl, d, th}, {});
  EXPECT_NE(json.find("\"system\": \"openio\""), std::string::npos);
  EXPECT_NE(json.find("\"tenant\": null"), std::string::npos);
  const std::string html = render_html_report({r, tl, d, th}, {});
  EXPECT_NE(html.find("openio_election_loop"), std::string::npos);
  EXPECT_NE(html.find("697ECB056A5F9339B36C3B0A020B5AB17B4B0160FBEBEA203315EA1FC1B61605.1.meta2"), std::string::npos);
}

TEST(OioElection, OutputsPastedInProseIndentedOrCutOff) {
  // The rebalance doc's admin/debug: after a prompt, indented as an rst code
  // block, with prose after it.
  const std::string doc = testing::read_file(testing::source_dir() / "tests/data/excerpts/openio/oio-docs_rebalance_meta2_admin_debug_1.txt");
  ASSERT_TRUE(is_oio_election_output(doc));
  std::string err;
  auto peers = parse_oio_election(doc + "\nThen check the meta2 logs again.\n", err);
  EXPECT_EQ(err, "");
  ASSERT_EQ(peers.size(), 3u);
  EXPECT_EQ(peers[0].id, "127.0.0.1:6023");
  EXPECT_TRUE(peers[0].has_member);
  EXPECT_EQ(peers[0].state, "NONE");
  // Cut inside the second member: the first is kept, the cut one named.
  const std::size_t second = doc.find("\"127.0.0.2:6024\"");
  ASSERT_NE(second, std::string::npos);
  const std::string cut = doc.substr(0, second + 60);  // inside its "status"
  ASSERT_TRUE(is_oio_election_output(cut));
  peers = parse_oio_election(cut, err);
  ASSERT_EQ(peers.size(), 1u);
  EXPECT_EQ(peers[0].id, "127.0.0.1:6023");
  EXPECT_EQ(err, "JSON cut off inside the member for 127.0.0.2:6024: the complete members were read");
  // A table whose header row is pasted twice: the header is no member.
  const std::string table =
      "$ openio election status meta2 FVE0\n"
      "+----------------+--------+---------+\n"
      "| Id             | Status | Message |\n"
      "+----------------+--------+---------+\n"
      "| 127.0.0.1:6015 |    200 | OK      |\n"
      "| Id             | Status | Message |\n"
      "| 127.0.0.1:6016 |    303 | OK      |\n"
      "+----------------+--------+---------+\n";
  peers = parse_oio_election(table, err);
  ASSERT_EQ(peers.size(), 2u);
  EXPECT_EQ(peers[1].id, "127.0.0.1:6016");
}

}  // namespace
}  // namespace paxray
