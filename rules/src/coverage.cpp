// What the input covers, and so what the verdict may say: per group, the
// members known and those whose own logs were read; then the outcome (a
// problem, none in what was read, or inconclusive with the reason).
#include <fmt/format.h>

#include <limits>

#include <algorithm>
#include <array>
#include <set>

#include "context.h"

namespace paxray {
namespace {

// Records that can show a consensus system's state: its logs, and the
// election outputs OpenIO prints (saved SQL views and clockdiff cannot).
bool is_consensus_log(LogKind k) { return is_line_log(k) || k == LogKind::kOpenIOElection; }

// Whether anything read says who led or that nobody did: an OceanBase leader
// or leaderless window, a ZooKeeper server LEADING / FOLLOWING or an election
// that took its time, an OpenIO member's election state. Without any, "no
// problem" would be said of an outcome the input never showed.
bool shows_leadership(const Timeline& tl) {
  if (!tl.leaders.empty() || !tl.leaderless.empty()) return true;
  return std::any_of(tl.events.begin(), tl.events.end(), [](const Event& ev) {
    switch (ev.kind) {
      case EventKind::zk_state: {
        const std::string* s = ev.get(Attr::kState);
        return s != nullptr && (s->find("LEADING") != std::string::npos || s->find("FOLLOWING") != std::string::npos ||
                                s->find("OBSERVING") != std::string::npos);
      }
      case EventKind::etcd_elected:
      case EventKind::etcd_role:
      case EventKind::zk_election_took:
      case EventKind::oio_election_status:
      case EventKind::oio_election_member: return true;
      default: return false;
    }
  });
}

std::string inconclusive_reason(const ScanResult& scan, const Timeline& tl) {
  std::size_t not_logs = 0, unreadable = 0;
  for (const auto& s : scan.skipped) (s.not_a_log ? not_logs : unreadable) += 1;
  std::string skipped;
  if (not_logs > 0) skipped += fmt::format("{} file{} not a log", not_logs, not_logs == 1 ? " is" : "s are");
  if (unreadable > 0) skipped += fmt::format("{}{} path{} could not be read", skipped.empty() ? "" : ", ", unreadable, unreadable == 1 ? "" : "s");
  if (scan.files.empty()) return skipped.empty() ? "no input found in the given paths" : "nothing was read: " + skipped;
  std::uint64_t log_records = 0;
  for (const auto& f : scan.files) log_records += is_consensus_log(f.kind) ? f.counts.records : 0;
  if (log_records == 0 && scan.totals.filtered > 0) {
    // Records were there, outside --since / --until.
    return fmt::format("none of the {} log records falls in the window asked for ({} .. {})", scan.totals.filtered,
                       scan.window.since == std::numeric_limits<LocalMicros>::min() ? "the start" : format_timestamp(scan.window.since),
                       scan.window.until == std::numeric_limits<LocalMicros>::max() ? "the end" : format_timestamp(scan.window.until));
  }
  if (log_records == 0) {
    return fmt::format("no OceanBase, ZooKeeper, OpenIO or etcd log records were read{}{}",
                       scan.tables.empty() ? "" : fmt::format(" (only {} saved query result table{})", scan.tables.size(), scan.tables.size() == 1 ? "" : "s"),
                       skipped.empty() ? "" : "; " + skipped);
  }
  if (tl.events.empty()) {
    return fmt::format("{} log records were read but none is an election, clog or role-change message", log_records);
  }
  if (!shows_leadership(tl)) {
    return fmt::format("{} log records were read ({} .. {}) but none shows who led or an election's outcome", log_records,
                       format_timestamp(scan.totals.min_ts), format_timestamp(scan.totals.max_ts));
  }
  return {};
}

}  // namespace

std::string_view outcome_name(Outcome o) noexcept {
  static constexpr std::array<std::string_view, 3> kNames{"problem", "no_problem", "inconclusive"};
  return kNames[static_cast<std::size_t>(o)];
}

namespace rules {

bool Context::has_logs(const std::string& node) const { return tl.logged.count(node) > 0; }

std::vector<std::string> Context::missing_members(const GroupKey& g) const {
  std::vector<std::string> out;
  for (const auto& m : members(g)) {
    if (!has_logs(m)) out.push_back(m);
  }
  return out;
}

void mark_suspected(Finding& f, const std::vector<std::string>& missing, std::string_view question) {
  f.suspected = true;
  f.severity = std::min(f.severity, Severity::kWarning);
  f.would_decide = fmt::format("the logs of {} ({})", fmt::join(missing, ", "), question);
  f.detail.emplace_back("members_missing", fmt::format("{}", fmt::join(missing, ", ")));
}

void assess_outcome(const Context& c, Diagnosis& d) {
  std::set<std::string> known, missing;
  for (const auto& [g, idx] : c.tl.by_group) {
    if (idx.empty()) continue;
    GroupCoverage cov;
    cov.system = std::string(system_name(c.tl.events[idx.front()].system));
    cov.group = g.name();
    cov.members = c.members(g);
    for (const auto& m : cov.members) {
      (c.has_logs(m) ? cov.members_read : cov.members_missing).push_back(m);
      known.insert(m);
    }
    missing.insert(cov.members_missing.begin(), cov.members_missing.end());
    d.coverage.push_back(std::move(cov));
  }
  d.members_known = known.size();
  d.members_missing.assign(missing.begin(), missing.end());
  const bool problem = std::any_of(d.findings.begin(), d.findings.end(), [](const Finding& f) { return f.severity != Severity::kInfo; });
  if (problem) {
    d.outcome = Outcome::kProblem;
    return;
  }
  // An info finding (a -4038 while a leader existed) is itself about who led.
  d.inconclusive_reason = d.findings.empty() ? inconclusive_reason(c.scan, c.tl) : std::string();
  d.outcome = d.inconclusive_reason.empty() ? Outcome::kNoProblem : Outcome::kInconclusive;
}

}  // namespace rules
}  // namespace paxray
