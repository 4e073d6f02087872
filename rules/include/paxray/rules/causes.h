// The one list of causes paxray can name. Every other place that needs a
// cause's id, system, rank, replay model, remediation or documentation reads
// this table: the rules (a finding's cause and its default remedy), the
// ordering (which cause explains which), the replay (what its core models),
// the reports, `paxray causes`, and docs/OUTPUT.md (checked against
// `paxray causes --markdown` by a test).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "paxray/parsers/event.h"

namespace paxray {

enum class Cause : std::uint8_t {
  kClockSkew,
  kMajorityDown,
  kLeaderDown,
  kHighLoad,
  kClogDiskFull,
  kTenantMemoryFull,
  kObjectDeleted,
  kSlidingWindowStall,
  kRcsStuck,
  kTakeoverFailed,
  kReconfirmFailed,
  kNetworkPartition,
  kStaleLocationCache,
  kZkNewleaderAckOrder,
  kZkTruncatedCommitted,
  kZkLeaderLost,
  kZkLeaderUnresponsive,
  kZkNetworkPartition,
  kZkServerLooping,
  kZkDiskFull,
  kZkSlowDisk,
  kZkQuorumLost,
  kZkElectionStorm,
  kOpenioPeerUnreachable,
  kOpenioElectionLoop,
  kOpenioNoMaster,
  kOpenioLeftOnRequest,
  kEtcdLeaderLost,
  kEtcdLeaderUnresponsive,
  kEtcdNetworkPartition,
  kEtcdSlowDisk,
  kEtcdDbSpaceExceeded,
  kEtcdClockDrift,
  kEtcdQuorumLost,
  kEtcdElectionStorm,
  kEtcdLeaderChange,
};

/// Where a cause sits in the story, lowest first: a cause explains an
/// overlapping finding of a higher rank on the same system and tenant ("a
/// disk-full replica that then loses its lease is one story, not two").
enum class CauseRank : std::uint8_t {
  kCondition,  ///< of the machine, the cluster or the software (clock, disk, memory, crash, bug)
  kFailure,    ///< a consensus step that failed because of one (clog, role change, quorum)
  kSymptom,    ///< what the election sees (lease loss, elections in a row, no master)
  kAside,      ///< neither explains nor is explained (a retried -4038 while a leader existed)
};

/// How the replay core runs a cause (docs/OUTPUT.md "Replay").
enum class ReplayModel : std::uint8_t {
  kFromEvidence,  ///< its faults come from lines upstream of the outage (disk full, last lines, offsets, slow logging)
  kFitted,        ///< its faults are placed over the outage the logs show: reproducing it proves little
  kNotModelled,   ///< the core has no model of it
};

struct CauseInfo {
  Cause cause;
  std::string_view id;  ///< stable: JSON, scenarios, state files
  System system;
  CauseRank rank;
  ReplayModel replay;
  bool loses_lease;  ///< makes a leader lose its lease: an observed step-down in its window is its doing
  bool steps_down;   ///< makes the leader it names step down itself
  std::string_view fires_when;
  std::string_view severity;
  std::string_view remediation;  ///< the default; a rule may say more
};

[[nodiscard]] std::span<const CauseInfo> cause_table() noexcept;
[[nodiscard]] const CauseInfo& cause_info(Cause c) noexcept;
[[nodiscard]] std::string_view cause_id(Cause c) noexcept;
[[nodiscard]] std::optional<Cause> cause_from_id(std::string_view id) noexcept;
[[nodiscard]] std::string_view rank_name(CauseRank r) noexcept;
[[nodiscard]] std::string_view replay_model_name(ReplayModel m) noexcept;

}  // namespace paxray
