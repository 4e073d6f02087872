// What each isolation precheck reads from which saved view, and what of it
// the input lacks: the advisor judges a command only on what it was given.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "paxray/rules/isolation.h"

namespace paxray::isolation {

struct EvidenceGaps {
  /// Gaps that stop every command: the target unknown, masked or ambiguous.
  std::vector<std::string> all;
  /// Per command (STOP, FORCE STOP, ISOLATE): a view or column its precheck reads.
  std::array<std::vector<std::string>, 3> per_command;
};

[[nodiscard]] EvidenceGaps evidence_gaps(const ClusterState& st, const std::vector<std::string>& targets);

}  // namespace paxray::isolation
