// The reference consensus core: one replica of a lease-based, ballot-numbered
// election with priorities, log replication, reconfirm and a role-change
// takeover step, as the OceanBase troubleshooting guide reasons about them.
// Election as in OceanBase 4.x: once the lease it granted has expired, an
// acceptor opens a time window at the first prepare request, collects the
// requests that arrive in it and, when it closes, votes for the candidate of
// highest priority; a candidate with a majority of votes becomes leader once a
// majority accepts its lease.
//
//   Replica r(config);
//   r.bootstrap_follower(...) / r.bootstrap_leader(...);   // optional warm start
//   host loop:  r.tick(local_now)  |  r.step(message, local_now)  |  r.step(condition, local_now)
//               if (r.has_ready()) { Ready rd = r.ready(); deliver(rd.outbox); record(rd.notes); r.advance(); }
//
// Pure: no threads, no clocks, no I/O, no global randomness (the seeded RNG
// comes in through the config). Time comes in as the replica's *own* local
// clock in microseconds, so a skewed clock is the host's business: the core
// only ever compares times of its own clock, except for one check that
// OceanBase also makes: a message whose sender timestamp is further than
// `tolerance_us` from the receiver's clock is dropped ("message not in time"),
// which is how clock skew above 2 s stops elections.
// Modelled on etcd-io/raft (raft.go / rawnode.go): every input through tick()
// and step(); every output through Ready. Tested by tests/replay_test.cpp.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "paxray/replay/core/quorum.h"

namespace paxray::replay {

struct Timing {
  std::int64_t lease_us = 4'000'000;            ///< 4 x MAX_TST (MAX_TST = 1 s, reference §3.1)
  std::int64_t renew_us = 500'000;              ///< renew interval: min(0.5 x MAX_TST, 500 ms)
  std::int64_t tolerance_us = 2'000'000;        ///< clock offset the election tolerates (guide: 2 s)
  std::int64_t time_window_us = 2'000'000;       ///< an acceptor whose lease expired collects prepare requests this long (2 x MAX_TST), then votes for the best
  std::int64_t campaign_jitter_us = 100'000;     ///< a candidate's timer fires within this after the lease it granted expires
  std::int64_t reconfirm_timeout_us = 10'000'000;  ///< PALF_LEADER_RECONFIRM_SYNC_TIMEOUT_US
  std::int64_t sliding_window_us = 10'000'000;     ///< the leader's window must slide within 10 s
  std::int64_t append_us = 200'000;                ///< the leader writes a log entry this often
  std::int64_t reconfirm_us = 300'000;             ///< reconfirm work after the majority answered (logs show ~0.3 s)
  std::int64_t takeover_us = 10'000;               ///< RoleChangeService takeover, when it works
};

enum class MsgType : std::uint8_t { kPrepare, kVote, kAccept, kAcceptOk, kReconfirm, kReconfirmOk, kAppend, kAppendOk };

struct Message {
  MsgType type = MsgType::kPrepare;
  int from = 0;
  int to = 0;
  std::int64_t ballot = 0;
  std::int64_t sent_local_us = 0;  ///< sender's clock when sent
  std::int64_t index = 0;          ///< log index (append) or round id (accept)
  std::int64_t delay_us = 0;       ///< extra delay before the host delivers it (a slow disk delays acks)
};

enum class Role : std::uint8_t { kFollower, kCandidate, kLeader };

/// What happened, for the host's record (the only way observations leave).
struct Note {
  enum class Kind : std::uint8_t {
    kBecameLeader,     ///< won the election (lease granted by a majority)
    kReconfirmed,      ///< clog reconfirm done
    kUsable,           ///< takeover done: the leader serves requests
    kRevoked,          ///< stepped down; `reason` says why
    kTakeoverFailed,   ///< the role-change step failed (retried)
    kLeaseExpired,     ///< an acceptor saw the lease it granted run out unrenewed (`local_us`: when it ran out)
  };
  Kind kind = Kind::kBecameLeader;
  int replica = 0;
  std::int64_t local_us = 0;
  std::string reason;
};

struct Ready {
  std::vector<Message> outbox;
  std::vector<Note> notes;
};

enum class TakeoverMode : std::uint8_t { kNormal, kHang, kFail };

/// A condition the host imposes (a fault, or an operator's act), stepped in
/// like a message: the core has no setters, so every input, timed or not,
/// passes through step() (etcd-io/raft steps its local messages the same way).
struct Condition {
  enum class Kind : std::uint8_t {
    kDiskFull,          ///< `on`: the log disk is full (no writes, no campaign)
    kMemoryFull,        ///< `on`: the tenant's memory is full (receives nothing)
    kDiskLatency,       ///< `value` µs per local write (0: normal)
    kReconfirmBlocked,  ///< `on`: the clog reconfirm cannot finish
    kTakeover,          ///< `takeover`: how the role-change step behaves
    kCrash,             ///< loses volatile state; ignores all input until kRestart
    kRestart,
    kDrop,              ///< the log stream is deleted here: stop for good
    kRevoke,            ///< the leader steps down for `reason` (observed; its cause not modelled)
    kReleaseLease,      ///< change leader: forget the lease granted to the old leader
    kCampaign,          ///< change leader: the target campaigns at once
  };
  Kind kind = Kind::kCrash;
  bool on = true;
  std::int64_t value = 0;
  TakeoverMode takeover = TakeoverMode::kNormal;
  std::string reason;
};

struct ReplicaConfig {
  int id = 0;
  std::vector<int> members;  ///< all members, including id
  Timing timing;
  std::uint64_t seed = 1;
  /// Election priority per member (higher wins the vote); empty: all equal,
  /// and equal priorities go to the lower member index (OceanBase falls back
  /// to comparing IP and port).
  std::vector<int> priority;
};

class Replica {
 public:
  explicit Replica(ReplicaConfig config);

