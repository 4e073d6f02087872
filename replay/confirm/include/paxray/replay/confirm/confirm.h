// Confirmation: rebuild the incident of a log stream as a scenario, check that
// the core reproduces the outage the logs show, then remove each suspected
// cause and check that the outage goes away.
//
//   confirm_findings(scan, timeline, diagnosis, {.seeds = 32});  // fills Finding::replay
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "paxray/replay/sim/scenario.h"
#include "paxray/replay/sim/simulator.h"
#include "paxray/rules/diagnosis.h"

namespace paxray::replay {

struct ConfirmOptions {
  int seeds = 32;
  std::uint64_t first_seed = 1;
  /// Reproduced when the mean predicted leaderless time covers this share of the observed window.
  double reproduce_share = 0.5;
  /// "Outage disappears": removing the cause removes at least this share of
  /// the outage the causes account for (the predicted outage beyond what the
  /// observed step-downs of unknown cause cost by themselves).
  double restored_share = 0.9;
  /// A member whose log ends this long before the others' is down from its
  /// last line (the rules' silent_node_s, which --config sets).
  std::int64_t silent_node_us = 10'000'000;
};

/// The scenario for a log stream's (largest) leaderless window, with the
/// faults the findings stand for. nullopt when the group has no window.
[[nodiscard]] std::optional<Scenario> build_scenario(const ScanResult& scan, const Timeline& tl, const Diagnosis& d,
                                                     const GroupKey& group, const ConfirmOptions& options = {});

/// The finding at the end of `f`'s explained_by chain (among every finding,
/// roots and their consequences), each step to one of the same system that
/// applies to `group` and that the OceanBase core models; `&f` when nothing
/// explains it.
[[nodiscard]] const Finding* explaining_root(const Diagnosis& d, const Finding& f, const GroupKey& group);
/// Whether the OceanBase core has a fault model for this cause (the cause table).
[[nodiscard]] bool core_models(Cause cause);

/// The group a finding is replayed on: its own log stream, else the first
/// leaderless window of its tenant (or of the cluster).
[[nodiscard]] std::optional<GroupKey> replay_group(const Timeline& tl, const Finding& f);

/// ZooKeeper findings: zk_newleader_ack_order is replayed on the Zab sync
/// model (zab_sync.h); other ZooKeeper causes are not_applicable.
void confirm_zk_finding(const Timeline& tl, Finding& f, const ConfirmOptions& options);

/// OpenIO findings: the member's election log replayed against the reference
/// state machine (oio_election.h), and again with the peers answering.
void confirm_oio_finding(const Timeline& tl, Finding& f, const ConfirmOptions& options);

/// The verdict for one cause of a scenario: reproduced or not, and whether
/// removing the cause removes the outage the causes account for.
[[nodiscard]] ReplayVerdict judge_cause(const Scenario& sc, const std::string& cause, const ConfirmOptions& options);

/// Runs every finding's replay and stores the verdict in Finding::replay.
void confirm_findings(const ScanResult& scan, const Timeline& tl, Diagnosis& d, const ConfirmOptions& options);

struct ScenarioRun {
  double mean_leaderless_s = 0;   ///< over the whole scenario
  double mean_overlap_s = 0;      ///< with the observed windows
  double leader_fraction = 0;     ///< in the observed windows
  /// Mean (predicted start - observed start) of the first observed window, s:
  /// negative when the core starts it earlier (a run that predicts no outage
  /// within a minute of it counts the window's length, late). The predicted
  /// start is where the logs would date it (RunResult::logged_start).
  double start_shift_s = 0;
  /// Mean length of that predicted window from its logged start (0 in a run without one).
  double predicted_length_s = 0;
  std::uint64_t events = 0;
};

/// The observed outage a verdict is held to: the first observed window, with
/// the windows that follow it less than a second apart (a leader that held
/// for a moment does not end an outage).
[[nodiscard]] std::optional<std::pair<std::int64_t, std::int64_t>> observed_outage(const Scenario& sc);

/// The predicted outage a run holds against an observed window: the
/// leaderless window within a minute of it whose logged start (where the logs
/// would date it) is nearest the observed start, as [logged start, end).
[[nodiscard]] std::optional<std::pair<std::int64_t, std::int64_t>> predicted_outage(
    const RunResult& run, std::pair<std::int64_t, std::int64_t> observed);

/// Runs a scenario over `seeds` seeds (what `paxray replay --scenario` does).
[[nodiscard]] ScenarioRun run_scenario(const Scenario& s, int seeds, std::uint64_t first_seed = 1);

}  // namespace paxray::replay
