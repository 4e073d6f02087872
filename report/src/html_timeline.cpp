// The report's timeline as inline SVG (readable without JavaScript): one lane
// per log stream (election leader intervals coloured by node, clog leader as a
// thin bar, leaderless windows shaded) and one lane per node with markers for
// the events that matter. Markers are aggregated per pixel column, so the
// drawing stays the same size with 100 events or 100,000.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "html_escape.h"
#include "html_sections.h"
#include "paxray/parsers/timestamp.h"

namespace paxray::html {
namespace {

constexpr int kLeft = 190;
constexpr int kPlot = 880;
constexpr int kBuckets = 220;  // marker columns across the plot
constexpr std::size_t kMaxGroupLanes = 14;

constexpr std::array<const char*, 9> kNodeColors{"#4e79a7", "#59a14f", "#edc948", "#b07aa1", "#76b7b2",
                                                 "#ff9da7", "#9c755f", "#bab0ac", "#f28e2b"};

struct MarkerClass {
  const char* name;
  const char* color;
};
constexpr std::array<MarkerClass, 7> kClasses{{{"lease expiry / revoke", "#e15759"},
                                               {"takeover", "#2ca02c"},
                                               {"disk / memory full", "#f28e2b"},
                                               {"role-change service", "#1f77b4"},
                                               {"clock", "#9467bd"},
                                               {"-4038 / not master", "#8c564b"},
                                               {"slow logging", "#7f7f7f"}}};

int marker_class(EventKind k) {
  switch (k) {
    case EventKind::elect_lease_expired:
    case EventKind::elect_leader_revoked:
    case EventKind::elect_change_leader_revoke:
    case EventKind::elect3_lease_expired:
    case EventKind::elect3_leader_revoke: return 0;
    case EventKind::elect_takeover:
    case EventKind::elect_change_leader_takeover:
    case EventKind::reconfirm_finished: return 1;
    case EventKind::log_disk_full:
    case EventKind::disk_hung:
    case EventKind::memory_limit:
    case EventKind::memstore_limit:
    case EventKind::alloc_failed: return 2;
    case EventKind::rcs_begin:
    case EventKind::rcs_end:
    case EventKind::rcs_failed: return 3;
    case EventKind::clock_out_of_order:
    case EventKind::clock_hw_skew:
    case EventKind::clock_diff_v3:
    case EventKind::elect3_message_not_in_time: return 4;
    case EventKind::not_master: return 5;
    case EventKind::slow_logging: return 6;
    default: return -1;
  }
}

}  // namespace

std::string timeline_svg(const ReportInput& in) {
  const Timeline& tl = in.tl;
  const LocalMicros t0 = tl.first;
  const LocalMicros t1 = std::max(tl.last, t0 + 1);
  auto x = [&](LocalMicros t) {
    const double f = static_cast<double>(std::clamp(t, t0, t1) - t0) / static_cast<double>(t1 - t0);
    return kLeft + f * kPlot;
  };
  std::map<std::string, std::size_t> node_color;
  for (std::size_t i = 0; i < tl.nodes.size(); ++i) node_color[tl.nodes[i]] = i % kNodeColors.size();

  // Lanes: log streams with a window or a finding first, then the rest.
  std::vector<GroupKey> groups;
  std::set<GroupKey> seen;
  for (const auto& w : tl.leaderless) {
    if (seen.insert(w.group).second) groups.push_back(w.group);
  }
  for (const auto& [g, idx] : tl.by_group) {
    if (seen.insert(g).second) groups.push_back(g);
  }
  const std::size_t hidden = groups.size() > kMaxGroupLanes ? groups.size() - kMaxGroupLanes : 0;
  groups.resize(std::min(groups.size(), kMaxGroupLanes));

  const int lane_h = 24;
  const int top = 34;
  const int groups_h = static_cast<int>(groups.size()) * lane_h;
  const int nodes_top = top + groups_h + 26;
  const int node_h = 30;
  const int height = nodes_top + static_cast<int>(tl.nodes.size()) * node_h + 50;
  std::string s = fmt::format(
      "<svg id=\"timeline-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-label=\"timeline\" font-family=\"sans-serif\" font-size=\"11\">\n",
      kLeft + kPlot + 20, height, kLeft + kPlot + 20, height);

  // Time axis.
  for (int i = 0; i <= 6; ++i) {
    const LocalMicros t = t0 + (t1 - t0) * i / 6;
    const double px = x(t);
    s += fmt::format("<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" stroke=\"#ddd\"/>", px, top - 6, px, height - 40);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{}</text>\n", px, top - 10,
                     esc(format_timestamp(t).substr(11, 12)));
  }

