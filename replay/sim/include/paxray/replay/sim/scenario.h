// A replay scenario: the replicas of one log stream, how the run starts, the
// faults, and the outage the logs showed. Its text form is one statement per
// line (etcd-io/raft datadriven style) so an engineer can edit it and ask
// "what if":
//
//   # paxray replay scenario
//   group T1001 LS1001
//   start 2024-03-05 10:00:00.000000      # absolute time of t = 0 (reference clock)
//   duration 120s
//   replica 10.0.0.1:2882
//   replica 10.0.0.2:2882
//   replica 10.0.0.3:2882 priority 2      # election priority (higher wins; default 0)
//   leader 10.0.0.2:2882                  # leader at t = 0 ("none": cold start)
//   observed 44s 56s                      # leaderless window the logs show
//   fault link-down 10.0.0.2:2882 -> 10.0.0.1:2882 from 40s to 58s   cause=network_partition
//   fault clock 10.0.0.3:2882 +0.9s
//
// Fault kinds: crash N [from T] [to T] | link-down A -> B from T [to T] |
// link-delay A -> B VALUE from T [to T] | clock N VALUE | disk-full N from T [to T] |
// memory-full N from T [to T] | slow-disk N VALUE from T [to T] |
// reconfirm-block N from T [to T] | takeover-hang N from T | takeover-fail N from T |
// drop N at T | load N VALUE from T [to T] | revoke N at T | transfer N at T.
// Times: "12s", "1.5s", "300ms", "250us". A fault without cause= is an observed
// fact (a trigger): counterfactual runs keep it.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace paxray::replay {

inline constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max() / 4;

struct Fault {
  enum class Kind : std::uint8_t {
    kCrash, kLinkDown, kLinkDelay, kClock, kDiskFull, kMemoryFull, kSlowDisk, kReconfirmBlock, kTakeoverHang,
    kTakeoverFail, kDrop, kLoad,
    kRevoke,    ///< the leader steps down at from_us (observed; its own cause unknown)
    kTransfer,  ///< change leader to `node` at from_us
  };
  Kind kind = Kind::kCrash;
  int node = 0;
  int peer = -1;               ///< link faults: the receiver
  std::int64_t from_us = 0;
  std::int64_t to_us = kForever;
  std::int64_t value = 0;      ///< clock offset, delay or latency (µs)
  std::string cause;           ///< the finding this fault stands for, if any
  std::string evidence;        ///< the log line it comes from ("node2 election.log:107"); a comment in the text form
};

struct Scenario {
  std::string group;
  std::string start;            ///< absolute time of t = 0, as printed
  std::int64_t duration_us = 0;
  std::vector<std::string> replicas;
  std::vector<int> priority;    ///< per replica (empty or shorter: 0); equal priorities go to the earlier replica
  int initial_leader = -1;      ///< index into replicas; -1: cold start
  std::vector<std::pair<std::int64_t, std::int64_t>> observed;  ///< leaderless windows in the logs (relative)
  std::vector<Fault> faults;

  /// The scenario without the faults of `causes` (a counterfactual).
  [[nodiscard]] Scenario without(const std::vector<std::string>& causes) const;
  /// The distinct causes its faults stand for, in order of first appearance
  /// (faults without a cause are observed facts, not candidates).
  [[nodiscard]] std::vector<std::string> causes() const;
};

[[nodiscard]] std::string format_scenario(const Scenario& s);
/// Parses the text form; on error returns nullopt and sets `error` to "line N: ...".
[[nodiscard]] std::optional<Scenario> parse_scenario(const std::string& text, std::string& error);
[[nodiscard]] std::string fault_kind_name(Fault::Kind k);

}  // namespace paxray::replay
