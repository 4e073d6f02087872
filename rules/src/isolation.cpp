// Isolation advisor, the arithmetic half: the three prechecks of OceanBase 4.2
// on saved view dumps. The replay core's answer to "what if the process stops
// anyway" is replay/confirm/stop_replay.h, which builds on these.
#include "paxray/rules/isolation.h"

#include "isolation_evidence.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <set>

#include "paxray/parsers/timestamp.h"
#include "paxray/replay/core/quorum.h"

namespace paxray::isolation {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

bool is_null(std::string_view s) {
  s = trim(s);
  return s.empty() || s == "NULL" || s == "null" || s == "0";
}

std::optional<std::int64_t> to_int(std::string_view s) {
  s = trim(s);
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

/// END_SCN as saved: the raw SCN (ns since the epoch) or SCN_TO_TIMESTAMP's text.
std::optional<std::int64_t> end_scn(const ViewTable& t, std::size_t r) {
  if (const auto v = to_int(t.cell(r, "END_SCN"))) return *v;
  for (std::string_view col : {"SCN_TO_TIMESTAMP(END_SCN)", "END_SCN_TS", "END_TS"}) {
    std::string_view s = trim(t.cell(r, col));
    if (s.empty()) continue;
    // "2024-03-05 10:21:37.123456789": digits beyond the sixth are dropped (µs is plenty for a 5 s rule).
    std::string micros(s.substr(0, std::min<std::size_t>(s.size(), 26)));
    if (micros.size() == 19) micros += '.';
    while (micros.size() < 26 && micros.size() > 19) micros += '0';
    const auto us = parse_fixed_timestamp(micros);
    if (!us) continue;
    return *us * 1000;
  }
  return std::nullopt;
}

std::string fmt_lag(std::int64_t ns) {
  const double s = static_cast<double>(ns) / 1e9;
  return s >= 120 ? fmt::format("{:.0f} s ({:.1f} min)", s, s / 60) : fmt::format("{:.3f} s", s);
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto p = s.find(sep);
    const std::string_view part = trim(s.substr(0, p));
    if (!part.empty()) out.emplace_back(part);
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return out;
}

}  // namespace

std::vector<std::string> parse_member_list(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string& m : split(text, ',')) {
    // ip:port:timestamp (the timestamp after the last ':'); a bare ip:port is kept as is.
    const auto last = m.rfind(':');
    const auto first = m.find(':');
    if (m.front() == '[') {
      const auto close = m.find(']');
      if (close == std::string::npos) continue;
      const auto ts = m.find(':', m.find(':', close) + 1);
      out.push_back(ts == std::string::npos ? m : m.substr(0, ts));
    } else if (last != std::string::npos && first != last) {
      out.push_back(m.substr(0, last));
    } else {
      out.push_back(m);
    }
  }
  return out;
}

const ServerRow* ClusterState::server(const std::string& addr) const {
  for (const auto& s : servers) {
    if (s.addr == addr) return &s;
  }
  return nullptr;
}

bool ClusterState::unavailable(const std::string& addr) const {
  const ServerRow* s = server(addr);
  if (s == nullptr) return false;  // unknown: OceanBase would not count it as unavailable either
  return s->status == "INACTIVE" || s->status == "DELETING" || s->stopped;
}