  // Log-stream lanes.
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const GroupKey& g = groups[gi];
    const int y = top + static_cast<int>(gi) * lane_h;
    s += fmt::format("<text x=\"4\" y=\"{}\">{}</text>", y + 15, esc(g.name()));
    for (const auto& l : tl.leaders) {
      if (!(l.group == g)) continue;
      const bool clog = l.layer == LeaderLayer::kClog;
      const double x0 = x(l.start), x1 = std::max(x(l.end), x0 + 1);
      s += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"><title>{} leader {}: {} .. {}</title></rect>",
                       x0, clog ? y + 17 : y + 3, x1 - x0, clog ? 4 : 13, kNodeColors[node_color[l.node]],
                       clog ? "clog" : "election", esc(l.node), esc(format_timestamp(l.start)),
                       l.open_end ? "end of logs" : esc(format_timestamp(l.end)));
    }
    for (const auto& w : tl.leaderless) {
      if (!(w.group == g)) continue;
      const double x0 = x(w.start), x1 = std::max(x(w.end), x0 + 2);
      s += fmt::format("<rect class=\"leaderless\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"#e15759\" "
                       "fill-opacity=\"0.35\" stroke=\"#e15759\"><title>no {} leader: {} .. {} (last {})</title></rect>",
                       x0, y + 1, x1 - x0, lane_h - 2, leader_layer_name(w.layer), esc(format_timestamp(w.start)),
                       w.open_end ? "still none at the end of the logs (" + esc(format_timestamp(w.end)) + ")"
                                  : esc(format_timestamp(w.end)) + fmt::format(", {:.3f} s", static_cast<double>(w.end - w.start) / 1e6),
                       esc(w.last_leader));
    }
    s += "\n";
  }
  if (hidden > 0) {
    s += fmt::format("<text x=\"4\" y=\"{}\" fill=\"#777\">+{} more log streams (no leaderless window) not drawn</text>\n",
                     top + groups_h + 14, hidden);
  }

  // Node lanes: markers aggregated per pixel column and class.
  std::map<std::pair<std::string, int>, std::vector<int>> buckets;
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const int cls = marker_class(tl.events[i].kind);
    if (cls < 0) continue;
    auto& v = buckets[{tl.events[i].node, cls}];
    if (v.empty()) v.assign(kBuckets, 0);
    const auto b = static_cast<std::size_t>(std::min<double>(kBuckets - 1, (x(tl.times[i]) - kLeft) / kPlot * kBuckets));
    ++v[b];
  }
  for (std::size_t ni = 0; ni < tl.nodes.size(); ++ni) {
    const std::string& node = tl.nodes[ni];
    const int y = nodes_top + static_cast<int>(ni) * node_h;
    s += fmt::format("<rect x=\"2\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"16\" y=\"{}\">{}</text>", y + 6,
                     kNodeColors[ni % kNodeColors.size()], y + 15, esc(node));
    s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ccc\"/>", kLeft, y + node_h - 4, kLeft + kPlot,
                     y + node_h - 4);
    for (int cls = 0; cls < static_cast<int>(kClasses.size()); ++cls) {
      const auto it = buckets.find({node, cls});
      if (it == buckets.end()) continue;
      for (int b = 0; b < kBuckets; ++b) {
        const int n = it->second[static_cast<std::size_t>(b)];
        if (n == 0) continue;
        const int h = std::min(node_h - 6, 4 + static_cast<int>(std::log2(n + 1) * 4));
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"3\" height=\"{}\" fill=\"{}\"><title>{}: {} event(s)</title></rect>",
                         kLeft + static_cast<double>(b) * kPlot / kBuckets, y + node_h - 4 - h, h, kClasses[cls].color,
                         kClasses[cls].name, n);
      }
    }
    s += "\n";
  }

  // Legend.
  int lx = kLeft;
  const int ly = height - 18;
  for (const auto& c : kClasses) {
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>", lx, ly - 8,
                     c.color, lx + 12, ly, c.name);
    lx += 12 + static_cast<int>(std::string_view(c.name).size()) * 6 + 12;
  }
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"#e15759\" fill-opacity=\"0.35\"/><text x=\"{}\" y=\"{}\">no leader</text>",
                   4, ly - 8, 16, ly);
  s += "</svg>\n";
  return s;
}

}  // namespace paxray::html
