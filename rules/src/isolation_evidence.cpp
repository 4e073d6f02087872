#include "isolation_evidence.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string_view>

#include "paxray/parsers/node_hints.h"

namespace paxray::isolation {
namespace {

constexpr std::size_t kStop = 0, kIsolate = 2;

// One row per (view, columns) a precheck reads, and which commands read it
// (OceanBase 4.2's prechecks, seed oceanbase-node-isolation): the zone and
// stopped-server check (-4660), the locality check and the log-stream leader,
// member and majority checks (-4179), log sync for STOP only. ISOLATE reads
// zones and tenants only when the servers span zones (primary region).
struct ViewNeed {
  ViewKind view;
  std::vector<std::string_view> columns;
  std::array<bool, 3> read_by;  // STOP, FORCE STOP, ISOLATE
};

const std::vector<ViewNeed>& needs() {
  static const std::vector<ViewNeed> kNeeds{
      {ViewKind::kServers, {"SVR_IP", "SVR_PORT", "ZONE", "STATUS", "STOP_TIME"}, {true, true, true}},
      {ViewKind::kZones, {"ZONE", "STATUS"}, {true, true, false}},
      {ViewKind::kTenants, {"TENANT_ID", "PREVIOUS_LOCALITY"}, {true, true, false}},
      {ViewKind::kLogStat, {"TENANT_ID", "LS_ID", "SVR_IP", "SVR_PORT", "ROLE", "PAXOS_MEMBER_LIST", "PAXOS_REPLICA_NUM"}, {true, true, false}},
      {ViewKind::kLogStat, {"END_SCN"}, {true, false, false}},
  };
  return kNeeds;
}

std::string_view ip_of(std::string_view addr) {
  if (!addr.empty() && addr.front() == '[') return addr.substr(0, addr.find(']') + 1);
  return addr.substr(0, addr.rfind(':'));
}

// Up to three servers whose address shares the most with `addr`: the same IP
// first, then the longest common prefix.
std::vector<std::string> closest(const ClusterState& st, const std::string& addr) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& s : st.servers) {
    std::size_t common = 0;
    while (common < s.addr.size() && common < addr.size() && s.addr[common] == addr[common]) ++common;
    scored.emplace_back(ip_of(s.addr) == ip_of(addr) ? 1000 : common, s.addr);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (const auto& [score, a] : scored) {
    if (out.size() == 3 || score == 0) break;
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  return out;
}

}  // namespace

EvidenceGaps evidence_gaps(const ClusterState& st, const std::vector<std::string>& targets) {
  EvidenceGaps g;
  for (const auto& t : targets) {
    if (is_masked_address(t)) {
      g.all.push_back(fmt::format("{} is a masked address: it names no server; give the real IP:PORT", t));
      continue;
    }
    if (st.columns.count(ViewKind::kServers) == 0) continue;  // named below, per command
    const auto n = std::count_if(st.servers.begin(), st.servers.end(), [&](const ServerRow& s) { return s.addr == t; });
    if (n > 1) {
      g.all.push_back(fmt::format("{} matches {} rows of DBA_OB_SERVERS: cannot tell which server it is", t, n));
    } else if (n == 0) {
      const auto near = closest(st, t);
      g.all.push_back(fmt::format("{} is not in DBA_OB_SERVERS{}", t,
                                  near.empty() ? std::string() : fmt::format(" (closest: {})", fmt::join(near, ", "))));
    }
  }
  if (std::any_of(st.servers.begin(), st.servers.end(), [](const ServerRow& s) { return is_masked_address(s.addr); })) {
    g.all.emplace_back("DBA_OB_SERVERS holds masked addresses: zones and stopped servers cannot be matched to members");
  }
  // Per command, per view: the columns its precheck reads, and the gap.
  for (std::size_t c = kStop; c <= kIsolate; ++c) {
    std::vector<std::pair<const ViewNeed*, std::vector<std::string_view>>> wanted;  // view -> columns
    for (const ViewNeed& n : needs()) {
      if (!n.read_by[c]) continue;
      auto it = std::find_if(wanted.begin(), wanted.end(), [&](const auto& w) { return w.first->view == n.view; });
      if (it == wanted.end()) it = wanted.insert(wanted.end(), {&n, {}});
      it->second.insert(it->second.end(), n.columns.begin(), n.columns.end());
    }
    for (const auto& [n, cols] : wanted) {
      const std::string save = fmt::format("save: SELECT {} FROM oceanbase.{}", fmt::join(cols, ", "), view_kind_name(n->view));
      const auto seen = st.columns.find(n->view);
      if (seen == st.columns.end()) {
        g.per_command[c].push_back(fmt::format("no {} dump ({})", view_kind_name(n->view), save));
        continue;
      }
      std::vector<std::string_view> absent;
      for (auto col : cols) {
        if (seen->second.count(std::string(col)) == 0) absent.push_back(col);
      }
      if (!absent.empty()) g.per_command[c].push_back(fmt::format("{} was saved without {} ({})", view_kind_name(n->view), fmt::join(absent, ", "), save));
    }
  }
  return g;
}

}  // namespace paxray::isolation