ClusterState cluster_state_from_tables(const std::vector<ViewTable>& tables) {
  ClusterState st;
  for (const ViewTable& t : tables) {
    if (t.view != ViewKind::kUnknown) st.columns[t.view].insert(t.columns.begin(), t.columns.end());
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      switch (t.view) {
        case ViewKind::kServers: {
          ServerRow s;
          s.addr = t.row_server(r);
          s.zone = trim(t.cell(r, "ZONE"));
          s.status = upper(trim(t.cell(r, "STATUS")));
          s.stopped = !is_null(t.cell(r, "STOP_TIME"));
          if (!s.addr.empty()) st.servers.push_back(std::move(s));
          break;
        }
        case ViewKind::kZones: {
          ZoneRow z;
          z.zone = trim(t.cell(r, "ZONE"));
          z.region = trim(t.cell(r, "REGION"));
          z.status = upper(trim(t.cell(r, "STATUS")));
          if (!z.zone.empty()) st.zones.push_back(std::move(z));
          break;
        }
        case ViewKind::kTenants: {
          TenantRow tr;
          tr.id = to_int(t.cell(r, "TENANT_ID")).value_or(0);
          tr.name = trim(t.cell(r, "TENANT_NAME"));
          tr.primary_zone = trim(t.cell(r, "PRIMARY_ZONE"));
          const std::string_view prev = trim(t.cell(r, "PREVIOUS_LOCALITY"));
          if (prev != "NULL" && prev != "null") tr.previous_locality = prev;
          st.tenants.push_back(std::move(tr));
          break;
        }
        case ViewKind::kLogStat: {
          LogStatRow l;
          l.tenant = to_int(t.cell(r, "TENANT_ID")).value_or(0);
          l.ls = to_int(t.cell(r, "LS_ID")).value_or(0);
          l.addr = t.row_server(r);
          l.leader = upper(trim(t.cell(r, "ROLE"))) == "LEADER";
          l.members = parse_member_list(t.cell(r, "PAXOS_MEMBER_LIST"));
          l.replica_num = static_cast<int>(to_int(t.cell(r, "PAXOS_REPLICA_NUM")).value_or(0));
          l.end_scn_ns = end_scn(t, r);
          l.line = r < t.row_lines.size() ? t.row_lines[r] : 0;
          if (!l.addr.empty()) st.log_stat.push_back(std::move(l));
          break;
        }
        default: break;
      }
    }
  }
  if (st.servers.empty()) st.notes.emplace_back("no DBA_OB_SERVERS dump: zones and unavailable servers are unknown");
  if (st.zones.empty()) st.notes.emplace_back("no DBA_OB_ZONES dump: stopped zones and regions are unknown");
  if (st.tenants.empty()) st.notes.emplace_back("no DBA_OB_TENANTS dump: locality changes and primary zones are unknown");
  if (st.log_stat.empty()) st.notes.emplace_back("no GV$OB_LOG_STAT dump: leaders, member lists and END_SCN are unknown");
  return st;
}

void apply_timeline_at(ClusterState& st, const Timeline& tl, LocalMicros at, LocalMicros silent_after_us) {
  std::set<std::pair<std::int64_t, std::int64_t>> leaderless;
  for (const auto& w : tl.leaderless) {
    if (w.group.tenant < 0 || w.group.ls < 0) continue;
    if (w.start <= at && (w.open_end || at < w.end)) leaderless.emplace(w.group.tenant, w.group.ls);
  }
  st.leaderless.assign(leaderless.begin(), leaderless.end());
  int moved = 0;
  for (const auto& li : tl.leaders) {
    if (li.layer != LeaderLayer::kElection || li.start > at || (!li.open_end && at >= li.end)) continue;
    const std::string leader = tl.node_of(li.node);
    const bool has_row = std::any_of(st.log_stat.begin(), st.log_stat.end(), [&](const LogStatRow& r) {
      return r.tenant == li.group.tenant && r.ls == li.group.ls && tl.node_of(r.addr) == leader;
    });
    if (!has_row) continue;
    for (auto& r : st.log_stat) {
      if (r.tenant != li.group.tenant || r.ls != li.group.ls) continue;
      const bool now_leader = tl.node_of(r.addr) == leader;
      if (now_leader && !r.leader) ++moved;
      if (now_leader && r.members.empty()) {  // the member list is only certain on the dump's leader row
        for (const auto& other : st.log_stat) {
          if (other.tenant == r.tenant && other.ls == r.ls && !other.members.empty()) r.members = other.members;
        }
      }
      r.leader = now_leader;
    }
  }
  // Silence only means something while others still write: after the end of
  // every log (the capture stopped) nobody is judged.
  LocalMicros latest = std::numeric_limits<LocalMicros>::min();
  for (const auto& [node, last] : tl.last_line) latest = std::max(latest, last);
  std::vector<std::string> silent;
  for (auto& s : st.servers) {
    if (latest < at) break;
    const auto it = tl.last_line.find(tl.node_of(s.addr));
    if (it == tl.last_line.end() || it->second + silent_after_us >= at || s.status == "INACTIVE") continue;
    s.status = "INACTIVE";
    silent.push_back(s.addr);
  }
  st.notes.push_back(fmt::format("at {}: {} log stream(s) without a leader and {} leader(s) moved as the logs show; "
                                 "{} server(s) silent in the logs, taken as INACTIVE{}{}; STOP_TIME, zones and END_SCN "
                                 "as the dumps were saved",
                                 format_timestamp(at), leaderless.size(), moved, silent.size(), silent.empty() ? "" : ": ",
                                 fmt::format("{}", fmt::join(silent, ", "))));
}

