// The isolation advisor's last question, answered by the replay core: which
// log streams lose their leader (or the majority a commit needs) if the
// targets' observer processes are stopped anyway. The prechecks themselves are
// arithmetic on the saved views (rules/isolation.h); this adds the replay and
// is what the scan runs once, for every report to render.
#pragma once

#include <string>
#include <vector>

#include "paxray/parsers/view_dump.h"
#include "paxray/rules/isolation.h"

namespace paxray::replay {

/// The prechecks for `targets`, plus (with `replay_seeds` > 0 and member
/// lists in GV$OB_LOG_STAT) the log streams that stop serving if the targets
/// stop anyway: the core finds no leader, or too few replicas in sync.
[[nodiscard]] isolation::IsolationAdvice advise_isolation(const isolation::ClusterState& state,
                                                          const std::vector<std::string>& targets, int replay_seeds = 8);

/// Every server of the saved views isolated alone (at most `max_servers`).
[[nodiscard]] isolation::FleetAdvice advise_every_server(const std::vector<ViewTable>& tables, int replay_seeds,
                                                         std::size_t max_servers = 32);

}  // namespace paxray::replay
