#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "common_options.h"

namespace paxray::cli {

/// `paxray replay PATH... --export-scenario FILE [--group G]` and
/// `paxray replay --scenario FILE [--seeds N | --token TOKEN] [--trace]`.
class ReplayCommand {
 public:
  void add_to(CLI::App& app);
  [[nodiscard]] bool parsed() const { return cmd_ != nullptr && cmd_->parsed(); }
  [[nodiscard]] int run();

 private:
  int run_file();
  int export_scenario();

  CLI::App* cmd_ = nullptr;
  std::vector<std::string> paths_;
  std::string export_;
  std::string config_;
  std::string scenario_;
  std::string group_;
  std::string token_;
  int seeds_ = 32;
  bool trace_ = false;
};

}  // namespace paxray::cli
