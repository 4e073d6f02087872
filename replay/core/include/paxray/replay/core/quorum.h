// Majority arithmetic, written once. Every system paxray reads (OceanBase's
// Paxos groups, ZooKeeper's Zab, etcd's Raft, OpenIO's election) needs a
// strict majority of its voters; the rules, the isolation prechecks and the
// models ask here rather than each spelling out n / 2 + 1.
#pragma once

#include <cstddef>

namespace paxray::quorum {

/// Votes a group of `voters` needs: a strict majority (1 of 1, 2 of 3, 3 of 5).
[[nodiscard]] constexpr std::size_t majority(std::size_t voters) noexcept { return voters / 2 + 1; }

/// Whether `votes` of `voters` form a majority.
[[nodiscard]] constexpr bool has_majority(std::size_t votes, std::size_t voters) noexcept {
  return votes >= majority(voters);
}

/// How many members must be lost before the rest cannot form a majority
/// (1 of 1 or 2, 2 of 3 or 4, 3 of 5).
[[nodiscard]] constexpr std::size_t losses_to_lose_majority(std::size_t voters) noexcept {
  return voters - majority(voters) + 1;
}

static_assert(majority(3) == 2 && majority(4) == 3 && majority(5) == 3);
static_assert(losses_to_lose_majority(3) == 2 && losses_to_lose_majority(5) == 3 && losses_to_lose_majority(1) == 1);

}  // namespace paxray::quorum
