#include "clock_episodes.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace paxray {
namespace {

// A sample this late is not a network delay of a healthy cluster: below it,
// a clock cannot be told from a slow link.
constexpr std::int64_t kMinStepUs = 1'000'000;
// Samples further apart than this are two spells (packet-fly warnings come at
// most every 100 ms per thread, election delay warnings every few seconds).
constexpr LocalMicros kGapUs = 60'000'000;
// Samples of one spell agree on its size within this (delays add a little).
constexpr std::int64_t kToleranceUs = 250'000;
constexpr std::size_t kMinSamples = 3;

std::int64_t median(std::vector<std::int64_t> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

struct Run {
  std::vector<std::size_t> idx;  // into samples, in time order
  std::int64_t anchor = 0;
};

}  // namespace

std::vector<FoundEpisode> find_clock_episodes(std::size_t nodes, const std::vector<EpisodeSample>& samples,
                                              const std::vector<ClockJumpSeen>& jumps, const std::vector<LocalMicros>& first,
                                              const std::vector<LocalMicros>& last) {
  std::vector<FoundEpisode> out;
  for (std::size_t x = 0; x < nodes; ++x) {
    for (const bool ahead : {true, false}) {
      // Ahead: its peers' messages look late to x. Behind: x's look late to its peers.
      std::vector<std::size_t> series;
      for (std::size_t i = 0; i < samples.size(); ++i) {
        const EpisodeSample& s = samples[i];
        if ((ahead ? s.to : s.from) == x && s.from != s.to && s.value >= kMinStepUs) series.push_back(i);
      }
      std::stable_sort(series.begin(), series.end(), [&](std::size_t a, std::size_t b) { return samples[a].at < samples[b].at; });
      std::vector<Run> runs;
      for (std::size_t i : series) {
        const EpisodeSample& s = samples[i];
        const bool joins = !runs.empty() && s.at - samples[runs.back().idx.back()].at <= kGapUs &&
                           std::llabs(s.value - runs.back().anchor) <= std::max(kToleranceUs, runs.back().anchor / 10);
        if (!joins) runs.push_back({{}, s.value});
        runs.back().idx.push_back(i);
      }
      for (const Run& r : runs) {
        if (r.idx.size() < kMinSamples) continue;
        std::set<std::size_t> peers;
        std::vector<std::int64_t> values;
        for (std::size_t i : r.idx) {
          peers.insert(ahead ? samples[i].from : samples[i].to);
          values.push_back(samples[i].value);
        }
        // One slow link is not a clock: with three or more nodes, a clock
        // shows against at least two peers.
        if (nodes >= 3 && peers.size() < 2) continue;
        FoundEpisode e;
        e.node = x;
        e.step_us = ahead ? median(values) : -median(values);
        // Behind: the samples were logged on the peers' clocks, which x's
        // own clock trailed by |step_us| meanwhile.
        const LocalMicros shift = ahead ? 0 : e.step_us;
        e.first_at = samples[r.idx.front()].at + shift;
        e.last_at = samples[r.idx.back()].at + shift;
        e.first_event = samples[r.idx.front()].event;
        e.last_event = samples[r.idx.back()].event;
        e.peers = static_cast<int>(peers.size());
        e.samples = r.idx;
        // The step back, when the node logged it: opposite sign, about the size.
        for (const ClockJumpSeen& j : jumps) {
          const bool opposite = (j.delta_us < 0) == (e.step_us > 0);
          const bool sized = std::llabs(std::llabs(j.delta_us) - std::llabs(e.step_us)) <= std::llabs(e.step_us) / 2;
          const LocalMicros after = j.at + (ahead ? std::llabs(j.delta_us) : 0);  // the clock it left, for ahead
          if (j.node == x && opposite && sized && after >= e.last_at && after - e.last_at <= kGapUs) {
            e.jump_event = j.event;
            e.jump_delta_us = j.delta_us;
            break;
          }
        }
        // Without a logged step back, a run over (nearly) the whole log is
        // the node's constant offset: the solver's.
        const bool whole = x < first.size() && x < last.size() && e.first_at - first[x] <= kGapUs && last[x] - e.last_at <= kGapUs;
        if (e.jump_event == kNoSample && whole) continue;
        out.push_back(std::move(e));
      }
    }
  }
  return out;
}

}  // namespace paxray
