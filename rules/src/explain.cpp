// From the rules' findings to one story per outage: repeats of a cause on the
// same log stream become one finding, a lower-ranked cause explains what
// overlaps it (the cause table's ranks), and what a root explains is folded
// under it as a consequence, so only root causes stand on their own, carry
// the severity and give the remedy.
#include <fmt/format.h>

#include <algorithm>

#include "context.h"

namespace paxray::rules {
namespace {

constexpr LocalMicros kSlack = 60 * kSec;  // a minute apart is still the same outage
constexpr std::size_t kMaxMergedEvidence = 12;

bool same_scope(const Finding& a, const Finding& b) {
  const bool tenant = !a.tenant || !b.tenant || *a.tenant == *b.tenant;
  return tenant && a.system == b.system;
}

bool near(const Finding& a, const Finding& b) { return a.start <= b.end + kSlack && b.start <= a.end + kSlack; }

int rank(const Finding& f) { return static_cast<int>(cause_info(f.cause).rank); }

// `from` repeats `into` (same cause, same log stream, same outage): its
// window, nodes and evidence join; the finding is as severe as its worst
// occurrence, and suspected only if every occurrence was.
void absorb(Finding& into, Finding& from) {
  into.start = std::min(into.start, from.start);
  into.end = std::max(into.end, from.end);
  for (auto& n : from.nodes) {
    if (std::find(into.nodes.begin(), into.nodes.end(), n) == into.nodes.end()) into.nodes.push_back(std::move(n));
  }
  for (auto& e : from.evidence) {
    if (into.evidence.size() >= kMaxMergedEvidence) break;
    const bool dup = std::any_of(into.evidence.begin(), into.evidence.end(),
                                 [&](const Evidence& x) { return x.file == e.file && x.line == e.line; });
    if (!dup) into.evidence.push_back(std::move(e));
  }
  if (into.suspected && !from.suspected) {
    into.suspected = false;
    into.would_decide.clear();
  }
  into.severity = into.suspected ? std::min(std::max(into.severity, from.severity), Severity::kWarning)
                                 : std::max(into.severity, from.severity);
}

void set_occurrences(Finding& f, int n) {
  for (auto& [k, v] : f.detail) {
    if (k == "occurrences") {
      v = std::to_string(n);
      return;
    }
  }
  f.detail.emplace_back("occurrences", std::to_string(n));
}

}  // namespace

void merge_repeats(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) { return a.start < b.start; });
  std::vector<Finding> out;
  std::vector<int> count;
  for (Finding& f : findings) {
    auto same = std::find_if(out.begin(), out.end(), [&](const Finding& o) {
      return o.cause == f.cause && o.system == f.system && o.group == f.group && near(o, f);
    });
    if (same == out.end()) {
      out.push_back(std::move(f));
      count.push_back(1);
      continue;
    }
    absorb(*same, f);
    const auto k = static_cast<std::size_t>(same - out.begin());
    set_occurrences(*same, ++count[k]);
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (count[k] > 1) {
      out[k].summary += fmt::format(" ({} occurrences from {} to {})", count[k], format_timestamp(out[k].start),
                                    format_timestamp(out[k].end));
    }
  }
  findings = std::move(out);
}

void explain_and_fold(std::vector<Finding>& findings) {
  // Who explains whom: the lowest-ranked overlapping cause, earliest first.
  // A suspected finding is a guess: it explains only other guesses.
  std::vector<int> root_of(findings.size(), -1);
  for (std::size_t s = 0; s < findings.size(); ++s) {
    const Finding& symptom = findings[s];
    if (cause_info(symptom.cause).rank == CauseRank::kAside) continue;
    int best = -1;
    if (const std::string* by = symptom.find_detail("explained_by")) {  // a rule that knows its root said so
      for (std::size_t r = 0; r < findings.size() && best < 0; ++r) {
        if (r != s && cause_id(findings[r].cause) == *by && same_scope(findings[r], symptom)) best = static_cast<int>(r);
      }
      root_of[s] = best;
      continue;
    }
    for (std::size_t r = 0; r < findings.size(); ++r) {
      const Finding& root = findings[r];
      if (r == s || rank(root) >= rank(symptom) || cause_info(root.cause).rank == CauseRank::kAside) continue;
      if (!same_scope(root, symptom) || !near(root, symptom) || (root.suspected && !symptom.suspected)) continue;
      const auto b = static_cast<std::size_t>(best);
      if (best < 0 || rank(root) < rank(findings[b]) || (rank(root) == rank(findings[b]) && root.start < findings[b].start)) {
        best = static_cast<int>(r);
      }
    }
    root_of[s] = best;
  }
  // Follow chains to the root that stands on its own (ranks strictly fall, so they end).
  auto top = [&](std::size_t i) {
    while (root_of[i] >= 0) i = static_cast<std::size_t>(root_of[i]);
    return i;
  };
  for (std::size_t s = 0; s < findings.size(); ++s) {
    if (root_of[s] >= 0 && findings[s].find_detail("explained_by") == nullptr) {
      findings[s].detail.emplace_back("explained_by", cause_id(findings[static_cast<std::size_t>(root_of[s])].cause));
    }
  }
  std::vector<std::vector<std::size_t>> folded(findings.size());
  for (std::size_t s = 0; s < findings.size(); ++s) {
    if (root_of[s] >= 0) folded[top(s)].push_back(s);
  }
  std::vector<Finding> roots;
  for (std::size_t r = 0; r < findings.size(); ++r) {
    if (root_of[r] >= 0) continue;
    Finding root = std::move(findings[r]);
    for (std::size_t s : folded[r]) {
      root.severity = std::max(root.severity, findings[s].severity);
      root.consequences.push_back(std::move(findings[s]));
    }
    std::stable_sort(root.consequences.begin(), root.consequences.end(),
                     [](const Finding& a, const Finding& b) { return a.start < b.start; });
    for (const Finding& c : root.consequences) {
      if (std::find(root.explains.begin(), root.explains.end(), c.cause) == root.explains.end()) root.explains.push_back(c.cause);
    }
    roots.push_back(std::move(root));
  }
  std::stable_sort(roots.begin(), roots.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.start != b.start) return a.start < b.start;
    return a.cause < b.cause;
  });
  findings = std::move(roots);
}

}  // namespace paxray::rules
