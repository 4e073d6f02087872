// Replays a ZooKeeper finding on the Zab sync model (zab_sync.h): the
// ensemble, the followers that synced, the ones whose first reply was a
// proposal ACK, and the NEWLEADER timeout, all read from the timeline.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "paxray/parsers/fnv.h"
#include "paxray/replay/confirm/confirm.h"
#include "paxray/replay/core/zab_sync.h"

namespace paxray::replay {
namespace {

std::optional<int> sid_of(std::string_view s) {
  if (s.substr(0, 5) == "myid:") s.remove_prefix(5);
  int v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc{} || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<zab::SyncScenario> sync_scenario(const Timeline& tl, const Finding& f) {
  zab::SyncScenario s;
  std::set<int> servers;
  std::string leader;
  LocalMicros error_at = 0, shutdown_at = 0;
  std::vector<std::int64_t> elections;
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const Event& e = tl.events[i];
    if (e.system != System::kZooKeeper) continue;
    if (const auto sid = sid_of(e.node)) servers.insert(*sid);
    if (const std::string* p = e.get(Attr::kPeer); p && e.kind == EventKind::zk_sync_start) {
      if (const auto sid = sid_of(*p)) servers.insert(*sid);
    }
    if (e.kind == EventKind::zk_election_took) {
      if (const auto us = e.get_int(Attr::kCostUs)) elections.push_back(*us / 1000);
    }
    if (e.kind == EventKind::zk_newleader_ack_wrong_epoch && tl.times[i] >= f.start && leader.empty()) {
      leader = e.node;
      error_at = tl.times[i];
    }
    if (!leader.empty() && shutdown_at == 0 && e.node == leader && e.kind == EventKind::zk_leader_shutdown &&
        tl.times[i] >= error_at) {
      shutdown_at = tl.times[i];
    }
  }
  if (leader.empty()) return std::nullopt;
  // Followers that took part in the leader's sync just before the error.
  std::set<int> followers;
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const Event& e = tl.events[i];
    if (e.kind != EventKind::zk_sync_start || e.node != leader || tl.times[i] > error_at || error_at - tl.times[i] > 5'000'000) continue;
    if (const std::string* p = e.get(Attr::kPeer)) {
      if (const auto sid = sid_of(*p)) followers.insert(*sid);
    }
  }
  if (const std::string* sids = f.find_detail("sids")) {
    const std::string& v = *sids;
    for (std::size_t pos = 0; pos < v.size();) {
      const std::size_t comma = v.find(',', pos);
      std::string_view one = std::string_view(v).substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
      if (const auto sid = sid_of(one)) {
        s.proposal_first.push_back(*sid);
        followers.insert(*sid);
      }
      pos = comma == std::string::npos ? v.size() : comma + 1;
    }
  }
  if (followers.empty()) return std::nullopt;
  s.followers.assign(followers.begin(), followers.end());
  s.ensemble = std::max<int>(3, static_cast<int>(servers.size()));
  if (shutdown_at > error_at) s.init_limit_ms = (shutdown_at - error_at) / 1000;
  if (!elections.empty()) {
    std::sort(elections.begin(), elections.end());
    s.election_ms = std::max<std::int64_t>(1, elections[elections.size() / 2]);
  }
  return s;
}

}  // namespace

void confirm_zk_finding(const Timeline& tl, Finding& f, const ConfirmOptions& o) {
  ReplayVerdict v;
  v.seeds = o.seeds;
  if (f.cause != Cause::kZkNewleaderAckOrder) {
    v.status = "not_applicable";
    v.reason = "the Zab model replays the sync phase (NEWLEADER ACK order) only";
    f.replay = v;
    return;
  }
  const auto s = sync_scenario(tl, f);
  if (!s) {
    v.status = "not_applicable";
    v.reason = "the logs do not show which followers synced with the leader";
    f.replay = v;
    return;
  }
  const zab::SyncVerdict r = zab::confirm_ack_order(*s, o.seeds, o.first_seed);
  v.observed_s = static_cast<double>(f.end - f.start) / 1e6;
  v.predicted_s = r.without_leader_s;
  v.p_leader_with = 1.0 - r.shutdown_with;
  v.p_leader_without = 1.0 - r.shutdown_without;
  v.token = fmt::format("{}:{}:{}:{:016x}", o.first_seed, o.seeds, PAXRAY_VERSION, fnv1a64(zab::format_sync_scenario(*s)));
  const bool reproduced = r.shutdown_with >= 0.99;
  const bool restored = r.shutdown_without <= 0.01;
  v.status = reproduced && restored ? "confirmed" : reproduced ? "contributing" : "not_reproduced";
  v.reason = fmt::format(
      "Zab sync of {} follower(s) of a {}-server ensemble, NEWLEADER timeout {} ms: with the observed order "
      "(proposal ACK first from sid {}) the leader shut down in {:.0f}% of {} runs, {:.1f} s without a serving "
      "leader on average; with NEWLEADER ACKed first (ZOOKEEPER-4785) in {:.0f}%",
      s->followers.size(), s->ensemble, s->init_limit_ms, fmt::join(s->proposal_first, ","), 100 * r.shutdown_with,
      o.seeds, r.without_leader_s, 100 * r.shutdown_without);
  if (v.status == "confirmed") v.minimal_set = "zk_newleader_ack_order";
  f.replay = v;
}

}  // namespace paxray::replay
