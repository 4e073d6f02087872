#include "paxray/replay/sim/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace paxray::replay {
namespace {

struct KindName {
  Fault::Kind kind;
  const char* name;
};
constexpr std::array<KindName, 14> kKinds{{{Fault::Kind::kCrash, "crash"},
                                           {Fault::Kind::kLinkDown, "link-down"},
                                           {Fault::Kind::kLinkDelay, "link-delay"},
                                           {Fault::Kind::kClock, "clock"},
                                           {Fault::Kind::kDiskFull, "disk-full"},
                                           {Fault::Kind::kMemoryFull, "memory-full"},
                                           {Fault::Kind::kSlowDisk, "slow-disk"},
                                           {Fault::Kind::kReconfirmBlock, "reconfirm-block"},
                                           {Fault::Kind::kTakeoverHang, "takeover-hang"},
                                           {Fault::Kind::kTakeoverFail, "takeover-fail"},
                                           {Fault::Kind::kDrop, "drop"},
                                           {Fault::Kind::kLoad, "load"},
                                           {Fault::Kind::kRevoke, "revoke"},
                                           {Fault::Kind::kTransfer, "transfer"}}};

// Bounds on an edited scenario, so a typo cannot ask for a run of years: a
// replay covers an outage and a few minutes around it.
constexpr std::int64_t kMaxTimeUs = 7LL * 24 * 3600 * 1'000'000;      // any time or value
constexpr std::int64_t kMaxDurationUs = 24LL * 3600 * 1'000'000;      // the run
constexpr std::size_t kMaxReplicas = 15;
constexpr std::size_t kMaxFaults = 10'000;

std::string dur(std::int64_t us) {
  if (us % 1'000'000 == 0) return fmt::format("{}s", us / 1'000'000);
  if (us % 1000 == 0) return fmt::format("{}ms", us / 1000);
  return fmt::format("{}us", us);
}

std::string signed_dur(std::int64_t us) { return fmt::format("{}{}", us >= 0 ? '+' : '-', dur(us >= 0 ? us : -us)); }

std::optional<std::int64_t> parse_dur(std::string s) {
  double sign = 1;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    s = s.substr(1);
  }
  double mult = 0;
  std::string num;
  for (const auto& [suffix, m] : std::array<std::pair<const char*, double>, 3>{{{"us", 1}, {"ms", 1e3}, {"s", 1e6}}}) {
    const std::string suf(suffix);
    if (s.size() > suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0) {
      mult = m;
      num = s.substr(0, s.size() - suf.size());
      break;
    }
  }
  if (mult == 0) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(num.c_str(), &end);
  if (end == num.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  const double us = sign * v * mult;
  if (std::fabs(us) > static_cast<double>(kMaxTimeUs)) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(us));
}

}  // namespace

std::string fault_kind_name(Fault::Kind k) {
  for (const auto& e : kKinds) {
    if (e.kind == k) return e.name;
  }
  return "?";
}

Scenario Scenario::without(const std::vector<std::string>& causes) const {
  Scenario s = *this;
  s.faults.erase(std::remove_if(s.faults.begin(), s.faults.end(),
                                [&](const Fault& f) { return std::find(causes.begin(), causes.end(), f.cause) != causes.end(); }),
                 s.faults.end());
  return s;
}

std::vector<std::string> Scenario::causes() const {
  std::vector<std::string> out;
  for (const auto& f : faults) {
    if (!f.cause.empty() && std::find(out.begin(), out.end(), f.cause) == out.end()) out.push_back(f.cause);
  }
  return out;
}

std::string format_scenario(const Scenario& s) {
  std::string out = "# paxray replay scenario\n";
  out += fmt::format("group {}\n", s.group);
  if (!s.start.empty()) out += fmt::format("start {}\n", s.start);
  out += fmt::format("duration {}\n", dur(s.duration_us));
  for (std::size_t i = 0; i < s.replicas.size(); ++i) {
    const int prio = i < s.priority.size() ? s.priority[i] : 0;
    out += prio != 0 ? fmt::format("replica {} priority {}\n", s.replicas[i], prio) : fmt::format("replica {}\n", s.replicas[i]);
  }
  out += fmt::format("leader {}\n", s.initial_leader >= 0 ? s.replicas[static_cast<std::size_t>(s.initial_leader)] : std::string("none"));
  for (const auto& [a, b] : s.observed) out += fmt::format("observed {} {}\n", dur(a), dur(b));
  for (const auto& f : s.faults) {
    const std::string& n = s.replicas[static_cast<std::size_t>(f.node)];
    std::string line = fmt::format("fault {} {}", fault_kind_name(f.kind), n);
    switch (f.kind) {
      case Fault::Kind::kLinkDown: line += fmt::format(" -> {}", s.replicas[static_cast<std::size_t>(f.peer)]); break;
      case Fault::Kind::kLinkDelay: line += fmt::format(" -> {} {}", s.replicas[static_cast<std::size_t>(f.peer)], dur(f.value)); break;
      case Fault::Kind::kClock: line += fmt::format(" {}", signed_dur(f.value)); break;
      case Fault::Kind::kSlowDisk:
      case Fault::Kind::kLoad: line += fmt::format(" {}", dur(f.value)); break;
      default: break;
    }
    if (f.kind == Fault::Kind::kDrop || f.kind == Fault::Kind::kRevoke || f.kind == Fault::Kind::kTransfer) {
      line += fmt::format(" at {}", dur(f.from_us));
    } else if (f.kind != Fault::Kind::kClock || f.from_us > 0 || f.to_us < kForever) {  // a clock over the whole run says no times
      line += fmt::format(" from {}", dur(f.from_us));
      if (f.to_us < kForever) line += fmt::format(" to {}", dur(f.to_us));
    }
    if (!f.cause.empty()) line += fmt::format("   cause={}", f.cause);
    if (!f.evidence.empty()) line += fmt::format("   # {}", f.evidence);
    out += line;
    out += '\n';
  }
  return out;
}

