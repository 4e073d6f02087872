// Benchmark: the replay core's event rate, and confirming the findings of a
// 3-replica incident with 100 log streams (each with a partition outage), the
// way `paxray scan` does (judge_cause: 32 seeds each with the cause, with
// every cause removed, without this cause, and without its step-down).
// Before timing, it checks the runs reproduce the outage they should.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/sim/simulator.h"

using namespace paxray::replay;

namespace {

constexpr std::int64_t kS = 1'000'000;

Scenario partition(int i, std::int64_t duration) {
  Scenario s;
  s.group = fmt::format("T1001 LS{}", 1001 + i);
  s.duration_us = duration;
  s.replicas = {"10.0.0.1:2882", "10.0.0.2:2882", "10.0.0.3:2882"};
  s.initial_leader = i % 3;
  const int leader = i % 3;
  for (int r = 0; r < 3; ++r) {
    if (r == leader) continue;
    for (auto [a, b] : {std::pair{leader, r}, std::pair{r, leader}}) {
      Fault f;
      f.kind = Fault::Kind::kLinkDown;
      f.node = a;
      f.peer = b;
      f.from_us = 55 * kS;
      f.to_us = 75 * kS;
      f.cause = "network_partition";
      s.faults.push_back(f);
    }
  }
  // The observed step-down, attributed to the partition as build_scenario does.
  Fault revoke;
  revoke.kind = Fault::Kind::kRevoke;
  revoke.node = leader;
  revoke.from_us = 59 * kS;
  revoke.cause = "network_partition";
  s.faults.push_back(revoke);
  s.observed = {{59 * kS, 62 * kS}};
  return s;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
  // 1. Event rate: one hour of a healthy 3-replica group with log traffic.
  Scenario hour = partition(0, 3600 * kS);
  hour.faults.clear();
  auto t0 = std::chrono::steady_clock::now();
  std::uint64_t events = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const RunResult r = simulate(hour, seed);
    if (!r.leaderless.empty()) {
      fmt::print(stderr, "check failed: a healthy hour lost its leader\n");
      return 1;
    }
    events += r.events;
  }
  const double core_s = seconds_since(t0);
  fmt::print("core: {} events in {:.3f} s = {:.2f} M events/s (one core, 5 x 1-hour runs)\n", events, core_s,
             static_cast<double>(events) / core_s / 1e6);

  // 2. Confirm 100 log streams: 2-minute scenario each (the replay window is the
  // outage +- 60 s, whatever the incident's length), 32 seeds with and without.
  const Scenario check = partition(0, 120 * kS);
  if (run_scenario(check, 4).mean_overlap_s <= 0) {
    fmt::print(stderr, "check failed: the partition does not reproduce an outage\n");
    return 1;
  }
  if (const paxray::ReplayVerdict v = judge_cause(check, "network_partition", {}); v.status != "confirmed") {
    fmt::print(stderr, "check failed: the partition is {} ({})\n", v.status, v.reason);
    return 1;
  }
  t0 = std::chrono::steady_clock::now();
  int confirmed = 0;
  for (int i = 0; i < 100; ++i) confirmed += judge_cause(partition(i, 120 * kS), "network_partition", {}).status == "confirmed";
  const double confirm_s = seconds_since(t0);
  fmt::print("confirm: 100 log streams x 32 seeds (judge_cause: with, baseline, without, own model) in {:.3f} s, {} confirmed\n",
             confirm_s, confirmed);
  return 0;
}
