#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "common_options.h"

namespace paxray::cli {

/// `paxray extract PATH... -o FILE`: this node's events, for a central scan.
class ExtractCommand {
 public:
  void add_to(CLI::App& app);
  [[nodiscard]] bool parsed() const { return cmd_ != nullptr && cmd_->parsed(); }
  [[nodiscard]] int run();

 private:
  CLI::App* cmd_ = nullptr;
  InputArgs input_;
  std::string output_;
};

}  // namespace paxray::cli
