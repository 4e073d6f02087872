#include "evidence_context.h"

#include <map>
#include <set>

#include "paxray/engine/line_context.h"

namespace paxray {

void attach_evidence_context(Diagnosis& d, int around, std::size_t max_evidence) {
  std::vector<Evidence*> all;
  for (Finding& f : d.findings) {
    for (Evidence& e : f.evidence) all.push_back(&e);
  }
  for (Finding& f : d.findings) {
    for (Finding& x : f.consequences) {
      for (Evidence& e : x.evidence) all.push_back(&e);
    }
  }
  if (all.size() > max_evidence) all.resize(max_evidence);
  const auto span = static_cast<std::uint64_t>(around);
  std::map<std::string, std::set<std::uint64_t>> wanted;
  for (const Evidence* e : all) {
    if (e->line == 0) continue;
    for (std::uint64_t l = e->line > span ? e->line - span : 1; l <= e->line + span; ++l) {
      if (l != e->line) wanted[e->file].insert(l);
    }
  }
  std::map<std::string, std::map<std::uint64_t, std::string>> lines;
  for (const auto& [file, want] : wanted) lines[file] = read_lines(file, want);
  for (Evidence* e : all) {
    const auto it = lines.find(e->file);
    if (it == lines.end()) continue;
    for (std::uint64_t l = e->line > span ? e->line - span : 1; l < e->line; ++l) {
      if (const auto t = it->second.find(l); t != it->second.end()) e->before.push_back(t->second);
    }
    for (std::uint64_t l = e->line + 1; l <= e->line + span; ++l) {
      const auto t = it->second.find(l);
      if (t == it->second.end()) break;
      e->after.push_back(t->second);
    }
  }
}

}  // namespace paxray
