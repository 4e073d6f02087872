#include "paxray/replay/core/zab_sync.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "paxray/replay/core/quorum.h"

namespace paxray::replay::zab {
namespace {

// splitmix64: the only randomness, seeded by the caller.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Microseconds in [lo, hi).
  std::int64_t between(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo)); }
};

// The leader's side of one sync: which follower's first ACK counted.
class LeaderSync {
 public:
  LeaderSync(int quorum, std::uint64_t epoch) : quorum_(quorum), epoch_(epoch) {}
  // The LearnerHandler takes a follower's first ACK as its NEWLEADER ACK.
  void on_ack(int sid, std::uint64_t zxid) {
    if (!decided_.insert(sid).second) return;
    if ((zxid >> 32) == epoch_) {
      acked_.insert(sid);
    } else {
      ++rejected_;
    }
  }
  [[nodiscard]] bool active() const { return static_cast<int>(acked_.size()) + 1 >= quorum_; }
  [[nodiscard]] int rejected() const { return rejected_; }

 private:
  int quorum_;
  std::uint64_t epoch_;
  std::set<int> decided_;
  std::set<int> acked_;
  int rejected_ = 0;
};

struct Ack {
  std::int64_t send_us;
  std::uint64_t zxid;
};

// A follower's replies to one sync, in send order, given when NEWLEADER
// arrived: the QuorumPeer thread ACKs NEWLEADER, the SyncThread ACKs each
// proposal once persisted (after NEWLEADER with the fix).
std::vector<Ack> follower_replies(std::int64_t newleader_at, std::uint64_t epoch, int txns, AckOrder order, Rng& rng) {
  const std::int64_t qp = rng.between(100, 1000);
  std::vector<Ack> out{{newleader_at + qp, epoch << 32}};
  for (int k = 1; k <= txns; ++k) {
    std::int64_t persisted = newleader_at + rng.between(50, 2000);
    if (order == AckOrder::kProposalFirst && k == 1) persisted = newleader_at + qp * rng.between(10, 90) / 100;
    if (order == AckOrder::kFixed) persisted = std::max(persisted, newleader_at + qp + 1);
    out.push_back({persisted, ((epoch - 1) << 32) | static_cast<std::uint64_t>(k)});
  }
  std::stable_sort(out.begin(), out.end(), [](const Ack& a, const Ack& b) { return a.send_us < b.send_us; });
  return out;
}

}  // namespace

SyncRun run_sync(const SyncScenario& s, AckOrder first_round, AckOrder later, std::uint64_t seed) {
  Rng rng{seed * 0x2545f4914f6cdd1dULL + 1};
  SyncRun run;
  const int needed = static_cast<int>(quorum::majority(static_cast<std::size_t>(s.ensemble)));
  std::uint64_t epoch = 2;
  const std::int64_t limit_us = s.init_limit_ms * 1000;
  for (int round = 1; round <= s.max_rounds; ++round, ++epoch) {
    ++run.rounds;
    LeaderSync leader(needed, epoch);
    struct Arrival {
      std::int64_t at;
      int sid;
      std::uint64_t zxid;
    };
    std::vector<Arrival> arrivals;
    for (int sid : s.followers) {
      const bool named = std::find(s.proposal_first.begin(), s.proposal_first.end(), sid) != s.proposal_first.end();
      const AckOrder order = round == 1 ? (named ? first_round : later) : later;
      // Proposals then NEWLEADER on one TCP connection: NEWLEADER arrives last.
      const std::int64_t newleader_at = rng.between(200, 2000) + 100 * s.diff_txns;
      std::int64_t channel = 0;  // replies share one connection: FIFO
      for (const Ack& a : follower_replies(newleader_at, epoch, s.diff_txns, order, rng)) {
        channel = std::max(channel, a.send_us + rng.between(200, 2000));
        arrivals.push_back({channel, sid, a.zxid});
      }
    }
    std::stable_sort(arrivals.begin(), arrivals.end(), [](const Arrival& a, const Arrival& b) { return a.at < b.at; });
    std::int64_t active_at = -1;
    for (const Arrival& a : arrivals) {
      if (a.at > limit_us) break;
      leader.on_ack(a.sid, a.zxid);
      if (leader.active()) {
        active_at = a.at;
        break;
      }
    }
    run.rejected_acks += leader.rejected();
    if (active_at >= 0) {
      run.established = true;
      run.without_leader_ms += active_at / 1000;
      return run;
    }
    ++run.shutdowns;
    run.without_leader_ms += s.init_limit_ms + s.election_ms;
  }
  return run;
}

SyncVerdict confirm_ack_order(const SyncScenario& s, int seeds, std::uint64_t first_seed) {
  SyncVerdict v;
  v.seeds = seeds;
  double down_with = 0, down_without = 0, without = 0;
  for (int i = 0; i < seeds; ++i) {
    const std::uint64_t seed = first_seed + static_cast<std::uint64_t>(i);
    const SyncRun with = run_sync(s, AckOrder::kProposalFirst, AckOrder::kRace, seed);
    const SyncRun fixed = run_sync(s, AckOrder::kFixed, AckOrder::kFixed, seed);
    down_with += with.shutdowns > 0;  // round 1 is the only forced one: any shutdown is round 1's
    down_without += fixed.shutdowns > 0;
    without += static_cast<double>(with.without_leader_ms) / 1000.0;
  }
  v.shutdown_with = down_with / seeds;
  v.shutdown_without = down_without / seeds;
  v.without_leader_s = without / seeds;
  return v;
}

std::string format_sync_scenario(const SyncScenario& s) {
  return fmt::format("zab-sync ensemble={} followers={} proposal_first={} diff_txns={} init_limit_ms={} max_rounds={} election_ms={}",
                     s.ensemble, fmt::join(s.followers, ","), fmt::join(s.proposal_first, ","), s.diff_txns,
                     s.init_limit_ms, s.max_rounds, s.election_ms);
}

}  // namespace paxray::replay::zab
