#include "leadership.h"
#include "paxray/replay/core/quorum.h"

#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <cstdlib>
#include <string>

namespace paxray {
namespace {

// Acceptor "lease expired" reports closer than this count as one loss.
constexpr std::int64_t kExpiryWindowUs = 5'000'000;
// The election lease (4 x MAX_TST, reference §3.1): a leader whose node stops
// logging (crashed, stopped) holds it at most this long after its last line.
constexpr std::int64_t kLeaseUs = 4'000'000;
// A node is silent when the other nodes log on for at least this long after it.
constexpr std::int64_t kSilentUs = 10'000'000;

struct LayerState {
  LeaderLayer layer;
  std::string leader;
  LocalMicros since = 0;
  std::size_t since_event = kNoEvent;
  bool window_open = false;
  LeaderlessWindow window;
  std::string revoked;  // last leader that stepped down, and when
  LocalMicros revoked_at = 0;
  std::map<std::string, LocalMicros> expiry_reports;
};

// Earliest root-service report that a node's heartbeat lease expired.
using HeartbeatLoss = std::map<std::string, LocalMicros>;

class GroupDeriver {
 public:
  GroupDeriver(Timeline& tl, const GroupKey& g, const HeartbeatLoss& hb) : tl_(tl), group_(g), heartbeat_loss_(hb) {
    election_.layer = LeaderLayer::kElection;
    clog_.layer = LeaderLayer::kClog;
  }

  void run(const std::vector<std::size_t>& idx) {
    for (std::size_t i : idx) {
      const Event& ev = tl_.events[i];
      check_silent_leader(election_, tl_.times[i]);
      check_silent_leader(clog_, tl_.times[i]);
      if (const auto n = ev.get_int(Attr::kReplicaNum); n && *n > 0) replicas_ = static_cast<int>(*n);
      seen_nodes_.insert(ev.node);
      step(ev, tl_.times[i], i);
    }
    check_silent_leader(election_, tl_.last);
    check_silent_leader(clog_, tl_.last);
    finish(election_);
    finish(clog_);
  }

 private:
  void open(LayerState& s, const std::string& node, LocalMicros t, std::size_t i) {
    if (node.empty() || s.leader == node) return;
    if (!s.leader.empty()) {
      close(s, t, i);
      s.window_open = false;  // handed straight over: no time without a leader
    } else if (s.window_open) {
      s.window.end = t;
      s.window.end_event = i;
      tl_.leaderless.push_back(s.window);
      s.window_open = false;
    }
    s.leader = node;
    s.since = t;
    s.since_event = i;
    s.expiry_reports.clear();
  }

  void close(LayerState& s, LocalMicros t, std::size_t i) {
    if (s.leader.empty()) return;
    tl_.leaders.push_back({group_, s.layer, s.leader, s.since, t, false, s.since_event, i});
    s.window = LeaderlessWindow{group_, s.layer, t, t, false, s.leader, i, kNoEvent};
    s.window_open = true;
    s.revoked = s.leader;
    s.revoked_at = t;
    s.leader.clear();
  }

  // `node` stepped down. If the logs never showed it taking over (it was
  // leader before they start), the step-down itself proves it was leader.
  void lost(LayerState& s, const std::string& node, LocalMicros t, std::size_t i) {
    if (s.leader == node) {
      close(s, t, i);
    } else if (s.leader.empty() && !s.window_open && !node.empty()) {
      s.window = LeaderlessWindow{group_, s.layer, t, t, false, node, i, kNoEvent};
      s.window_open = true;
      s.revoked = node;
      s.revoked_at = t;
    }
  }

  void finish(LayerState& s) {
    if (!s.leader.empty()) {
      tl_.leaders.push_back({group_, s.layer, s.leader, s.since, tl_.last, true, s.since_event, kNoEvent});
    }
    if (s.window_open) {
      s.window.end = tl_.last;
      s.window.open_end = true;
      tl_.leaderless.push_back(s.window);
    }
  }

  bool silent(const std::string& node, LocalMicros at) const {
    const auto it = tl_.last_line.find(node);
    return it != tl_.last_line.end() && tl_.last - it->second >= kSilentUs && at >= it->second + kLeaseUs;
  }

