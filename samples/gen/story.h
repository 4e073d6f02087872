// A small vocabulary for incident scenarios: each call appends the lines
// OceanBase writes for one step of an incident (reference §3-§5), so a
// scenario reads like its timeline. Times are true seconds since the start.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>

#include "ob4_corpus.h"

namespace paxray::gen {

class Story {
 public:
  Story(CorpusOptions& o, int tenant, int ls) : o_(o), tenant_(tenant), ls_(ls) {}

  static std::string addr(int node) { return fmt::format("10.0.0.{}:2882", node + 1); }
  static std::int64_t at(double seconds) { return static_cast<std::int64_t>(seconds * 1e6) + shift_us; }
  /// Every story time moves by this much (paxray-gen --shift-ms): the same
  /// incident at another phase of the leaders' lease renewals, for the replay
  /// calibration (bench/replay_calibration). One generator run, one story: a
  /// static is enough.
  static inline std::int64_t shift_us = 0;

  /// The leader's lease runs out and it revokes (election, PALF, RCS lines).
  void leader_lease_revoked(int node, double t);
  /// Followers' acceptors see the lease expire.
  void follower_lease_expired(int node, int owner, double t);
  /// The leader's lease lapses at `t` (revoke, then its followers notice) and the
  /// dumps show no leader from then on.
  void lease_lapse(int leader, double t, int follower_a, int follower_b) {
    leader_lease_revoked(leader, t);
    leader_from(t, -1);
    follower_lease_expired(follower_a, leader, t + 0.1);
    follower_lease_expired(follower_b, leader, t + 0.2);
  }
  /// Decentralized election win plus clog reconfirm and RCS takeover.
  void takeover(int node, double t, bool reconfirm = true, bool rcs = true);
  /// A planned switch (change leader): old revokes, new takes over 50 ms later.
  void change_leader(int from, int to, double t);
  /// The leader steps down because someone asked election to revoke.
  void asked_to_revoke(int node, double t);
  void reconfirm_timeout(int node, double t);
  void rcs_begin(int node, double t, long long sequence, int event_type = 2);
  void rcs_end(int node, double t, long long sequence, int event_type = 2);
  void rcs_failed(int node, double t);
  void not_master(int node, double t, int dst, int i);
  void log_disk_full(int node, double t, int used_pct);
  void tenant_memory_full(int node, double t);
  void log_sync_timeout(int node, double t);
  void election_stopped(int node, double t);
  void drop_tenant(double t);
  /// Root service (node 0) sees a server's heartbeat lease expire.
  void server_lease_expired(int server, double t);
  void packet_fly(int node, double t, int from, std::int64_t fly_us, int i);
  void message_delay(int node, double t, int from, std::int64_t diff_us);
  /// 4.x ClockGenerator: the node's clock went back by -delta_us (delta < 0).
  void clock_out_of_order(int node, double t, std::int64_t delta_us);
  /// Leader changes the generated dumps follow (-1: none).
  void leader_from(double t, int node) { o_.leader_changes.push_back({tenant_, ls_, at(t), node}); }

 private:
  using File = CorpusOptions::Line::File;
  void add(int node, File file, double t, const char* level, const char* module, const char* func, const char* src, int src_line,
           int tid, const std::string& thread, const std::string& body, std::optional<int> errcode = std::nullopt,
           int tenant = -1);
  std::string ls() const { return fmt::format("ls_id:{{id:{}}}", ls_); }
  std::string t(const char* what) const { return fmt::format("T{}_{}", tenant_, what); }

  CorpusOptions& o_;
  int tenant_;
  int ls_;
};

}  // namespace paxray::gen
