// Renders the cause table; the table itself is rules/src/causes.cpp.
#include "paxray/report/cause_report.h"

#include <fmt/format.h>

#include "paxray/rules/causes.h"

namespace paxray {
namespace {

// Words to lines of at most `width` columns, each after `indent`.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += fmt::format("{}{}\n", indent, line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    start = end + 1;
  }
  if (!line.empty()) out += fmt::format("{}{}\n", indent, line);
  return out;
}

}  // namespace

std::string render_causes_markdown() {
  std::string out = "| cause | system | rank | replay | fires when | severity |\n|---|---|---|---|---|---|\n";
  for (const CauseInfo& c : cause_table()) {
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", c.id, system_name(c.system), rank_name(c.rank),
                       replay_model_name(c.replay), c.fires_when, c.severity);
  }
  return out;
}

std::string render_causes_text() {
  std::string out;
  for (const CauseInfo& c : cause_table()) {
    out += fmt::format("{}  ({}, {}; replay: {})\n", c.id, system_name(c.system), rank_name(c.rank), replay_model_name(c.replay));
    out += wrap(fmt::format("fires when: {}", c.fires_when), 96, "    ");
    out += wrap(fmt::format("severity: {}", c.severity), 96, "    ");
    out += wrap(fmt::format("remedy: {}", c.remediation), 96, "    ");
    out += "\n";
  }
  out += "Ranks: a condition explains an overlapping failure or symptom of the same system and tenant, a failure explains a "
         "symptom; what a root explains is folded under it as a consequence. Replay: from_evidence models the cause from "
         "lines upstream of the outage; fitted places it over the outage itself; not_modelled has no model.\n";
  return out;
}

}  // namespace paxray
