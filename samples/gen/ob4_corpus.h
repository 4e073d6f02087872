// Deterministic generator of OceanBase 4.x log directories (healthy traffic).
//
// Used for the bundled sample (samples/incidents/basic-4x) and the benchmark
// corpus (bench/scan_throughput). Lines follow the layouts and message texts
// of shared/reference/oceanbase-log-formats.md: mostly SQL / storage INFO and
// WDIAG traffic, with election dumps (every 3 s / 10 s per log stream),
// PALF_DUMP and PALF stats, role-change-service begin/end pairs, [MEMORY]
// multi-line dumps, rare EDIAG with BACKTRACE and -4038 retries. Same options
// and seed give the same bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace paxray::gen {

struct CorpusOptions {
  std::string out_dir;
  int nodes = 3;
  std::uint64_t total_bytes = 4ull << 20;    ///< approximate, over all nodes and files
  std::uint64_t rotate_bytes = 256ull << 20; ///< observer.log rotation size (OceanBase: 256 MB)
  int zst_rotations = 1;                     ///< oldest rotated observer logs per node to .zst
  int pack_node = 0;                         ///< 1-based node whose log dir goes into a .tar.gz (0: none)
  std::uint64_t seed = 1;
  std::string start = "2024-03-05 10:00:00.000000";
  int tenants = 2;                           ///< user tenants 1001, 1003, ...; tenant 1 always exists
  int ls_per_tenant = 2;
  std::int64_t mean_gap_us = 0;              ///< mean time between traffic lines; 0 = from the size
  std::int64_t story_shift_us = 0;           ///< an incident's story starts this much later (Story::shift_us)

  // Incident hooks (samples/gen/incidents.cpp); times are true time since `start`.
  struct LeaderChange {
    int tenant;
    int ls;
    std::int64_t at_us;
    int leader;  ///< 0-based node, or -1: no leader from then on
  };
  struct Line {
    int node;
    enum class File { kObserver, kElection, kRootService } file = File::kObserver;
    std::int64_t at_us = 0;
    std::string level, module, function, source_file;
    int source_line = 0;
    int tid = 0;
    std::string thread;
    int tenant = 0;
    std::optional<int> errcode;
    std::string body;
  };
  std::vector<LeaderChange> leader_changes;
  std::vector<Line> lines;                  ///< extra lines, written in time order
  std::vector<std::int64_t> clock_skew_us;  ///< per node: its clock minus true time
  /// A node's clock steps by `step_us` at `from_us` and back at `to_us` (an
  /// NTP step that came back): its lines meanwhile carry the stepped time.
  struct ClockStep {
    int node;
    std::int64_t from_us;
    std::int64_t to_us;
    std::int64_t step_us;
  };
  std::vector<ClockStep> clock_steps;
  std::vector<std::int64_t> stop_at_us;     ///< per node: stops logging (crash) at this time; 0 = never
  std::vector<int> headerless;              ///< nodes whose files lack the `New syslog file info` header
  std::int64_t min_run_us = 0;              ///< keep logging at least this long after the start
  /// Per node: [lt=] printed on traffic lines during [from, to) (a starved logger).
  struct SlowLogging {
    int node;
    std::int64_t from_us;
    std::int64_t to_us;
    int lt_us;
  };
  std::vector<SlowLogging> slow_logging;
  /// Message counters to a peer freeze (not answering) during [from, to).
  struct Silence {
    int node;
    int peer;
    std::int64_t from_us;
    std::int64_t to_us;
  };
  std::vector<Silence> silences;
};

/// Writes the corpus; returns an error message or "".
[[nodiscard]] std::string write_ob4_corpus(const CorpusOptions& options);

}  // namespace paxray::gen