  /// Warm start: this replica is leader with a fresh lease and finished takeover.
  void bootstrap_leader(std::int64_t ballot, std::int64_t local_now);
  /// Warm start: this replica granted `leader` a lease until local_now + lease.
  void bootstrap_follower(int leader, std::int64_t ballot, std::int64_t local_now);

  void tick(std::int64_t local_now);
  void step(const Message& m, std::int64_t local_now);
  [[nodiscard]] bool has_ready() const noexcept { return !ready_.outbox.empty() || !ready_.notes.empty(); }
  [[nodiscard]] Ready ready() { return std::move(ready_); }
  void advance() { ready_ = Ready{}; }

  /// The local time at which tick() next has work (the host may skip to it).
  [[nodiscard]] std::int64_t next_deadline() const noexcept;

  /// A fault or an operator's act; takes effect from this input on.
  void step(const Condition& c, std::int64_t local_now);

  [[nodiscard]] Role role() const noexcept { return role_; }
  [[nodiscard]] bool usable(std::int64_t local_now) const noexcept;
  [[nodiscard]] bool up() const noexcept { return !crashed_ && !dropped_; }
  [[nodiscard]] int id() const noexcept { return cfg_.id; }

 private:
  [[nodiscard]] int majority() const noexcept { return static_cast<int>(quorum::majority(cfg_.members.size())); }
  void send(MsgType t, int to, std::int64_t local_now, std::int64_t index = 0, std::int64_t delay = 0);
  void broadcast(MsgType t, std::int64_t local_now, std::int64_t index = 0);
  void note(Note::Kind k, std::int64_t local_now, std::string reason = {});
  void crash(std::int64_t local_now);
  void restart(std::int64_t local_now);
  void drop(std::int64_t local_now);
  void release_lease(std::int64_t local_now) noexcept;
  void campaign_now(std::int64_t local_now);
  void revoke(std::int64_t local_now, const std::string& reason);
  void campaign(std::int64_t local_now, bool handover = false);
  void become_leader(std::int64_t local_now);
  void leader_tick(std::int64_t local_now);
  void on_message(const Message& m, std::int64_t local_now);
  [[nodiscard]] int priority_of(int member) const noexcept;
  [[nodiscard]] bool better_candidate(int a, int b) const noexcept;
  void consider_prepare(int from, std::int64_t ballot, std::int64_t local_now);
  void close_window(std::int64_t local_now);
  void count_vote(int from, std::int64_t local_now);
  [[nodiscard]] std::int64_t jitter();

  ReplicaConfig cfg_;
  std::mt19937_64 rng_;
  Ready ready_;
  Role role_ = Role::kFollower;

  // Acceptor (every replica): the lease it granted and the highest ballot it promised.
  int granted_to_ = -1;
  std::int64_t granted_until_ = 0;
  std::int64_t promised_ = 0;
  std::int64_t campaign_at_ = 0;  ///< when to campaign if still no lease holder
  bool expiry_noted_ = true;      ///< the expiry of the lease granted last was noted (or it was handed over)
  // The time window: prepare requests seen since the lease expired; the vote goes to the best when it closes.
  bool window_open_ = false;
  std::int64_t window_close_ = 0;
  int best_from_ = -1;
  std::int64_t best_ballot_ = 0;

  // Proposer.
  std::int64_t ballot_ = 0;
  std::vector<bool> votes_;
  std::int64_t lease_end_ = 0;
  std::int64_t round_ = 0;           ///< renewal round id
  std::int64_t round_sent_ = 0;
  std::vector<bool> round_acks_;
  std::int64_t next_renew_ = 0;
  bool reconfirmed_ = false;
  std::int64_t reconfirm_started_ = 0;
  std::vector<bool> reconfirm_acks_;
  bool takeover_done_ = false;
  std::int64_t takeover_at_ = 0;

  // Log replication (leader): the oldest entry not yet on a majority.
  std::int64_t next_index_ = 1;
  std::int64_t next_append_ = 0;
  std::int64_t committed_ = 0;
  std::vector<std::int64_t> acked_;       ///< per member: highest index acknowledged
  std::vector<std::int64_t> entry_time_;  ///< local time each index was written, from committed_+1

  // Conditions.
  bool disk_full_ = false;
  bool memory_full_ = false;
  std::int64_t disk_latency_us_ = 0;
  bool reconfirm_blocked_ = false;
  TakeoverMode takeover_mode_ = TakeoverMode::kNormal;
  bool crashed_ = false;
  bool dropped_ = false;
};

}  // namespace paxray::replay