std::string isolation_command_sql(IsolationCommand c) {
  switch (c) {
    case IsolationCommand::kStop: return "STOP SERVER";
    case IsolationCommand::kForceStop: return "FORCE STOP SERVER";
    case IsolationCommand::kIsolate: return "ISOLATE SERVER";
  }
  return {};
}

int IsolationAdvice::exit_code() const {
  if (!cannot_judge.empty()) return 3;
  bool stop = false, other = false, unjudged = false;
  for (const auto& c : commands) {
    unjudged = unjudged || !c.judged;
    if (!c.passes) continue;
    (c.command == IsolationCommand::kStop ? stop : other) = true;
  }
  // The strongest command that passes is the answer, but only once the
  // stronger ones were judged; "none passes" only when every one was.
  const bool stop_judged = !commands.empty() && commands.front().judged;
  if (stop) return 0;
  if (!stop_judged) return 3;
  if (other) return 1;
  return unjudged ? 3 : 2;
}

namespace {

using LsKey = std::pair<std::int64_t, std::int64_t>;

std::string zone_of(const ClusterState& st, const std::string& addr) {
  const ServerRow* s = st.server(addr);
  return s != nullptr ? s->zone : std::string();
}

}  // namespace

bool is_target(const std::vector<std::string>& targets, const std::string& addr) {
  return std::find(targets.begin(), targets.end(), addr) != targets.end();
}

MemberSplit split_members(const ClusterState& st, const LogStatRow& leader, const std::vector<std::string>& targets) {
  MemberSplit out;
  for (const auto& m : leader.members) (is_target(targets, m) || st.unavailable(m) ? out.down : out.left).push_back(m);
  return out;
}

SyncCount count_in_sync(const ClusterState& st, const LogStatRow& leader, const std::vector<std::string>& members) {
  SyncCount out;
  for (const auto& m : members) {
    const auto row = std::find_if(st.log_stat.begin(), st.log_stat.end(), [&](const LogStatRow& r) {
      return r.tenant == leader.tenant && r.ls == leader.ls && r.addr == m;
    });
    if (row == st.log_stat.end()) {
      out.behind.push_back(fmt::format("{} (no GV$OB_LOG_STAT row)", m));
    } else if (!row->end_scn_ns || !leader.end_scn_ns) {
      out.behind.push_back(fmt::format("{} (no END_SCN)", m));
    } else if (const std::int64_t lag = *leader.end_scn_ns - *row->end_scn_ns; lag <= kLogInSyncIntervalNs) {
      ++out.in_sync;
    } else {
      out.behind.push_back(fmt::format("{} behind by {}", m, fmt_lag(lag)));
    }
  }
  return out;
}

