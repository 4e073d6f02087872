// Events from view-dump rows and clockdiff output (see view_dump.h).
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdlib>

#include "paxray/parsers/node_hints.h"
#include "paxray/parsers/view_dump.h"

#include "paxray/parsers/line_cursor.h"

namespace paxray {
namespace {

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc{} || r.ptr == s.data()) return std::nullopt;
  return v;
}

std::string strip_quotes(std::string_view s) {
  while (!s.empty() && s.front() == '"') s.remove_prefix(1);
  while (!s.empty() && s.back() == '"') s.remove_suffix(1);
  return std::string(s);
}

Event base_event(const ViewTable& t, std::size_t r, EventKind kind) {
  Event ev;
  ev.kind = kind;
  ev.file_id = t.file_id;
  ev.line = r < t.row_lines.size() ? t.row_lines[r] : 0;
  ev.node = t.row_server(r);
  ev.ts = kUndated;
  std::string text;
  for (std::size_t c = 0; c < t.columns.size() && c < t.rows[r].size(); ++c) {
    if (t.rows[r][c].empty()) continue;
    if (!text.empty()) text += ", ";
    text += t.columns[c] + "=" + t.rows[r][c];
    if (text.size() > Event::kMaxEvidence) break;
  }
  ev.text = text.substr(0, Event::kMaxEvidence);
  return ev;
}

// Value of the NAMEi/VALUEi pair whose name is `name` (event history rows).
std::string_view named_value(const ViewTable& t, std::size_t r, std::string_view name) {
  for (int i = 1; i <= 6; ++i) {
    if (t.cell(r, fmt::format("NAME{}", i)) == name) return t.cell(r, fmt::format("VALUE{}", i));
  }
  return {};
}

// `value1=1001` / `VALUE2 = 1001` in the pasted query text.
std::optional<std::int64_t> query_value(const std::string& query, std::string_view column) {
  std::string lower = query;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t pos = 0;
  while ((pos = lower.find(column, pos)) != std::string::npos) {
    std::size_t p = pos + column.size();
    if (pos > 0 && (std::isalnum(static_cast<unsigned char>(lower[pos - 1])) || lower[pos - 1] == '_')) {
      pos = p;
      continue;
    }
    while (p < lower.size() && lower[p] == ' ') ++p;
    if (p < lower.size() && lower[p] == '=') {
      ++p;
      while (p < lower.size() && (lower[p] == ' ' || lower[p] == '\'' || lower[p] == '"')) ++p;
      std::size_t e = p;
      while (e < lower.size() && std::isdigit(static_cast<unsigned char>(lower[e]))) ++e;
      if (e > p) return to_int(std::string_view(lower).substr(p, e - p));
    }
    pos = p;
  }
  return std::nullopt;
}

void history_event(const ViewTable& t, std::size_t r, std::vector<Event>& out) {
  const std::string_view module = t.cell(r, "MODULE");
  const std::string_view event = t.cell(r, "EVENT");
  static constexpr std::string_view kElectionEvents[] = {
      "vote", "decentralized to be leader", "directly change leader", "prepare change leader",
      "change leader to revoke", "change leader to takeover", "lease expired to revoke", "witness change leader",
      "change memberlist", "lease expired"};
  bool election = module == "ELECTION";
  if (module.empty()) {  // the guide's query selects no MODULE column
    for (auto e : kElectionEvents) election = election || event == e;
  }
  const EventKind kind = election ? EventKind::history_election
                                  : module == "LOG" ? EventKind::history_log : EventKind::history_server;
  Event ev = base_event(t, r, kind);
  ev.set(Attr::kStatus, event);
  // ELECTION rows: HAPPENED_TIME (value4) is the event time, not the insert time.
  std::string_view happened = named_value(t, r, "HAPPENED_TIME");
  if (happened.empty() && election) happened = t.cell(r, "VALUE4");
  if (auto h = parse_unpadded_timestamp(happened)) {
    ev.ts = *h;
  } else {
    for (std::string_view col : {"TIMESTAMP", "GMT_CREATE"}) {
      if (auto ts = parse_user_timestamp(t.cell(r, col))) {
        ev.ts = *ts;
        break;
      }
    }
  }
  std::string_view tenant = named_value(t, r, "TENANT_ID");
  std::string_view ls = named_value(t, r, "LS_ID");
  if (tenant.empty() && election) tenant = t.cell(r, "VALUE1");
  if (ls.empty() && election) ls = t.cell(r, "VALUE2");
  ev.group.tenant = to_int(tenant).value_or(-1);
  ev.group.ls = to_int(ls).value_or(-1);
  // The guide's query selects neither: it filters on them, so read its WHERE.
  if (ev.group.tenant < 0 && election) ev.group.tenant = query_value(t.query, "value1").value_or(-1);
  if (ev.group.ls < 0 && election) ev.group.ls = query_value(t.query, "value2").value_or(-1);
  std::string_view info = named_value(t, r, "INFO");
  if (info.empty()) info = t.cell(r, "VALUE3");
  if (!info.empty()) ev.set(Attr::kInfo, info);
  if (const auto prev = named_value(t, r, "PREVIOUS"); !prev.empty()) ev.set(Attr::kOldState, prev);
  if (const auto cur = named_value(t, r, "CURRENT"); !cur.empty()) ev.set(Attr::kState, cur);
  if (const auto leader = named_value(t, r, "LEADER"); !leader.empty()) ev.set(Attr::kLeader, strip_quotes(leader));
  if (const auto server = named_value(t, r, "server"); !server.empty()) ev.set(Attr::kServer, strip_quotes(server));
  out.push_back(std::move(ev));
}

