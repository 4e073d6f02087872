// Zab's synchronization phase, as a pure model (etcd-io/raft style: no clock,
// thread or I/O; the host below drives it with seeded delays).
//
// A new leader sends each follower the txns it lacks (DIFF proposals) and
// NEWLEADER; it becomes active once a quorum (itself included) has ACKed
// NEWLEADER, and shuts down when initLimit x tickTime passes first. On the
// follower, two threads reply: the QuorumPeer thread ACKs NEWLEADER, the
// SyncThread ACKs each proposal once persisted. Before ZOOKEEPER-4785 the
// order of those replies is a race; the leader's LearnerHandler takes the
// first ACK as the NEWLEADER ACK, and one carrying an old-epoch zxid is
// rejected ("is from a different epoch") and never counted (ZOOKEEPER-4685).
// With the fix, proposals are ACKed only after NEWLEADER.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace paxray::replay::zab {

enum class AckOrder : std::uint8_t {
  kProposalFirst,  ///< the SyncThread won the race (what the error line shows)
  kRace,           ///< either may win, by the delays of the run
  kFixed,          ///< NEWLEADER ACK first (ZOOKEEPER-4785 / 4394)
};

struct SyncScenario {
  int ensemble = 3;                 ///< voting servers, leader included
  std::vector<int> followers;       ///< sids that take part in the sync (the others are down)
  std::vector<int> proposal_first;  ///< followers whose first reply was a proposal ACK in the logs
  int diff_txns = 1;                ///< proposals sent before NEWLEADER
  std::int64_t init_limit_ms = 20000;  ///< initLimit x tickTime
  int max_rounds = 10;              ///< elections replayed after a failed sync
  std::int64_t election_ms = 200;   ///< one election, as the logs show ("LEADER ELECTION TOOK")
};

struct SyncRun {
  int rounds = 0;                   ///< syncs attempted until one succeeded (or max_rounds)
  int shutdowns = 0;                ///< leader shutdowns on the NEWLEADER timeout
  int rejected_acks = 0;            ///< "NEWLEADER ACK ... is from a different epoch"
  bool established = false;         ///< a sync reached a quorum
  std::int64_t without_leader_ms = 0;  ///< from the first sync until a leader served (or the end)
};

/// One replay: round 1 uses the order given per follower (`proposal_first`
/// for those named, `later` for the others); later rounds use `later`.
[[nodiscard]] SyncRun run_sync(const SyncScenario& s, AckOrder first_round, AckOrder later, std::uint64_t seed);

struct SyncVerdict {
  double shutdown_with = 0;     ///< fraction of seeds where round 1 shut down, order as observed
  double shutdown_without = 0;  ///< the same with the fixed order
  double without_leader_s = 0;  ///< mean seconds without a serving leader, order as observed
  int seeds = 0;
};

/// Runs `seeds` replays with the observed order and with the fixed order.
[[nodiscard]] SyncVerdict confirm_ack_order(const SyncScenario& s, int seeds, std::uint64_t first_seed);

/// The scenario as text (for tokens and --export-scenario style reproduction).
[[nodiscard]] std::string format_sync_scenario(const SyncScenario& s);

}  // namespace paxray::replay::zab
