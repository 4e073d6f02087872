// Resource causes: clog disk full, tenant memory full, dropped objects.
#include <fmt/format.h>

#include <map>
#include <set>

#include "context.h"

namespace paxray::rules {
namespace {

// Groups events by tenant and builds one finding per tenant.
template <class Describe>
void per_tenant(const Context& c, const std::vector<std::size_t>& ev, Cause cause, Describe describe, std::vector<Finding>& out) {
  std::map<std::int64_t, std::vector<std::size_t>> by_tenant;
  for (std::size_t i : ev) by_tenant[c.tl.events[i].group.tenant].push_back(i);
  for (const auto& [tenant, list] : by_tenant) {
    Finding f;
    f.cause = cause;
    set_group(f, GroupKey{tenant, -1, -1, -1, {}});
    std::set<std::string> nodes;
    for (std::size_t i : list) nodes.insert(c.tl.events[i].node);
    f.nodes.assign(nodes.begin(), nodes.end());
    f.start = c.tl.times[list.front()];
    f.end = c.tl.times[list.back()];
    const LeaderlessWindow* w = c.window_overlapping(tenant, f.start - 300 * kSec, f.end + 60 * kSec);
    f.severity = w ? Severity::kCritical : Severity::kWarning;
    f.summary = describe(f, list, w);
    add_evidence(f, c, list);
    out.push_back(std::move(f));
  }
}

}  // namespace

// Log disk above log_disk_utilization_limit_threshold: writes stop and the
// replica cannot be leader (guide: "Clog disk is full").
void rule_clog_disk_full(const Context& c, std::vector<Finding>& out) {
  const auto ev = c.events(c.tl.first, c.tl.last, [&](const Event& e) {
    if (e.kind != EventKind::log_disk_full) return false;
    const auto used = e.get_int(Attr::kUsedPct);
    const std::string* ret = e.get(Attr::kRet);
    return (used && static_cast<double>(*used) >= c.t.log_disk_limit_pct) || (ret && *ret == "-4264") ||
           (!used && e.text.find("Log out of disk space") != std::string::npos);
  });
  per_tenant(
      c, ev, Cause::kClogDiskFull,
      [&](Finding& f, const std::vector<std::size_t>& list, const LeaderlessWindow* w) {
        std::string used;
        if (const auto u = c.tl.events[list.back()].get_int(Attr::kUsedPct)) used = fmt::format(" ({}% used)", *u);
        f.detail.emplace_back("limit_pct", fmt::format("{}", c.t.log_disk_limit_pct));
        return fmt::format("Log disk full on {}{}: log writes stopped, so its replicas cannot be leader{}", fmt::join(f.nodes, ", "),
                           used, w ? fmt::format("; {} lost its leader", w->group.name()) : "");
      },
      out);
}

// MemTable / tenant memory full: followers refuse logs, the leader cannot reach
// a majority (guide: "Tenant memory is full").
void rule_tenant_memory_full(const Context& c, std::vector<Finding>& out) {
  const auto ev = c.events(c.tl.first, c.tl.last, [](const Event& e) {
    if (e.kind == EventKind::memstore_limit) return true;
    if (e.kind == EventKind::memory_limit) {
      const auto hold = e.get_int(Attr::kTenantHold), limit = e.get_int(Attr::kTenantLimit);
      return hold && limit && *limit > 0 && *hold >= *limit;
    }
    const std::string* r = e.get(Attr::kReason);
    return e.kind == EventKind::alloc_failed && r && r->find("tenant memory has reached the upper limit") != std::string::npos;
  });
  per_tenant(
      c, ev, Cause::kTenantMemoryFull,
      [&](Finding& f, const std::vector<std::size_t>&, const LeaderlessWindow* w) {
        return fmt::format("{} memory full on {}: its replicas stop accepting logs{}", f.group, fmt::join(f.nodes, ", "),
                           w ? fmt::format(", so {} could not keep a leader", w->group.name()) : "");
      },
      out);
}

// A dropped tenant, table or partition: replicas stop at different times; a
// last leader that cannot get votes lets its lease expire (guide).
// A DBA_OB_LS / CDB_OB_LS row whose log stream is being dropped (the LS
// status strings of the reference, rootservice §2.1).
bool ls_being_dropped(const Event& e) {
  if (e.kind != EventKind::ls_row) return false;
  const std::string* s = e.get(Attr::kStatus);
  if (s == nullptr) return false;
  for (std::string_view st : {"DROPPING", "TENANT_DROPPING", "PRE_TENANT_DROPPING", "WAIT_OFFLINE", "DROPPED"}) {
    if (*s == st) return true;
  }
  return false;
}

void rule_object_deleted(const Context& c, std::vector<Finding>& out) {
  // Drop lines in the logs, and saved DBA_OB_LS rows of log streams being
  // dropped (undated: a view says what held when it was queried).
  const auto drops = c.events(c.tl.first, c.tl.last, [](const Event& e) { return e.kind == EventKind::drop_object || ls_being_dropped(e); });
  if (drops.empty()) return;
  std::map<std::int64_t, std::vector<std::size_t>> by_tenant;
  for (std::size_t i : drops) {
    const Event& e = c.tl.events[i];
    std::int64_t tenant = e.group.tenant;
    if (const std::string* o = e.get(Attr::kObject); o && o->rfind("tenant ", 0) == 0) tenant = std::stoll(o->substr(7));
    by_tenant[tenant].push_back(i);
  }
  for (const auto& [tenant, list] : by_tenant) {
    Finding f;
    f.cause = Cause::kObjectDeleted;
    set_group(f, GroupKey{tenant, -1, -1, -1, {}});
    std::vector<std::size_t> dated;
    for (std::size_t i : list) {
      if (c.tl.events[i].ts != kUndated) dated.push_back(i);
    }
    // A view alone dates nothing: the outage it explains is the tenant's first leaderless window.
    f.start = dated.empty() ? c.tl.first : c.tl.times[dated.front()];
    f.end = dated.empty() ? c.tl.last : c.tl.times[dated.back()];
    const LeaderlessWindow* w = c.window_overlapping(tenant, f.start - 60 * kSec, c.tl.last);
    if (dated.empty() && w != nullptr) f.start = f.end = w->start;
    std::set<std::string> objects, nodes;
    for (std::size_t i : list) {
      const Event& e = c.tl.events[i];
      if (const std::string* o = e.get(Attr::kObject)) objects.insert(*o);
      if (e.kind == EventKind::ls_row) {
        objects.insert(fmt::format("LS {} {} in DBA_OB_LS", e.group.ls, *e.get(Attr::kStatus)));
      }
      if (!e.node.empty()) nodes.insert(e.node);
    }
    f.nodes.assign(nodes.begin(), nodes.end());
    // A copy: clang 14 (the fuzz preset) cannot capture a structured binding.
    const std::int64_t tenant_id = tenant;
    auto stopped = c.events(f.start - 60 * kSec, c.tl.last, [&](const Event& e) {
      return e.kind == EventKind::elect_stopped && e.group.tenant == tenant_id;
    });
    std::vector<std::size_t> ev = list;
    ev.insert(ev.end(), stopped.begin(), stopped.end());
    // A view names no server: the replicas whose election stopped are where it shows.
    if (nodes.empty()) {
      for (std::size_t i : stopped) nodes.insert(c.tl.events[i].node);
      f.nodes.assign(nodes.begin(), nodes.end());
    }
    f.severity = w ? Severity::kCritical : Severity::kInfo;
    f.summary = fmt::format("{} was dropped ({}){}", f.group, fmt::join(objects, ", "),
                            w ? fmt::format("; its replicas stopped at different times and {} was left without a leader", w->group.name())
                              : "");
    if (w) {
      f.start = std::min(f.start, w->start);
      f.end = w->end;
    }
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

}  // namespace paxray::rules