void snapshot_event(const ViewTable& t, std::size_t r, EventKind kind, std::vector<Event>& out) {
  Event ev = base_event(t, r, kind);
  // A query that filters on them ("WHERE TENANT_ID = 1") need not select them.
  ev.group.tenant = to_int(t.cell(r, "TENANT_ID")).value_or(query_value(t.query, "tenant_id").value_or(-1));
  ev.group.ls = to_int(t.cell(r, "LS_ID")).value_or(query_value(t.query, "ls_id").value_or(-1));
  auto put = [&](Attr a, std::string_view col) {
    if (const auto v = t.cell(r, col); !v.empty()) ev.set(a, v);
  };
  switch (kind) {
    case EventKind::log_stat_row:
      put(Attr::kRole, "ROLE");
      put(Attr::kEpoch, "PROPOSAL_ID");
      put(Attr::kMembers, "PAXOS_MEMBER_LIST");
      put(Attr::kReplicaNum, "PAXOS_REPLICA_NUM");
      put(Attr::kStatus, "IN_SYNC");
      put(Attr::kLogTime, "END_SCN");
      break;
    case EventKind::ha_diagnose_row:
      put(Attr::kRole, "ELECTION_ROLE");
      put(Attr::kState, "PALF_STATE");
      put(Attr::kOldRole, "PALF_ROLE");
      put(Attr::kTransition, "LOG_HANDLER_TAKEOVER_STATE");
      break;
    case EventKind::server_row:
      put(Attr::kStatus, "STATUS");
      put(Attr::kInfo, "ZONE");
      put(Attr::kLogTime, "STOP_TIME");
      ev.set(Attr::kServer, ev.node);
      break;
    case EventKind::zone_row:
      put(Attr::kStatus, "STATUS");
      put(Attr::kInfo, "ZONE");
      break;
    case EventKind::tenant_row:
      put(Attr::kStatus, "STATUS");
      put(Attr::kInfo, "TENANT_NAME");
      break;
    case EventKind::ls_row: put(Attr::kStatus, "STATUS"); break;
    default: break;
  }
  out.push_back(std::move(ev));
}

int month_of(std::string_view m) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (kMonths[i] == m) return i + 1;
  }
  return 0;
}

// "Tue Mar  5 10:00:00 2024" -> local micros.
std::optional<LocalMicros> ctime_date(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && s[pos] == ' ') ++pos;
    const std::size_t end = s.find(' ', pos);
    if (pos < s.size()) parts.push_back(s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (end == std::string_view::npos) break;
    pos = end;
  }
  if (parts.size() != 5) return std::nullopt;
  const int mon = month_of(parts[1]);
  const auto day = to_int(parts[2]);
  const auto year = to_int(parts[4]);
  if (mon == 0 || !day || !year) return std::nullopt;
  return parse_user_timestamp(fmt::format("{:04}-{:02}-{:02} {}", *year, mon, *day, parts[3]));
}

