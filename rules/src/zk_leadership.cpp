#include "paxray/rules/zk_leadership.h"

#include <algorithm>
#include <map>

namespace paxray {

std::vector<ZkLeaderPeriod> zk_leader_periods(const Timeline& tl) {
  auto zk = [](const Event& e, EventKind k) { return e.system == System::kZooKeeper && e.kind == k; };
  // A leader serves once it has a quorum; older logs without that line count from LEADING.
  const bool quorum_lines = std::any_of(tl.events.begin(), tl.events.end(), [&](const Event& e) { return zk(e, EventKind::zk_quorum_up); });
  std::vector<ZkLeaderPeriod> periods;
  std::map<std::string, std::size_t> open;  // node -> index in periods
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const Event& e = tl.events[i];
    if (e.system != System::kZooKeeper) continue;
    const std::string* st = zk(e, EventKind::zk_state) ? e.get(Attr::kState) : nullptr;
    const bool leads = quorum_lines ? zk(e, EventKind::zk_quorum_up) : (st && *st == "LEADING");
    const bool stops = (st && *st == "LOOKING") || zk(e, EventKind::zk_leader_shutdown);
    if (stops) {
      if (const auto it = open.find(e.node); it != open.end()) {
        ZkLeaderPeriod& p = periods[it->second];
        p.end = tl.times[i];
        p.end_event = i;
        p.open_end = false;
        open.erase(it);
      }
    } else if (leads && !open.count(e.node)) {
      open[e.node] = periods.size();
      periods.push_back({e.node, tl.times[i], tl.last, true, i, kNoEvent});
    }
  }
  return periods;
}

}  // namespace paxray
