#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "common_options.h"

namespace paxray::cli {

class TimelineCommand {
 public:
  void add_to(CLI::App& app);
  [[nodiscard]] bool parsed() const { return cmd_ != nullptr && cmd_->parsed(); }
  [[nodiscard]] int run();

 private:
  CLI::App* cmd_ = nullptr;
  InputArgs input_;
  std::vector<std::string> filter_nodes_;
  std::vector<std::string> kinds_;
  std::vector<std::int64_t> tenant_;
  std::vector<std::int64_t> ls_;
  bool json_ = false;
};

}  // namespace paxray::cli
