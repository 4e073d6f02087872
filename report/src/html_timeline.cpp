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
#include "paxray/parsers/fnv.h"
#include "paxray/parsers/timestamp.h"
#include "paxray/parsers/etcd.h"
#include "paxray/rules/etcd_leadership.h"
#include "paxray/rules/zk_leadership.h"

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
  const char* color;  // none of the node colours: a marker is never taken for a node
};
constexpr std::array<MarkerClass, 8> kClasses{{{"leader lost (lease expiry, revoke, shutdown)", "#d62728"},
                                               {"leader up (takeover, quorum)", "#17becf"},
                                               {"election (ZooKeeper LOOKING, etcd candidate)", "#bcbd22"},
                                               {"disk / memory full or slow", "#8c2d04"},
                                               {"role-change service", "#393b79"},
                                               {"clock", "#9467bd"},
                                               {"-4038 / not master", "#222222"},
                                               {"slow logging", "#7f7f7f"}}};

bool zk_state_is(const Event& e, std::string_view state) {
  const std::string* s = e.kind == EventKind::zk_state ? e.get(Attr::kState) : nullptr;
  return s != nullptr && *s == state;
}

int marker_class(const Event& e) {
  switch (e.kind) {
    case EventKind::elect_lease_expired:
    case EventKind::elect_leader_revoked:
    case EventKind::elect_change_leader_revoke:
    case EventKind::elect3_lease_expired:
    case EventKind::elect3_leader_revoke:
    case EventKind::zk_leader_shutdown:
    case EventKind::zk_quorum_timeout:
    case EventKind::zk_follower_exception:
    case EventKind::oio_election_failed:
    case EventKind::oio_election_timeout:
    case EventKind::etcd_lost_leader:
    case EventKind::etcd_quorum_inactive:
    case EventKind::etcd_heartbeat_late: return 0;
    case EventKind::elect_takeover:
    case EventKind::elect_change_leader_takeover:
    case EventKind::reconfirm_finished:
    case EventKind::zk_quorum_up:
    case EventKind::etcd_elected: return 1;
    case EventKind::etcd_election: return 2;
    case EventKind::zk_state: return zk_state_is(e, "LOOKING") ? 2 : -1;
    case EventKind::log_disk_full:
    case EventKind::disk_hung:
    case EventKind::memory_limit:
    case EventKind::memstore_limit:
    case EventKind::alloc_failed:
    case EventKind::etcd_alarm:
    case EventKind::etcd_slow_fdatasync:
    case EventKind::etcd_apply_slow: return 3;
    case EventKind::rcs_begin:
    case EventKind::rcs_end:
    case EventKind::rcs_failed: return 4;
    case EventKind::clock_out_of_order:
    case EventKind::clock_hw_skew:
    case EventKind::clock_diff_v3:
    case EventKind::elect3_message_not_in_time:
    case EventKind::etcd_clock_drift: return 5;
    case EventKind::not_master: return 6;
    case EventKind::slow_logging: return 7;
    default: return -1;
  }
}


}  // namespace

std::string evidence_anchor(std::string_view file, std::uint64_t line) {
  return fmt::format("ev-{:08x}-{}", fnv1a64(file) & 0xffffffffu, line);
}

std::string finding_span_anchor(std::size_t n) { return fmt::format("span-{}", n + 1); }

std::string timeline_svg(const ReportInput& in) { return timeline_svg(in, in.tl.first, in.tl.last, true); }