namespace {

/// -4660: one zone per command, and no other zone already stopped.
void check_zones(const ClusterState& st, const std::vector<std::string>& targets, std::vector<PrecheckError>& out) {
  std::set<std::string> target_zones;
  for (const auto& t : targets) {
    if (const std::string z = zone_of(st, t); !z.empty()) target_zones.insert(z);
  }
  if (target_zones.size() > 1) {
    out.push_back({-4660, "Can not stop server in multiple zones", -1, -1,
                   fmt::format("the servers are in zones {}", fmt::join(target_zones, ", "))});
    return;
  }
  std::set<std::string> other;
  for (const auto& s : st.servers) {
    if (s.stopped && !is_target(targets, s.addr) && !target_zones.contains(s.zone)) {
      other.insert(fmt::format("server {} in {} is stopped", s.addr, s.zone));
    }
  }
  for (const auto& z : st.zones) {
    if (z.status == "INACTIVE" && !target_zones.contains(z.zone)) other.insert(fmt::format("zone {} is stopped", z.zone));
  }
  if (!other.empty()) {
    out.push_back({-4660, "cannot stop server or stop zone in multiple zones", -1, -1, fmt::format("{}", fmt::join(other, "; "))});
  }
}

void check_localities(const ClusterState& st, std::vector<PrecheckError>& out) {
  for (const auto& t : st.tenants) {
    if (t.previous_locality.empty()) continue;
    out.push_back({-4179, fmt::format("Tenant({}) locality is changing, stop server not allowed", t.id), t.id, -1,
                   fmt::format("PREVIOUS_LOCALITY is '{}'", t.previous_locality)});
  }
}

/// Leader, majority and (for STOP) log sync, for every log stream of every tenant.
void check_log_streams(const ClusterState& st, const std::vector<std::string>& targets, bool check_sync,
                       std::vector<PrecheckError>& out) {
  std::map<LsKey, std::vector<const LogStatRow*>> by_ls;
  for (const auto& r : st.log_stat) by_ls[{r.tenant, r.ls}].push_back(&r);
  const std::set<LsKey> leaderless(st.leaderless.begin(), st.leaderless.end());
  for (const auto& [key, rows] : by_ls) {
    const auto [tenant, ls] = key;
    const LogStatRow* leader = nullptr;
    for (const LogStatRow* r : rows) {
      if (r->leader) leader = r;
    }
    if (leader == nullptr || leaderless.contains(key)) {
      out.push_back({-4179, fmt::format("Tenant({}) LS({}) has no leader, stop server not allowed", tenant, ls), tenant, ls,
                     leader == nullptr ? "no LEADER row in GV$OB_LOG_STAT" : "the logs show no leader at that moment"});
      continue;
    }
    if (leader->members.empty() || leader->replica_num <= 0) {
      out.push_back({-4179, fmt::format("Tenant({}) LS({}) has no enough paxos member, stop server not allowed", tenant, ls),
                     tenant, ls, "PAXOS_MEMBER_LIST or PAXOS_REPLICA_NUM is empty on the leader row"});
      continue;
    }
    const int majority = static_cast<int>(quorum::majority(static_cast<std::size_t>(leader->replica_num)));
    const MemberSplit split = split_members(st, *leader, targets);
    if (static_cast<int>(split.left.size()) < majority) {
      out.push_back({-4179,
                     fmt::format("Tenant({}) LS({}) has no enough valid paxos member after stop server, stop server not allowed",
                                 tenant, ls),
                     tenant, ls,
                     fmt::format("{} of {} members left ({}), {} needed; without {}", split.left.size(), leader->members.size(),
                                 fmt::join(split.left, ", "), majority, fmt::join(split.down, ", "))});
      continue;
    }
    if (!check_sync) continue;
    if (!leader->end_scn_ns) {
      out.push_back({-4179, fmt::format("Tenant({}) LS({}) log not sync, stop server not allowed", tenant, ls), tenant, ls,
                     "the leader row has no END_SCN: the log sync check cannot pass (OceanBase reads it too)"});
      continue;
    }
    const SyncCount sync = count_in_sync(st, *leader, split.left);
    if (sync.in_sync < majority) {
      out.push_back({-4179, fmt::format("Tenant({}) LS({}) log not sync, stop server not allowed", tenant, ls), tenant, ls,
                     fmt::format("{} of the remaining members within 5 s of the leader's END_SCN, {} needed; {}", sync.in_sync,
                                 majority, fmt::join(sync.behind, "; "))});
    }
  }
}

/// ISOLATE SERVER: when the isolated servers span zones, no tenant may lose
/// every server of its primary zone's region.
// Returns what it could not read ("" when judged).
std::string check_primary_region(const ClusterState& st, const std::vector<std::string>& targets,
                                 std::vector<PrecheckError>& out) {
  std::set<std::string> isolated(targets.begin(), targets.end());
  for (const auto& s : st.servers) {
    if (s.stopped) isolated.insert(s.addr);
  }
  std::set<std::string> zones;
  for (const auto& a : isolated) zones.insert(zone_of(st, a));
  if (zones.size() < 2) return {};
  if (st.zones.empty() || st.tenants.empty()) {
    return "the servers span zones: the primary-region check needs DBA_OB_ZONES (ZONE, REGION) and DBA_OB_TENANTS "
           "(TENANT_ID, PRIMARY_ZONE)";
  }
  auto region_of = [&](const std::string& zone) -> std::string {
    for (const auto& z : st.zones) {
      if (z.zone == zone) return z.region;
    }
    return {};
  };
  for (const auto& t : st.tenants) {
    const std::string pz = upper(t.primary_zone);
    if (pz.empty() || pz == "RANDOM") continue;
    const std::string first = t.primary_zone.substr(0, t.primary_zone.find(';'));
    std::set<std::string> regions;
    for (const auto& z : split(first, ',')) {
      if (std::string r = region_of(z); !r.empty()) regions.insert(r);
    }
    for (const auto& region : regions) {
      int servers = 0;
      int down = 0;
      for (const auto& s : st.servers) {
        if (region_of(s.zone) != region) continue;
        ++servers;
        if (isolated.contains(s.addr)) ++down;
      }
      if (servers > 0 && down == servers) {
        out.push_back({-4179, "Stop all servers in primary region is not allowed", t.id, -1,
                       fmt::format("all {} servers of region {} (primary zone {} of tenant {}) would be isolated", servers,
                                   region, first, t.id)});
      }
    }
  }
  return {};
}

}  // namespace

