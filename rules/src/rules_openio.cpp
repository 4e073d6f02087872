// OpenIO SDS causes (seed: openio-election-troubles.txt; codes and the
// election's states and events: shared/reference/zookeeper-openio-formats.md §B).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "context.h"
#include "paxray/parsers/oio.h"
#include "paxray/replay/core/oio_election.h"

namespace paxray::rules {
namespace {

bool oio(const Event& e, EventKind k) { return e.system == System::kOpenIO && e.kind == k; }

std::string base_of(const Event& e) {
  const std::string* b = e.get(Attr::kObject);
  return b != nullptr && !b->empty() ? *b : std::string("unknown base");
}

Finding oio_finding(Cause cause, Severity sev, const std::string& base) {
  return new_finding(cause, GroupKey{-1, -1, -1, -1, base}, sev);
}

void span_and_nodes(Finding& f, const Context& c, const std::vector<std::size_t>& ev) {
  std::set<std::string> nodes;
  f.start = c.tl.times[ev.front()];
  f.end = c.tl.times[ev.front()];
  for (std::size_t i : ev) {
    nodes.insert(c.tl.events[i].node);
    f.start = std::min(f.start, c.tl.times[i]);
    f.end = std::max(f.end, c.tl.times[i]);
  }
  f.nodes.assign(nodes.begin(), nodes.end());
}

std::string code_name(int code) {
  switch (code) {
    case 2: return "connection refused";
    case 3: return "connection reset";
    case 4: return "connection closed";
    case 5: return "connect timeout";
    case 6: return "no route";
    case 7: return "timeout";
    case 10: return "network error";
    default: return fmt::format("status {}", code);
  }
}

// The transition that took a member out of the election on request
// ("MASTER:LEAVE_REQ:LEAVING", "FAILED:LEAVE_REQ:NONE"), when nothing but
// its leaving followed (LEAVING:LEFT_SELF:LEAVING, LEAVING:LEAVE_OK:NONE);
// empty otherwise, e.g. after a restart (NONE:NONE:PEERING).
std::string left_on_request(const std::vector<std::string>& oldest_first) {
  for (auto it = oldest_first.rbegin(); it != oldest_first.rend(); ++it) {
    replay::oio::Transition t;
    if (!replay::oio::parse_transition(*it, t)) return {};
    if (t.event == "LEAVE_REQ") return *it;
    if (t.pre != "LEAVING" || (t.post != "LEAVING" && t.post != "NONE")) return {};
  }
  return {};
}

}  // namespace

// Every member that answered `election debug` left the election on request
// and sits in NONE: the base has no master until a request starts an
// election again. Deliberate (`openio election leave`, DB_LEAVE) or a service
// exiting: info, never OK-by-omission nor a failure.
void rule_openio_left_on_request(const Context& c, std::vector<Finding>& out) {
  std::map<std::string, std::vector<std::size_t>> by_base;
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    if (oio(c.tl.events[i], EventKind::oio_election_member)) by_base[base_of(c.tl.events[i])].push_back(i);
  }
  for (const auto& [base, ev] : by_base) {
    std::vector<std::string> left;
    std::set<std::string> answered;
    for (std::size_t i : ev) {
      const Event& e = c.tl.events[i];
      const std::string* state = e.get(Attr::kState);
      const std::string how = left_on_request(oio_history(e));
      if (state == nullptr || (*state != "NONE" && *state != "LEAVING") || how.empty()) {
        left.clear();
        break;
      }
      left.push_back(fmt::format("{} ({})", e.node, how));
      answered.insert(e.node);
    }
    if (left.empty()) continue;
    std::vector<std::string> not_provided;
    for (const std::string& m : c.members(c.tl.events[ev.front()].group)) {
      if (!answered.count(m)) not_provided.push_back(m);
    }
    Finding f = oio_finding(Cause::kOpenioLeftOnRequest, Severity::kInfo, base);
    span_and_nodes(f, c, ev);
    f.summary = fmt::format(
        "No master for {}: {} left the election on request (LEAVE_REQ: `openio election leave` or the service exiting) "
        "and {} in NONE; the next request to the base starts an election{}",
        base, fmt::join(left, ", "), left.size() == 1 ? "sits" : "sit",
        not_provided.empty() ? "" : fmt::format("; not provided: {}", fmt::join(not_provided, ", ")));
    f.detail.emplace_back("left", fmt::format("{}", fmt::join(left, "; ")));
    if (!not_provided.empty()) f.detail.emplace_back("not_provided", fmt::format("{}", fmt::join(not_provided, ", ")));
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

// A member's election log repeating itself: the same transition again and
// again (CHECKING_SLAVES:GETVERS_KO:CHECKING_SLAVES ...), or a cycle of them.
void rule_openio_election_loop(const Context& c, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    const Event& e = c.tl.events[i];
    if (!oio(e, EventKind::oio_election_member)) continue;
    const std::vector<std::string> h = oio_history(e);
    const OioLoop loop = find_oio_loop(h);
    if (loop.repeats < 3) continue;
    const std::vector<std::string>& cycle = loop.cycle;
    const std::size_t best_reps = loop.repeats;
    const std::string state = e.get(Attr::kState) ? *e.get(Attr::kState) : "";
    const bool failed = !h.empty() && h.back().substr(h.back().rfind(':') + 1) == "FAILED";
    Finding f = oio_finding(Cause::kOpenioElectionLoop, failed || state == "NONE" ? Severity::kCritical : Severity::kWarning,
                            base_of(e));
    span_and_nodes(f, c, {i});
    f.summary = fmt::format("The election of {} on {} looped: {} repeated {} times{}", f.group, e.node,
                            fmt::join(cycle, " -> "), best_reps,
                            failed ? fmt::format(", then ended {}", h.back()) : std::string());
    f.detail.emplace_back("loop", fmt::format("{}", fmt::join(cycle, " -> ")));
    f.detail.emplace_back("repeats", std::to_string(best_reps));
    f.detail.emplace_back("history", fmt::format("{}", fmt::join(h, " | ")));
    add_evidence(f, c, {i});
    out.push_back(std::move(f));
  }
}

// Peers that answer "connection refused" (2) or "timeout" (7), named.
void rule_openio_peer_unreachable(const Context& c, std::vector<Finding>& out) {
  std::map<std::string, std::vector<std::size_t>> by_base;
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    const Event& e = c.tl.events[i];
    if (!oio(e, EventKind::oio_election_status) && !oio(e, EventKind::oio_election_member)) continue;
    const auto code = e.get_int(Attr::kStatus);
    if (code && *code >= 2 && *code <= 10) by_base[base_of(e)].push_back(i);
  }
  for (const auto& entry : by_base) {
    const std::string& base = entry.first;  // clang 14: no structured bindings in lambda captures
    const std::vector<std::size_t>& ev = entry.second;
    std::map<std::string, std::set<std::string>> peers;  // peer -> what it answered
    for (std::size_t i : ev) peers[c.tl.events[i].node].insert(code_name(static_cast<int>(*c.tl.events[i].get_int(Attr::kStatus))));
    const bool failed = std::any_of(c.tl.events.begin(), c.tl.events.end(), [&](const Event& e) {
      return base_of(e) == base && (oio(e, EventKind::oio_election_failed) ||
                                    (e.get_int(Attr::kStatus) && (*e.get_int(Attr::kStatus) == 500 || *e.get_int(Attr::kStatus) == 503)));
    });
    Finding f = oio_finding(Cause::kOpenioPeerUnreachable, failed ? Severity::kCritical : Severity::kWarning, base);
    span_and_nodes(f, c, ev);
    std::vector<std::string> parts;
    for (const auto& [peer, what] : peers) parts.push_back(fmt::format("{} ({})", peer, fmt::join(what, ", ")));
    f.summary = fmt::format("{} peer(s) of {} do not answer the election: {}{}", peers.size(), base, fmt::join(parts, "; "),
                            failed ? "; without their version checks the election fails" : "");
    f.detail.emplace_back("peers", fmt::format("{}", fmt::join(parts, "; ")));
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

// No peer is master: "Election failed" (500 / 503), a TIMEOUT waiting for
// the election, or status outputs without any 200.
void rule_openio_no_master(const Context& c, std::vector<Finding>& out) {
  std::map<std::string, std::vector<std::size_t>> evidence;
  std::map<std::string, bool> has_master, has_status;
  for (std::size_t i = 0; i < c.tl.events.size(); ++i) {
    const Event& e = c.tl.events[i];
    if (e.system != System::kOpenIO) continue;
    const std::string base = base_of(e);
    const auto code = e.get_int(Attr::kStatus);
    // Only `election status` tells master from slave: 200 is the master, a
    // 303 names it; in `election debug` 200 only means the peer answered.
    const std::string* type = e.get(Attr::kEventType);
    if (type != nullptr && *type == "status") {
      has_status[base] = true;
      if (code && (*code == 200 || *code == 303)) has_master[base] = true;
    }
    if (oio(e, EventKind::oio_election_failed) || oio(e, EventKind::oio_election_timeout) ||
        (code && (*code == 500 || *code == 503))) {
      evidence[base].push_back(i);
    }
  }
  for (const auto& [base, ev] : evidence) {
    if (has_master[base]) continue;  // a later status shows a master: the election recovered
    Finding f = oio_finding(Cause::kOpenioNoMaster, Severity::kCritical, base);
    span_and_nodes(f, c, ev);
    f.summary = fmt::format("No master for {}: {}", base,
                            has_status[base] ? "no peer answers the election status with 200 (master) or 303 (slave)"
                                             : "requests fail with \"Election failed\"");
    add_evidence(f, c, ev);
    out.push_back(std::move(f));
  }
}

}  // namespace paxray::rules