// "900ms/900ms" or "-12ms" -> microseconds of the first figure.
std::optional<std::int64_t> ms_figure(std::string_view v) {
  const std::size_t ms = v.find("ms");
  if (ms == std::string_view::npos) return std::nullopt;
  std::string_view num = v.substr(0, ms);
  const std::size_t paren = num.find('(');
  if (paren != std::string_view::npos) num = num.substr(0, paren);
  const auto n = to_int(num);
  // A figure that would not fit in microseconds is not a clock offset; a
  // bounded range also keeps the conversion below free of overflow.
  constexpr std::int64_t kMaxMs = std::int64_t{1} << 40;  // ~35 years
  if (!n || *n > kMaxMs || *n < -kMaxMs) return std::nullopt;
  return *n * 1000;
}

}  // namespace

std::optional<LocalMicros> parse_unpadded_timestamp(std::string_view s) noexcept {
  const std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return parse_user_timestamp(s);
  const auto base = parse_user_timestamp(s.substr(0, dot));
  const std::string_view frac = s.substr(dot + 1);
  if (!base || frac.empty() || frac.size() > 6) return std::nullopt;
  std::int64_t us = 0;
  for (char c : frac) {
    if (c < '0' || c > '9') return std::nullopt;
    us = us * 10 + (c - '0');
  }
  return *base + us;
}

void view_events(const ViewTable& t, std::vector<Event>& out) {
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    switch (t.view) {
      case ViewKind::kServerEventHistory: history_event(t, r, out); break;
      case ViewKind::kLogStat: snapshot_event(t, r, EventKind::log_stat_row, out); break;
      case ViewKind::kHaDiagnose: snapshot_event(t, r, EventKind::ha_diagnose_row, out); break;
      // A replica's role when queried: read as GV$OB_LOG_STAT's role column is.
      case ViewKind::kLsLocations: snapshot_event(t, r, EventKind::log_stat_row, out); break;
      case ViewKind::kServers: snapshot_event(t, r, EventKind::server_row, out); break;
      case ViewKind::kZones: snapshot_event(t, r, EventKind::zone_row, out); break;
      case ViewKind::kTenants: snapshot_event(t, r, EventKind::tenant_row, out); break;
      case ViewKind::kLs: snapshot_event(t, r, EventKind::ls_row, out); break;
      case ViewKind::kUnknown: return;
    }
  }
}

std::optional<std::vector<Event>> parse_clockdiff(std::string_view text) {
  std::vector<Event> out;
  std::uint64_t line_no = 0;
  LineCursor lines(text);
  for (std::string_view l; lines.next(l);) {
    ++line_no;
    const std::size_t host = l.find("host=");
    const std::size_t delta = l.find(" delta=");
    if (host == std::string_view::npos || delta == std::string_view::npos) continue;
    auto field = [&](std::size_t at, std::size_t skip) {
      const std::size_t end = l.find(' ', at + skip);
      return l.substr(at + skip, end == std::string_view::npos ? std::string_view::npos : end - at - skip);
    };
    const std::string_view host_v = field(host, 5);
    const auto delta_us = ms_figure(field(delta, 7));
    const std::size_t rtt = l.find(" rtt=");
    const auto rtt_us = rtt == std::string_view::npos ? std::nullopt : ms_figure(field(rtt, 5));
    if (host_v.empty() || !delta_us) continue;
    Event ev;
    ev.kind = EventKind::clockdiff;
    ev.line = line_no;
    ev.ts = kUndated;
    ev.text = std::string(l.substr(0, Event::kMaxEvidence));
    ev.set(Attr::kPeer, host_v);
    ev.set(Attr::kDelta, std::to_string(*delta_us));
    if (rtt_us) ev.set(Attr::kRttUs, std::to_string(*rtt_us));
    // The date clockdiff prints after the figures, when present.
    const std::size_t after = l.find(' ', delta + 7);
    if (after != std::string_view::npos) {
      if (auto when = ctime_date(l.substr(after + 1))) ev.ts = *when;
    }
    out.push_back(std::move(ev));
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace paxray
