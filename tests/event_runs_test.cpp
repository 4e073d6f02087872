// Folding runs of periodic dumps (engine/src/event_runs.h): the streaming
// folder against a batch statement of the same rule over random streams, and
// what counts as "the same state".
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>
#include <vector>

#include "../engine/src/event_runs.h"

namespace paxray {
namespace {

constexpr LocalMicros kSec = 1'000'000;

Event acceptor(std::uint32_t file, std::uint64_t line, LocalMicros ts, std::string owner, std::string span) {
  Event e;
  e.kind = EventKind::elect_acceptor_dump;
  e.file_id = file;
  e.line = line;
  e.ts = ts;
  e.group.tenant = 1001;
  e.group.ls = 1001;
  e.set(Attr::kOwner, owner);
  e.set(Attr::kLeaseEnd, std::to_string(ts % 997));
  e.set(Attr::kLeaseSpan, std::move(span));
  return e;
}

// The rule, stated over whole runs: split each (file, kind, group) stream
// where the state changes, time goes back or pauses longer than the kind
// allows; keep a run's head and its last event, which counts the rest.
std::vector<Event> fold_in_batch(const std::vector<Event>& in) {
  std::map<std::tuple<std::uint32_t, EventKind, GroupKey>, std::vector<std::vector<const Event*>>> runs;
  std::vector<Event> out;
  for (const Event& e : in) {
    const FoldPolicy policy = fold_policy(e.kind);
    if (policy.max_gap_us == 0) {
      out.push_back(e);
      continue;
    }
    auto& rs = runs[{e.file_id, e.kind, e.group}];
    const Event* prev = rs.empty() ? nullptr : rs.back().back();
    if (prev == nullptr || run_state(*prev) != run_state(e) || e.ts < prev->ts || e.ts - prev->ts > policy.max_gap_us) {
      rs.emplace_back();
    }
    rs.back().push_back(&e);
  }
  for (const auto& [key, rs] : runs) {
    const FoldPolicy policy = fold_policy(std::get<1>(key));
    for (const auto& run : rs) {
      std::vector<LocalMicros> left_out;
      for (std::size_t j = 0; j < run.size(); ++j) {
        const bool head = run[j]->ts - run.front()->ts < policy.head_us || j < policy.head_count;
        if (head || j + 1 == run.size()) {
          out.push_back(*run[j]);
          out.back().folded = static_cast<std::uint32_t>(left_out.size());
          out.back().folded_since = left_out.empty() ? 0 : left_out.front();
          if (policy.keep_times) out.back().folded_at = left_out;
        } else {
          left_out.push_back(run[j]->ts);
        }
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
    return std::tie(a.file_id, a.line) < std::tie(b.file_id, b.line);
  });
  return out;
}

TEST(EventRuns, StreamingFolderKeepsWhatTheBatchRuleKeeps) {
  std::mt19937_64 rng(7);
  std::uint64_t folded_somewhere = 0;
  std::uint64_t folded_in_chunks = 0;
  std::uint64_t times_kept = 0;
  for (int round = 0; round < 800; ++round) {
    const bool split = round % 2 == 1;  // odd rounds: the chunks fold too
    std::vector<Event> in;
    const int files = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < files; ++f) {
      LocalMicros t = 0;
      const bool storm = rng() % 2 == 0;  // mostly retried requests, else mostly dumps
      const int n = static_cast<int>(rng() % (storm ? 300 : 120));
      for (int i = 0; i < n; ++i) {
        // Mostly the dumps' own period, sometimes a pause or a step back.
        const auto roll = rng() % 100;
        t += roll < 85 ? 3 * kSec : roll < 92 ? 10 * kSec + static_cast<LocalMicros>(rng() % (20 * kSec)) : roll < 96 ? 0 : -2 * kSec;
        const std::string owner = rng() % 25 == 0 ? "10.0.0.2:2882" : "10.0.0.1:2882";
        const std::string span = rng() % 30 == 0 ? "-0.100s" : (rng() % 2 ? "3.700s" : "1.200s");
        Event e = acceptor(static_cast<std::uint32_t>(f), static_cast<std::uint64_t>(i), t, owner, span);
        if (rng() % 8 == 0) e.kind = EventKind::elect_takeover;  // passes through
        if (rng() % 6 == 0) e.kind = EventKind::palf_dump;       // another stream of the same group
        if (rng() % 10 == 0) e.group.ls = 1002;                  // another group
        if (rng() % (storm ? 100 : 10) >= (storm ? 10 : 8)) {  // a retried request: its trace id is its own
          e.kind = EventKind::not_master;
          e.attrs.clear();
          e.set(Attr::kRet, "-4038");
          e.set(Attr::kTrace, std::to_string(rng()));
          if (rng() % 20 == 0) e.set(Attr::kDstAddr, "10.0.0.3:2882");
        }
        in.push_back(std::move(e));
      }
    }
    // As the scan does: each chunk (cut anywhere in a file) folded on its
    // own, then the chunks of each file, in order, folded again.
    std::vector<Event> got;
    RunFolder folder(got);
    std::vector<Event> chunk;
    for (std::size_t i = 0; i < in.size(); ++i) {
      chunk.push_back(in[i]);
      const bool file_ends = i + 1 == in.size() || in[i + 1].file_id != in[i].file_id;
      if (file_ends || rng() % 40 == 0) {
        std::vector<Event> folded_chunk;
        RunFolder chunk_folder(folded_chunk, split);
        for (Event& e : chunk) chunk_folder.add(std::move(e));
        chunk_folder.finish();
        chunk.clear();
        for (Event& e : folded_chunk) {
          folded_in_chunks += e.folded;
          folder.add(std::move(e));
        }
      }
      if (file_ends) folder.end_file(in[i].file_id);
    }
    folder.finish();
    const std::vector<Event> want = fold_in_batch(in);
    ASSERT_EQ(got.size(), want.size()) << "round " << round;
    std::uint64_t left_out = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(got[i].file_id, want[i].file_id) << "round " << round << " event " << i;
      ASSERT_EQ(got[i].line, want[i].line) << "round " << round << " event " << i;
      EXPECT_EQ(got[i].folded, want[i].folded) << "round " << round << " line " << want[i].line;
      EXPECT_EQ(got[i].folded_since, want[i].folded_since) << "round " << round << " line " << want[i].line;
      EXPECT_EQ(got[i].folded_at, want[i].folded_at) << "round " << round << " line " << want[i].line;
      left_out += got[i].folded;
      times_kept += got[i].folded_at.size();
    }
    EXPECT_EQ(left_out + got.size(), in.size()) << "every dump is kept or counted";
    folded_somewhere += left_out;
  }
  EXPECT_GT(folded_somewhere, 1000u) << "the streams must hold runs long enough to fold";
  EXPECT_GT(folded_in_chunks, 1000u) << "and chunks long enough to fold on their own";
  EXPECT_GT(times_kept, 1000u) << "and runs of requests, whose times are kept";
}

TEST(EventRuns, KeepDumpsKeepsEveryEvent) {
  std::vector<Event> got;
  RunFolder folder(got, false);
  for (int i = 0; i < 100; ++i) folder.add(acceptor(0, static_cast<std::uint64_t>(i), i * 3 * kSec, "10.0.0.1:2882", "3.700s"));
  folder.finish();
  ASSERT_EQ(got.size(), 100u);
  for (const Event& e : got) EXPECT_EQ(e.folded, 0u);
}

TEST(EventRuns, StateIgnoresOnlyWhatMovesWithTheClock) {
  const Event a = acceptor(0, 1, 0, "10.0.0.1:2882", "3.700s");
  // The lease's time left and its end move between renewals.
  EXPECT_EQ(run_state(a), run_state(acceptor(0, 2, 3 * kSec, "10.0.0.1:2882", "1.250s")));
  // Whether the lease still runs, and its owner, do not.
  EXPECT_NE(run_state(a), run_state(acceptor(0, 2, 3 * kSec, "10.0.0.1:2882", "-0.010s")));
  EXPECT_NE(run_state(a), run_state(acceptor(0, 2, 3 * kSec, "10.0.0.1:2882", "0.000s")));
  EXPECT_NE(run_state(a), run_state(acceptor(0, 2, 3 * kSec, "10.0.0.2:2882", "3.700s")));
  Event ballot = acceptor(0, 2, 3 * kSec, "10.0.0.1:2882", "3.700s");
  ballot.set(Attr::kBallot, "8");
  EXPECT_NE(run_state(a), run_state(ballot));
  Event warn = a;
  warn.level = Level::kWarn;
  EXPECT_NE(run_state(a), run_state(warn));

  // Message counters: the values grow; which of them moved is the state.
  Event m1;
  m1.kind = EventKind::elect_message_count;
  PeerCounters p;
  p.addr = "10.0.0.2:2882";
  p.rec = {0, 0, 0, 1518, 0};
  p.rec_changed = 1u << 3;
  m1.peers.push_back(p);
  Event m2 = m1;
  m2.peers[0].rec[3] = 1818;
  m2.peers[0].last_rec = "later";
  EXPECT_EQ(run_state(m1), run_state(m2));
  m2.peers[0].rec_changed = 0;  // stopped hearing the peer
  EXPECT_NE(run_state(m1), run_state(m2));
}

}  // namespace
}  // namespace paxray
