#include "context.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "paxray/parsers/node_hints.h"

namespace paxray::rules {

Evidence Context::evidence(std::size_t i) const {
  const Event& ev = tl.events[i];
  Evidence e;
  e.file = ev.file_id < scan.files.size() ? scan.files[ev.file_id].path : std::string();
  e.line = ev.line;
  e.text = ev.text;
  e.node = ev.node;
  e.time = tl.times[i];
  e.folded = ev.folded;
  e.folded_since = tl.covered_from(i);
  return e;
}

std::vector<const LeaderlessWindow*> Context::windows() const {
  std::vector<const LeaderlessWindow*> out;
  for (const auto& w : tl.leaderless) {
    // One still open when the logs end is not an ordinary switch, however short.
    if (w.open_end || w.end - w.start >= static_cast<LocalMicros>(t.min_leaderless_s * kSec)) out.push_back(&w);
  }
  return out;
}

std::vector<std::size_t> Context::events(LocalMicros from, LocalMicros to,
                                         const std::function<bool(const Event&)>& pred) const {
  std::vector<std::size_t> out;
  const auto lo = std::lower_bound(tl.times.begin(), tl.times.end(), from);
  for (auto it = lo; it != tl.times.end() && *it <= to; ++it) {
    const auto i = static_cast<std::size_t>(it - tl.times.begin());
    if (pred(tl.events[i])) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> Context::group_events(const GroupKey& g, LocalMicros from, LocalMicros to,
                                               const std::function<bool(const Event&)>& pred) const {
  std::vector<std::size_t> out;
  const auto it = tl.by_group.find(g);
  if (it == tl.by_group.end()) return out;
  for (std::size_t i : it->second) {
    // A folded run's last event also stands for the events before it.
    if (tl.times[i] >= from && tl.covered_from(i) <= to && pred(tl.events[i])) out.push_back(i);
  }
  return out;
}

std::vector<std::string> Context::members(const GroupKey& g) const { return group_members(tl, g); }

}  // namespace paxray::rules

namespace paxray {

std::vector<std::string> group_members(const Timeline& tl, const GroupKey& g) {
  std::set<std::string> out;
  const auto it = tl.by_group.find(g);
  if (it == tl.by_group.end()) return {};
  for (auto rit = it->second.rbegin(); rit != it->second.rend(); ++rit) {
    const Event& ev = tl.events[*rit];
    const std::string* m = ev.get(Attr::kMembers);
    if (m == nullptr) continue;
    std::stringstream ss(*m);
    for (std::string a; std::getline(ss, a, ',');) {
      // GV$OB_LOG_STAT prints "ip:port:timestamp"; keep "ip:port".
      if (std::count(a.begin(), a.end(), ':') == 2) a = a.substr(0, a.rfind(':'));
      if (looks_like_address(a) || ev.system == System::kEtcd) out.insert(tl.node_of(a, one_node_per_host(ev.system)));  // etcd: member ids
    }
    // An OpenIO member lists its peers, not itself.
    if (ev.system == System::kOpenIO && !ev.node.empty()) out.insert(ev.node);
    break;
  }
  if (out.empty()) {
    for (std::size_t i : it->second) {
      if (!tl.events[i].node.empty()) out.insert(tl.events[i].node);
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace paxray

namespace paxray::rules {

std::optional<LocalMicros> Context::last_line(const std::string& node) const {
  for (const auto& n : scan.nodes) {
    if (n.name == node && n.counts.has_time()) return tl.corrected(node, n.counts.max_ts);
  }
  return std::nullopt;
}

const EtcdLeadership& Context::etcd() const {
  if (!etcd_leadership_) etcd_leadership_ = etcd_leadership(tl);
  return *etcd_leadership_;
}

const LeaderlessWindow* Context::window_overlapping(std::int64_t tenant, LocalMicros from, LocalMicros to) const {
  for (const LeaderlessWindow* w : windows()) {
    if ((tenant < 0 || w->group.tenant == tenant) && w->start <= to && w->end >= from) return w;
  }
  return nullptr;
}

void append_first(std::vector<std::size_t>& ev, const std::vector<std::size_t>& from, std::size_t n) {
  ev.insert(ev.end(), from.begin(), from.begin() + static_cast<std::ptrdiff_t>(std::min(n, from.size())));
}

std::string seconds(LocalMicros us) {
  return us < 10'000'000 ? fmt::format("{:.3f} s", static_cast<double>(us) / 1e6) : fmt::format("{:.1f} s", static_cast<double>(us) / 1e6);
}

// Evidence keeps the order the rule gives (its most telling lines first): the
// terminal shows only the first few.
void add_evidence(Finding& f, const Context& c, const std::vector<std::size_t>& events, std::size_t max) {
  for (std::size_t i : events) {
    if (f.evidence.size() >= max) break;
    const Evidence e = c.evidence(i);
    const bool dup = std::any_of(f.evidence.begin(), f.evidence.end(),
                                 [&](const Evidence& x) { return x.file == e.file && x.line == e.line; });
    if (!dup) f.evidence.push_back(e);
  }
}

Finding new_finding(Cause cause, const GroupKey& g, Severity severity) {
  Finding f;
  f.cause = cause;
  f.system = std::string(system_name(cause_info(cause).system));
  set_group(f, g);
  f.severity = severity;
  return f;
}

void set_group(Finding& f, const GroupKey& g) {
  f.group = g.valid() ? g.name() : (g.tenant >= 0 ? fmt::format("tenant {}", g.tenant) : "cluster");
  if (g.tenant >= 0) f.tenant = g.tenant;
  if (g.ls >= 0) f.ls = g.ls;
}

}  // namespace paxray::rules
