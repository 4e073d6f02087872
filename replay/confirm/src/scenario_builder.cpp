// From a diagnosed timeline to a replay scenario: the members and leader of a
// log stream, the outage the logs show, and one set of faults per finding the
// core models. Findings the rules explain by another (a lease loss that a clock
// skew causes, a sliding window that memory-full followers stall) add no fault
// of their own: the root's model has to produce them, and removing the root
// removes them, which is what "the outage disappears without this cause" means.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <sstream>

#include "paxray/parsers/timestamp.h"
#include "paxray/replay/confirm/confirm.h"

namespace paxray::replay {
namespace {

constexpr std::int64_t kS = 1'000'000;
constexpr std::int64_t kBefore = 60 * kS;    // replay from a minute before the outage
constexpr std::int64_t kAfter = 60 * kS;     // to a minute after it
constexpr std::int64_t kMaxSpan = 15 * 60 * kS;
constexpr std::int64_t kLease = 4 * kS;

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

bool names(const Finding& f, const std::string& node) { return std::find(f.nodes.begin(), f.nodes.end(), node) != f.nodes.end(); }

struct LoadSpell {
  std::int64_t from = 0, to = 0, cost_us = 0;
};

// A node's loaded spells: its slow lines (at least the rule's threshold, in
// detail.logging_threshold_ms) that follow each other within kLoadGapUs, at
// least kLoadMinLines of them, each charged its median cost. A few slow lines
// scattered over an hour are not a node that cannot keep up.
constexpr std::int64_t kLoadGapUs = 2 * kS;
constexpr std::size_t kLoadMinLines = 3;

std::vector<LoadSpell> load_spells(const Timeline& tl, const Finding& f, const std::string& node) {
  const std::string* ms = f.find_detail("logging_threshold_ms");
  const double threshold_ms = ms == nullptr || ms->empty() ? 100.0 : std::strtod(ms->c_str(), nullptr);
  const auto limit = static_cast<std::int64_t>(threshold_ms * 1000);
  std::vector<LoadSpell> spells;
  std::vector<std::int64_t> costs;
  auto flush = [&] {
    if (costs.size() >= kLoadMinLines) {
      std::nth_element(costs.begin(), costs.begin() + static_cast<std::ptrdiff_t>(costs.size() / 2), costs.end());
      spells.back().cost_us = costs[costs.size() / 2];
    } else if (!spells.empty()) {
      spells.pop_back();
    }
    costs.clear();
  };
  const auto it = tl.by_node.find(node);
  if (it == tl.by_node.end()) return spells;
  for (std::size_t i : it->second) {  // in time order
    const Event& e = tl.events[i];
    if (e.kind != EventKind::slow_logging) continue;
    const std::int64_t cost = e.get_int(Attr::kCostUs).value_or(0);
    if (cost < limit) continue;
    if (spells.empty() || costs.empty() || tl.times[i] - spells.back().to > kLoadGapUs) {
      if (!costs.empty()) flush();
      spells.push_back({tl.times[i], tl.times[i], 0});
    }
    spells.back().to = tl.times[i];
    costs.push_back(cost);
  }
  if (!costs.empty()) flush();
  return spells;
}

}  // namespace

bool core_models(Cause cause) {
  const CauseInfo& row = cause_info(cause);
  return row.system == System::kOceanBase && row.replay != ReplayModel::kNotModelled;
}

const Finding* explaining_root(const Diagnosis& d, const Finding& f, const GroupKey& g) {
  const std::vector<const Finding*> all = all_findings(d);
  const Finding* cur = &f;
  for (int hops = 0; hops < 8; ++hops) {  // explained_by chains are short; the bound guards against a cycle
    const std::string* by = cur->find_detail("explained_by");
    if (by == nullptr || by->empty()) break;
    const auto next = std::find_if(all.begin(), all.end(), [&](const Finding* x) {
      return x->id() == *by && x->system == f.system && applies_to(*x, g) && core_models(x->cause);
    });
    if (next == all.end()) break;
    cur = *next;
  }
  return cur;
}

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

std::optional<Scenario> build_scenario(const ScanResult& scan, const Timeline& tl, const Diagnosis& d, const GroupKey& g,
                                      const ConfirmOptions& options) {
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
  // The group's events, in time order.
  static const std::vector<std::size_t> kNone;
  const auto bg = tl.by_group.find(g);
  const std::vector<std::size_t>& group_events = bg == tl.by_group.end() ? kNone : bg->second;
  // Election priorities: each replica's last proposer dump before the outage.
  std::vector<int> prio(s.replicas.size(), 0);
  bool any_priority = false;
  for (std::size_t i : group_events) {
    const Event& e = tl.events[i];
    if (e.kind != EventKind::elect_proposer_dump || tl.times[i] > w->start) continue;
    const auto rank = e.get_int(Attr::kPriority);
    const int r = idx(e.node);
    if (!rank || r < 0) continue;
    prio[static_cast<std::size_t>(r)] = static_cast<int>(std::clamp<std::int64_t>(*rank, 0, 1'000'000'000));
    any_priority = true;
  }
  if (any_priority) s.priority = prio;
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
  const std::vector<const Finding*> findings = all_findings(d);
  for (const Finding* f : findings) {
    if ((f->cause == Cause::kTakeoverFailed || f->cause == Cause::kRcsStuck) && f->tenant && f->ls && *f->tenant == g.tenant &&
        *f->ls == g.ls) {
      obs.emplace_back(rel(f->start), rel(f->end));
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

  // The line each fault comes from, for the exported scenario's comments: the
  // finding's first line about the fault's node (else its first line), or the
  // observed fact's own line.
  std::string evidence_now;
  const Finding* current = nullptr;
  auto cite = [](const Evidence& e) {
    const auto slash = e.file.find_last_of('/');
    return fmt::format("{} {}:{}", e.node, e.file.substr(slash == std::string::npos ? 0 : slash + 1), e.line);
  };
  auto line_of = [&](std::size_t event) {
    if (event == kNoEvent || event >= tl.events.size()) return std::string();
    const Event& e = tl.events[event];
    const std::string path = e.file_id < scan.files.size() ? scan.files[e.file_id].path : std::string();
    return fmt::format("{} {}:{}", e.node, path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1), e.line);
  };
  auto add = [&](Fault::Kind k, int node, LocalMicros from, LocalMicros to, std::int64_t value, std::string_view cause, int peer = -1) {
    // A name that is not among the replicas (a member list naming an address
    // that --node relabelled, a peer outside the group) has no index: a link
    // fault needs both ends, every fault its node.
    const bool link = k == Fault::Kind::kLinkDown || k == Fault::Kind::kLinkDelay;
    if (node < 0 || (link && (peer < 0 || peer == node))) return;
    Fault f;
    f.kind = k;
    f.node = node;
    f.peer = peer;
    f.from_us = rel(from);
    f.to_us = to >= tl.last ? kForever : rel(to);
    f.value = value;
    f.cause = cause;
    f.evidence = evidence_now;
    if (current != nullptr && !current->evidence.empty()) {
      const auto own = std::find_if(current->evidence.begin(), current->evidence.end(),
                                    [&](const Evidence& e) { return e.node == s.replicas[static_cast<std::size_t>(node)]; });
      f.evidence = cite(own != current->evidence.end() ? *own : current->evidence.front());
    }
    s.faults.push_back(f);
  };
  bool crash_modelled = false, transfer_modelled = false, clocks_modelled = false;
  for (const Finding* fp : findings) {
    const Finding& f = *fp;
    if (!applies_to(f, g)) continue;
    if (explaining_root(d, f, g) != &f) continue;  // a symptom: its root's model produces it
    const std::string_view c = f.id();
    current = &f;
    crash_modelled = crash_modelled || f.cause == Cause::kMajorityDown || f.cause == Cause::kLeaderDown;
    if (c == "clock_skew") {
      // Every node's clock as the timeline found it: its constant offset
      // over the whole run, each episode over its spell (once for all the
      // clock findings).
      if (clocks_modelled) continue;
      clocks_modelled = true;
      for (const auto& clock : tl.clocks) {
        if (clock.offset_us != 0) add(Fault::Kind::kClock, idx(clock.node), t0, tl.last, clock.offset_us, c);
        for (const ClockEpisode& e : clock.episodes) add(Fault::Kind::kClock, idx(clock.node), e.start, e.end, e.step_us, c);
      }
    } else if (c == "leader_down") {
      for (const auto& n : f.nodes) {
        const auto it = tl.last_line.find(n);
        if (it != tl.last_line.end()) add(Fault::Kind::kCrash, idx(n), it->second, tl.last, 0, c);
      }
    } else if (c == "majority_down") {
      for (const auto& n : f.nodes) {
        const auto it = tl.last_line.find(n);
        add(Fault::Kind::kCrash, idx(n), it != tl.last_line.end() ? it->second : w->start - kLease, tl.last, 0, c);
      }
    } else if (c == "network_partition") {
      // The leader's renewals were lost before its lease ran out.
      const LocalMicros from = w->start - kLease, to = w->end;
      if (const std::string* lost = f.find_detail("lost_messages"); lost != nullptr && !lost->empty()) {
        std::istringstream in(*lost);
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
      const std::string* sub_cause = f.find_detail("sub_cause");
      const std::string sub = sub_cause != nullptr ? *sub_cause : std::string();
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
      for (const auto& n : f.nodes) {
        for (const LoadSpell& l : load_spells(tl, f, n)) add(Fault::Kind::kLoad, idx(n), l.from, l.to + l.cost_us, l.cost_us, c);
      }
    } else if (c == "object_deleted") {
      bool any = false;
      for (std::size_t i : group_events) {
        const Event& e = tl.events[i];
        if (e.kind == EventKind::elect_stopped) {
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
  current = nullptr;
  // Observed down windows: a member whose log ends while the others log on
  // for longer than a node may stay quiet was down from its last line (a
  // fact, unless a finding above already stands for it).
  for (std::size_t r = 0; r < s.replicas.size(); ++r) {
    const auto it = tl.last_line.find(s.replicas[r]);
    if (it == tl.last_line.end() || tl.last - it->second < options.silent_node_us || it->second >= t1) continue;
    const bool covered = std::any_of(s.faults.begin(), s.faults.end(), [&](const Fault& f) {
      return f.kind == Fault::Kind::kCrash && f.node == static_cast<int>(r);
    });
    evidence_now = fmt::format("the last line of {} at {}", s.replicas[r], format_timestamp(it->second));
    if (!covered) add(Fault::Kind::kCrash, static_cast<int>(r), it->second, tl.last, 0, "");
  }
  // Observed triggers: each leader that stepped down when a window opened.
  // A step-down belongs to the finding that names that node over that time
  // (a reconfirm timeout, a full disk), else to the first (root-most) cause
  // that makes a leader lose its lease, and goes with it in the
  // counterfactual; with neither it is a fact of unknown cause that every run
  // keeps, and the verdict weighs the outage beyond what it costs alone.
  if (!crash_modelled && !transfer_modelled) {
    auto owner = [&](const std::string& node, LocalMicros at) -> std::string {
      for (const Finding* f : findings) {
        if (applies_to(*f, g) && cause_info(f->cause).steps_down && names(*f, node) && f->start - kS <= at && at <= f->end + kS) {
          return std::string(explaining_root(d, *f, g)->id());
        }
      }
      for (const Finding* f : findings) {
        if (applies_to(*f, g) && cause_info(f->cause).loses_lease) return std::string(explaining_root(d, *f, g)->id());
      }
      return {};
    };
    for (const auto& ow : tl.leaderless) {
      if (ow.group == g && ow.layer == LeaderLayer::kElection && ow.start >= t0 && idx(ow.last_leader) >= 0) {
        evidence_now = line_of(ow.start_event);
        add(Fault::Kind::kRevoke, idx(ow.last_leader), ow.start, tl.last, 0, owner(ow.last_leader, ow.start));
      }
    }
  }
  return s;
}

}  // namespace paxray::replay
