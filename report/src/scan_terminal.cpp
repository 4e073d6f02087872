#include <fmt/format.h>
#include <fmt/ranges.h>

#include "paxray/parsers/timestamp.h"
#include "paxray/rules/isolation.h"
#include "paxray/rules/etcd_leadership.h"
#include "error_codes.h"
#include "paxray/report/scan_report.h"

#include <algorithm>
#include <set>
#include <vector>

namespace paxray {
namespace {

// Log text may carry terminal escape sequences; show control bytes as '?'.
std::string sanitize(std::string_view s, std::size_t max = 160) {
  std::string out;
  out.reserve(std::min(s.size(), max) + 3);
  for (std::size_t i = 0; i < s.size() && i < max; ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    out.push_back(u < 0x20 || u == 0x7f ? '?' : s[i]);
  }
  if (s.size() > max) out += "...";
  return out;
}

std::string grouped(std::uint64_t n) {
  std::string digits = fmt::format("{}", n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string human_bytes(std::uint64_t b) {
  if (b < 1024) return fmt::format("{} B", b);
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(b);
  int u = -1;
  while (v >= 1024 && u < 3) {
    v /= 1024;
    ++u;
  }
  return fmt::format("{:.1f} {}", v, units[u]);
}

std::string range(const LineCounts& c) {
  if (!c.has_time()) return "no timestamps";
  return format_timestamp(c.min_ts) + " .. " + format_timestamp(c.max_ts);
}

struct Paint {
  bool on;
  std::string bold(std::string_view s) const { return on ? fmt::format("\x1b[1m{}\x1b[0m", s) : std::string(s); }
  std::string red(std::string_view s) const { return on ? fmt::format("\x1b[31m{}\x1b[0m", s) : std::string(s); }
  std::string yellow(std::string_view s) const { return on ? fmt::format("\x1b[33m{}\x1b[0m", s) : std::string(s); }
};

std::string levels_line(const LineCounts& c) {
  std::string out;
  for (int i = 0; i < kLevelCount; ++i) {
    const auto n = c.by_level[static_cast<std::size_t>(i)];
    if (n == 0) continue;
    if (!out.empty()) out += "  ";
    out += fmt::format("{} {}", level_name(static_cast<Level>(i)), grouped(n));
  }
  return out.empty() ? "none" : out;
}

}  // namespace

bool read_oceanbase(const Timeline& tl) {
  return std::any_of(tl.events.begin(), tl.events.end(), [](const Event& e) { return e.system == System::kOceanBase; });
}

// The part of a log line that says something: after OceanBase's prefix
// ("... [lt=12][errcode=-4038] "), ZooKeeper's ("...@128] - ") or etcd's; the time
// and node are printed beside it, the file and line name the rest.
std::string_view message_of(std::string_view text) {
  if (const auto lt = text.find("[lt="); lt != std::string_view::npos) {
    std::size_t at = text.find(']', lt);
    if (at != std::string_view::npos && text.substr(at + 1, 9) == "[errcode=") at = text.find(']', at + 1);
    if (at != std::string_view::npos) {
      text.remove_prefix(at + 1);
      while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
      return text;
    }
  }
  if (const auto dash = text.find("] - "); dash != std::string_view::npos && dash < 200) return text.substr(dash + 4);
  // etcd: zap's "msg" and the fields after it; capnslog's text after "W | ".
  if (const auto msg = text.find("\"msg\":\""); msg != std::string_view::npos && msg < 200) {
    text.remove_prefix(msg + 7);
    if (text.size() >= 2 && text.substr(text.size() - 2) == "\"}") text.remove_suffix(2);
    return text;
  }
  if (const auto bar = text.find(" | "); bar != std::string_view::npos && bar < 40) return text.substr(bar + 3);
  return text;
}

void print_evidence(std::FILE* out, const Evidence& e, const char* indent, const TerminalStyle& style) {
  const std::size_t slash = e.file.find_last_of('/');
  const std::string where = fmt::format("{}> {} {}:{}  {}  ", indent, sanitize(e.node.empty() ? "-" : e.node),
                                        sanitize(slash == std::string::npos ? e.file : e.file.substr(slash + 1)), e.line,
                                        format_timestamp(e.time).substr(11)) +
                            (e.folded > 0 ? fmt::format("(and {} like it since {})  ", e.folded, format_timestamp(e.folded_since).substr(11))
                                          : std::string());
  const std::string_view msg = message_of(e.text);
  if (style.verbose) {
    fmt::print(out, "{}{}\n", where, sanitize(msg, 4000));
    return;
  }
  // Room for the message beside its location: it fits the terminal, "..." included.
  constexpr std::size_t kMinRoom = 60;
  if (style.width >= where.size() + kMinRoom) {
    fmt::print(out, "{}{}\n", where, sanitize(msg, style.width - where.size() - 3));
    return;
  }
  // A narrow terminal: the location on its own line, the message under it in
  // at most two lines that fit (-v shows it whole).
  fmt::print(out, "{}\n", std::string_view(where).substr(0, where.find_last_not_of(' ') + 1));
  const std::string pad(std::string_view(indent).size() + 2, ' ');
  const std::size_t cap = style.width > pad.size() + 20 ? style.width - pad.size() : 20;
  if (msg.size() <= cap) {
    fmt::print(out, "{}{}\n", pad, sanitize(msg, cap));
    return;
  }
  // Break at a space near the end of the first line rather than in a word.
  std::size_t cut = cap;
  if (const std::size_t sp = msg.substr(0, cap).rfind(' '); sp != std::string_view::npos && sp + 25 >= cap) cut = sp + 1;
  fmt::print(out, "{}{}\n{}{}\n", pad, sanitize(msg.substr(0, cut), cap), pad, sanitize(msg.substr(cut), cap - 3));
}

std::string replay_text(const ReplayVerdict& v) {
  if (v.status == "not_applicable") return "not applicable: " + v.reason;
  if (v.status == "not_modelled") return "not modelled: " + v.reason;
  std::string out;
  if (!v.observed_start.empty()) {
    out = fmt::format("{}: observed {:.1f} s without a leader from {}, the core predicts {:.1f} s from {}", v.status, v.observed_s,
                      v.observed_start.substr(11), v.predicted_length_s, v.predicted_start.substr(11));
  } else {
    out = fmt::format("{}: observed {:.1f} s without a leader, the core predicts {:.1f} s", v.status, v.observed_s, v.predicted_s);
  }
  out += fmt::format("; leader present {:.0f}% of the window with this cause, {:.0f}% without ({} seeds)", v.p_leader_with * 100,
                     v.p_leader_without * 100, v.seeds);
  if (v.baseline_s >= 0.05) {
    out += fmt::format("; {:.1f} s would remain with every cause removed (a step-down the logs give no cause for)", v.baseline_s);
  }
  if (!v.minimal_set.empty()) out += "; removing " + v.minimal_set + " restores the leader";
  if (!v.reason.empty()) out += "; " + v.reason;
  return out;
}

std::string coverage_note(const Diagnosis& d) {
  if (d.members_missing.empty()) return {};
  return fmt::format("logs of {} of {} members missing ({})", d.members_missing.size(), d.members_known,
                     fmt::join(d.members_missing, ", "));
}

std::string verdict_line(const ReportInput& in) {
  const Diagnosis& d = in.diagnosis;
  const auto& t = in.scan.totals;
  const std::string missing = coverage_note(d);
  if (d.outcome == Outcome::kInconclusive) {
    return fmt::format("INCONCLUSIVE: {}; nothing can be said about the leaders", d.inconclusive_reason);
  }
  std::vector<const Finding*> serious;
  for (const auto& f : d.findings) {
    if (f.severity != Severity::kInfo) serious.push_back(&f);
  }
  if (serious.empty()) {
    std::string info;
    for (const auto& f : d.findings) info += (info.empty() ? "" : ", ") + std::string(f.id());
    const std::size_t nodes = in.tl.last_line.size();
    return fmt::format("OK: no leader problem found in what was read: {} records from {} node{}, {}{}{}", grouped(t.records), nodes,
                       nodes == 1 ? "" : "s", range(t), missing.empty() ? "" : "; " + missing,
                       info.empty() ? "" : " (info: " + info + ")");
  }
  const Finding& top = *serious.front();
  // Not recovered: a group still without a leader when the logs end.
  std::string still_open;
  std::set<std::string> open_groups;
  for (const auto& w : in.tl.leaderless) {
    if (!w.open_end || !open_groups.insert(w.group.name()).second) continue;
    if (open_groups.size() == 1) still_open = fmt::format("; {} still without a leader at the end of the logs ({})", w.group.name(), format_timestamp(w.end));
  }
  if (open_groups.size() > 1) still_open += fmt::format(" (and {} more group{})", open_groups.size() - 1, open_groups.size() == 2 ? "" : "s");
  // The other roots by cause, each with the groups it hit ("majority_down on T1 LS1, T1003 LS1001").
  std::vector<std::pair<std::string_view, std::vector<std::string>>> by_cause;
  for (std::size_t i = 1; i < serious.size(); ++i) {
    auto it = std::find_if(by_cause.begin(), by_cause.end(), [&](const auto& b) { return b.first == serious[i]->id(); });
    if (it == by_cause.end()) it = by_cause.insert(by_cause.end(), {serious[i]->id(), {}});
    if (std::find(it->second.begin(), it->second.end(), serious[i]->group) == it->second.end()) it->second.push_back(serious[i]->group);
  }
  std::string others;
  for (const auto& [cause, groups] : by_cause) {
    others += fmt::format("{}{}{}", others.empty() ? "" : "; ", cause, groups.empty() ? "" : fmt::format(" on {}", fmt::join(groups, ", ")));
  }
  std::string explains;
  for (const Cause x : top.explains) explains += (explains.empty() ? "" : ", ") + std::string(cause_id(x));
  return fmt::format("{}{}: {} [{}]{}{}{}{}", d.worst() == Severity::kCritical ? "CRITICAL" : "WARNING", top.suspected ? " (suspected)" : "",
                     top.summary, top.id(), explains.empty() ? "" : "; this explains " + explains,
                     others.empty() ? "" : "; also " + others, still_open, missing.empty() ? "" : "; " + missing);
}

/// With saved DBA_OB_SERVERS / GV$OB_LOG_STAT views: one line per server on
/// which isolation command would pass (prechecks only; isolate-check adds the
/// stop-anyway replay).
void print_isolation(std::FILE* out, const ReportInput& in, const Paint& p) {
  if (in.isolation == nullptr) return;
  const isolation::FleetAdvice& fleet = *in.isolation;
  const isolation::ClusterState& st = fleet.state;
  if (st.servers.empty() || st.log_stat.empty()) return;
  fmt::print(out, "\n{}\n", p.bold("Isolating one server now (saved views; `paxray isolate-check --server` for the details)"));
  // What the saved views lack is the same for every server: said once.
  std::set<std::string> reasons;
  for (const auto& sa : fleet.servers) {
    const isolation::IsolationAdvice& a = sa.advice;
    reasons.insert(a.commands.empty() || a.commands.front().judged ? std::string() : a.commands.front().cannot_judge);
  }
  if (reasons.size() == 1 && !reasons.begin()->empty()) {
    fmt::print(out, "  STOP SERVER cannot be judged for any server: {}\n", sanitize(*reasons.begin(), 1200));
    return;
  }
  for (std::size_t i = 0; i < fleet.servers.size(); ++i) {
    if (i == 16) {
      fmt::print(out, "  ... {} more servers\n", fleet.servers.size() - 16 + fleet.more);
      break;
    }
    const isolation::IsolationAdvice& a = fleet.servers[i].advice;
    std::string line;
    for (const auto& c : a.commands) {
      line += fmt::format("{}{} {}", line.empty() ? "" : "; ", isolation::isolation_command_sql(c.command),
                          !c.judged ? "cannot be judged (" + c.cannot_judge + ")"
                          : c.passes ? "passes"
                                     : "refused (" + c.errors.front().message + ")");
      if (c.passes || !c.judged) break;  // the strongest command that passes (or cannot be judged) is the answer
    }
    if (a.replayed && !a.majority_loss.empty()) line += fmt::format("; stopping it anyway loses {} log stream(s)' majority", a.majority_loss.size());
    fmt::print(out, "  {:<21} {}\n", sanitize(fleet.servers[i].addr), sanitize(line, 600));
  }
}

void print_scan_summary(std::FILE* out, const ReportInput& in, const TerminalStyle& style) {
  const ScanResult& r = in.scan;
  const Timeline& tl = in.tl;
  const Paint p{style.color};
  const auto& t = r.totals;
  {
    const std::string v = verdict_line(in);
    const Severity worst = in.diagnosis.worst();
    fmt::print(out, "{}\n", worst == Severity::kCritical ? p.red(sanitize(v, 600))
                             : worst == Severity::kWarning ? p.yellow(sanitize(v, 600))
                                                           : sanitize(v, 600));
  }
  if (!in.diagnosis.findings.empty()) {
    fmt::print(out, "\n{}\n", p.bold("Findings"));
    for (const auto& f : in.diagnosis.findings) {
      fmt::print(out, "  [{}{}] {}  {}  {} .. {}\n    {}\n", severity_name(f.severity), f.suspected ? ", suspected" : "", f.id(),
                 sanitize(f.group), format_timestamp(f.start), format_timestamp(f.end), sanitize(f.summary, 600));
      if (f.suspected) fmt::print(out, "    would decide it: {}\n", sanitize(f.would_decide, 600));
      for (const auto& [k, v] : f.detail) fmt::print(out, "    {}: {}\n", sanitize(k), sanitize(v, 300));
      const std::size_t shown = style.verbose ? f.evidence.size() : std::min<std::size_t>(3, f.evidence.size());
      for (std::size_t k = 0; k < shown; ++k) print_evidence(out, f.evidence[k], "    ", style);
      if (shown < f.evidence.size()) {
        fmt::print(out, "    ... {} more evidence lines (-v shows them; --json, --html)\n", f.evidence.size() - shown);
      }
      // What the root explains: one line each, with its first evidence line.
      for (const Finding& x : f.consequences) {
        fmt::print(out, "    consequence [{}] {}  {}  {} .. {}: {}\n", severity_name(x.severity), x.id(), sanitize(x.group),
                   format_timestamp(x.start), format_timestamp(x.end), sanitize(x.summary, 400));
        const std::size_t lines = style.verbose ? x.evidence.size() : std::min<std::size_t>(1, x.evidence.size());
        for (std::size_t k = 0; k < lines; ++k) print_evidence(out, x.evidence[k], "      ", style);
      }
      fmt::print(out, "    fix: {}\n", sanitize(f.remediation, 600));
      if (f.replay) fmt::print(out, "    replay: {}\n", replay_text(*f.replay));
    }
  }
  if (!in.diagnosis.checklist.empty()) {
    fmt::print(out, "\n{}\n", p.bold("Checklist (bottom up, as the guide orders it)"));
    for (const auto& e : in.diagnosis.checklist) {
      fmt::print(out, "  {}\n    1. election leader: {}\n    2. clog leader:     {}\n    3. RoleChangeService: {}\n", e.group.name(),
                 sanitize(e.election_leader, 300), sanitize(e.clog_leader, 300), sanitize(e.rcs, 300));
    }
  }
  print_isolation(out, in, p);
  // The thresholds are the OceanBase guide's: said only where they were used.
  if (read_oceanbase(in.tl)) {
    std::string list;
    for (const auto& [name, value] : in.thresholds.list()) list += fmt::format("{}{}={}", list.empty() ? "" : " ", name, value);
    fmt::print(out, "\n{} {}\n", p.bold("Thresholds:"), list);
  }
  fmt::print(out, "\n");
  fmt::print(out, "{} {} files, {} ({} on disk), {} records from {} node{}\n", p.bold("Input:"),
             r.files.size(), human_bytes(r.bytes), human_bytes(r.raw_bytes), grouped(t.records), r.nodes.size(),
             r.nodes.size() == 1 ? "" : "s");
  fmt::print(out, "  time range  {}\n", range(t));
  if (t.filtered > 0) fmt::print(out, "  outside --since/--until: {} records\n", grouped(t.filtered));
  fmt::print(out, "  levels      {}\n", levels_line(t));

  fmt::print(out, "\n{}\n", p.bold("Nodes"));
  for (const auto& n : r.nodes) {
    std::string extra;
    if (!n.aliases.empty()) extra += " (" + sanitize(fmt::format("{}", fmt::join(n.aliases, ", "))) + ")";
    if (!n.version.empty()) extra += "  " + sanitize(n.version);
    if (!n.tz_offset.empty()) extra += "  tz " + sanitize(n.tz_offset);
    fmt::print(out, "  {}{}\n      {} files  {} records  {}\n", sanitize(n.name), extra, n.files,
               grouped(n.counts.records), range(n.counts));
    if (!n.counts.errors.codes.empty()) {
      std::string codes;
      const auto top = by_count(n.counts.errors);
      for (std::size_t i = 0; i < top.size() && i < 5; ++i) {
        codes += fmt::format("{}{} x{} ({} .. {})", i == 0 ? "" : ", ", top[i].code == 0 ? std::string("others") : std::to_string(top[i].code),
                             grouped(top[i].count), format_timestamp(top[i].first).substr(11, 8), format_timestamp(top[i].last).substr(11, 8));
      }
      fmt::print(out, "      error codes  {}{}\n", codes, top.size() > 5 ? fmt::format(", {} more (--json)", top.size() - 5) : "");
    }
    if (const auto it = tl.interleaved.find(n.name); it != tl.interleaved.end()) {
      fmt::print(out, "      lines of {} interleaved: each is a server of its own\n", sanitize(fmt::format("{}", fmt::join(it->second, ", "))));
    }
  }

  if (!tl.clocks.empty()) {
    fmt::print(out, "\n{} (times on {}'s clock)\n", p.bold("Clocks"), sanitize(tl.reference));
    for (const auto& c : tl.clocks) {
      const bool skewed = c.offset_us > 2'000'000 || c.offset_us < -2'000'000;
      const std::string text = fmt::format("{:+.3f} s", static_cast<double>(c.offset_us) / 1e6);
      fmt::print(out, "  {}  {}  {}\n", sanitize(c.node), skewed ? p.red(text) : text, c.basis);
      for (const ClockEpisode& e : c.episodes) {
        fmt::print(out, "    {:+.3f} s more from {} to {}: {}\n", static_cast<double>(e.step_us) / 1e6, format_timestamp(e.start),
                   format_timestamp(e.end), e.basis);
      }
    }
  }
  fmt::print(out, "\n{} {} events from registered messages", p.bold("Events:"), grouped(tl.events.size()));
  if (!read_oceanbase(tl) && tl.leaderless.empty()) {
    fmt::print(out, "\n");  // leaderless windows are OceanBase's; other systems say theirs below
  } else if (tl.leaderless.empty()) {
    fmt::print(out, "; no leaderless window\n");
  } else {
    fmt::print(out, "; {} leaderless window{}\n", tl.leaderless.size(), tl.leaderless.size() == 1 ? "" : "s");
    std::size_t shown = 0;
    for (const auto& lw : tl.leaderless) {
      if (shown++ == 20) {
        fmt::print(out, "  ... {} more (see --json)\n", tl.leaderless.size() - 20);
        break;
      }
      // A window that reaches the end of the logs has no length: it had not ended.
      const std::string span = lw.open_end ? fmt::format("still without a leader at the end of the logs ({})", format_timestamp(lw.end))
                                           : fmt::format("{}  ({:.3f} s", format_timestamp(lw.end), static_cast<double>(lw.end - lw.start) / 1e6);
      fmt::print(out, "  {} {:<8} {} .. {}{}last leader {}{}\n", lw.group.name(), leader_layer_name(lw.layer), format_timestamp(lw.start), span,
                 lw.open_end ? "  (" : ", ", sanitize(lw.last_leader), lw.partial ? "; seen by fewer than a majority: the others' logs were not provided)" : ")");
    }
  }

  // etcd: its leaders' terms and the outages a quorum felt.
  if (const EtcdLeadership lead = etcd_leadership(tl); !lead.terms.empty()) {
    fmt::print(out, "  etcd cluster: {} member{}, {} leader term{}, {} outage{}\n", lead.members.size(), lead.members.size() == 1 ? "" : "s",
               lead.terms.size(), lead.terms.size() == 1 ? "" : "s", lead.outages.size(), lead.outages.size() == 1 ? "" : "s");
    for (const EtcdOutage& o : lead.outages) {
      fmt::print(out, "    {} .. {}  ({:.3f} s{}), had {}, then {}{}\n", format_timestamp(o.start), format_timestamp(o.end),
                 static_cast<double>(o.end - o.start) / 1e6, o.open_end ? ", no leader at the end of the logs" : "",
                 sanitize(lead.label(o.old_leader)), o.next_leader.empty() ? "none" : sanitize(lead.label(o.next_leader)),
                 o.shutdown_event != kNoEvent ? "  (stopped on purpose)" : "");
    }
  }

  // Every file with --files; else only those with something to say (found by
  // content, pasted, unparsed or cut lines, errors): twenty rotated logs of
  // one sample would push the verdict off the screen.
  auto remarkable = [](const FileReport& f) {
    return !f.named || !f.envelope.empty() || f.counts.unparsed_total() > 0 || f.cut_lines > 0 || !f.error.empty();
  };
  const auto listed = static_cast<std::size_t>(std::count_if(r.files.begin(), r.files.end(), remarkable));
  fmt::print(out, "\n{} {} read{}\n", p.bold("Files:"), r.files.size(),
             style.list_files ? std::string()
             : listed == 0    ? std::string(" (--files lists them)")
                              : fmt::format("; {} to note (--files lists all)", listed));
  std::size_t shown = 0;
  for (const auto& f : r.files) {
    if (!style.list_files && !remarkable(f)) continue;
    if (shown++ == style.max_files && !style.list_files) {
      fmt::print(out, "  ... {} more files (see --json)\n", listed - style.max_files);
      break;
    }
    std::string notes;
    if (!f.named) notes += "  [found by content]";
    if (!f.envelope.empty()) notes += "  [pasted: " + f.envelope + "]";
    if (!f.detail.empty()) notes += "  (" + sanitize(f.detail) + ")";
    if (f.counts.unparsed_total() > 0) notes += p.yellow(fmt::format("  {} unparsed", grouped(f.counts.unparsed_total())));
    if (f.cut_lines > 0) notes += p.yellow(fmt::format("  {} over-long lines cut", f.cut_lines));
    if (!f.error.empty()) notes += p.red("  error: " + sanitize(f.error));
    fmt::print(out, "  {}  {}  {}  {}  {} records{}\n", sanitize(f.path, 300), log_kind_name(f.kind),
               f.node.empty() ? "-" : sanitize(f.node), human_bytes(f.bytes), grouped(f.counts.records), notes);
  }

  // Files that are not logs are counted in one line (a directory of
  // documents would otherwise print thousands); what could not be read is
  // listed, since the user may have meant it.
  std::size_t not_logs = 0;
  for (const auto& s : r.skipped) not_logs += s.not_a_log;
  if (r.skipped.size() > not_logs || (style.list_files && not_logs > 0)) {
    fmt::print(out, "\n{} ({})\n", p.bold("Skipped"), style.list_files ? r.skipped.size() : r.skipped.size() - not_logs);
    for (const auto& s : r.skipped) {
      if (!s.not_a_log || style.list_files) fmt::print(out, "  {}: {}\n", sanitize(s.path, 300), sanitize(s.reason, 300));
    }
  }
  if (not_logs > 0 && !style.list_files) {
    fmt::print(out, "\n{} {} file{} not a log or query result paxray knows (--files lists them)\n", p.bold("Not logs:"),
               grouped(not_logs), not_logs == 1 ? " is" : "s are");
  }

  const std::uint64_t unparsed = t.unparsed_total();
  fmt::print(out, "\n{} {}", p.bold("Unparsed lines:"), grouped(unparsed));
  if (unparsed > 0) {
    std::string reasons;
    for (int i = 0; i < kUnparsedCount; ++i) {
      const auto n = t.unparsed[static_cast<std::size_t>(i)];
      if (n == 0) continue;
      if (!reasons.empty()) reasons += ", ";
      reasons += fmt::format("{} {}", unparsed_name(static_cast<Unparsed>(i)), grouped(n));
    }
    fmt::print(out, " ({})\n", reasons);
    for (const auto& e : r.unparsed_examples) {
      fmt::print(out, "  {}:{}  {}\n      {}\n", sanitize(e.path, 300), e.line, unparsed_name(e.reason),
                 sanitize(e.text, 200));
    }
  } else {
    fmt::print(out, "\n");
  }
  // The verdict again, where the screen ends.
  if (!in.diagnosis.findings.empty()) {
    const std::string v = verdict_line(in);
    const Severity worst = in.diagnosis.worst();
    fmt::print(out, "\n{} {}\n", p.bold("Verdict:"), worst == Severity::kCritical ? p.red(sanitize(v, 300))
                                                     : worst == Severity::kWarning ? p.yellow(sanitize(v, 300))
                                                                                     : sanitize(v, 300));
  }
}

}  // namespace paxray
