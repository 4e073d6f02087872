#include "dump_runs.h"

#include <algorithm>

namespace paxray {

std::int64_t dump_period_us(EventKind kind) noexcept {
  // reference/oceanbase-log-formats.md: acceptor and proposer every 3 s;
  // message counters and PALF_DUMP every 10 s.
  switch (kind) {
    case EventKind::elect_acceptor_dump:
    case EventKind::elect_proposer_dump: return 3'000'000;
    case EventKind::elect_message_count:
    case EventKind::palf_dump: return 10'000'000;
    default: return 0;
  }
}

std::string dump_state(const Event& ev) {
  std::string s;
  s += static_cast<char>(ev.level);
  s += ev.node;
  for (const auto& [a, v] : ev.attrs) {
    if (a == Attr::kLeaseEnd) continue;  // moves with every renewal
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

void DumpFolder::add(Event&& ev) {
  const std::int64_t period = dump_period_us(ev.kind);
  if (!fold_ || period == 0) {
    out_.push_back(std::move(ev));
    return;
  }
  Run& run = runs_[Key{ev.file_id, ev.kind, ev.group}];
  std::string state = dump_state(ev);
  // A dump folded in its chunk already stands for the dumps before it: the
  // run it continues must reach the first of those.
  const LocalMicros from = ev.folded > 0 ? ev.folded_since : ev.ts;
  const bool goes_on = !run.state.empty() && state == run.state && from >= run.last && from - run.last <= 3 * period;
  if (!goes_on) {
    close(run);
    run.state = std::move(state);
    run.first = from;
    run.last = ev.ts;
    out_.push_back(std::move(ev));
    return;
  }
  run.last = ev.ts;
  if (ev.ts - run.first < kHeadUs) {
    // (Its chunk kept every dump of this stretch too: its chunk's run began
    // no earlier than this one, so its head reaches at least as far.)
    out_.push_back(std::move(ev));
    return;
  }
  if (run.holding) {
    if (run.left_out == 0) run.left_out_since = run.held.folded > 0 ? run.held.folded_since : run.held.ts;
    run.left_out += 1 + run.held.folded;
  }
  run.held = std::move(ev);
  run.holding = true;
}

void DumpFolder::close(Run& run) {
  if (!run.holding) return;
  Event& last = run.held;
  if (run.left_out > 0) {
    last.folded += run.left_out;
    last.folded_since = run.left_out_since;
  }
  out_.push_back(std::move(last));
  run.held = Event{};
  run.holding = false;
  run.left_out = 0;
  out_of_order_ = true;
}

void DumpFolder::end_file(std::uint32_t file_id) {
  const auto from = runs_.lower_bound(Key{file_id, EventKind{}, GroupKey{}});
  auto it = from;
  for (; it != runs_.end() && std::get<0>(it->first) == file_id; ++it) close(it->second);
  runs_.erase(from, it);
}

void DumpFolder::finish() {
  for (auto& [key, run] : runs_) close(run);
  runs_.clear();
  if (!out_of_order_) return;
  std::stable_sort(out_.begin(), out_.end(), [](const Event& a, const Event& b) {
    return a.file_id != b.file_id ? a.file_id < b.file_id : a.line < b.line;
  });
  out_of_order_ = false;
}

}  // namespace paxray