  // A leader whose node went silent (crash, stop: its log ends while the
  // others go on) lost its lease at most kLeaseUs after its last line. Logs
  // collected at different times also end at different times, so this needs
  // corroboration: a peer's acceptor saw the lease expire, or the root
  // service lost the node's heartbeat. The evidence is that node's last event.
  void check_silent_leader(LayerState& s, LocalMicros now) {
    if (s.leader.empty() || !silent(s.leader, now)) return;
    const auto hb = heartbeat_loss_.find(s.leader);
    const bool corroborated = expiry_seen_.count(s.leader) > 0 || (hb != heartbeat_loss_.end() && hb->second <= now);
    if (!corroborated) return;
    const LocalMicros lost_at = tl_.last_line.at(s.leader) + kLeaseUs;
    std::size_t evidence = kNoEvent;
    if (const auto bn = tl_.by_node.find(s.leader); bn != tl_.by_node.end() && !bn->second.empty()) evidence = bn->second.back();
    close(s, lost_at, evidence);
  }

  int majority() const {
    const int n = replicas_ > 0 ? replicas_ : std::max<int>(1, static_cast<int>(seen_nodes_.size()));
    return static_cast<int>(quorum::majority(static_cast<std::size_t>(n)));
  }

  std::string addr_node(const Event& ev, Attr a) const {
    const std::string* v = ev.get(a);
    if (v == nullptr || v->empty() || *v == "0.0.0.0:0") return {};
    return tl_.node_of(*v);
  }

  void lease_expiry_report(const Event& ev, const std::string& owner, LocalMicros t, std::size_t i) {
    LayerState& s = election_;
    if (!owner.empty() && owner != ev.node) expiry_seen_.insert(owner);
    if (s.leader.empty() || (!owner.empty() && owner != s.leader)) return;
    s.expiry_reports[ev.node] = t;
    int recent = 0;
    for (const auto& [node, when] : s.expiry_reports) recent += t - when <= kExpiryWindowUs;
    if (recent >= majority()) {
      close(s, t, i);
    } else if (recent == followers_with_logs(s.leader)) {
      // Every follower whose logs were read saw the lease expire; the rest
      // were not provided. The window is real as far as the input goes.
      close(s, t, i);
      s.window.partial = true;
    }
  }

  int followers_with_logs(const std::string& leader) const {
    int n = 0;
    for (const auto& node : seen_nodes_) n += node != leader && tl_.last_line.count(node) > 0;
    return n;
  }

  void step(const Event& ev, LocalMicros t, std::size_t i) {
    const std::string* role = ev.get(Attr::kRole);
    const std::string* old_role = ev.get(Attr::kOldRole);
    switch (ev.kind) {
      case EventKind::elect_takeover:
      case EventKind::elect_change_leader_takeover: open(election_, ev.node, t, i); break;
      case EventKind::elect_leader_revoked:
      case EventKind::elect_change_leader_revoke:
      case EventKind::elect3_leader_revoke: lost(election_, ev.node, t, i); break;
      case EventKind::elect_stopped:
        if (election_.leader == ev.node) close(election_, t, i);
        break;
      case EventKind::elect_role_change:
        if (role && *role == "Leader") open(election_, ev.node, t, i);
        if (role && *role == "Follower" && old_role && *old_role == "Leader") lost(election_, ev.node, t, i);
        break;
      case EventKind::elect_acceptor_dump: {
        const std::string owner = addr_node(ev, Attr::kOwner);
        const std::string* span = ev.get(Attr::kLeaseSpan);
        const auto left = span ? parse_span_seconds(*span) : std::nullopt;
        if (!owner.empty() && left && *left <= 0 && owner != ev.node) expiry_seen_.insert(owner);  // a peer saw it lapse
        if (owner.empty() || !left || *left <= 0 || silent(owner, t)) break;
        if (owner == election_.revoked && t - election_.revoked_at < kStaleDumpUs) break;
        if (election_.leader.empty() || election_.leader != owner) open(election_, owner, t, i);
        break;
      }
      case EventKind::elect_lease_expired: lease_expiry_report(ev, addr_node(ev, Attr::kOwner), t, i); break;
      case EventKind::elect3_lease_expired: lease_expiry_report(ev, addr_node(ev, Attr::kOldLeader), t, i); break;
      case EventKind::history_election: {
        const std::string* what = ev.get(Attr::kStatus);
        if (what == nullptr) break;
        if (*what == "decentralized to be leader" || *what == "change leader to takeover") open(election_, ev.node, t, i);
        if (*what == "lease expired to revoke" || *what == "change leader to revoke") lost(election_, ev.node, t, i);
        break;
      }
      case EventKind::reconfirm_finished:
        // "Reconfirm come into FINISHED state" / "reconfirm_to_leader_active end".
        if (role == nullptr || *role == "LEADER") open(clog_, ev.node, t, i);
        break;
      case EventKind::palf_switch_state:
      case EventKind::palf_dump:
      case EventKind::log_stat_row: {
        // A clog leader is PALF role LEADER in state ACTIVE; anything else
        // reported by the current leader ends its leadership.
        const std::string* state = ev.get(Attr::kState);
        if (role == nullptr) break;
        if (*role == "LEADER" && (state == nullptr || *state == "ACTIVE")) {
          open(clog_, ev.node, t, i);
        } else if (clog_.leader == ev.node) {
          close(clog_, t, i);
        } else if (ev.kind == EventKind::palf_switch_state && old_role && *old_role == "LEADER") {
          lost(clog_, ev.node, t, i);  // a leader we never saw come up steps down
        }
        break;
      }
      case EventKind::history_log: {
        const std::string* prev = ev.get(Attr::kOldState);
        const std::string* cur = ev.get(Attr::kState);
        if (cur && *cur == "LEADER ACTIVE") open(clog_, ev.node, t, i);
        if (prev && *prev == "LEADER ACTIVE" && cur && *cur != "LEADER ACTIVE" && clog_.leader == ev.node) {
          close(clog_, t, i);
        }
        break;
      }
      default: break;
    }
  }

