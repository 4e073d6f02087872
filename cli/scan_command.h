#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "common_options.h"

namespace paxray::cli {

class ScanCommand {
 public:
  void add_to(CLI::App& app);
  [[nodiscard]] bool parsed() const { return cmd_ != nullptr && cmd_->parsed(); }
  [[nodiscard]] int run(const std::vector<std::string>& argv);

 private:
  CLI::App* cmd_ = nullptr;
  InputArgs input_;
  std::string json_;
  std::string config_;
  std::string html_;
  bool no_replay_ = false;
  int replay_seeds_ = 32;
  std::string state_;       ///< cron mode: the state file
  int context_minutes_ = 60;
  bool nagios_ = false;
  bool list_files_ = false;
  bool verbose_ = false;
};

}  // namespace paxray::cli
