// PERF NOTES: the loop jumps from event to event: replicas are ticked only at
// their own next deadline (Replica::next_deadline), not every millisecond, so a
// 2-minute run of a 3-replica group costs a few thousand events. Figures in
// docs/PERFORMANCE.md (bench/replay_events).
#include "paxray/replay/sim/simulator.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <queue>
#include <random>

namespace paxray::replay {
namespace {

constexpr std::int64_t kTickSpacingUs = 10'000;

struct Item {
  std::int64_t at;
  std::uint64_t seq;
  enum class Kind : std::uint8_t { kDeliver, kTick, kFaultOn, kFaultOff, kServe } kind;
  std::size_t index;  // message pool index, replica index, or fault index
  bool operator>(const Item& o) const { return at != o.at ? at > o.at : seq > o.seq; }
};

class Host {
 public:
  Host(const Scenario& s, std::uint64_t seed, const SimOptions& o) : s_(s), o_(o), rng_(seed * 0x2545F4914F6CDD1Dull + 7) {
    const int n = static_cast<int>(s.replicas.size());
    load_.assign(static_cast<std::size_t>(n), 0);
    busy_until_.assign(static_cast<std::size_t>(n), 0);
    backlog_.resize(static_cast<std::size_t>(n));
    for (const auto& f : s.faults) {
      if (f.kind == Fault::Kind::kClock) clocks_.push_back(&f);
    }
    std::vector<int> members(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) members[static_cast<std::size_t>(i)] = i;
    for (int i = 0; i < n; ++i) {
      replicas_.emplace_back(ReplicaConfig{i, members, o.timing, seed * 1000 + static_cast<std::uint64_t>(i), s.priority});
    }
    if (s.initial_leader >= 0) {
      for (int i = 0; i < n; ++i) {
        if (i == s.initial_leader) {
          replicas_[static_cast<std::size_t>(i)].bootstrap_leader(1, local(i, 0));
        } else {
          replicas_[static_cast<std::size_t>(i)].bootstrap_follower(s.initial_leader, 1, local(i, 0));
        }
      }
      had_leader_ = true;
    }
    for (std::size_t f = 0; f < s.faults.size(); ++f) {
      if (s.faults[f].kind == Fault::Kind::kClock) continue;
      push(s.faults[f].from_us, Item::Kind::kFaultOn, f);
      if (s.faults[f].to_us < kForever) push(s.faults[f].to_us, Item::Kind::kFaultOff, f);
    }
    for (int i = 0; i < n; ++i) schedule_tick(i, 0);
  }

  RunResult run() {
    while (!queue_.empty()) {
      const Item it = queue_.top();
      queue_.pop();
      if (it.at > s_.duration_us) break;
      now_ = it.at;
      ++result_.events;
      switch (it.kind) {
        case Item::Kind::kDeliver: deliver(it.index); break;
        case Item::Kind::kTick: tick(it.index); break;
        case Item::Kind::kFaultOn: fault(s_.faults[it.index], true); break;
        case Item::Kind::kFaultOff: fault(s_.faults[it.index], false); break;
        case Item::Kind::kServe: serve(it.index); break;
      }
      observe();
    }
    now_ = s_.duration_us;
    if (leaderless_since_ >= 0) result_.leaderless.emplace_back(leaderless_since_, s_.duration_us);
    std::sort(result_.logged.begin(), result_.logged.end());
    return std::move(result_);
  }

 private:
  // A clock fault over the whole run is the replica's offset: its timers and
  // its messages' stamps both read it. One over a spell (an NTP step that
  // came back) moves only the wall clock that stamps messages: the election
  // times its leases on a monotonic clock, as OceanBase 4.x does, so a step
  // cannot stretch a lease (docs/OUTPUT.md, Replay).
  static bool whole_run(const Fault& f) { return f.from_us <= 0 && f.to_us >= kForever; }
  std::int64_t offset(int r) const {
    std::int64_t off = 0;
    for (const Fault* f : clocks_) {
      if (f->node == r && whole_run(*f)) off += f->value;
    }
    return off;
  }
  std::int64_t wall_step(int r, std::int64_t t) const {
    std::int64_t off = 0;
    for (const Fault* f : clocks_) {
      if (f->node == r && !whole_run(*f) && f->from_us <= t && t < f->to_us) off += f->value;
    }
    return off;
  }
  std::int64_t local(int r, std::int64_t t) const { return t + offset(r); }
  // Whether a note is something a replica writes to its log when a leader is
  // lost: a lease that ran out, or a leader stepping down while it runs (a
  // crashed or dropped replica writes nothing).
  static bool logged(const Note& n) {
    return n.kind == Note::Kind::kLeaseExpired ||
           (n.kind == Note::Kind::kRevoked && n.reason != "crashed" && n.reason != "log stream dropped here");
  }
  // The message as `to` judges its age: its wall-clock stamp against `to`'s wall clock.
  Message as_seen_by(const Message& m, int to) const {
    Message seen = m;
    seen.sent_local_us -= wall_step(to, now_);
    return seen;
  }

