// The report's isolation section: when the input holds DBA_OB_SERVERS /
// GV$OB_LOG_STAT dumps, what each isolation command would answer for each
// server, so the on-call engineer sees before typing ALTER SYSTEM which one
// passes and whether the process may be stopped afterwards.
#include <fmt/format.h>

#include <algorithm>

#include "html_escape.h"
#include "html_sections.h"
#include "paxray/rules/isolation.h"

namespace paxray::html {
namespace {


std::string command_cell(const isolation::CommandAdvice& c) {
  if (!c.judged) return "<td class=\"muted\">cannot be judged: " + esc(c.cannot_judge) + "</td>";
  if (c.passes) {
    return c.may_stop_process ? "<td class=\"good\">passes; any action afterwards</td>"
                              : "<td>passes; <b>traffic only</b>, keep the process running</td>";
  }
  std::string cell = "<td class=\"bad\">refused";
  for (const auto& e : c.errors) {
    cell += fmt::format("<br><span class=\"mono\">{} {}</span>", e.code, esc(e.message));
    if (!e.detail.empty()) cell += "<br><span class=\"muted\">" + esc(e.detail) + "</span>";
  }
  return cell + "</td>";
}

}  // namespace

std::string isolation_section(const ReportInput& in) {
  if (in.isolation == nullptr) return {};
  const isolation::FleetAdvice& fleet = *in.isolation;
  const isolation::ClusterState& st = fleet.state;
  if (st.servers.empty() && st.log_stat.empty()) return {};
  std::string h = "<h2 id=\"isolation\">Isolating a node (STOP / FORCE STOP / ISOLATE SERVER)</h2>";
  h += "<p>From the saved views, what each command's precheck would answer if this one server were isolated now, and "
       "what the replay core predicts if its observer process were then stopped. Re-check with "
       "<code>paxray isolate-check --server IP:PORT</code> on fresh dumps before acting.</p>";
  h += "<table><tr><th>server</th><th>zone, status</th><th>STOP SERVER</th><th>FORCE STOP SERVER</th><th>ISOLATE SERVER</th>"
       "<th>if the process is stopped anyway</th></tr>";
  for (const isolation::ServerAdvice& sa : fleet.servers) {
    const std::string& addr = sa.addr;
    const isolation::IsolationAdvice& a = sa.advice;
    const isolation::ServerRow* row = st.server(addr);
    h += "<tr><td class=\"mono\">" + esc(addr) + "</td><td>" +
         (row != nullptr ? esc(row->zone) + ", " + esc(row->status) + (row->stopped ? " (stopped)" : "") : "-") + "</td>";
    for (const auto& c : a.commands) h += command_cell(c);
    if (!a.replayed) {
      h += "<td class=\"muted\">not replayed: the member lists of GV$OB_LOG_STAT are needed</td>";
    } else if (a.majority_loss.empty()) {
      h += "<td class=\"good\">every log stream keeps serving</td>";
    } else {
      h += "<td class=\"bad\">";
      for (const auto& m : a.majority_loss) h += fmt::format("T{} LS{}: {}<br>", m.tenant, m.ls, esc(m.reason));
      h += "</td>";
    }
    h += "</tr>";
  }
  h += "</table>";
  if (fleet.more > 0) h += fmt::format("<p class=\"muted\">{} more servers not shown.</p>", fleet.more);
  if (!st.notes.empty()) {
    h += "<ul class=\"muted\">";
    for (const auto& n : st.notes) h += "<li>" + esc(n) + "</li>";
    h += "</ul>";
  }
  return h + "\n";
}

}  // namespace paxray::html
