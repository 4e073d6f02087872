// Every registry entry's sample line, run through the parser and the registry
// (lnav-style: samples are the format's unit tests), plus the -4038 rule.
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "paxray/parsers/etcd.h"
#include "paxray/parsers/ob_events.h"
#include "paxray/parsers/zk_events.h"
#include "test_util.h"

namespace paxray {
namespace {

// "tenant=1002;ls=1001;self=..." -> checks against the event.
void expect_fields(const MessageSpec& spec, const Event& ev) {
  std::string_view expect = spec.expect;
  while (!expect.empty()) {
    const std::size_t semi = expect.find(';');
    const std::string_view item = expect.substr(0, semi);
    expect = semi == std::string_view::npos ? std::string_view{} : expect.substr(semi + 1);
    const std::size_t eq = item.find('=');
    ASSERT_NE(eq, std::string_view::npos) << spec.sample;
    const std::string key(item.substr(0, eq));
    const std::string want(item.substr(eq + 1));
    if (key == "tenant") {
      EXPECT_EQ(std::to_string(ev.group.tenant), want) << spec.sample;
    } else if (key == "ls") {
      EXPECT_EQ(std::to_string(ev.group.ls), want) << spec.sample;
    } else if (key == "table") {
      EXPECT_EQ(std::to_string(ev.group.table), want) << spec.sample;
    } else if (key == "partition") {
      EXPECT_EQ(std::to_string(ev.group.partition), want) << spec.sample;
    } else {
      bool found = false;
      for (std::size_t a = 0; a < kAttrCount; ++a) {
        if (attr_name(static_cast<Attr>(a)) != key) continue;
        found = true;
        const std::string* got = ev.get(static_cast<Attr>(a));
        ASSERT_NE(got, nullptr) << key << " missing in: " << spec.sample;
        EXPECT_EQ(*got, want) << key << " in: " << spec.sample;
      }
      EXPECT_TRUE(found) << "unknown field name " << key;
    }
  }
}

TEST(ObRegistry, EverySampleParsesMatchesItsOwnEntryAndDecodes) {
  for (const MessageSpec& spec : ob_message_registry()) {
    SCOPED_TRACE(std::string(spec.needle));
    ObLine line;
    ASSERT_EQ(parse_ob_line(spec.sample, line), LineError::kNone) << spec.sample;
    EXPECT_EQ(match_ob_message(line), &spec) << "claimed by another entry: " << spec.sample;
    Event ev;
    ASSERT_TRUE(extract_ob_event(line, spec.sample, ev));
    EXPECT_EQ(ev.kind, spec.kind);
    EXPECT_EQ(ev.text, spec.sample);
    expect_fields(spec, ev);
    EXPECT_FALSE(spec.source.empty());
  }
}

// The scan asks may_be_ob_event before extracting: it may say yes in vain,
// never no to a line that is an event. Every registry sample, every record
// line under samples/, and each sample's body cut at every length.
TEST(ObRegistry, MayBeAnEventNeverTurnsAnEventAway) {
  std::vector<std::string> lines = testing::bundled_record_lines();
  for (const MessageSpec& spec : ob_message_registry()) lines.emplace_back(spec.sample);
  std::size_t events = 0, turned_away = 0;
  for (const std::string& text : lines) {
    ObLine line;
    if (parse_ob_line(text, line) != LineError::kNone) continue;
    const std::size_t body_at = static_cast<std::size_t>(line.body.data() - text.data());
    for (std::size_t keep = 0; keep <= line.body.size(); keep = keep < 4 ? keep + 1 : keep * 2) {
      const std::string cut = text.substr(0, body_at + keep);
      ObLine l;
      if (parse_ob_line(cut, l) != LineError::kNone) continue;  // a 3.x location may need what follows it
      Event ev;
      const bool event = extract_ob_event(l, cut, ev);
      ASSERT_TRUE(!event || may_be_ob_event(l)) << cut;
      events += event;
      turned_away += !may_be_ob_event(l);
    }
  }
  EXPECT_GE(events, 1000u);
  EXPECT_GE(turned_away, 1000u);  // and it does turn lines away
}

TEST(ObRegistry, EveryLogEventKindHasAnEntry) {
  std::set<EventKind> covered;
  for (const MessageSpec& spec : ob_message_registry()) covered.insert(spec.kind);
  for (const ZkMessageSpec& spec : zk_message_registry()) covered.insert(spec.kind);  // tests/zk_test.cpp decodes them
  for (const EtcdMessageSpec& spec : etcd_message_registry()) covered.insert(spec.kind);  // tests/etcd_test.cpp decodes them
  for (std::size_t k = 0; k < kEventKindCount; ++k) {
    const auto kind = static_cast<EventKind>(k);
    const std::string_view name = event_kind_name(kind);
    if (kind == EventKind::not_master || name.substr(0, 8) == "history." || name.substr(0, 5) == "view." ||
        kind == EventKind::clockdiff || kind == EventKind::slow_logging || name.substr(0, 4) == "oio.") {
      continue;  // rule-based (-4038, [lt=]), from the view-dump / clockdiff readers, or OpenIO (tests/oio_test.cpp)
    }
    EXPECT_TRUE(covered.count(kind)) << name;
    EXPECT_EQ(event_kind_from_name(name), kind);
  }
}

// A proposer dump of the reference's format whose self_priority carries `fields`.
std::optional<std::int64_t> rank_of(const std::string& fields) {
  const std::string text =
      "[2024-03-05 10:21:43.000101] INFO  [ELECT] operator() (election_proposer.cpp:228) [28513][T1002_Occam][T1002][Y0-0000000000000000-0-0] "
      "[lt=9] dump proposer info(*this={ls_id:{id:1001}, addr:\"10.0.0.2:2882\", role:Follower, ballot_number:8, "
      "self_priority:{priority:{" + fields + "}}, p_election:0x7f5a2c81e030})";
  ObLine line;
  EXPECT_EQ(parse_ob_line(text, line), LineError::kNone);
  Event ev;
  EXPECT_TRUE(extract_ob_event(line, text, ev));
  EXPECT_EQ(ev.kind, EventKind::elect_proposer_dump);
  const auto v = ev.get_int(Attr::kPriority);
  return v ? std::optional<std::int64_t>(*v) : std::nullopt;
}

TEST(ObRegistry, ElectionPriorityRanksInTheOrderOceanBaseCompares) {
  const std::string healthy = "is_valid:true, is_observer_stopped:false, is_server_stopped:false, is_zone_stopped:false, ";
  auto with = [&](const std::string& rest) { return rank_of(healthy + rest); };
  const auto primary_zone0 = with("fatal_failures:[], is_primary_region:true, serious_failures:[], is_in_blacklist:false, is_manual_leader:false, zone_priority:0");
  const auto primary_zone1 = with("fatal_failures:[], is_primary_region:true, serious_failures:[], is_in_blacklist:false, is_manual_leader:false, zone_priority:1");
  const auto other_region = with("fatal_failures:[], is_primary_region:false, serious_failures:[], is_in_blacklist:false, is_manual_leader:false, zone_priority:0");
  const auto serious = with("fatal_failures:[], is_primary_region:true, serious_failures:[{module:LOG, type:PROCESS_HANG}], is_in_blacklist:false, is_manual_leader:false, zone_priority:0");
  const auto fatal = with("fatal_failures:[{module:LOG, type:DISK_FULL}], is_primary_region:true, serious_failures:[], is_in_blacklist:false, is_manual_leader:true, zone_priority:0");
  const auto manual = with("fatal_failures:[], is_primary_region:false, serious_failures:[], is_in_blacklist:false, is_manual_leader:true, zone_priority:5");
  ASSERT_TRUE(primary_zone0 && primary_zone1 && other_region && serious && fatal && manual);
  EXPECT_GT(*primary_zone0, *primary_zone1);  // zone priority: lower wins
  EXPECT_GT(*primary_zone1, *serious);        // a serious failure outweighs the zone
  EXPECT_GT(*serious, *other_region);         // the primary region outweighs a serious failure
  EXPECT_GT(*manual, *primary_zone0);         // a manual leader outweighs region and zone
  EXPECT_LT(*fatal, *other_region);           // a fatal failure outweighs all of them
  EXPECT_LT(*rank_of("is_valid:true, is_observer_stopped:true, fatal_failures:[], is_primary_region:true, zone_priority:0"), *fatal);
  EXPECT_FALSE(rank_of("is_valid:false, zone_priority:0"));  // no priority yet
}

TEST(ObRegistry, MessageCountPeers) {
  const MessageSpec* spec = nullptr;
  for (const auto& s : ob_message_registry()) {
    if (s.kind == EventKind::elect_message_count) spec = &s;
  }
  ASSERT_NE(spec, nullptr);
  ObLine line;
  ASSERT_EQ(parse_ob_line(spec->sample, line), LineError::kNone);
  Event ev;
  ASSERT_TRUE(extract_ob_event(line, spec->sample, ev));
  ASSERT_EQ(ev.peers.size(), 1u);
  EXPECT_EQ(ev.peers[0].addr, "10.0.0.2:2882");
  EXPECT_EQ(ev.peers[0].send[2], 1520);
  EXPECT_EQ(ev.peers[0].rec[3], 1518);
  EXPECT_EQ(ev.peers[0].send_changed, 1u << 2);
  EXPECT_EQ(ev.peers[0].rec_changed, 1u << 3);
  EXPECT_EQ(ev.peers[0].last_send, "2024-03-05 10:21:42.995012");
  EXPECT_EQ(ev.peers[0].last_rec, "2024-03-05 10:21:42.99731");
}

TEST(ObRegistry, NotMasterLinesFromTheGuide) {
  int events = 0;
  bool saw_dst = false;
  for (const auto& l : testing::record_lines(testing::source_dir() / "samples/real/oceanbase-reference-lines.txt")) {
    if (l.find("-4038") == std::string::npos || l.rfind("[2021-01-21", 0) != 0) continue;
    ObLine line;
    ASSERT_EQ(parse_ob_line(l, line), LineError::kNone);
    Event ev;
    ASSERT_TRUE(extract_ob_event(line, l, ev)) << l;
    EXPECT_EQ(ev.kind, EventKind::not_master);
    EXPECT_EQ(*ev.get(Attr::kTrace), "YB420B4043DA-0005A535D6FAE816");
    if (const std::string* dst = ev.get(Attr::kDstAddr)) {
      EXPECT_EQ(*dst, "11.xx.xx.xx:2882");
      saw_dst = true;
    }
    ++events;
  }
  EXPECT_EQ(events, 6);
  EXPECT_TRUE(saw_dst);
}

TEST(ObRegistry, TrafficAndInfoLinesAreNotEvents) {
  for (const auto& l : testing::record_lines(testing::source_dir() / "samples/real/oceanbase-doc-lines.txt")) {
    ObLine line;
    if (parse_ob_line(l, line) != LineError::kNone) continue;
    Event ev;
    if (extract_ob_event(line, l, ev)) {
      // The only registered messages among the doc lines.
      EXPECT_TRUE(ev.kind == EventKind::not_master || ev.kind == EventKind::log_disk_full ||
                  ev.kind == EventKind::elect3_leader_revoke || ev.kind == EventKind::elect_acceptor_dump ||
                  ev.kind == EventKind::palf_dump || ev.kind == EventKind::elect_message_count)
          << event_kind_name(ev.kind) << ": " << l;
    }
  }
  ObLine line;
  const std::string info = "[2024-03-05 10:00:00.000001] INFO  [SQL] f (a.cpp:1) [1][T1_X][T1][Y0-0] [lt=1] ret=-4038 info only";
  ASSERT_EQ(parse_ob_line(info, line), LineError::kNone);
  Event ev;
  EXPECT_FALSE(extract_ob_event(line, info, ev));
}

TEST(ObRegistry, PhaseTags) {
  EXPECT_EQ(strip_phase_tag("[LogPhase::RENEW_LEASE]lease expired(x=1)"), "lease expired(x=1)");
  EXPECT_EQ(strip_phase_tag("[RENEW_LEASE]lease expired"), "lease expired");
  EXPECT_EQ(strip_phase_tag("[phase]do prepare"), "do prepare");
  EXPECT_EQ(strip_phase_tag("[PALF_DUMP](palf_id=1)"), "[PALF_DUMP](palf_id=1)");
}

}  // namespace
}  // namespace paxray