IsolationAdvice precheck_isolation(const ClusterState& st, const std::vector<std::string>& targets) {
  IsolationAdvice a;
  a.targets = targets;
  a.notes = st.notes;
  // Never safe from absence: what a precheck cannot read, it does not pass.
  const EvidenceGaps gaps = evidence_gaps(st, targets);
  a.cannot_judge = gaps.all;
  for (IsolationCommand c : {IsolationCommand::kStop, IsolationCommand::kForceStop, IsolationCommand::kIsolate}) {
    CommandAdvice ca;
    ca.command = c;
    std::vector<std::string> missing = gaps.per_command[static_cast<std::size_t>(c)];
    if (c == IsolationCommand::kIsolate) {
      if (std::string gap = check_primary_region(st, targets, ca.errors); !gap.empty()) missing.push_back(std::move(gap));
    } else {
      check_zones(st, targets, ca.errors);
      check_localities(st, ca.errors);
      check_log_streams(st, targets, c == IsolationCommand::kStop, ca.errors);
    }
    if (!a.cannot_judge.empty() || !missing.empty()) {
      ca.judged = false;
      ca.cannot_judge = fmt::format("{}", fmt::join(!missing.empty() ? missing : a.cannot_judge, "; "));
      ca.errors.clear();
      ca.safe_actions = "unknown: the command cannot be judged from the input";
      a.commands.push_back(std::move(ca));
      continue;
    }
    ca.passes = ca.errors.empty();
    ca.may_stop_process = ca.passes && c == IsolationCommand::kStop;
    if (!ca.passes) {
      ca.safe_actions = "none: the command is refused";
    } else if (ca.may_stop_process) {
      ca.safe_actions = "all actions on the isolated node: pstack, log level, stopping or restarting the observer process";
    } else {
      ca.safe_actions = "traffic isolation only: do not stop, kill or restart the observer process on the isolated node";
    }
    a.commands.push_back(std::move(ca));
  }
  return a;
}

std::vector<std::string> advised_servers(const ClusterState& state) {
  std::vector<std::string> out;
  for (const auto& s : state.servers) out.push_back(s.addr);
  if (!out.empty()) return out;
  for (const auto& r : state.log_stat) {  // no DBA_OB_SERVERS: the replicas of the log stat dump
    if (std::find(out.begin(), out.end(), r.addr) == out.end()) out.push_back(r.addr);
  }
  return out;
}

}  // namespace paxray::isolation
