// Builds the Timeline: nodes, zones, clock offsets, ordering, indexes; the
// leader intervals are derived in leadership.cpp.
#include "paxray/engine/timeline.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <charconv>
#include <numeric>
#include <set>
#include <stdexcept>

#include "clock_episodes.h"
#include "clock_solver.h"
#include "leadership.h"
#include "paxray/parsers/node_hints.h"
#include "paxray/parsers/view_dump.h"

namespace paxray {
namespace {

constexpr std::int64_t kUs = 1'000'000;
// Uncertainty of the 3.x blacklist clockdiff figure (an RPC round trip).
constexpr std::int64_t kBlacklistClockdiffSlackUs = 100'000;

std::string_view ip_of(std::string_view addr) {
  const std::size_t colon = addr.rfind(':');
  return colon == std::string_view::npos ? addr : addr.substr(0, colon);
}

std::int64_t zone_offset_at(const std::string& zone, LocalMicros when) {
  const date::time_zone* tz = date::locate_zone(zone);  // throws std::runtime_error if unknown
  const date::sys_time<std::chrono::microseconds> t{std::chrono::microseconds{when}};
  return std::chrono::duration_cast<std::chrono::microseconds>(tz->get_info(t).offset).count();
}

// Which lines a clock episode covers: from its first sample to the jump back
// (or its last sample), in the order the node wrote them. By clock alone the
// lines just after a jump back cannot be told from those before it, so the
// order is files by their first line, then lines.
std::vector<std::int64_t> episode_steps(const ScanResult& scan, const std::vector<Event>& events,
                                        const std::vector<std::string>& nodes, const std::vector<FoundEpisode>& episodes) {
  std::vector<std::int64_t> step(events.size(), 0);
  if (episodes.empty()) return step;
  std::vector<std::size_t> by_time(scan.files.size()), rank(scan.files.size());
  std::iota(by_time.begin(), by_time.end(), 0);
  std::stable_sort(by_time.begin(), by_time.end(),
                   [&](std::size_t a, std::size_t b) { return scan.files[a].counts.min_ts < scan.files[b].counts.min_ts; });
  for (std::size_t k = 0; k < by_time.size(); ++k) rank[by_time[k]] = k;
  auto key = [&](std::size_t i) {
    const Event& e = events[i];
    return std::pair{e.file_id < rank.size() ? rank[e.file_id] : rank.size(), e.line};
  };
  for (const FoundEpisode& e : episodes) {
    const auto lo = key(e.first_event);
    const bool jump = e.jump_event != kNoSample;
    const auto hi = key(jump ? e.jump_event : e.last_event);
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i].node != nodes[e.node]) continue;
      const auto k = key(i);
      if (k >= lo && (jump ? k < hi : k <= hi)) step[i] = e.step_us;
    }
  }
  return step;
}

}  // namespace

std::string_view leader_layer_name(LeaderLayer l) noexcept { return l == LeaderLayer::kElection ? "election" : "clog"; }

std::optional<std::int64_t> parse_tz_offset(std::string_view s) noexcept {
  int sign = 1;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon != 3) return std::nullopt;
  int h = 0, m = 0;
  if (std::from_chars(s.data(), s.data() + colon, h).ec != std::errc{} ||
      std::from_chars(s.data() + colon + 1, s.data() + s.size(), m).ec != std::errc{} || h > 14 || m > 59) {
    return std::nullopt;
  }
  return sign * (static_cast<std::int64_t>(h) * 3600 + m * 60) * kUs;
}

LocalMicros Timeline::corrected(const std::string& node, LocalMicros local) const {
  const ClockOffset* c = clock(node);
  const ClockOffset* r = clock(reference);
  if (c == nullptr || r == nullptr) return local;
  return local - c->tz_offset_us - c->offset_us + r->tz_offset_us;
}

