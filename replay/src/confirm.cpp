#include "paxray/replay/confirm.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <sstream>

#include "paxray/parsers/fnv.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/replay/simulator.h"

namespace paxray::replay {
namespace {

constexpr std::int64_t kS = 1'000'000;
constexpr std::int64_t kBefore = 60 * kS;    // replay from a minute before the outage
constexpr std::int64_t kAfter = 60 * kS;     // to a minute after it
constexpr std::int64_t kMaxSpan = 15 * 60 * kS;
constexpr std::int64_t kLease = 4 * kS;

std::string detail(const Finding& f, std::string_view key) {
  for (const auto& [k, v] : f.detail) {
    if (k == key) return v;
  }
  return {};
}

const LeaderlessWindow* largest_window(const Timeline& tl, const GroupKey& g) {
  const LeaderlessWindow* best = nullptr;
  for (const auto& w : tl.leaderless) {
    if (w.group == g && w.layer == LeaderLayer::kElection && (best == nullptr || w.end - w.start > best->end - best->start)) best = &w;
  }
  if (best != nullptr) return best;
  for (const auto& w : tl.leaderless) {
    if (w.group == g && (best == nullptr || w.end - w.start > best->end - best->start)) best = &w;
  }
  return best;
}

bool applies_to(const Finding& f, const GroupKey& g) {
  if (f.ls && f.tenant) return *f.tenant == g.tenant && *f.ls == g.ls;
  if (f.tenant) return *f.tenant == g.tenant;
  return true;  // cluster-wide (clock, load)
}

}  // namespace

std::optional<GroupKey> replay_group(const Timeline& tl, const Finding& f) {
  for (const auto& w : tl.leaderless) {
    const bool own = f.tenant && f.ls && w.group.tenant == *f.tenant && w.group.ls == *f.ls;
    if (own) return w.group;
  }
  for (const auto& w : tl.leaderless) {
    if (w.end - w.start < kS) continue;
    if (!f.ls && (!f.tenant || w.group.tenant == *f.tenant)) return w.group;
  }
  return std::nullopt;
}

std::optional<Scenario> build_scenario(const ScanResult& scan, const Timeline& tl, const Diagnosis& d, const GroupKey& g) {
  (void)scan;
  const LeaderlessWindow* w = largest_window(tl, g);
  if (w == nullptr) return std::nullopt;
  Scenario s;
  s.group = g.name();
  s.replicas = group_members(tl, g);
  if (s.replicas.empty()) return std::nullopt;
  const LocalMicros t0 = std::max(tl.first, w->start - kBefore);
  const LocalMicros t1 = std::min(std::max(tl.last, w->end), std::max(w->end, w->start + kS) + kAfter);
  s.start = format_timestamp(t0);
  s.duration_us = std::min(kMaxSpan, std::max(t1 - t0, kS));
  auto rel = [&](LocalMicros t) { return std::clamp<std::int64_t>(t - t0, 0, s.duration_us); };
  auto idx = [&](const std::string& node) -> int {
    const auto it = std::find(s.replicas.begin(), s.replicas.end(), node);
    return it == s.replicas.end() ? -1 : static_cast<int>(it - s.replicas.begin());
  };
  // Who led when the replay starts.
  for (const auto& l : tl.leaders) {
    if (l.group == g && l.layer == LeaderLayer::kElection && l.start <= t0 + kS && t0 < l.end) s.initial_leader = idx(l.node);
  }
  if (s.initial_leader < 0 && !w->last_leader.empty()) s.initial_leader = idx(w->last_leader);
  // Observed: no usable leader, in either layer (windows merged).
  std::vector<std::pair<std::int64_t, std::int64_t>> obs;
  for (const auto& ow : tl.leaderless) {
    if (ow.group == g) obs.emplace_back(rel(ow.start), rel(ow.end));
  }
  // A takeover that never completes leaves no PALF window: the finding's span is the outage.
  for (const Finding& f : d.findings) {
    if ((f.cause == "takeover_failed" || f.cause == "rcs_stuck") && f.tenant && f.ls && *f.tenant == g.tenant && *f.ls == g.ls) {
      obs.emplace_back(rel(f.start), rel(f.end));
    }
  }
  std::sort(obs.begin(), obs.end());
  for (const auto& o : obs) {
    if (!s.observed.empty() && o.first <= s.observed.back().second) {
      s.observed.back().second = std::max(s.observed.back().second, o.second);
    } else {
      s.observed.push_back(o);
    }
  }

  auto add = [&](Fault::Kind k, int node, LocalMicros from, LocalMicros to, std::int64_t value, const std::string& cause, int peer = -1) {
    if (node < 0) return;
    Fault f;
    f.kind = k;
    f.node = node;
    f.peer = peer;
    f.from_us = rel(from);
    f.to_us = to >= tl.last ? kForever : rel(to);
    f.value = value;
    f.cause = cause;
    s.faults.push_back(f);
  };
  bool crash_modelled = false, transfer_modelled = false;
  for (const Finding& f : d.findings) {
    if (!applies_to(f, g)) continue;
    const std::string& c = f.cause;
    crash_modelled = crash_modelled || c == "majority_down";
    if (c == "clock_skew") {
      for (const auto& clock : tl.clocks) {
        if (clock.offset_us != 0) add(Fault::Kind::kClock, idx(clock.node), t0, tl.last, clock.offset_us, c);
      }
    } else if (c == "majority_down") {
      for (const auto& n : f.nodes) {
        const auto it = tl.last_line.find(n);
        add(Fault::Kind::kCrash, idx(n), it != tl.last_line.end() ? it->second : w->start - kLease, tl.last, 0, c);
      }
    } else if (c == "network_partition") {
      // The leader's renewals were lost before its lease ran out.
      const LocalMicros from = w->start - kLease, to = w->end;
      const std::string lost = detail(f, "lost_messages");
      if (!lost.empty()) {
        std::istringstream in(lost);
        for (std::string pair; std::getline(in, pair, ',');) {
          const auto arrow = pair.find(" -> ");
          if (arrow == std::string::npos) continue;
          std::string a = pair.substr(0, arrow), b = pair.substr(arrow + 4);
          a.erase(0, a.find_first_not_of(' '));
          add(Fault::Kind::kLinkDown, idx(a), from, to, 0, c, idx(b));
        }
      } else {
        const int leader = idx(w->last_leader);
        for (int r = 0; r < static_cast<int>(s.replicas.size()); ++r) {
          if (r == leader) continue;
          add(Fault::Kind::kLinkDown, leader, from, to, 0, c, r);
          add(Fault::Kind::kLinkDown, r, from, to, 0, c, leader);
        }
      }
    } else if (c == "clog_disk_full") {
      for (const auto& n : f.nodes) add(Fault::Kind::kDiskFull, idx(n), f.start, f.end, 0, c);
    } else if (c == "tenant_memory_full") {
      for (const auto& n : f.nodes) add(Fault::Kind::kMemoryFull, idx(n), f.start, f.end, 0, c);
    } else if (c == "reconfirm_failed") {
      for (const auto& n : f.nodes) add(Fault::Kind::kReconfirmBlock, idx(n), f.start, f.end, 0, c);
    } else if (c == "takeover_failed" || c == "rcs_stuck") {
      for (const auto& n : f.nodes) {
        add(c == "rcs_stuck" ? Fault::Kind::kTakeoverHang : Fault::Kind::kTakeoverFail, idx(n), f.start - kS, f.end, 0, c);
        // Observed: the leadership was handed to this node just before.
        if (!transfer_modelled) add(Fault::Kind::kTransfer, idx(n), f.start - kS / 2, tl.last, 0, "");
        transfer_modelled = true;
      }
    } else if (c == "sliding_window_stall") {
      const std::string sub = detail(f, "sub_cause");
      for (const auto& n : f.nodes) {
        if (sub == "network_slow") {
          for (int r = 0; r < static_cast<int>(s.replicas.size()); ++r) {
            if (r != idx(n)) add(Fault::Kind::kLinkDelay, idx(n), f.start, f.end, 15 * kS, c, r);
          }
        } else if (sub == "follower_disk_slow") {
          for (const auto& m : s.replicas) {
            if (m != n) add(Fault::Kind::kSlowDisk, idx(m), f.start, f.end, 15 * kS, c);
          }
        } else {
          // The window stopped sliding one timeout (10 s) before the leader gave up.
          add(Fault::Kind::kSlowDisk, idx(n), f.end - 10 * kS - kS / 2, f.end, 15 * kS, c);
        }
      }
    } else if (c == "high_load") {
      for (const auto& n : f.nodes) add(Fault::Kind::kLoad, idx(n), f.start, f.end, 250'000, c);
    } else if (c == "object_deleted") {
      bool any = false;
      for (std::size_t i = 0; i < tl.events.size(); ++i) {
        const Event& e = tl.events[i];
        if (e.kind == EventKind::elect_stopped && e.group == g) {
          add(Fault::Kind::kDrop, idx(e.node), tl.times[i], tl.last, 0, c);
          any = true;
        }
      }
      if (!any) {
        for (const auto& m : s.replicas) {
          if (m != w->last_leader) add(Fault::Kind::kDrop, idx(m), f.start, tl.last, 0, c);
        }
      }
    }
  }
  // Observed trigger: the last leader stepped down when the window opened. Its
  // own cause may be one of the findings (then that fault makes it happen
  // anyway) or unknown; counterfactual runs keep it and ask whether the
  // suspected cause explains how long the outage lasted.
  if (!crash_modelled && !transfer_modelled) {
    // A cause that makes a leader lose its lease explains the step-down too:
    // the trigger belongs to the first (root-most) such finding and goes with
    // it in the counterfactual. Otherwise it is a fact with no known cause.
    static constexpr std::array<std::string_view, 7> kLoseLease{"clock_skew",     "network_partition", "clog_disk_full",
                                                                "tenant_memory_full", "object_deleted", "high_load",
                                                                "sliding_window_stall"};
    std::string trigger_cause;
    for (const Finding& f : d.findings) {
      if (applies_to(f, g) && std::find(kLoseLease.begin(), kLoseLease.end(), f.cause) != kLoseLease.end()) {
        trigger_cause = f.cause;
        break;
      }
    }
    for (const auto& ow : tl.leaderless) {
      if (ow.group == g && ow.layer == LeaderLayer::kElection && ow.start >= t0 && idx(ow.last_leader) >= 0) {
        add(Fault::Kind::kRevoke, idx(ow.last_leader), ow.start, tl.last, 0, trigger_cause);
      }
    }
  }
  return s;
}

ScenarioRun run_scenario(const Scenario& s, int seeds, std::uint64_t first_seed) {
  ScenarioRun r;
  std::int64_t window = 0;
  for (const auto& [a, b] : s.observed) window += b - a;
  for (int i = 0; i < seeds; ++i) {
    const RunResult run = simulate(s, first_seed + static_cast<std::uint64_t>(i));
    r.events += run.events;
    r.mean_leaderless_s += run.overlap_s(0, s.duration_us);
    double overlap = 0;
    for (const auto& [a, b] : s.observed) overlap += run.overlap_s(a, b);
    r.mean_overlap_s += overlap;
    r.leader_fraction += window > 0 ? std::clamp(1.0 - overlap * 1e6 / static_cast<double>(window), 0.0, 1.0) : 1.0;
  }
  if (seeds > 0) {
    r.mean_leaderless_s /= seeds;
    r.mean_overlap_s /= seeds;
    r.leader_fraction /= seeds;
  }
  return r;
}

void confirm_findings(const ScanResult& scan, const Timeline& tl, Diagnosis& d, const ConfirmOptions& o) {
  std::map<GroupKey, std::optional<Scenario>> scenarios;
  for (Finding& f : d.findings) {
    if (f.system == "zookeeper") {
      confirm_zk_finding(tl, f, o);
      continue;
    }
    if (f.system == "openio") {
      confirm_oio_finding(tl, f, o);
      continue;
    }
    ReplayVerdict v;
    v.seeds = o.seeds;
    const auto g = replay_group(tl, f);
    if (!g) {
      v.status = "not_applicable";
      v.reason = f.cause == "stale_location_cache" ? "a leader existed: there is no outage to replay"
                                                   : "no leaderless window in the logs to reproduce";
      f.replay = v;
      continue;
    }
    if (!scenarios.count(*g)) scenarios[*g] = build_scenario(scan, tl, d, *g);
    const auto& sc = scenarios[*g];
    if (!sc) {
      v.status = "not_applicable";
      v.reason = "the log stream's members are unknown";
      f.replay = v;
      continue;
    }
    const bool has_fault = std::any_of(sc->faults.begin(), sc->faults.end(), [&](const Fault& x) { return x.cause == f.cause; });
    double observed = 0;
    for (const auto& [a, b] : sc->observed) observed += static_cast<double>(b - a) / 1e6;
    const ScenarioRun with = run_scenario(*sc, o.seeds, o.first_seed);
    v.observed_s = observed;
    v.predicted_s = with.mean_overlap_s;
    v.p_leader_with = with.leader_fraction;
    v.token = fmt::format("{}:{}:{}:{:016x}", o.first_seed, o.seeds, PAXRAY_VERSION, fnv1a64(format_scenario(*sc)));
    if (!has_fault) {
      v.status = "not_applicable";
      v.reason = "the replay core has no model of this cause";
      f.replay = v;
      continue;
    }
    const ScenarioRun without = run_scenario(sc->without({f.cause}), o.seeds, o.first_seed);
    v.p_leader_without = without.leader_fraction;
    const bool reproduced = observed > 0 && with.mean_overlap_s >= o.reproduce_share * observed;
    if (!reproduced) {
      v.status = "not_reproduced";
      v.reason = fmt::format("the core predicts {:.1f} s without a leader in the {:.1f} s window", with.mean_overlap_s, observed);
    } else {
      v.status = without.leader_fraction >= o.restored_share ? "confirmed" : "contributing";
    }
    // The smallest set of this group's causes whose removal restores the leader.
    std::vector<std::string> causes;
    for (const auto& x : sc->faults) {  // triggers (no cause) are facts, not candidates
      if (!x.cause.empty() && std::find(causes.begin(), causes.end(), x.cause) == causes.end()) causes.push_back(x.cause);
    }
    if (reproduced && causes.size() > 1 && causes.size() <= 4) {
      for (std::size_t size = 1; size <= causes.size() && v.minimal_set.empty(); ++size) {
        for (std::uint32_t mask = 1; mask < (1u << causes.size()) && v.minimal_set.empty(); ++mask) {
          if (static_cast<std::size_t>(__builtin_popcount(mask)) != size) continue;
          std::vector<std::string> subset;
          for (std::size_t i = 0; i < causes.size(); ++i) {
            if ((mask >> i) & 1u) subset.push_back(causes[i]);
          }
          if (run_scenario(sc->without(subset), o.seeds, o.first_seed).leader_fraction >= o.restored_share) {
            v.minimal_set = fmt::format("{}", fmt::join(subset, " + "));
          }
        }
      }
    } else if (reproduced && v.status == "confirmed") {
      v.minimal_set = f.cause;
    }
    f.replay = v;
  }
}

}  // namespace paxray::replay
