// paxray-gen: writes deterministic OceanBase log directories for samples and benchmarks.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "incidents.h"
#include "ob4_corpus.h"

int main(int argc, char** argv) {
  paxray::gen::CorpusOptions o;
  std::string size = "4M", rotate = "256M";
  CLI::App app{"paxray-gen: deterministic OceanBase 4.x log corpus (healthy traffic)"};
  app.add_option("--out", o.out_dir, "Output directory (created)")->required();
  app.add_option("--nodes", o.nodes, "Number of observers (1-9)");
  app.add_option("--size", size, "Approximate total size, e.g. 600K, 64M, 4G");
  app.add_option("--rotate", rotate, "observer.log rotation size (OceanBase uses 256M)");
  app.add_option("--zst", o.zst_rotations, "How many of the oldest rotated observer logs per node to compress with zstd");
  app.add_option("--pack-node", o.pack_node, "Put this node's logs in an obdiag-style .tar.gz (1-based; 0 = none)");
  app.add_option("--seed", o.seed, "Random seed");
  app.add_option("--start", o.start, "Log time of the first line");
  std::string scenario;
  app.add_option("--scenario", scenario, "Write an incident instead of healthy traffic: lease-loss-4x, sliding-window-3x");
  app.add_option("--gap-us", o.mean_gap_us, "Mean time between traffic lines (default: from --size)");
  app.add_option("--tenants", o.tenants, "User tenants (1001, 1003, ...)");
  app.add_option("--ls-per-tenant", o.ls_per_tenant, "Log streams per user tenant (1001, 1002, ...)");
  std::int64_t shift_ms = 0;
  app.add_option("--shift-ms", shift_ms, "Start an incident's story this much later (0-60000 ms; replay calibration)")
      ->check(CLI::Range(0, 60000));
  CLI11_PARSE(app, argc, argv);
  auto bytes = [](const std::string& s) -> std::uint64_t {
    std::size_t pos = 0;
    const double v = std::stod(s, &pos);
    const std::string unit = s.substr(pos);
    const double mult = unit == "K" ? 1024.0 : unit == "M" ? 1048576.0 : unit == "G" ? 1073741824.0 : 1.0;
    return static_cast<std::uint64_t>(v * mult);
  };
  o.total_bytes = bytes(size);
  o.rotate_bytes = bytes(rotate);
  o.story_shift_us = shift_ms * 1000;
  const std::string err = scenario.empty() ? paxray::gen::write_ob4_corpus(o) : paxray::gen::write_scenario(scenario, o);
  if (!err.empty()) {
    fmt::print(stderr, "paxray-gen: {}\n", err);
    return 1;
  }
  return 0;
}
