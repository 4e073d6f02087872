// Assembles the single-file HTML report (see html_report.h).
#include "paxray/report/html_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "html_escape.h"
#include "html_sections.h"
#include "error_codes.h"
#include "paxray/parsers/timestamp.h"

namespace paxray {
namespace {

using html::esc;
using html::esc_cut;

constexpr std::size_t kEvidenceChars = 700;
constexpr std::size_t kMaxFileRows = 500;

const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fff}
main{max-width:1150px;margin:0 auto;padding:12px 20px}
header.verdict{padding:14px 20px;color:#fff}
header.critical{background:#b3261e}header.warning{background:#a15c00}header.ok{background:#2e7d32}header.inconclusive{background:#455a64}
header h1{margin:0;font-size:20px}header p{margin:4px 0 0 0}
h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:3px;margin-top:22px}
table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}
code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.sev{display:inline-block;padding:1px 6px;border-radius:3px;color:#fff;font-size:12px}
.sev-critical{background:#b3261e}.sev-warning{background:#a15c00}.sev-info{background:#546e7a}
details.finding{border:1px solid #ddd;border-radius:4px;margin:10px 0;padding:6px 10px}
details>summary{cursor:pointer;font-weight:600}
mark{background:#fff2a8;padding:0}
.muted{color:#777}.bad{color:#b3261e;font-weight:600}.good{color:#2e7d32}
.controls{margin:8px 0}.controls input{width:260px}
#timeline{overflow-x:auto}#timeline-svg,svg.zoomed{width:100%;height:auto}
.nowrap{white-space:nowrap;word-break:normal}
details.context pre{white-space:pre-wrap;word-break:break-all;margin:4px 0;font-size:11px;background:#f7f7f7}
details.ticket pre{user-select:all;white-space:pre-wrap;background:#f7f7f7;border:1px solid #ddd;padding:6px;font-size:12px}
tr:target{background:#fff3b0}rect:target{stroke:#000;stroke-width:2}
@media print{.controls{display:none}details{break-inside:avoid}header.verdict{color:#000;background:none;border:2px solid #000}}
)";

std::string severity_badge(Severity s) {
  return fmt::format("<span class=\"sev sev-{0}\">{0}</span>", severity_name(s));
}

// Escapes `text` and wraps occurrences of `keys` in <mark> (each piece escaped
// on its own, so highlighting can never create markup from the input).
std::string highlight(std::string_view text, const std::vector<std::string>& keys) {
  text = text.substr(0, kEvidenceChars);
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t best = std::string_view::npos, len = 0;
    for (const auto& k : keys) {
      if (k.size() < 3) continue;
      const std::size_t at = text.find(k, pos);
      if (at != std::string_view::npos && (at < best || (at == best && k.size() > len))) {
        best = at;
        len = k.size();
      }
    }
    if (best == std::string_view::npos) {
      html::append_esc(out, text.substr(pos));
      break;
    }
    html::append_esc(out, text.substr(pos, best - pos));
    out += "<mark>";
    html::append_esc(out, text.substr(best, len));
    out += "</mark>";
    pos = best + len;
  }
  return out;
}

std::string duration(LocalMicros us) { return fmt::format("{:.3f} s", static_cast<double>(us) / 1e6); }

void verdict(std::string& h, const ReportInput& in) {
  const Diagnosis& d = in.diagnosis;
  const Severity worst = d.findings.empty() ? Severity::kInfo : d.worst();
  const char* cls = d.outcome == Outcome::kInconclusive ? "inconclusive"
                    : worst == Severity::kCritical     ? "critical"
                    : worst == Severity::kWarning      ? "warning"
                                                       : "ok";
  h += fmt::format("<header class=\"verdict {}\"><h1>{}</h1>", cls, esc(verdict_line(in)));
  std::set<std::string> groups;
  LocalMicros outage = 0;
  const LeaderlessWindow* still_open = nullptr;  // no duration: it had not ended
  for (const auto& w : in.tl.leaderless) {
    groups.insert(w.group.name());
    if (w.open_end) {
      still_open = &w;
    } else {
      outage = std::max(outage, w.end - w.start);
    }
  }
  if (!groups.empty()) {
    std::string list;
    for (const auto& g : groups) list += (list.empty() ? "" : ", ") + g;
    h += fmt::format("<p>Affected: {}", esc(list));
    if (outage > 0) h += fmt::format(" &middot; longest time without a leader: {}", duration(outage));
    if (still_open != nullptr) {
      h += fmt::format(" &middot; {} still without a leader at the end of the logs ({})", esc(still_open->group.name()),
                       esc(format_timestamp(still_open->end)));
    }
    h += "</p>";
  }
  if (!d.members_missing.empty()) {
    h += fmt::format("<p id=\"coverage\">Logs of {} of {} members not provided: {}</p>", d.members_missing.size(), d.members_known,
                     esc(fmt::format("{}", fmt::join(d.members_missing, ", "))));
  }
  h += "</header>\n<main>\n";
  // One sentence per root cause (what each explains is folded under it).
  h += "<h2>Root causes</h2><ul>";
  for (const auto& f : d.findings) {
    h += fmt::format("<li>{} <b>{}</b> ({}): {}{}</li>", severity_badge(f.severity), esc(f.id()), esc(f.group), esc(f.summary),
                     f.suspected ? " <i>(suspected: " + esc(f.would_decide) + " would decide it)</i>" : "");
  }
  if (d.findings.empty()) {
    h += d.outcome == Outcome::kInconclusive ? "<li>Inconclusive: " + esc(d.inconclusive_reason) + ".</li>"
                                             : std::string("<li>No leader problem found in what was read.</li>");
  }
  h += "</ul>\n";
}

// "e1/etcd.log.gz": a path's last two parts, which tell files apart in one
// report; the whole path is the cell's title.
std::string short_path(const std::string& path) {
  const std::size_t last = path.find_last_of('/');
  if (last == std::string::npos || last == 0) return path;
  const std::size_t before = path.find_last_of('/', last - 1);
  return before == std::string::npos ? path : path.substr(before + 1);
}

// `placed`: the evidence anchors given to a row already (an id is unique in a page).
void evidence_table(std::string& h, const std::vector<Evidence>& evidence, const std::vector<std::string>& keys,
                    std::set<std::string>& placed) {
  h += "<table><tr><th>file:line</th><th>node</th><th>time</th><th>evidence</th></tr>";
  for (const auto& e : evidence) {
    std::string around;
    if (!e.before.empty() || !e.after.empty()) {  // the lines around it in its file, numbered, the line itself marked
      around = "<details class=\"context\"><summary>lines around</summary><pre>";
      std::uint64_t n = e.line - e.before.size();
      for (const auto& l : e.before) around += fmt::format("{:>7}  {}\n", n++, esc(l));
      around += fmt::format("{:>7}&gt; {}\n", e.line, esc_cut(e.text, 300));
      n = e.line + 1;
      for (const auto& l : e.after) around += fmt::format("{:>7}  {}\n", n++, esc(l));
      around += "</pre></details>";
    }
    if (e.folded > 0) {
      around += fmt::format("<div class=\"muted\">the last of {} lines alike since {}</div>", e.folded + 1,
                            esc(format_timestamp(e.folded_since)));
    }
    std::string id = html::evidence_anchor(e.file, e.line);
    id = placed.insert(id).second ? " id=\"" + id + "\"" : std::string();
    h += fmt::format("<tr data-filter{}><td class=\"mono\" title=\"{}\">{}:{}</td><td>{}</td><td class=\"mono nowrap\">{}</td><td class=\"mono\">{}{}</td></tr>",
                     id, esc(e.file), esc(short_path(e.file)), e.line, esc(e.node), esc(format_timestamp(e.time)), highlight(e.text, keys), around);
  }
  h += "</table>";
}

// The finding as a ticket wants it (markdown): verdict, window, the lines, the fix.
std::string ticket_text(const Finding& f) {
  std::string t = fmt::format("**{}** `{}` on {}, {} .. {} ({})\n{}\n", std::string(severity_name(f.severity)), f.id(), f.group,
                              format_timestamp(f.start), format_timestamp(f.end), duration(f.end - f.start), f.summary);
  if (f.suspected) t += "Suspected: " + f.would_decide + " would decide it.\n";
  for (const Finding& x : f.consequences) t += fmt::format("It explains `{}` ({} .. {}).\n", x.id(), format_timestamp(x.start), format_timestamp(x.end));
  t += "\n```\n";
  for (const auto& e : f.evidence) {
    t += fmt::format("{} {}:{} {}  {}\n", e.node, short_path(e.file), e.line, format_timestamp(e.time), e.text.substr(0, 400));
  }
  t += "```\nFix: " + f.remediation + "\n";
  return t;
}

void findings(std::string& h, const ReportInput& in) {
  h += "<h2 id=\"findings\">Findings</h2><div class=\"controls\">"
       "<input id=\"filter\" type=\"search\" placeholder=\"filter findings and evidence\" aria-label=\"filter\"> "
       "<button id=\"expand\" type=\"button\">expand all</button></div>\n";
  if (in.diagnosis.findings.empty()) h += "<p class=\"muted\">None.</p>";
  std::set<std::string> placed;
  for (std::size_t n = 0; n < in.diagnosis.findings.size(); ++n) {
    const Finding& f = in.diagnosis.findings[n];
    std::vector<std::string> keys = f.nodes;
    for (const char* k : {"lease expired", "leader revoked", "leader_revoke", "takeover success", "ret=-4", "errcode=-4",
                          "Log out of disk space", "not master", "handle_role_change_event_", "sliding_window", "fly_ts=",
                          "reconfirm", "out of memstore", "alloc failed", "drop tenant", "election stopped"}) {
      keys.emplace_back(k);
    }
    h += fmt::format("<details class=\"finding\" open data-filter><summary>{} {} &mdash; {}</summary>", severity_badge(f.severity),
                     esc(f.id()), esc(f.summary));
    h += "<table><tr><th>where</th><td>" + esc(f.group);
    if (!f.nodes.empty()) {
      std::string nodes;
      for (const auto& node : f.nodes) nodes += (nodes.empty() ? "" : ", ") + node;
      h += " &middot; nodes: " + esc(nodes);
    }
    h += fmt::format("</td></tr><tr><th>when</th><td>{} .. {} ({}){}</td></tr>", esc(format_timestamp(f.start)),
                     esc(format_timestamp(f.end)), duration(f.end - f.start),
                     n < html::kMaxFindingSpans ? fmt::format(" &middot; <a href=\"#{}\">on the timeline</a>", html::finding_span_anchor(n))
                                                : std::string());
    for (const auto& [k, v] : f.detail) h += fmt::format("<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
    if (!f.explains.empty()) {
      std::string x;
      for (const Cause e : f.explains) x += (x.empty() ? "" : ", ") + std::string(cause_id(e));
      h += "<tr><th>explains</th><td>" + esc(x) + "</td></tr>";
    }
    h += "<tr><th>remediation</th><td>" + esc(f.remediation) + "</td></tr>";
    if (f.replay) {
      const char* cls = f.replay->status == "confirmed" ? "good" : f.replay->status == "not_applicable" || f.replay->status == "not_modelled" ? "muted" : "";
      h += fmt::format("<tr><th>replay</th><td class=\"{}\">{}{}</td></tr></table>", cls, esc(replay_text(*f.replay)),
                       f.replay->token.empty() ? std::string() : "<br><span class=\"muted mono\">token " + esc(f.replay->token) + "</span>");
    } else {
      h += "<tr><th>replay</th><td class=\"muted\">not run (--no-replay)</td></tr></table>";
    }
    if (n < html::kMaxFindingSpans) {  // its window re-scaled: a short outage on a long axis is a sliver there
      const LocalMicros pad = std::max<LocalMicros>(2'000'000, (f.end - f.start) / 4);
      h += fmt::format("<details class=\"zoom\"{}><summary>the timeline around it ({} .. {})</summary>", n == 0 ? " open" : "",
                       esc(format_timestamp(f.start - pad).substr(11)), esc(format_timestamp(f.end + pad).substr(11)));
      h += html::timeline_svg(in, f.start - pad, f.end + pad, false);
      h += "</details>";
    }
    evidence_table(h, f.evidence, keys, placed);
    h += "<details class=\"ticket\"><summary>copy for the ticket (markdown)</summary><pre>";
    const std::string ticket = ticket_text(f);
    for (std::size_t pos = 0, nl; pos < ticket.size(); pos = nl + 1) {  // line by line: esc replaces control bytes, '\n' too
      nl = ticket.find('\n', pos);
      if (nl == std::string::npos) nl = ticket.size();
      html::append_esc(h, std::string_view(ticket).substr(pos, nl - pos));
      h += '\n';
    }
    h += "</pre></details>";
    // What this root explains: each consequence with its own window and lines.
    for (const Finding& x : f.consequences) {
      h += fmt::format("<details class=\"consequence\" data-filter><summary>consequence: {} <b>{}</b> ({}) {} .. {} &mdash; {}</summary>",
                       severity_badge(x.severity), esc(x.id()), esc(x.group), esc(format_timestamp(x.start)),
                       esc(format_timestamp(x.end)), esc(x.summary));
      evidence_table(h, x.evidence, keys, placed);
      h += "</details>";
    }
    h += "</details>\n";
  }
}

void checklist(std::string& h, const ReportInput& in) {
  if (!read_oceanbase(in.tl)) return;  // the guide's three layers are OceanBase's
  h += "<h2 id=\"checklist\">Checklist, bottom up (election, clog, RoleChangeService)</h2>";
  if (in.diagnosis.checklist.empty()) {
    h += "<p class=\"muted\">No affected log stream.</p>";
    return;
  }
  h += "<table><tr><th>log stream</th><th>1. election leader</th><th>2. clog leader</th><th>3. RoleChangeService</th></tr>";
  for (const auto& e : in.diagnosis.checklist) {
    auto cell = [](const std::string& answer) {
      const char* cls = answer.rfind("yes", 0) == 0 || answer.rfind("working", 0) == 0 ? "good"
                        : answer.rfind("no", 0) == 0 || answer.rfind("stuck", 0) == 0  ? "bad"
                                                                                        : "muted";
      return fmt::format("<td class=\"{}\">{}</td>", cls, esc(answer));
    };
    h += "<tr><td>" + esc(e.group.name()) + "</td>" + cell(e.election_leader) + cell(e.clog_leader) + cell(e.rcs) + "</tr>";
  }
  h += "</table>\n";
}

// OpenIO in its own terms: each member's election history as `openio
// election debug` printed it (undated: the output has no times), oldest first.
void openio_elections(std::string& h, const ReportInput& in) {
  bool any = false;
  for (const Event& e : in.tl.events) {
    if (e.kind != EventKind::oio_election_member) continue;
    if (!any) {
      h += "<h2 id=\"openio\">OpenIO elections (from <code>openio election debug</code>, undated)</h2>"
           "<table><tr><th>base</th><th>member</th><th>state</th><th>history, oldest first</th></tr>";
      any = true;
    }
    std::vector<std::string> steps;
    if (const std::string* log = e.get(Attr::kTransition)) {
      for (std::size_t pos = 0; pos <= log->size();) {
        const std::size_t semi = std::min(log->find(';', pos), log->size());
        if (semi > pos) steps.push_back(log->substr(pos, semi - pos));
        pos = semi + 1;
      }
    }
    std::string history;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {  // printed newest first
      const std::size_t a = it->find(':'), b = it->rfind(':');
      if (history.empty() && a != std::string::npos) history = "<b>" + esc(it->substr(0, a)) + "</b>";
      history += a != std::string::npos && b != a ? " &rarr;<sub>" + esc(it->substr(a + 1, b - a - 1)) + "</sub> <b>" +
                                                        esc(it->substr(b + 1)) + "</b>"
                                                  : " " + esc(*it);
    }
    const std::string* object = e.get(Attr::kObject);
    const std::string* state = e.get(Attr::kState);
    h += fmt::format("<tr data-filter><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>{}</td><td>{}</td></tr>",
                     esc_cut(object != nullptr ? *object : std::string(), 80), esc(e.node), esc(state != nullptr ? *state : ""),
                     history.empty() ? std::string("<span class=\"muted\">none printed</span>") : history);
  }
  if (any) h += "</table>";
}

void clocks(std::string& h, const ReportInput& in) {
  h += fmt::format("<h2 id=\"clocks\">Clocks</h2><p>Times are on <b>{}</b>'s clock and zone.</p>", esc(in.tl.reference));
  h += "<table><tr><th>node</th><th>offset</th><th>bounds</th><th>basis</th><th>zone</th></tr>";
  for (const auto& c : in.tl.clocks) {
    auto bound = [](const std::optional<std::int64_t>& v, const char* inf) {
      return v ? fmt::format("{:+.3f} s", static_cast<double>(*v) / 1e6) : std::string(inf);
    };
    const bool skewed = std::llabs(c.offset_us) > static_cast<std::int64_t>(in.thresholds.clock_skew_s * 1e6);
    h += fmt::format("<tr><td>{}</td><td class=\"{}\">{:+.3f} s</td><td>[{}, {}]</td><td>{}</td><td>{:+.2f} h ({})</td></tr>",
                     esc(c.node), skewed ? "bad" : "", static_cast<double>(c.offset_us) / 1e6, bound(c.lo_us, "-&infin;"),
                     bound(c.hi_us, "+&infin;"), esc(c.basis), static_cast<double>(c.tz_offset_us) / 3.6e9, esc(c.tz_source));
    for (const ClockEpisode& e : c.episodes) {
      const bool bad = std::llabs(e.step_us) > static_cast<std::int64_t>(in.thresholds.clock_skew_s * 1e6);
      h += fmt::format("<tr class=\"episode\"><td>&nbsp;&nbsp;episode</td><td class=\"{}\">{:+.3f} s more</td><td class=\"mono\">{} .. {}</td>"
                       "<td colspan=\"2\">{}</td></tr>",
                       bad ? "bad" : "", static_cast<double>(e.step_us) / 1e6, esc(format_timestamp(e.start)), esc(format_timestamp(e.end)),
                       esc(e.basis));
    }
  }
  h += "</table>\n";
}

// Who stopped hearing whom: from election `dump message count` lines, the first
// dump in which a peer's receive counters stopped moving.
void connectivity(std::string& h, const ReportInput& in) {
  if (!read_oceanbase(in.tl)) return;  // the election's message counters are OceanBase's
  const Timeline& tl = in.tl;
  std::map<std::pair<std::string, std::string>, std::pair<int, std::optional<LocalMicros>>> cells;  // (to, from) -> dumps, first frozen
  for (std::size_t i = 0; i < tl.events.size(); ++i) {
    const Event& ev = tl.events[i];
    if (ev.kind != EventKind::elect_message_count) continue;
    for (const auto& p : ev.peers) {
      auto& c = cells[{ev.node, tl.node_of(p.addr)}];
      c.first += 1 + static_cast<int>(ev.folded);
      if (p.rec_changed == 0 && !c.second) c.second = tl.times[i];
    }
  }
  h += "<h2 id=\"connectivity\">Connectivity (election message counters)</h2>";
  if (cells.empty()) {
    h += "<p class=\"muted\">The logs hold no <code>dump message count</code> lines.</p>";
    return;
  }
  h += "<p>Row: the receiving node; column: the sender. A cell shows when the receiver's counters for that sender first "
       "stopped moving (the sender was not heard), or <span class=\"good\">ok</span>.</p><table><tr><th>receiver \\ sender</th>";
  for (const auto& n : tl.nodes) h += "<th>" + esc(n) + "</th>";
  h += "</tr>";
  for (const auto& to : tl.nodes) {
    h += "<tr><th>" + esc(to) + "</th>";
    for (const auto& from : tl.nodes) {
      const auto it = cells.find({to, from});
      if (to == from || it == cells.end()) {
        h += "<td class=\"muted\">&mdash;</td>";
      } else if (it->second.second) {
        h += "<td class=\"bad\">not heard from " + esc(format_timestamp(*it->second.second)) + "</td>";
      } else {
        h += fmt::format("<td class=\"good\">ok ({} dumps)</td>", it->second.first);
      }
    }
    h += "</tr>";
  }
  h += "</table>\n";
}

void inventory(std::string& h, const ReportInput& in, const ReportContext& ctx) {
  const ScanResult& r = in.scan;
  h += "<h2 id=\"inventory\">Inventory</h2><details><summary>";
  h += fmt::format("{} files read, {} skipped, {} records, {} unparsed lines, {} .. {}</summary>", r.files.size(), r.skipped.size(),
                   r.totals.records, r.totals.unparsed_total(),
                   r.totals.has_time() ? esc(format_timestamp(r.totals.min_ts)) : "-",
                   r.totals.has_time() ? esc(format_timestamp(r.totals.max_ts)) : "-");
  h += "<table><tr><th>file</th><th>kind</th><th>node</th><th>bytes</th><th>records</th><th>unparsed</th><th>note</th></tr>";
  for (std::size_t i = 0; i < r.files.size() && i < kMaxFileRows; ++i) {
    const auto& f = r.files[i];
    h += fmt::format("<tr><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", esc(f.path),
                     esc(log_kind_name(f.kind)), esc(f.node), f.bytes, f.counts.records, f.counts.unparsed_total(),
                     esc(f.error.empty() ? f.detail : f.error));
  }
  if (r.files.size() > kMaxFileRows) h += fmt::format("<tr><td colspan=\"7\">... {} more (see the JSON)</td></tr>", r.files.size() - kMaxFileRows);
  h += "</table>";
  // Per node, the error codes of its warning and error records (obdiag's log analysis).
  std::string rows;
  for (const auto& n : r.nodes) {
    const auto top = by_count(n.counts.errors);
    for (std::size_t i = 0; i < top.size() && i < 10; ++i) {
      rows += fmt::format("<tr><td>{}</td><td class=\"mono\">{}</td><td>{}</td><td class=\"mono nowrap\">{}</td><td class=\"mono nowrap\">{}</td></tr>",
                          i == 0 ? esc(n.name) : std::string(), top[i].code == 0 ? std::string("others") : std::to_string(top[i].code),
                          top[i].count, esc(format_timestamp(top[i].first)), esc(format_timestamp(top[i].last)));
    }
  }
  if (!rows.empty()) {
    h += "<h3 id=\"error-codes\">Error codes by node</h3><table><tr><th>node</th><th>code</th><th>records</th><th>first</th><th>last</th></tr>" +
         rows + "</table>";
  }
  if (!r.skipped.empty()) {
    // What could not be read first (the user may have meant it), then files
    // that are not logs, up to the same bound as the files read.
    std::size_t not_logs = 0, shown = 0;
    h += "<h3>Skipped</h3><table><tr><th>path</th><th>reason</th></tr>";
    for (bool not_a_log : {false, true}) {
      for (const auto& s : r.skipped) {
        if (s.not_a_log != not_a_log) continue;
        not_logs += not_a_log;
        if (shown++ < kMaxFileRows) h += "<tr><td class=\"mono\">" + esc(s.path) + "</td><td>" + esc(s.reason) + "</td></tr>";
      }
    }
    if (shown > kMaxFileRows) h += fmt::format("<tr><td colspan=\"2\">... {} more (see the JSON)</td></tr>", shown - kMaxFileRows);
    h += "</table>";
    if (not_logs > 0) h += fmt::format("<p class=\"muted\">{} file(s) are not a log or query result paxray knows.</p>", not_logs);
  }
  if (!r.unparsed_examples.empty()) {
    h += "<h3>Unparsed lines (examples)</h3><table><tr><th>file:line</th><th>reason</th><th>text</th></tr>";
    for (const auto& e : r.unparsed_examples) {
      h += fmt::format("<tr><td class=\"mono\">{}:{}</td><td>{}</td><td class=\"mono\">{}</td></tr>", esc(e.path), e.line,
                       esc(unparsed_name(e.reason)), esc_cut(e.text, 300));
    }
    h += "</table>";
  }
  h += "<h3>Thresholds</h3><table>";
  for (const auto& [name, value] : in.thresholds.list()) h += fmt::format("<tr><th>{}</th><td>{}</td></tr>", esc(name), value);
  h += "</table>";
  std::string command;
  for (const auto& a : ctx.command) command += (command.empty() ? "" : " ") + a;
  h += fmt::format("<p>paxray {} &middot; reproduce with: <code>{}</code></p></details>\n", esc(paxray_version()),
                   esc(command.empty() ? "paxray scan ..." : command));
}

}  // namespace

std::string render_html_report(const ReportInput& in, const ReportContext& ctx) {
  std::string h;
  h.reserve(256 * 1024);
  h += "<!DOCTYPE html>\n<html lang=\"en\" data-paxray-js=\"off\"><head><meta charset=\"utf-8\">\n";
  // No remote loads of any kind; styles inline; only the report's own script.
  h += fmt::format("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                   "img-src data:; script-src '{}'; base-uri 'none'; form-action 'none'\">\n",
                   html::kScriptCspHash);
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>paxray: " + esc_cut(verdict_line(in), 160) + "</title>\n<style>" + std::string(kStyle) + "</style></head><body>\n";
  verdict(h, in);
  // What happened when comes first: the timeline, then the findings that explain it.
  h += "<h2 id=\"timeline-h\">Timeline</h2><div class=\"controls\"><button id=\"zoom-in\" type=\"button\">zoom in</button> "
       "<button id=\"zoom-out\" type=\"button\">zoom out</button> <button id=\"zoom-reset\" type=\"button\">whole range</button> "
       "<span class=\"muted\">drag across the timeline to re-scale it to that range</span></div><div id=\"timeline\">";
  h += html::timeline_svg(in);
  h += "</div>\n";
  findings(h, in);
  checklist(h, in);
  openio_elections(h, in);
  clocks(h, in);
  connectivity(h, in);
  h += html::isolation_section(in);
  inventory(h, in, ctx);
  h += "</main>\n<script>" + std::string(html::kScript) + "</script>\n</body></html>\n";
  return h;
}

}  // namespace paxray
