#include "paxray/rules/new_findings.h"

#include <algorithm>
#include <limits>

namespace paxray {

std::string finding_key(const Finding& f) { return std::string(f.id()) + "|" + f.system + "|" + f.group; }

std::size_t keep_new_findings(Diagnosis& d, std::vector<ReportedFinding>& reported, std::int64_t slack_us,
                              std::int64_t forget_after_us) {
  std::size_t old = 0;
  std::vector<Finding> fresh;
  for (Finding& f : d.findings) {
    const std::string key = finding_key(f);
    const LocalMicros start = std::min(f.start, f.end);
    const LocalMicros end = std::max(f.start, f.end);
    auto same = std::find_if(reported.begin(), reported.end(), [&](const ReportedFinding& r) {
      return r.key == key && start <= r.end + slack_us && end >= r.start - slack_us;
    });
    if (same != reported.end()) {
      same->start = std::min(same->start, start);
      same->end = std::max(same->end, end);
      ++old;
      continue;
    }
    reported.push_back({key, start, end});
    fresh.push_back(std::move(f));
  }
  d.findings = std::move(fresh);
  // What was reported before was read before: no new problem is not "inconclusive".
  if (d.outcome == Outcome::kProblem &&
      std::none_of(d.findings.begin(), d.findings.end(), [](const Finding& f) { return f.severity != Severity::kInfo; })) {
    d.outcome = Outcome::kNoProblem;
  }
  // A root cause's "explains" may name findings no longer shown: they were
  // reported by an earlier run, which is still true.
  LocalMicros newest = std::numeric_limits<LocalMicros>::min();
  for (const auto& r : reported) newest = std::max(newest, r.end);
  std::erase_if(reported, [&](const ReportedFinding& r) { return r.end < newest - forget_after_us; });
  return old;
}

}  // namespace paxray
