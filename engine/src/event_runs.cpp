#include "event_runs.h"

#include <algorithm>

#include "leadership.h"

namespace paxray {

FoldPolicy fold_policy(EventKind kind) noexcept {
  // Dumps: reference/oceanbase-log-formats.md gives acceptor and proposer
  // every 3 s, message counters and PALF_DUMP every 10 s; three periods
  // without one is a pause worth its own event. Their head is whole for
  // kStaleDumpUs: leadership reads the first dumps after a revoke one by one.
  // Request errors: the stale-location-cache rule weighs each against the
  // leader switches, so their times are kept; the first 20 of a run stay
  // events, which is every one of an ordinary switch's retries.
  switch (kind) {
    case EventKind::elect_acceptor_dump:
    case EventKind::elect_proposer_dump: return {3 * 3'000'000, kStaleDumpUs, 0, false};
    case EventKind::elect_message_count:
    case EventKind::palf_dump: return {3 * 10'000'000, kStaleDumpUs, 0, false};
    case EventKind::not_master: return {10'000'000, 0, 20, true};
    default: return {};
  }
}

std::string run_state(const Event& ev) {
  std::string s;
  s += static_cast<char>(ev.level);
  s += ev.node;
  for (const auto& [a, v] : ev.attrs) {
    if (a == Attr::kLeaseEnd || a == Attr::kTrace) continue;  // move with every renewal, every request
    s += '\x1f';
    s += static_cast<char>(a);
    if (a == Attr::kLeaseSpan) {
      // Only whether the lease still runs matters (leadership.cpp): the time
      // left counts down between renewals.
      const auto left = parse_span_seconds(v);
      s += !left ? '?' : *left > 0 ? '+' : '-';
    } else {
      s += v;
    }
  }
  for (const PeerCounters& p : ev.peers) {
    // The counters grow; which of them moved since the last dump is the state.
    s += '\x1e';
    s += p.addr;
    s += static_cast<char>(p.send_changed);
    s += static_cast<char>(p.rec_changed);
  }
  return s;
}

void RunFolder::add(Event&& ev) {
  const FoldPolicy policy = fold_policy(ev.kind);
  if (!fold_ || policy.max_gap_us == 0) {
    out_.push_back(std::move(ev));
    return;
  }
  Run& run = runs_[Key{ev.file_id, ev.kind, ev.group}];
  std::string state = run_state(ev);
  // An event folded in its chunk already stands for those before it: the run
  // it continues must reach the first of them.
  const LocalMicros from = ev.folded > 0 ? ev.folded_since : ev.ts;
  const bool goes_on = !run.state.empty() && state == run.state && from >= run.last && from - run.last <= policy.max_gap_us;
  if (!goes_on) {
    close(run);
    run.state = std::move(state);
    run.first = from;
    run.last = ev.ts;
    run.count = 1 + ev.folded;
    out_.push_back(std::move(ev));
    return;
  }
  const bool head = ev.ts - run.first < policy.head_us || run.count < policy.head_count;
  run.last = ev.ts;
  run.count += 1 + ev.folded;
  if (head) {
    // (Its chunk kept every event of this stretch too: the chunk's run began
    // no earlier than this one, so its head reaches at least as far.)
    out_.push_back(std::move(ev));
    return;
  }
  if (run.holding) {
    Event& dropped = run.held;
    if (run.left_out == 0) run.left_out_since = dropped.folded > 0 ? dropped.folded_since : dropped.ts;
    run.left_out += 1 + dropped.folded;
    if (policy.keep_times) {
      run.left_out_at.insert(run.left_out_at.end(), dropped.folded_at.begin(), dropped.folded_at.end());
      run.left_out_at.push_back(dropped.ts);
    }
  }
  run.held = std::move(ev);
  run.holding = true;
}

void RunFolder::close(Run& run) {
  if (!run.holding) return;
  Event& last = run.held;
  if (run.left_out > 0) {
    last.folded += run.left_out;
    last.folded_since = run.left_out_since;
    if (!run.left_out_at.empty()) {
      run.left_out_at.insert(run.left_out_at.end(), last.folded_at.begin(), last.folded_at.end());
      last.folded_at = std::move(run.left_out_at);
    }
  }
  out_.push_back(std::move(last));
  run.held = Event{};
  run.holding = false;
  run.left_out = 0;
  run.left_out_at.clear();
  out_of_order_ = true;
}

void RunFolder::end_file(std::uint32_t file_id) {
  const auto from = runs_.lower_bound(Key{file_id, EventKind{}, GroupKey{}});
  auto it = from;
  for (; it != runs_.end() && std::get<0>(it->first) == file_id; ++it) close(it->second);
  runs_.erase(from, it);
}

void RunFolder::finish() {
  for (auto& [key, run] : runs_) close(run);
  runs_.clear();
  if (!out_of_order_) return;
  std::stable_sort(out_.begin(), out_.end(), [](const Event& a, const Event& b) {
    return a.file_id != b.file_id ? a.file_id < b.file_id : a.line < b.line;
  });
  out_of_order_ = false;
}

}  // namespace paxray
