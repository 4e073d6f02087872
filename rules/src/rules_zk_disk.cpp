// ZooKeeper and its disk, as the fault lab on Debian's ZooKeeper 3.8 shows it
// (tests/lab/zk-lab leader-slow-disk, leader-disk-full):
// - a slow transaction-log disk: the SyncThread warns "fsync-ing the write
//   ahead log in SyncThread:N took 1201ms" (above fsync.warningthresholdms,
//   1 s by default); writes wait on it, the ensemble keeps its leader;
// - a full one: "Severe unrecoverable error, from thread : SyncThread:N" with
//   java.io.IOException: No space left on device under it; the server's
//   request pipeline dies, it leaves the ensemble (a leader stops leading and
//   the others elect another) and then restarts its election thousands of
//   times a second, which is zk_server_looping, explained here.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "context.h"
#include "paxray/rules/zk_leadership.h"

namespace paxray::rules {
namespace {

constexpr LocalMicros kAll = std::numeric_limits<LocalMicros>::max();

Finding ensemble_finding(Cause cause, Severity sev) { return new_finding(cause, GroupKey{-1, -1, -1, -1, "ensemble"}, sev); }

std::int64_t cost_of(const Event& e) { return e.get_int(Attr::kCostUs).value_or(0); }

// The first event after `from` that shows another server leading.
std::size_t next_leader_after(const Context& c, LocalMicros from, const std::string& not_this) {
  for (std::size_t i : c.events(from, kAll, [&](const Event& e) {
         return e.node != not_this && (zk(e, EventKind::zk_quorum_up) ||
                                       (zk(e, EventKind::zk_state) && e.get(Attr::kState) && *e.get(Attr::kState) == "LEADING"));
       })) {
    return i;
  }
  return kNoEvent;
}

}  // namespace

void rule_zk_disk_full(const Context& c, std::vector<Finding>& out) {
  const std::vector<ZkLeaderPeriod> periods = zk_leader_periods(c.tl);
  for (const auto& [node, idx] : c.tl.by_node) {
    std::vector<std::size_t> full;
    for (std::size_t i : idx) {
      if (zk(c.tl.events[i], EventKind::zk_disk_full)) full.push_back(i);
    }
    if (full.empty()) continue;
    const std::size_t first = full.front();
    const LocalMicros at = c.tl.times[first];
    const std::string server = node;  // a copy: clang 14 (the fuzz preset) cannot capture a structured binding
    const bool was_leader = std::any_of(periods.begin(), periods.end(),
                                        [&](const ZkLeaderPeriod& p) { return p.node == server && p.open_at(first); });
    const std::size_t next = was_leader ? next_leader_after(c, at, server) : kNoEvent;
    Finding f = ensemble_finding(Cause::kZkDiskFull, Severity::kCritical);
    f.nodes = {node};
    f.start = at;
    f.end = std::max(c.tl.times[full.back()], next != kNoEvent ? c.tl.times[next] : at);
    std::string after;
    if (was_leader && next != kNoEvent) {
      after = fmt::format("; it was the leader: {} led {} later", c.tl.events[next].node, seconds(c.tl.times[next] - at));
      f.detail.emplace_back("next_leader", c.tl.events[next].node);
    } else if (was_leader) {
      after = "; it was the leader, and the logs show no leader after it";
    }
    f.summary = fmt::format("{}'s disk is full (`No space left on device` at {}): its transaction log could not be written, "
                            "its request pipeline stopped and it left the ensemble{}",
                            node, format_timestamp(at), after);
    f.detail.emplace_back("was_leader", was_leader ? "true" : "false");
    std::vector<std::size_t> ev;
    append_first(ev, full, 3);
    if (next != kNoEvent) ev.push_back(next);
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

void rule_zk_slow_disk(const Context& c, std::vector<Finding>& out) {
  for (const auto& [node, idx] : c.tl.by_node) {
    std::vector<std::size_t> slow;
    for (std::size_t i : idx) {
      if (zk(c.tl.events[i], EventKind::zk_slow_fsync)) slow.push_back(i);
    }
    if (slow.empty()) continue;
    std::int64_t slowest = 0;
    for (std::size_t i : slow) slowest = std::max(slowest, cost_of(c.tl.events[i]));
    // The server lost its place within 30 s of a slow sync: its own election, or its followers'.
    std::size_t lost = kNoEvent;
    const std::string server = node;
    for (std::size_t i : slow) {
      for (std::size_t j : c.events(c.tl.times[i], c.tl.times[i] + 30 * kSec, [&](const Event& e) {
             return (e.node == server && zk(e, EventKind::zk_state) && e.get(Attr::kState) && *e.get(Attr::kState) == "LOOKING") ||
                    zk(e, EventKind::zk_follower_exception);
           })) {
        lost = j;
        break;
      }
      if (lost != kNoEvent) break;
    }
    Finding f = ensemble_finding(Cause::kZkSlowDisk, lost != kNoEvent ? Severity::kCritical : Severity::kWarning);
    f.nodes = {node};
    f.start = c.tl.times[slow.front()] - cost_of(c.tl.events[slow.front()]);  // the sync began as long before its line
    f.end = c.tl.times[slow.back()];
    f.summary = fmt::format("{}'s transaction log disk is slow: {} fsync{} over the warning threshold, the slowest {:.0f} ms; "
                            "every write waits on it{}",
                            node, slow.size(), slow.size() == 1 ? "" : "s", static_cast<double>(slowest) / 1e3,
                            lost != kNoEvent ? fmt::format("; {} lost its place in the ensemble at {}", c.tl.events[lost].node,
                                                           format_timestamp(c.tl.times[lost]))
                                             : "");
    f.detail.emplace_back("slowest_ms", fmt::format("{:.0f}", static_cast<double>(slowest) / 1e3));
    f.detail.emplace_back("lines", std::to_string(slow.size()));
    std::vector<std::size_t> ev;
    append_first(ev, slow, 4);
    if (lost != kNoEvent) ev.push_back(lost);
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

}  // namespace paxray::rules