  void push(std::int64_t at, Item::Kind k, std::size_t index) { queue_.push(Item{at, seq_++, k, index}); }

  void schedule_tick(int r, std::int64_t not_before) {
    const std::int64_t deadline = replicas_[static_cast<std::size_t>(r)].next_deadline();
    if (deadline >= kForever) return;
    pending_tick_.resize(replicas_.size(), kForever);
    last_tick_.resize(replicas_.size(), -kTickSpacingUs);
    // A deadline a replica cannot act on yet (a disk-full follower cannot
    // campaign) must not spin: ticks of one replica are kTickSpacingUs apart.
    const std::int64_t at = std::max({not_before, deadline - offset(r),
                                      last_tick_[static_cast<std::size_t>(r)] + kTickSpacingUs});
    if (at >= pending_tick_[static_cast<std::size_t>(r)]) return;  // an earlier tick is already queued
    pending_tick_[static_cast<std::size_t>(r)] = at;
    push(at, Item::Kind::kTick, static_cast<std::size_t>(r));
  }

  void tick(std::size_t r) {
    if (pending_tick_[r] != now_) return;  // superseded
    pending_tick_[r] = kForever;
    last_tick_[r] = now_;
    replicas_[r].tick(local(static_cast<int>(r), now_));
    drain(static_cast<int>(r));
  }

  // Load: a loaded replica spends `load` (the measured time to write one log
  // line) on each message it handles, and its messages wait for the ones
  // before them, first in, first out. Timers keep their own thread. A message
  // that waited past the time window is dropped by the core as "not in time",
  // still at its cost. So a leader that receives messages faster than it can
  // handle them falls behind until its renewal acks are stale, and loses its
  // lease while its followers, still receiving its renewals, keep granting it.

  bool queued(std::size_t r) const { return load_[r] > 0 || !backlog_[r].empty(); }

  void enqueue(std::size_t r, std::size_t input) {
    backlog_[r].push_back(input);
    if (backlog_[r].size() == 1) push(std::max(now_, busy_until_[r]), Item::Kind::kServe, r);
  }

  void serve(std::size_t r) {
    if (backlog_[r].empty()) return;
    const std::size_t input = backlog_[r].front();
    backlog_[r].pop_front();
    replicas_[r].step(as_seen_by(pool_[input], static_cast<int>(r)), local(static_cast<int>(r), now_));
    busy_until_[r] = now_ + load_[r];
    if (!backlog_[r].empty()) push(busy_until_[r], Item::Kind::kServe, r);
    drain(static_cast<int>(r));
  }

  bool link_down(int from, int to) const {
    for (const auto& f : s_.faults) {
      if (f.kind == Fault::Kind::kLinkDown && f.node == from && f.peer == to && f.from_us <= now_ && now_ < f.to_us) return true;
    }
    return false;
  }

  std::int64_t link_delay(int from, int to) const {
    std::int64_t d = 0;
    for (const auto& f : s_.faults) {
      if (f.kind == Fault::Kind::kLinkDelay && f.node == from && f.peer == to && f.from_us <= now_ && now_ < f.to_us) d += f.value;
    }
    return d;
  }

  void drain(int r) {
    Replica& rep = replicas_[static_cast<std::size_t>(r)];
    if (rep.has_ready()) {
      Ready rd = rep.ready();
      for (const Message& m : rd.outbox) {
        if (link_down(m.from, m.to)) continue;
        const std::int64_t delay = o_.net_delay_us + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(o_.net_jitter_us + 1)) +
                                   link_delay(m.from, m.to) + m.delay_us;
        pool_.push_back(m);
        pool_.back().sent_local_us += wall_step(m.from, now_);
        push(now_ + delay, Item::Kind::kDeliver, pool_.size() - 1);
      }
      for (const Note& n : rd.notes) {
        // True time of the note: it may date something that happened before now (a lease that ran out).
        const std::int64_t at = now_ - (local(r, now_) - n.local_us);
        if (logged(n)) result_.logged.push_back(at);
        if (o_.trace) {
          static constexpr const char* kNames[] = {"became leader", "reconfirmed", "usable", "revoked", "takeover failed",
                                                   "lease expired"};
          result_.trace.push_back(fmt::format("{:>10.3f}s {} {}{}{}", static_cast<double>(at) / 1e6, s_.replicas[static_cast<std::size_t>(n.replica)],
                                              kNames[static_cast<int>(n.kind)], n.reason.empty() ? "" : ": ", n.reason));
        }
      }
      rep.advance();
    }
    schedule_tick(r, now_);
  }

  void deliver(std::size_t i) {
    const Message m = pool_[i];
    if (queued(static_cast<std::size_t>(m.to))) {
      enqueue(static_cast<std::size_t>(m.to), i);
      return;
    }
    Replica& rep = replicas_[static_cast<std::size_t>(m.to)];
    rep.step(as_seen_by(m, m.to), local(m.to, now_));
    drain(m.to);
  }