const ClockOffset* Timeline::clock(const std::string& node) const {
  const auto it = std::lower_bound(nodes.begin(), nodes.end(), node);
  if (it == nodes.end() || *it != node) return nullptr;
  return &clocks[static_cast<std::size_t>(it - nodes.begin())];
}

std::string Timeline::node_of(std::string_view address, bool same_host) const {
  if (const auto it = aliases.find(std::string(address)); it != aliases.end()) return it->second;
  if (!same_host) return std::string(address);
  // A masked address ("xx.xx.xx.106:2882") is a name of its own: it matches no real address by its IP.
  if (is_masked_address(address)) return std::string(address);
  const std::string_view ip = ip_of(address);
  for (const auto& [addr, node] : aliases) {
    if (ip_of(addr) == ip) return node;
  }
  return std::string(address);
}

Timeline build_timeline(ScanResult& scan, const TimelineOptions& options) {
  Timeline tl;
  std::vector<Event> events = std::move(scan.events);
  scan.events.clear();
  std::vector<bool> row_named(events.size(), false);  // view rows name their own node
  for (std::size_t i = 0; i < events.size(); ++i) {
    Event& ev = events[i];
    row_named[i] = !ev.node.empty();
    if (ev.node.empty() && ev.file_id < scan.files.size()) ev.node = scan.files[ev.file_id].node;
  }

  // Addresses printed in bodies, mapped to the node that printed them. A node
  // named with --node keeps the address its own files prove (header, self)
  // as an alias, so member lists and view rows naming that address are the
  // same node, not a second one.
  for (const auto& n : scan.nodes) {
    if (looks_like_address(n.name)) tl.aliases.emplace(n.name, n.name);
  }
  for (const auto& f : scan.files) {
    if (f.node_source != NodeSource::kOverride) continue;
    if (f.header && looks_like_address(f.header->address)) tl.aliases.emplace(f.header->address, f.node);
    if (f.self_address && looks_like_address(*f.self_address)) tl.aliases.emplace(*f.self_address, f.node);
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string* self = events[i].get(Attr::kSelf);
    // try_emplace: most events repeat an address already known, and emplace
    // would build (and drop) a node for each.
    if (!row_named[i] && self != nullptr && looks_like_address(*self)) tl.aliases.try_emplace(*self, events[i].node);
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!row_named[i]) continue;
    if (const auto it = tl.aliases.find(events[i].node); it != tl.aliases.end()) events[i].node = it->second;
  }

  // A file node whose log lines all name other servers (several ZooKeeper
  // servers interleaved in one file: "[myid:2]") is a container, not a
  // server: the servers are its lines' nodes, each with its own last line.
  // Events come in runs of one file and node: each run is inserted once.
  std::map<std::string, std::set<std::string>> lines_of;  // file node -> nodes its line-log events name
  const Event* run = nullptr;
  for (const auto& ev : events) {
    if (ev.file_id >= scan.files.size() || ev.node.empty() || !is_line_log(scan.files[ev.file_id].kind)) continue;
    if (run != nullptr && run->file_id == ev.file_id && run->node == ev.node) continue;
    run = &ev;
    lines_of[scan.files[ev.file_id].node].insert(ev.node);
  }
  for (const auto& [file_node, servers] : lines_of) {
    if (!file_node.empty() && !servers.count(file_node)) tl.interleaved[file_node].assign(servers.begin(), servers.end());
  }
  std::set<std::string> names;
  for (const auto& n : scan.nodes) {
    if (!tl.interleaved.count(n.name)) names.insert(n.name);
  }
  run = nullptr;
  for (const auto& ev : events) {
    if (ev.node.empty() || (run != nullptr && run->node == ev.node)) continue;  // rows of a file that names no node stay unattributed
    run = &ev;
    names.insert(ev.node);
  }
  tl.nodes.assign(names.begin(), names.end());
  if (tl.nodes.empty()) return tl;
  auto index_of = [&](const std::string& node) -> std::optional<std::size_t> {
    const auto it = std::lower_bound(tl.nodes.begin(), tl.nodes.end(), node);
    if (it == tl.nodes.end() || *it != node) return std::nullopt;
    return static_cast<std::size_t>(it - tl.nodes.begin());
  };
  // The reference is a node whose own logs were read, preferably one whose
  // zone its file header states: a node known only from saved views has no
  // zone of its own, and taking it as the axis would shift every log by the
  // others' zone (8 h for +08:00).
  tl.reference = options.reference;
  for (const bool need_zone : {true, false}) {
    for (const auto& n : scan.nodes) {  // sorted by name
      if (!tl.reference.empty()) break;
      if (n.counts.records > 0 && (!need_zone || !n.tz_offset.empty()) && !tl.interleaved.count(n.name)) tl.reference = n.name;
    }
  }
  if (tl.reference.empty()) tl.reference = tl.nodes.front();
  const auto ref = index_of(tl.reference);
  if (!ref) throw std::invalid_argument("reference node '" + tl.reference + "' is not among the nodes");

  for (const auto& n : tl.nodes) {
    if (looks_like_address(n)) tl.aliases.emplace(n, n);  // nodes known only from view rows
  }

  // Zones.
  tl.clocks.resize(tl.nodes.size());
  // Each node's first and last dated event on its own clock: the zone of
  // --tz NAME is taken at the first; clock episodes are told from constant
  // offsets by both.
  std::vector<LocalMicros> node_first(tl.nodes.size(), std::numeric_limits<LocalMicros>::max());
  std::vector<LocalMicros> node_last(tl.nodes.size(), std::numeric_limits<LocalMicros>::min());
  for (const auto& ev : events) {
    const auto self = ev.ts == kUndated ? std::nullopt : index_of(ev.node);
    if (!self) continue;
    node_first[*self] = std::min(node_first[*self], ev.ts);
    node_last[*self] = std::max(node_last[*self], ev.ts);
  }
  for (std::size_t i = 0; i < tl.nodes.size(); ++i) {
    ClockOffset& c = tl.clocks[i];
    c.node = tl.nodes[i];
    c.tz_source = "none (assumed the reference node's zone)";
    for (const auto& n : scan.nodes) {
      if (n.name != c.node || n.tz_offset.empty()) continue;
      if (auto off = parse_tz_offset(n.tz_offset)) {
        c.tz_offset_us = *off;
        c.tz_source = "file header";
      }
    }
  }
  for (const auto& [node, zone] : options.tz) {
    const auto i = index_of(node);
    if (!i) throw std::invalid_argument("--tz: unknown node '" + node + "'");
    ClockOffset& c = tl.clocks[*i];
    if (auto off = parse_tz_offset(zone)) {
      c.tz_offset_us = *off;
    } else {
      try {
        const LocalMicros first = node_first[*i];
        c.tz_offset_us = zone_offset_at(zone, first != std::numeric_limits<LocalMicros>::max() ? first : 0);
      } catch (const std::exception&) {
        throw std::invalid_argument("--tz: unknown time zone '" + zone + "'");
      }
    }
    c.tz_source = "--tz";
  }
  // A node without a zone is assumed to share the reference's.
  for (auto& c : tl.clocks) {
    if (c.tz_source.rfind("none", 0) == 0) c.tz_offset_us = tl.clocks[*ref].tz_offset_us;
  }

  // Causal pairs -> difference constraints on clock offsets.
  std::vector<ClockConstraint> constraints;
  std::vector<OneWaySample> samples;
  std::vector<int> touched(tl.nodes.size(), 0);
  auto pair = [&](const Event& ev) -> std::optional<std::pair<std::size_t, std::size_t>> {
    const std::string* peer = ev.get(Attr::kPeer);
    if (peer == nullptr) return std::nullopt;
    const auto self = index_of(ev.node);
    const auto other = index_of(tl.node_of(*peer, one_node_per_host(ev.system)));
    if (!self || !other || *self == *other) return std::nullopt;
    ++touched[*self];
    ++touched[*other];
    return std::pair{*other, *self};
  };
  // One-way samples first: those of a clock episode (clock_episodes.h) say
  // nothing about the node's usual offset.
  std::vector<EpisodeSample> timed;
  std::vector<ClockJumpSeen> jumps;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& ev = events[i];
    if (ev.kind == EventKind::packet_fly_slow || (ev.kind == EventKind::elect_message_delay &&
                                                  ev.text.find(" in dest too delay") != std::string::npos)) {
      const auto w = ev.get_int(ev.kind == EventKind::packet_fly_slow ? Attr::kFlyUs : Attr::kDiffUs);
      const auto p = pair(ev);
      if (w && p && ev.ts != kUndated) timed.push_back({p->first, p->second, *w, ev.ts, i});
    } else if (ev.kind == EventKind::clock_out_of_order && ev.ts != kUndated) {
      const auto delta = ev.get_int(Attr::kDelta);
      const auto self = index_of(ev.node);
      if (delta && self) jumps.push_back({*self, ev.ts, *delta, i});
    }
  }
  const std::vector<FoundEpisode> episodes = find_clock_episodes(tl.nodes.size(), timed, jumps, node_first, node_last);
  std::vector<bool> in_episode(timed.size(), false);
  for (const auto& e : episodes) {
    for (std::size_t k : e.samples) in_episode[k] = true;
  }
  for (std::size_t k = 0; k < timed.size(); ++k) {
    if (in_episode[k]) continue;
    constraints.push_back({timed[k].from, timed[k].to, timed[k].value});  // off[receiver] - off[sender] <= w
    samples.push_back({timed[k].from, timed[k].to, timed[k].value});
  }
  for (const auto& ev : events) {
    if (ev.kind == EventKind::clockdiff || ev.kind == EventKind::clock_diff_v3) {
      const auto delta = ev.get_int(Attr::kDelta);  // peer clock - own clock
      const auto p = pair(ev);
      if (!delta || !p) continue;
      const std::int64_t slack =
          ev.kind == EventKind::clockdiff ? ev.get_int(Attr::kRttUs).value_or(0) / 2 + 1'000 : kBlacklistClockdiffSlackUs;
      constraints.push_back({p->second, p->first, *delta + slack});
      constraints.push_back({p->first, p->second, -(*delta - slack)});
    }
  }
  const ClockSolution sol = solve_clock_offsets(tl.nodes.size(), *ref, constraints, samples);
  for (std::size_t i = 0; i < tl.nodes.size(); ++i) {
    ClockOffset& c = tl.clocks[i];
    c.offset_us = sol.offset[i];
    c.lo_us = sol.lo[i];
    c.hi_us = sol.hi[i];
    c.basis = sol.basis[i];
    c.samples = touched[i];
  }
  for (const auto& [node, seconds] : options.clock_offsets) {
    const auto i = index_of(node);
    if (!i) throw std::invalid_argument("--clock-offset: unknown node '" + node + "'");
    if (!(std::fabs(seconds) <= 1e9)) throw std::invalid_argument("--clock-offset: " + node + "'s offset is beyond 10^9 s");
    ClockOffset& c = tl.clocks[*i];
    c.offset_us = static_cast<std::int64_t>(seconds * 1e6);
    c.lo_us = c.hi_us = c.offset_us;
    c.basis = "--clock-offset";
  }

  // The observation window is the extent of the logs, not of the events: a
  // leader lost for good stays leaderless until the last line of any node.
  bool any = false;
  auto widen = [&](LocalMicros lo, LocalMicros hi) {
    tl.first = any ? std::min(tl.first, lo) : lo;
    tl.last = any ? std::max(tl.last, hi) : hi;
    any = true;
  };
  for (const auto& n : scan.nodes) {
    if (!n.counts.has_time()) continue;
    widen(tl.corrected(n.name, n.counts.min_ts), tl.corrected(n.name, n.counts.max_ts));
    if (tl.interleaved.count(n.name)) continue;  // its servers' own last lines are set below
    tl.last_line[n.name] = tl.corrected(n.name, n.counts.max_ts);
    tl.logged.insert(n.name);
  }
  run = nullptr;
  for (const auto& ev : events) {
    if (ev.file_id >= scan.files.size() || ev.node.empty() || (run != nullptr && run->node == ev.node)) continue;
    const LogKind k = scan.files[ev.file_id].kind;
    if (is_line_log(k) || ev.kind == EventKind::oio_election_member) {
      tl.logged.insert(ev.node);
      run = &ev;
    }
  }
  const std::vector<std::int64_t> step = episode_steps(scan, events, tl.nodes, episodes);
  std::vector<LocalMicros> t(events.size());
  run = nullptr;
  LocalMicros shift = 0;  // corrected(node, ts) - ts, the same for a run of one node
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].ts == kUndated) continue;
    if (run == nullptr || run->node != events[i].node) {
      run = &events[i];
      shift = tl.corrected(run->node, 0);
    }
    t[i] = events[i].ts + shift - step[i];
    widen(t[i], t[i]);
  }
  // A server of an interleaved file was last heard of at its last event there.
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& ev = events[i];
    if (ev.ts == kUndated || ev.file_id >= scan.files.size() || !tl.interleaved.count(scan.files[ev.file_id].node)) continue;
    auto [it, fresh] = tl.last_line.emplace(ev.node, t[i]);
    if (!fresh) it->second = std::max(it->second, t[i]);
  }
  // Snapshot rows (GV$OB_LOG_STAT, DBA_OB_SERVERS, ...) describe the state when
  // they were queried: after the logs.
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].ts == kUndated) t[i] = tl.last;
  }

  // Order on the corrected axis; ties keep node, file and line order.
  std::vector<std::size_t> order(events.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (t[a] != t[b]) return t[a] < t[b];
    if (events[a].node != events[b].node) return events[a].node < events[b].node;
    if (events[a].file_id != events[b].file_id) return events[a].file_id < events[b].file_id;
    return events[a].line < events[b].line;
  });
  tl.events.reserve(events.size());
  tl.times.reserve(events.size());
  for (std::size_t i : order) {
    tl.events.push_back(std::move(events[i]));
    tl.times.push_back(t[i]);
  }
  std::vector<std::size_t> moved_to(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) moved_to[order[k]] = k;
  for (const FoundEpisode& e : episodes) {
    ClockEpisode c;
    c.step_us = e.step_us;
    c.samples = static_cast<int>(e.samples.size());
    c.peers = e.peers;
    c.ended_by_jump = e.jump_event != kNoSample;
    for (std::size_t k : e.samples) c.evidence.push_back(moved_to[timed[k].event]);
    if (c.ended_by_jump) c.evidence.push_back(moved_to[e.jump_event]);
    c.start = tl.times[moved_to[e.first_event]];
    c.end = tl.times[moved_to[c.ended_by_jump ? e.jump_event : e.last_event]];
    c.basis = fmt::format("{} one-way samples with {} peer(s) agree on {:+.3f} s{}", c.samples, c.peers,
                          static_cast<double>(e.step_us) / 1e6,
                          c.ended_by_jump ? fmt::format("; `clock out of order` (delta {:+.3f} s) ends it",
                                                        static_cast<double>(e.jump_delta_us) / 1e6)
                                          : "; its end is its last sample");
    tl.clocks[e.node].episodes.push_back(std::move(c));
  }
  for (auto& clock : tl.clocks) {
    std::sort(clock.episodes.begin(), clock.episodes.end(), [](const ClockEpisode& a, const ClockEpisode& b) { return a.start < b.start; });
  }
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    if (tl.events[i].group.valid()) tl.by_group[tl.events[i].group].push_back(i);
    tl.by_node[tl.events[i].node].push_back(i);
  }
  derive_leadership(tl);
  return tl;
}

}  // namespace paxray