  Timeline& tl_;
  GroupKey group_;
  LayerState election_;
  LayerState clog_;
  int replicas_ = 0;
  std::set<std::string> seen_nodes_;
  const HeartbeatLoss& heartbeat_loss_;
  std::set<std::string> expiry_seen_;  // leaders whose lease a peer saw expire
};

}  // namespace

std::optional<std::int64_t> parse_span_seconds(std::string_view s) noexcept {
  if (s.empty() || s.back() != 's') return std::nullopt;
  // The usual "-1.234s" read without a copy; anything else (exponents, a
  // leading '+' or space, hex) goes to strtod, which the result must match.
  const std::string_view number = s.substr(0, s.size() - 1);
  if (!number.empty() && number.find_first_not_of("-.0123456789") == std::string_view::npos) {
    double v = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v, std::chars_format::fixed);
    if (ec != std::errc{} || end != number.data() + number.size() || !std::isfinite(v) || std::fabs(v) > 1e9) return std::nullopt;
    return static_cast<std::int64_t>(std::llround(v * 1e6));
  }
  const std::string text(number);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  // Beyond 30 years it is no span a log meant (and llround's range ends).
  if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || std::fabs(v) > 1e9) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(v * 1e6));
}

void derive_leadership(Timeline& tl) {
  HeartbeatLoss hb;
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const Event& ev = tl.events[i];
    const std::string* status = ev.get(Attr::kStatus);
    const std::string* server = ev.get(Attr::kServer);
    if (ev.kind != EventKind::server_status || !status || !server) continue;
    if (*status == "lease_expired" || *status == "permanent_offline") hb.emplace(tl.node_of(*server), tl.times[i]);
  }
  for (const auto& [group, idx] : tl.by_group) GroupDeriver(tl, group, hb).run(idx);
  derive_rcs(tl);
}

void derive_rcs(Timeline& tl) {
  // Open episodes by (node, log stream, sequence).
  std::map<std::tuple<std::string, GroupKey, std::string>, std::size_t> open;
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const Event& ev = tl.events[i];
    if (ev.kind != EventKind::rcs_begin && ev.kind != EventKind::rcs_end && ev.kind != EventKind::rcs_failed) continue;
    const std::string* seq = ev.get(Attr::kSequence);
    if (ev.kind == EventKind::rcs_begin) {
      RcsEpisode e;
      e.group = ev.group;
      e.node = ev.node;
      e.sequence = seq ? *seq : std::string();
      e.event_type = ev.get_int(Attr::kEventType).value_or(0);
      e.begin = tl.times[i];
      e.begin_event = i;
      open[{ev.node, ev.group, e.sequence}] = tl.rcs.size();
      tl.rcs.push_back(std::move(e));
      continue;
    }
    if (ev.kind == EventKind::rcs_failed) {
      // `failed` carries no sequence: it belongs to that node's open episode on the log stream.
      for (auto& [key, idx] : open) {
        if (std::get<0>(key) == ev.node && std::get<1>(key) == ev.group) ++tl.rcs[idx].failures;
      }
      continue;
    }
    const auto it = open.find({ev.node, ev.group, seq ? *seq : std::string()});
    if (it == open.end()) continue;  // its begin is before the logs start
    tl.rcs[it->second].end = tl.times[i];
    tl.rcs[it->second].end_event = i;
    open.erase(it);
  }
}

}  // namespace paxray