  // A fault of the scenario becomes conditions stepped into the replicas.
  void fault(const Fault& f, bool on) {
    Replica& r = replicas_[static_cast<std::size_t>(f.node)];
    const std::int64_t t = local(f.node, now_);
    using K = Condition::Kind;
    auto cond = [&](K k) {
      Condition c;
      c.kind = k;
      c.on = on;
      return c;
    };
    switch (f.kind) {
      case Fault::Kind::kCrash: r.step(cond(on ? K::kCrash : K::kRestart), t); break;
      case Fault::Kind::kDiskFull: r.step(cond(K::kDiskFull), t); break;
      case Fault::Kind::kMemoryFull: r.step(cond(K::kMemoryFull), t); break;
      case Fault::Kind::kSlowDisk: {
        Condition c = cond(K::kDiskLatency);
        c.value = on ? f.value : 0;
        r.step(c, t);
        break;
      }
      case Fault::Kind::kReconfirmBlock: r.step(cond(K::kReconfirmBlocked), t); break;
      case Fault::Kind::kTakeoverHang:
      case Fault::Kind::kTakeoverFail: {
        Condition c = cond(K::kTakeover);
        c.takeover = !on ? TakeoverMode::kNormal : f.kind == Fault::Kind::kTakeoverHang ? TakeoverMode::kHang : TakeoverMode::kFail;
        r.step(c, t);
        break;
      }
      case Fault::Kind::kDrop:
        if (on) r.step(cond(K::kDrop), t);
        break;
      case Fault::Kind::kLoad: load_[static_cast<std::size_t>(f.node)] = on ? f.value : 0; break;
      case Fault::Kind::kRevoke:
        if (on) {
          Condition c = cond(K::kRevoke);
          c.reason = "stepped down (observed)";
          r.step(c, t);
        }
        break;
      case Fault::Kind::kTransfer:
        if (on) {
          Condition revoke = cond(K::kRevoke);
          revoke.reason = "change leader";
          for (std::size_t i = 0; i < replicas_.size(); ++i) {
            const std::int64_t ti = local(static_cast<int>(i), now_);
            replicas_[i].step(revoke, ti);
            replicas_[i].step(cond(K::kReleaseLease), ti);
            if (static_cast<int>(i) != f.node) drain(static_cast<int>(i));
          }
          r.step(cond(K::kCampaign), t);
        }
        break;
      case Fault::Kind::kLinkDown:
      case Fault::Kind::kLinkDelay:
      case Fault::Kind::kClock: break;  // consulted per message / fixed
    }
    drain(f.node);
  }

  // Usable leaders right now; records leaderless windows and the safety check.
  void observe() {
    int usable = 0;
    for (std::size_t i = 0; i < replicas_.size(); ++i) usable += replicas_[i].usable(local(static_cast<int>(i), now_)) ? 1 : 0;
    result_.max_concurrent_leases = std::max(result_.max_concurrent_leases, usable);
    if (usable > 0) {
      had_leader_ = true;
      if (leaderless_since_ >= 0) {
        result_.leaderless.emplace_back(leaderless_since_, now_);
        leaderless_since_ = -1;
      }
    } else if (had_leader_ && leaderless_since_ < 0) {
      leaderless_since_ = now_;
    }
  }

  const Scenario& s_;
  SimOptions o_;
  std::mt19937_64 rng_;
  std::vector<Replica> replicas_;
  std::vector<const Fault*> clocks_;
  std::vector<std::int64_t> load_;
  std::vector<std::int64_t> busy_until_;
  std::vector<std::deque<std::size_t>> backlog_;  ///< per replica: message pool indexes, in arrival order
  std::vector<std::int64_t> pending_tick_;
  std::vector<std::int64_t> last_tick_;
  std::vector<Message> pool_;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue_;
  std::uint64_t seq_ = 0;
  std::int64_t now_ = 0;
  bool had_leader_ = false;
  std::int64_t leaderless_since_ = -1;
  RunResult result_;
};

}  // namespace

double RunResult::overlap_s(std::int64_t from, std::int64_t to) const {
  std::int64_t total = 0;
  for (const auto& [a, b] : leaderless) total += std::max<std::int64_t>(0, std::min(b, to) - std::max(a, from));
  return static_cast<double>(total) / 1e6;
}

std::int64_t RunResult::logged_start(std::int64_t a, std::int64_t b) const {
  const auto it = std::lower_bound(logged.begin(), logged.end(), a);
  return it != logged.end() && *it < b ? *it : a;
}

double RunResult::leader_fraction(std::int64_t from, std::int64_t to) const {
  if (to <= from) return 1.0;
  return 1.0 - overlap_s(from, to) * 1e6 / static_cast<double>(to - from);
}

RunResult simulate(const Scenario& s, std::uint64_t seed, const SimOptions& options) {
  if (s.replicas.empty()) return {};
  Host host(s, seed, options);
  return host.run();
}

}  // namespace paxray::replay
