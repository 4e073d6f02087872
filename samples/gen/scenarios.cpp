// One sample incident per cause the troubleshooting guide lists, plus a
// planned leader switch (no fault). Written with --tenants 2 --ls-per-tenant 1,
// whose default leaders are T1 LS1 -> node1 (index 0), T1001 LS1001 -> node2,
// T1003 LS1001 -> node3 (ob4_corpus.cpp). Times are seconds from the start.
#include <filesystem>
#include <fstream>

#include "incidents.h"
#include "story.h"

namespace paxray::gen {
namespace {

namespace fs = std::filesystem;

std::string with_file(const CorpusOptions& o, const std::string& rel, const std::string& text) {
  if (std::string err = write_ob4_corpus(o); !err.empty()) return err;
  const fs::path p = fs::path(o.out_dir) / rel;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return {};
}

// node2 runs 2.5 s behind and node3 2.5 s ahead: every pair of clocks is more
// than 2 s apart, so election messages are rejected everywhere; the leader of
// T1003 LS1001 (node3) cannot renew and no election succeeds.
std::string clock_skew(CorpusOptions o) {
  o.clock_skew_us = {0, -2'500'000, 2'500'000};
  Story s(o, 1003, 1001);
  for (int i = 0; i < 10; ++i) {
    s.packet_fly(2, 5 + 5 * i + 0.077, 0, 2'500'000 + 1'200 + (i * 2'900) % 15'000, i);  // node3 hears node1 "late"
    s.packet_fly(0, 6 + 5 * i + 0.031, 1, 2'500'000 + 900 + (i * 3'100) % 14'000, i);   // node1 hears node2 "late"
  }
  for (int i = 0; i < 6; ++i) s.message_delay(2, 45 + 2 * i, 1, 5'000'000 + 400 + i * 700);
  s.leader_lease_revoked(2, 44);
  s.leader_from(44, -1);
  s.follower_lease_expired(0, 2, 44.2);
  s.follower_lease_expired(1, 2, 44.25);
  return with_file(o, "node1/clockdiff.txt",
                   "host=10.0.0.3 rtt=1(0)ms/0ms delta=2500ms/2500ms Tue Mar  5 10:01:00 2024\n"
                   "host=10.0.0.2 rtt=1(0)ms/0ms delta=-2500ms/-2500ms Tue Mar  5 10:01:01 2024\n");
}

// node3's clock steps 3 s ahead at 30 s and comes back at 90 s (an NTP step
// that returned): averaged over the log it is nearly right. Meanwhile every
// message it receives looks 3 s late to it (packet fly, election delay
// warnings) and its own are 3 s early to the others, outside the election's
// 2 s window: the renewals of T1003 LS1001's leader (node3) are dropped, the
// leases run out at 34 s, and node1 is elected after the 2 s time window.
// Back on time, node3 logs the step (`clock out of order`, delta -3 s).
std::string clock_step(CorpusOptions o) {
  o.clock_steps = {{2, Story::at(30), Story::at(90), 3'000'000}};
  o.min_run_us = Story::at(110);
  Story s(o, 1003, 1001);
  for (int i = 0; i < 29; ++i) {
    s.packet_fly(2, 31 + 2 * i + 0.113, 0, 3'000'000 + 1'100 + (i * 2'700) % 9'000, i);
    s.packet_fly(2, 31.9 + 2 * i + 0.051, 1, 3'000'000 + 800 + (i * 3'300) % 8'000, i);
  }
  for (int i = 0; i < 4; ++i) s.message_delay(2, 32 + 2 * i, i % 2, 3'000'000 + 500 + i * 600);
  s.leader_lease_revoked(2, 34);
  s.leader_from(34, -1);
  s.follower_lease_expired(0, 2, 34.0);
  s.follower_lease_expired(1, 2, 34.01);
  s.takeover(0, 36.1);
  s.leader_from(36.1, 0);
  s.clock_out_of_order(2, 90, -3'000'000);
  return write_ob4_corpus(o);
}

// node2 and node3 crash at 40 s: node1 alone cannot form a majority.
std::string majority_down(CorpusOptions o) {
  o.stop_at_us = {0, Story::at(40), Story::at(40)};
  Story a(o, 1001, 1001);  // led by node2, which crashed
  a.leader_from(40, -1);
  a.follower_lease_expired(0, 1, 44);
  Story b(o, 1, 1);  // the sys tenant's log stream, led by node1, which can no longer renew
  b.leader_lease_revoked(0, 44.5);
  b.leader_from(44.5, -1);
  a.server_lease_expired(1, 50);
  a.server_lease_expired(2, 50.01);
  return write_ob4_corpus(o);
}

// majority-down-4x again, with node2's and node3's files cut of their
// `New syslog file info` header (as some collection tools do): who wrote them
// must come from their records (election dumps name their own address), and
// their silence is still a lost majority.
std::string majority_down_headerless(CorpusOptions o) {
  o.headerless = {1, 2};
  return majority_down(std::move(o));
}

// A switch to node1 whose RoleChangeService takeover fails, is retried as a
// new event every 3 s five times, and then succeeds: one outage, one finding
// (the retries are its evidence), not five.
std::string takeover_retried(CorpusOptions o) {
  Story s(o, 1001, 1001);
  s.change_leader(1, 0, 44);
  for (int i = 0; i < 5; ++i) {
    const long long seq = 1709604044300000LL + i * 3'000'000LL;
    s.rcs_begin(0, 44.3 + 3 * i, seq);
    s.rcs_failed(0, 44.5 + 3 * i);
  }
  s.rcs_begin(0, 59.3, 1709604059300000LL);
  s.rcs_end(0, 59.6, 1709604059300000LL);
  return write_ob4_corpus(o);
}

// node2, the leader of T1001 LS1001, is overloaded for two minutes from
// 30 s: every line it writes took 180 ms ([lt=]), across all its threads. Its lease runs out at 34 s and node1 takes over; node2's messages
// arrive late all along, and nothing is wrong with the network.
std::string overloaded_minutes(CorpusOptions o) {
  o.slow_logging = {{1, Story::at(30), Story::at(150), 180'000}};
  o.min_run_us = Story::at(155);
  Story s(o, 1001, 1001);
  s.leader_lease_revoked(1, 34);
  s.leader_from(34, -1);
  s.follower_lease_expired(0, 1, 37.95);
  s.follower_lease_expired(2, 1, 38.02);
  s.takeover(0, 40.2);
  s.leader_from(40.2, 0);
  return write_ob4_corpus(o);
}

// Log disk full on node2 and node3 (a majority): T1001 LS1001's leader steps
// down and nobody can take over.
std::string clog_disk_full(CorpusOptions o) {
  Story s(o, 1001, 1001);
  for (int i = 0; i < 40; ++i) {
    s.log_disk_full(1, 38 + i, 96);
    s.log_disk_full(2, 38.5 + i, 97);
  }
  s.asked_to_revoke(1, 41);
  s.leader_from(41, -1);
  return write_ob4_corpus(o);
}

// node1 and node3 run out of tenant memory at 40 s: a full tenant cannot
// receive (guide), so the leader's renewals stop arriving and its lease
// lapses one lease (4 s) later; its log sync times out at 50 s; nobody can be
// elected until memory is freed.
std::string tenant_memory_full(CorpusOptions o) {
  Story s(o, 1001, 1001);
  for (int i = 0; i < 12; ++i) {
    s.tenant_memory_full(0, 40 + 2 * i);
    s.tenant_memory_full(2, 40.5 + 2 * i);
  }
  s.lease_lapse(1, 44, 0, 2);
  s.log_sync_timeout(1, 50);
  s.takeover(0, 64);
  s.leader_from(64, 0);
  return write_ob4_corpus(o);
}

// The election picks node1 at once, but its clog reconfirm times out; node3
// takes over 12 s later.
std::string reconfirm_failed(CorpusOptions o) {
  Story s(o, 1001, 1001);
  s.leader_lease_revoked(1, 44);
  s.leader_from(44, -1);
  s.takeover(0, 44.4, /*reconfirm=*/false);
  s.reconfirm_timeout(0, 54.4);
  s.asked_to_revoke(0, 54.5);
  s.takeover(2, 56.5);
  s.leader_from(56.5, 2);
  return write_ob4_corpus(o);
}

// A switch to node1: its clog reconfirm finishes, but the RoleChangeService
// takeover keeps failing (replay not done).
std::string takeover_failed(CorpusOptions o) {
  Story s(o, 1001, 1001);
  s.change_leader(1, 0, 44);
  s.rcs_begin(0, 44.3, 1709604044300000);
  for (int i = 0; i < 10; ++i) s.rcs_failed(0, 44.5 + 3 * i);
  return write_ob4_corpus(o);
}

// A switch to node1 whose RoleChangeService event never ends.
std::string rcs_stuck(CorpusOptions o) {
  o.min_run_us = Story::at(90);  // 45 s past the 30 s time guard
  Story s(o, 1001, 1001);
  s.change_leader(1, 0, 44);
  s.rcs_begin(0, 44.3, 1709604044300000);
  return write_ob4_corpus(o);
}

// Tenant 1003 is dropped; its replicas stop at different times and the last
// leader of T1003 LS1001 (node3) cannot renew its lease.
std::string object_deleted(CorpusOptions o) {
  Story s(o, 1003, 1001);
  s.drop_tenant(40);
  s.election_stopped(0, 41);
  s.election_stopped(1, 41.5);
  s.leader_lease_revoked(2, 44.5);
  s.leader_from(44.5, -1);
  return write_ob4_corpus(o);
}

// A planned switch to node1; requests routed by a stale cache to node2 get
// -4038 and are retried. A leader existed throughout.
std::string stale_location_cache(CorpusOptions o) {
  Story s(o, 1001, 1001);
  s.change_leader(1, 0, 30);
  for (int i = 0; i < 3; ++i) s.not_master(2, 30.5 + i, 1, i);
  return write_ob4_corpus(o);
}

// Two planned switches and nothing else: no finding.
std::string planned_switch(CorpusOptions o) {
  Story s(o, 1001, 1001);
  s.change_leader(1, 0, 30);
  s.change_leader(0, 1, 60);
  return write_ob4_corpus(o);
}

// node2 becomes so loaded at 40 s that writing each log line takes 250 ms.
// It handles its peers' acks too slowly for them to arrive in time, so its
// lease runs out 4 s later (44 s) while its followers, still receiving its
// renewals until then, keep granting it until 48 s; node1 is elected after
// the 2 s time window, at 50.2 s. The timing is the replay core's load model
// (replay/src/simulator.cpp) run on this story; the logs follow it.
std::string high_load(CorpusOptions o) {
  o.slow_logging = {{1, Story::at(40), Story::at(53), 250'000}};
  Story s(o, 1001, 1001);
  s.leader_lease_revoked(1, 44);
  s.leader_from(44, -1);
  s.follower_lease_expired(0, 1, 47.95);
  s.follower_lease_expired(2, 1, 48.02);
  s.takeover(0, 50.2);
  s.leader_from(50.2, 0);
  return write_ob4_corpus(o);
}

// node2 (the leader of T1001 LS1001) crashes at 40 s; node1 and node3 are a
// majority: their leases run out at 44 s and node1 is elected after the 2 s
// time window. A failover, not a partition.
std::string leader_crash(CorpusOptions o) {
  o.stop_at_us = {0, Story::at(40), 0};
  Story s(o, 1001, 1001);
  s.leader_from(40, -1);
  s.follower_lease_expired(0, 1, 44.0);
  s.follower_lease_expired(2, 1, 44.01);
  s.takeover(0, 46.1);
  s.leader_from(46.1, 0);
  return write_ob4_corpus(o);
}

}  // namespace

std::string write_cause_scenario(const std::string& name, const CorpusOptions& o, bool& known) {
  known = true;
  Story::shift_us = o.story_shift_us;
  if (name == "clock-skew-4x") return clock_skew(o);
  if (name == "clock-step-4x") return clock_step(o);
  if (name == "majority-down-4x") return majority_down(o);
  if (name == "majority-down-headerless-4x") return majority_down_headerless(o);
  if (name == "takeover-retried-4x") return takeover_retried(o);
  if (name == "overloaded-minutes-4x") return overloaded_minutes(o);
  if (name == "clog-disk-full-4x") return clog_disk_full(o);
  if (name == "tenant-memory-full-4x") return tenant_memory_full(o);
  if (name == "reconfirm-failed-4x") return reconfirm_failed(o);
  if (name == "takeover-failed-4x") return takeover_failed(o);
  if (name == "rcs-stuck-4x") return rcs_stuck(o);
  if (name == "object-deleted-4x") return object_deleted(o);
  if (name == "stale-location-cache-4x") return stale_location_cache(o);
  if (name == "planned-switch-4x") return planned_switch(o);
  if (name == "high-load-4x") return high_load(o);
  if (name == "leader-crash-4x") return leader_crash(o);
  known = false;
  return {};
}

}  // namespace paxray::gen
