#include "paxray/replay/confirm/stop_replay.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>

#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/core/quorum.h"
#include "paxray/replay/sim/scenario.h"

namespace paxray::replay {
namespace {

using namespace isolation;
using LsKey = std::pair<std::int64_t, std::int64_t>;

/// The replay core on one log stream: targets stop 2 s in, unavailable members
/// are down from the start; a leader must hold for most of the time after.
std::optional<MajorityLoss> replay_stop(const ClusterState& st, const LogStatRow& leader,
                                        const std::vector<std::string>& targets, int seeds) {
  Scenario s;
  s.group = fmt::format("T{} LS{}", leader.tenant, leader.ls);
  s.duration_us = 30'000'000;
  s.replicas = leader.members;
  const MemberSplit split = split_members(st, leader, targets);
  MajorityLoss loss{leader.tenant, leader.ls, leader.members, split.down, 0, {}};
  const bool leader_now = std::count(st.leaderless.begin(), st.leaderless.end(), LsKey{leader.tenant, leader.ls}) == 0;
  for (std::size_t i = 0; i < s.replicas.size(); ++i) {
    const std::string& m = s.replicas[i];
    if (m == leader.addr && leader_now) s.initial_leader = static_cast<int>(i);
    if (std::find(split.down.begin(), split.down.end(), m) == split.down.end()) continue;
    Fault f;
    f.kind = Fault::Kind::kCrash;
    f.node = static_cast<int>(i);
    f.from_us = is_target(targets, m) ? 2'000'000 : 0;
    s.faults.push_back(f);
  }
  if (loss.down.empty()) return std::nullopt;
  s.observed = {{10'000'000, s.duration_us}};
  const ScenarioRun run = run_scenario(s, seeds);
  loss.leader_fraction = run.leader_fraction;
  if (run.leader_fraction < 0.5) {
    loss.reason = fmt::format("the replay core elects no leader with {} of {} members down", loss.down.size(),
                              s.replicas.size());
    return loss;
  }
  // A leader is elected, but a commit needs a majority of replicas that have
  // the whole log; members far behind must catch up first.
  if (!leader.end_scn_ns || leader.replica_num <= 0) return std::nullopt;
  const int majority = static_cast<int>(quorum::majority(static_cast<std::size_t>(leader.replica_num)));
  const SyncCount sync = count_in_sync(st, leader, split.left);
  if (sync.in_sync >= majority) return std::nullopt;
  loss.reason = fmt::format("a leader can be elected, but only {} of the {} replicas a commit needs are in sync ({}): writes "
                            "stall until they catch up",
                            sync.in_sync, majority, fmt::join(sync.behind, ", "));
  return loss;
}

}  // namespace

IsolationAdvice advise_isolation(const ClusterState& st, const std::vector<std::string>& targets, int replay_seeds) {
  IsolationAdvice a = precheck_isolation(st, targets);
  // The stop-anyway replay needs the member lists; with none it says nothing.
  a.replayed = replay_seeds > 0 && a.cannot_judge.empty() && !st.log_stat.empty();
  if (!a.replayed) return a;
  std::map<LsKey, const LogStatRow*> leaders;
  for (const auto& r : st.log_stat) {
    if (r.leader && !r.members.empty()) leaders[{r.tenant, r.ls}] = &r;
  }
  for (const auto& [key, leader] : leaders) {
    bool involved = false;
    for (const auto& m : leader->members) involved |= is_target(targets, m);
    if (!involved) continue;
    if (auto loss = replay_stop(st, *leader, targets, replay_seeds)) a.majority_loss.push_back(std::move(*loss));
  }
  return a;
}

FleetAdvice advise_every_server(const std::vector<ViewTable>& tables, int replay_seeds, std::size_t max_servers) {
  FleetAdvice f;
  f.state = cluster_state_from_tables(tables);
  const std::vector<std::string> candidates = advised_servers(f.state);
  for (std::size_t i = 0; i < candidates.size() && i < max_servers; ++i) {
    f.servers.push_back({candidates[i], advise_isolation(f.state, {candidates[i]}, replay_seeds)});
  }
  f.more = candidates.size() > max_servers ? candidates.size() - max_servers : 0;
  return f;
}

}  // namespace paxray::replay