std::string timeline_svg(const ReportInput& in, LocalMicros from, LocalMicros to, bool whole) {
  const Timeline& tl = in.tl;
  const LocalMicros t0 = from;
  const LocalMicros t1 = std::max(to, t0 + 1);
  auto inside = [&](LocalMicros a, LocalMicros b) { return b >= t0 && a <= t1; };
  auto x = [&](LocalMicros t) {
    const double f = static_cast<double>(std::clamp(t, t0, t1) - t0) / static_cast<double>(t1 - t0);
    return kLeft + f * kPlot;
  };
  const EtcdLeadership lead = etcd_leadership(tl);  // etcd members' names for their lanes, and the terms
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

  // Markers aggregated per pixel column and class, counted first: the legend
  // names only the classes drawn, and its rows set the height.
  // The lines the findings cite: a marker whose events include one links to its row.
  std::set<std::string> cited;
  for (const Finding& f : in.diagnosis.findings) {
    for (const Evidence& e : f.evidence) cited.insert(evidence_anchor(e.file, e.line));
    for (const Finding& c : f.consequences) {
      for (const Evidence& e : c.evidence) cited.insert(evidence_anchor(e.file, e.line));
    }
  }
  auto anchor_of = [&](const Event& e) {
    return e.file_id < in.scan.files.size() ? evidence_anchor(in.scan.files[e.file_id].path, e.line) : std::string();
  };
  struct Column {
    int count = 0;
    std::size_t first = 0, last = 0;  // events, for the tooltip
    std::string link;                 // the first cited line among them
  };
  std::map<std::pair<std::string, int>, std::vector<Column>> buckets;
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const int cls = marker_class(tl.events[i]);
    if (cls < 0) continue;
    // A folded run's last request stands for those before it: a mark each.
    for (const LocalMicros t : tl.all_times(i)) {
      if (!inside(t, t)) continue;
      auto& v = buckets[{tl.events[i].node, cls}];
      if (v.empty()) v.assign(kBuckets, Column{});
      const auto b = static_cast<std::size_t>(std::min<double>(kBuckets - 1, (x(t) - kLeft) / kPlot * kBuckets));
      if (v[b].count++ == 0) v[b].first = i;
      v[b].last = i;
      if (v[b].link.empty() && !cited.empty()) {
        if (std::string a = anchor_of(tl.events[i]); cited.count(a) > 0) v[b].link = std::move(a);
      }
    }
  }
  std::set<int> drawn;
  for (const auto& [key, v] : buckets) drawn.insert(key.second);
  auto legend_width = [](int cls) { return 12 + static_cast<int>(std::string_view(kClasses[static_cast<std::size_t>(cls)].name).size()) * 6 + 12; };
  int legend_rows = 1;
  for (int lx = kLeft; int cls : drawn) {
    if (lx + legend_width(cls) > kLeft + kPlot) {
      ++legend_rows;
      lx = kLeft;
    }
    lx += legend_width(cls);
  }
  // ZooKeeper servers' states are drawn in their lanes: one more legend row says how.
  bool zk_states = false;
  for (std::size_t i = 0; i < tl.events.size() && !zk_states; ++i) {
    zk_states = tl.events[i].kind == EventKind::zk_state && inside(tl.times[i], tl.times[i]);
  }
  if (zk_states) ++legend_rows;
  // Faults drawn in node lanes (a finding naming nodes, or a clock episode): a legend row says how.
  bool faults = std::any_of(in.diagnosis.findings.begin(), in.diagnosis.findings.end(), [](const Finding& f) { return !f.nodes.empty(); });
  for (const ClockOffset& c : tl.clocks) faults = faults || !c.episodes.empty();
  if (faults) ++legend_rows;
  const int lane_h = 24;
  const int top = 34;
  const int groups_h = static_cast<int>(groups.size()) * lane_h;
  // The findings' spans, one thin row each, above the lanes: a finding links to its row.
  const std::size_t spans = whole ? std::min(in.diagnosis.findings.size(), kMaxFindingSpans) : 0;
  const int spans_h = spans > 0 ? 8 * static_cast<int>(spans) + 8 : 0;
  const int lanes_top = top + spans_h;
  const int nodes_top = lanes_top + groups_h + 26;
  const int node_h = 30;
  const int height = nodes_top + static_cast<int>(tl.nodes.size()) * node_h + 36 + 16 * legend_rows;
  std::string s = fmt::format(
      "<svg {} xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-label=\"timeline\" font-family=\"sans-serif\" font-size=\"11\" data-t0=\"{}\" data-t1=\"{}\" "
      "data-left=\"{}\" data-plot=\"{}\">\n",
      whole ? "id=\"timeline-svg\"" : "class=\"zoomed\"", kLeft + kPlot + 20, height, kLeft + kPlot + 20, height, t0, t1, kLeft,
      kPlot);

  // Time axis: ticks at round times (every 1, 2, 5, 10, 15 or 30 of a unit),
  // labelled only as finely as the step needs.
  static constexpr std::array<LocalMicros, 26> kSteps{
      1'000,          2'000,          5'000,          10'000,         20'000,        50'000,        100'000,
      200'000,        500'000,        1'000'000,      2'000'000,      5'000'000,     10'000'000,    15'000'000,
      30'000'000,     60'000'000,     120'000'000,    300'000'000,    600'000'000,   900'000'000,   1'800'000'000,
      3'600'000'000,  7'200'000'000,  21'600'000'000, 43'200'000'000, 86'400'000'000};
  LocalMicros step = kSteps.back();
  for (const LocalMicros st : kSteps) {
    if ((t1 - t0) / st <= 8) {
      step = st;
      break;
    }
  }
  const std::size_t label_from = t1 - t0 > 86'400'000'000 ? 5 : 11;  // with the date once the axis spans days
  const std::size_t label_len = step < 1'000'000 ? 12 : step < 60'000'000 ? 8 : 5;
  for (LocalMicros t = (t0 / step + (t0 % step != 0 ? 1 : 0)) * step; t <= t1; t += step) {
    const double px = x(t);
    s += fmt::format("<line class=\"tick\" x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" stroke=\"#ddd\"/>", px, top - 6, px, height - 40);
    const std::string label = format_timestamp(t).substr(label_from, (label_from == 5 ? 6 : 0) + label_len);
    s += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{}</text>\n", px, top - 10, esc(label));
  }

  if (spans > 0) s += fmt::format("<text x=\"4\" y=\"{}\">findings</text>", top + 7);
  for (std::size_t k = 0; k < spans; ++k) {
    const Finding& f = in.diagnosis.findings[k];
    const double x0 = x(f.start), x1 = std::max(x(f.end), x0 + 2);
    const char* color = f.severity == Severity::kCritical ? "#d62728" : f.severity == Severity::kWarning ? "#f28e2b" : "#999999";
    s += fmt::format("<rect id=\"{}\" class=\"span\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"6\" fill=\"{}\"><title>{}. {}: {} "
                     "({} .. {})</title></rect>",
                     finding_span_anchor(k), x0, top + 8 * static_cast<int>(k), x1 - x0, color, k + 1, esc(f.id()),
                     esc_cut(f.summary, 300), esc(format_timestamp(f.start)), esc(format_timestamp(f.end)));
  }
  s += "\n";

  // Log-stream lanes.
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const GroupKey& g = groups[gi];
    const int y = lanes_top + static_cast<int>(gi) * lane_h;
    s += fmt::format("<text x=\"4\" y=\"{}\">{}</text>", y + 15, esc(g.name()));
    // A leader's bar (coloured by node) and a window without one (shaded
    // across the lane), whatever the system; `title` is escaped already.
    auto bar = [&](LocalMicros a, LocalMicros b, const std::string& node, int dy, int h, const std::string& title) {
      if (!inside(a, b)) return;
      const double x0 = x(a), x1 = std::max(x(b), x0 + 1);
      s += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>", x0, y + dy,
                       x1 - x0, h, kNodeColors[node_color[node]], title);
    };
    auto band = [&](LocalMicros a, LocalMicros b, const std::string& title) {
      if (!inside(a, b)) return;
      const double x0 = x(a), x1 = std::max(x(b), x0 + 2);
      s += fmt::format("<rect class=\"leaderless\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"#e15759\" "
                       "fill-opacity=\"0.35\" stroke=\"#e15759\"><title>{}</title></rect>",
                       x0, y + 1, x1 - x0, lane_h - 2, title);
    };
    auto until = [&](LocalMicros t, bool open_end) { return open_end ? std::string("end of logs") : esc(format_timestamp(t)); };
    for (const auto& l : tl.leaders) {
      if (!(l.group == g)) continue;
      const bool clog = l.layer == LeaderLayer::kClog;
      bar(l.start, l.end, l.node, clog ? 17 : 3, clog ? 4 : 13,
          fmt::format("{} leader {}: {} .. {}", clog ? "clog" : "election", esc(l.node), esc(format_timestamp(l.start)), until(l.end, l.open_end)));
    }
    if (g.tenant < 0 && g.ls < 0 && g.name() == "ensemble") {  // ZooKeeper: its leaders, and the gaps between them
      const std::vector<ZkLeaderPeriod> bars = zk_leader_periods(tl);
      for (std::size_t k = 0; k < bars.size(); ++k) {
        const ZkLeaderPeriod& b = bars[k];
        bar(b.start, b.end, b.node, 3, 13,
            fmt::format("leader {}: {} .. {}", esc(b.node), esc(format_timestamp(b.start)), until(b.end, b.open_end)));
        const LocalMicros next = k + 1 < bars.size() ? bars[k + 1].start : tl.last;
        if (!b.open_end && next > b.end) {
          band(b.end, next, fmt::format("no leader with a quorum: {} .. {} ({:.3f} s)", esc(format_timestamp(b.end)),
                                        esc(format_timestamp(next)), static_cast<double>(next - b.end) / 1e6));
        }
      }
    }
    if (g.label == kEtcdGroup) {  // etcd: each leader's term, and the outages a quorum felt
      for (const EtcdTerm& t : lead.terms) {
        bar(t.start, t.end, t.leader, 3, 13,
            fmt::format("leader {}, term {}: {} .. {}", esc(lead.label(t.leader)), t.term, esc(format_timestamp(t.start)),
                        until(t.end, t.open_end)));
      }
      for (const EtcdOutage& o : lead.outages) {
        band(o.start, o.end,
             fmt::format("no leader a quorum follows: {} .. {} ({:.3f} s; had {}){}", esc(format_timestamp(o.start)),
                         esc(format_timestamp(o.end)), static_cast<double>(o.end - o.start) / 1e6, esc(lead.label(o.old_leader)),
                         o.shutdown_event != kNoEvent ? ", stopped on purpose" : ""));
      }
    }
    for (const auto& w : tl.leaderless) {
      if (!(w.group == g)) continue;
      band(w.start, w.end,
           fmt::format("no {} leader: {} .. {} (last {})", leader_layer_name(w.layer), esc(format_timestamp(w.start)),
                       w.open_end ? "still none at the end of the logs (" + esc(format_timestamp(w.end)) + ")"
                                  : esc(format_timestamp(w.end)) + fmt::format(", {:.3f} s", static_cast<double>(w.end - w.start) / 1e6),
                       esc(w.last_leader)));
    }
    s += "\n";
  }
  if (hidden > 0) {
    s += fmt::format("<text x=\"4\" y=\"{}\" fill=\"#777\">+{} more log streams (no leaderless window) not drawn</text>\n",
                     lanes_top + groups_h + 14, hidden);
  }

  // Node lanes: markers aggregated per pixel column and class (above).
  for (std::size_t ni = 0; ni < tl.nodes.size(); ++ni) {
    const std::string& node = tl.nodes[ni];
    const int y = nodes_top + static_cast<int>(ni) * node_h;
    s += fmt::format("<rect x=\"2\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"16\" y=\"{}\">{}</text>", y + 6,
                     kNodeColors[ni % kNodeColors.size()], y + 15, esc(lead.label(node)));
    s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ccc\"/>", kLeft, y + node_h - 4, kLeft + kPlot,
                     y + node_h - 4);
    // The faults the findings name, as intervals on the nodes they concern
    // (roots and their consequences), and the clock's episodes apart.
    auto fault_bar = [&](LocalMicros a, LocalMicros b, const char* color, const std::string& title) {
      if (!inside(a, b)) return;
      const double x0 = x(a), x1 = std::max(x(b), x0 + 2);
      s += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"5\" fill=\"{}\" fill-opacity=\"0.6\"><title>{}</title></rect>",
                       x0, y + node_h - 12, x1 - x0, color, title);
    };
    auto fault_color = [](Cause c) {
      const std::string_view id = cause_id(c);
      if (id.find("clock") != std::string_view::npos) return "#9467bd";
      if (id.find("disk") != std::string_view::npos || id.find("memory") != std::string_view::npos || id.find("space") != std::string_view::npos) {
        return "#8c2d04";
      }
      if (id.find("partition") != std::string_view::npos || id.find("unreachable") != std::string_view::npos) return "#d62728";
      return "#ff7f0e";
    };
    auto draw_faults = [&](const Finding& f) {
      if (std::find(f.nodes.begin(), f.nodes.end(), node) == f.nodes.end()) return;
      std::string what;
      for (const auto& [k, v] : f.detail) {
        if (k == "direction" || k == "offset_s" || k == "step_s" || k == "stalled_s" || k == "slowest_ms" || k == "sub_cause") {
          what += (what.empty() ? "" : ", ") + k + "=" + v;
        }
      }
      fault_bar(f.start, f.end, fault_color(f.cause),
                fmt::format("{} on {}{}{}: {} .. {}", esc(f.id()), esc(lead.label(node)), what.empty() ? "" : " (", esc(what) + (what.empty() ? "" : ")"),
                            esc(format_timestamp(f.start)), esc(format_timestamp(f.end))));
    };
    for (const Finding& f : in.diagnosis.findings) {
      draw_faults(f);
      for (const Finding& c : f.consequences) draw_faults(c);
    }
    if (ni < tl.clocks.size()) {
      for (const ClockEpisode& e : tl.clocks[ni].episodes) {
        fault_bar(e.start, e.end, "#9467bd",
                  fmt::format("clock {:+.3f} s apart: {} .. {} ({})", static_cast<double>(e.step_us) / 1e6, esc(format_timestamp(e.start)),
                              esc(format_timestamp(e.end)), esc(e.basis)));
      }
    }
    // A ZooKeeper server in its own terms: LOOKING / FOLLOWING / LEADING /
    // OBSERVING from each state line to the next (or the end of its log).
    if (const auto bn = tl.by_node.find(node); bn != tl.by_node.end()) {
      std::size_t since = kNoEvent;
      auto state_bar = [&](std::size_t i, LocalMicros until_t) {
        const std::string* st = tl.events[i].get(Attr::kState);
        if (st == nullptr || !inside(tl.times[i], until_t)) return;
        const char* color = *st == "LEADING" ? kNodeColors[ni % kNodeColors.size()] : *st == "FOLLOWING" ? "#9aa5b1" : *st == "LOOKING" ? "#bcbd22" : "#c7c7c7";
        const double x0 = x(tl.times[i]), x1 = std::max(x(until_t), x0 + 1);
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"5\" fill=\"{}\"><title>{} {}: {} .. {}</title></rect>", x0,
                         y + 3, x1 - x0, color, esc(lead.label(node)), esc(*st), esc(format_timestamp(tl.times[i])),
                         esc(format_timestamp(until_t)));
      };
      const auto last = tl.last_line.find(node);
      for (std::size_t i : bn->second) {
        if (tl.events[i].kind != EventKind::zk_state || tl.events[i].get(Attr::kState) == nullptr) continue;
        if (since != kNoEvent) state_bar(since, tl.times[i]);
        since = i;
      }
      if (since != kNoEvent) state_bar(since, last != tl.last_line.end() ? last->second : tl.last);
    }
    for (int cls = 0; cls < static_cast<int>(kClasses.size()); ++cls) {
      const auto it = buckets.find({node, cls});
      if (it == buckets.end()) continue;
      for (int b = 0; b < kBuckets; ++b) {
        const Column& col = it->second[static_cast<std::size_t>(b)];
        if (col.count == 0) continue;
        const int h = std::min(node_h - 6, 4 + static_cast<int>(std::log2(col.count + 1) * 4));
        const Event& first = tl.events[col.first];
        const std::string when = col.count == 1 ? format_timestamp(tl.times[col.first]).substr(11)
                                                : format_timestamp(tl.times[col.first]).substr(11) + " .. " +
                                                      format_timestamp(tl.times[col.last]).substr(11);
        const std::size_t slash = first.file_id < in.scan.files.size() ? in.scan.files[first.file_id].path.find_last_of('/') : std::string::npos;
        const std::string file = first.file_id < in.scan.files.size()
                                     ? in.scan.files[first.file_id].path.substr(slash == std::string::npos ? 0 : slash + 1)
                                     : std::string();
        if (!col.link.empty()) s += fmt::format("<a href=\"#{}\">", col.link);  // to the evidence row it is
        s += fmt::format("<rect class=\"mk\" x=\"{:.1f}\" y=\"{}\" width=\"3\" height=\"{}\" fill=\"{}\"><title>{} on {}: {} event(s), {}; "
                         "first {}:{} ({}){}</title></rect>",
                         kLeft + static_cast<double>(b) * kPlot / kBuckets, y + node_h - 4 - h, h, kClasses[cls].color,
                         kClasses[cls].name, esc(node), col.count, esc(when), esc(file), first.line, esc(event_kind_name(first.kind)),
                         col.link.empty() ? "" : "; click: its evidence");
        if (!col.link.empty()) s += "</a>";
      }
    }
    s += "\n";
  }

  // Legend: the marker classes this report draws, in rows.
  int lx = kLeft;
  int ly = height - 2 - 16 * legend_rows + 14;
  const int first_row = ly;
  for (int cls : drawn) {
    const MarkerClass& c = kClasses[static_cast<std::size_t>(cls)];
    if (lx + legend_width(cls) > kLeft + kPlot) {
      lx = kLeft;
      ly += 16;
    }
    s += fmt::format("<rect class=\"key\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>", lx, ly - 8,
                     c.color, lx + 12, ly, c.name);
    lx += legend_width(cls);
  }
  s += fmt::format("<rect class=\"key\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"#e15759\" fill-opacity=\"0.35\"/><text x=\"{}\" y=\"{}\">no leader</text>",
                   4, first_row - 8, 16, first_row);
  if (faults) {
    ly += 16;
    s += fmt::format("<text x=\"{}\" y=\"{}\">low in a node's lane, a fault a finding names there (hover for it):</text>"
                     "<rect class=\"key\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"#9467bd\"/><text x=\"{}\" y=\"{}\">clock</text>"
                     "<rect class=\"key\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"#8c2d04\"/><text x=\"{}\" y=\"{}\">disk / memory</text>"
                     "<rect class=\"key\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"#d62728\"/><text x=\"{}\" y=\"{}\">partition</text>"
                     "<rect class=\"key\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"#ff7f0e\"/><text x=\"{}\" y=\"{}\">other</text>",
                     kLeft, ly, kLeft + 370, ly - 8, kLeft + 382, ly, kLeft + 430, ly - 8, kLeft + 442, ly, kLeft + 530, ly - 8,
                     kLeft + 542, ly, kLeft + 610, ly - 8, kLeft + 622, ly);
  }
  if (zk_states) {
    ly += 16;
    s += fmt::format("<text x=\"{}\" y=\"{}\">ZooKeeper server, thin bar in its lane:</text>"
                     "<rect class=\"key\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"#bcbd22\"/><text x=\"{}\" y=\"{}\">LOOKING</text>"
                     "<rect class=\"key\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\" fill=\"#9aa5b1\"/><text x=\"{}\" y=\"{}\">FOLLOWING</text>"
                     "<text x=\"{}\" y=\"{}\">LEADING: in the server's colour</text>",
                     kLeft, ly, kLeft + 220, ly - 8, kLeft + 232, ly, kLeft + 300, ly - 8, kLeft + 312, ly, kLeft + 390, ly);
  }
  s += "</svg>\n";
  return s;
}

}  // namespace paxray::html