std::optional<Scenario> parse_scenario(const std::string& text, std::string& error) {
  Scenario s;
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  auto fail = [&](const std::string& msg) {
    error = fmt::format("line {}: {}", line_no, msg);
    return std::nullopt;
  };
  auto replica = [&](const std::string& name) -> int {
    const auto it = std::find(s.replicas.begin(), s.replicas.end(), name);
    return it == s.replicas.end() ? -1 : static_cast<int>(it - s.replicas.begin());
  };
  std::vector<std::string> pending_faults;  // parsed after all replicas are known
  std::vector<int> pending_lines;
  std::string leader;
  while (std::getline(in, line)) {
    ++line_no;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string verb;
    if (!(words >> verb)) continue;
    std::string rest;
    std::getline(words, rest);
    rest.erase(0, rest.find_first_not_of(' '));
    if (verb == "group") {
      s.group = rest;
    } else if (verb == "start") {
      s.start = rest;
    } else if (verb == "duration") {
      const auto d = parse_dur(rest);
      if (!d || *d <= 0 || *d > kMaxDurationUs) return fail("duration must be a positive time like 120s, at most 86400s");
      s.duration_us = *d;
    } else if (verb == "replica") {
      std::istringstream t(rest);
      std::string name, word, extra;
      int prio = 0;
      t >> name >> word;
      if (name.empty()) return fail("replica takes a name");
      if (!word.empty()) {
        if (word != "priority" || !(t >> prio) || (t >> extra)) return fail("replica reads NAME [priority N]");
      }
      if (s.replicas.size() >= kMaxReplicas) return fail(fmt::format("at most {} replicas", kMaxReplicas));
      if (std::find(s.replicas.begin(), s.replicas.end(), name) != s.replicas.end()) return fail("replica '" + name + "' is listed twice");
      s.replicas.push_back(name);
      s.priority.resize(s.replicas.size(), 0);
      s.priority.back() = prio;
    } else if (verb == "leader") {
      leader = rest;
    } else if (verb == "observed") {
      std::istringstream t(rest);
      std::string a, b;
      t >> a >> b;
      const auto x = parse_dur(a), y = parse_dur(b);
      if (!x || !y || *y < *x) return fail("observed takes START END, e.g. 44s 56s");
      s.observed.emplace_back(*x, *y);
    } else if (verb == "fault") {
      if (pending_faults.size() >= kMaxFaults) return fail(fmt::format("at most {} faults", kMaxFaults));
      pending_faults.push_back(rest);
      pending_lines.push_back(line_no);
    } else {
      return fail("unknown statement '" + verb + "'");
    }
  }
  if (s.replicas.empty()) return fail("no replica");
  if (s.duration_us <= 0) return fail("no duration");
  if (leader.empty() || leader == "none") {
    s.initial_leader = -1;
  } else if ((s.initial_leader = replica(leader)) < 0) {
    return fail("leader '" + leader + "' is not a replica");
  }
  for (std::size_t i = 0; i < pending_faults.size(); ++i) {
    line_no = pending_lines[i];
    std::istringstream w(pending_faults[i]);
    std::vector<std::string> tok;
    for (std::string t; w >> t;) tok.push_back(t);
    Fault f;
    std::size_t k = 0;
    auto next = [&]() -> std::string { return k < tok.size() ? tok[k++] : std::string(); };
    const std::string kind = next();
    const auto it = std::find_if(kKinds.begin(), kKinds.end(), [&](const KindName& e) { return kind == e.name; });
    if (it == kKinds.end()) return fail("unknown fault '" + kind + "'");
    f.kind = it->kind;
    f.node = replica(next());
    if (f.node < 0) return fail("fault names an unknown replica");
    if (f.kind == Fault::Kind::kLinkDown || f.kind == Fault::Kind::kLinkDelay) {
      if (next() != "->") return fail("link faults read A -> B");
      f.peer = replica(next());
      if (f.peer < 0) return fail("link fault names an unknown replica");
    }
    if (f.kind == Fault::Kind::kLinkDelay || f.kind == Fault::Kind::kClock || f.kind == Fault::Kind::kSlowDisk ||
        f.kind == Fault::Kind::kLoad) {
      const auto v = parse_dur(next());
      if (!v) return fail("expected a time value like +0.9s or 250ms");
      f.value = *v;
    }
    for (std::string word = next(); !word.empty(); word = next()) {
      if (word == "from" || word == "at") {
        const auto t = parse_dur(next());
        if (!t) return fail("expected a time after '" + word + "'");
        f.from_us = *t;
        if (word == "at" && f.kind != Fault::Kind::kDrop && f.kind != Fault::Kind::kCrash && f.kind != Fault::Kind::kRevoke &&
            f.kind != Fault::Kind::kTransfer) {
          return fail("'at' is for drop, crash, revoke and transfer");
        }
      } else if (word == "to") {
        const auto t = parse_dur(next());
        if (!t) return fail("expected a time after 'to'");
        f.to_us = *t;
      } else if (word.rfind("cause=", 0) == 0) {
        f.cause = word.substr(6);
      } else {
        return fail("unexpected '" + word + "'");
      }
    }
    if (f.to_us < f.from_us) return fail("a fault ends before it starts");
    s.faults.push_back(std::move(f));
  }
  return s;
}

}  // namespace paxray::replay
