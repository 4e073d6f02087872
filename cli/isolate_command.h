// `paxray isolate-check`: which of STOP / FORCE STOP / ISOLATE SERVER would
// pass now, and what may be done on the node afterwards.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "common_options.h"

namespace paxray::cli {

class IsolateCommand {
 public:
  void add_to(CLI::App& app);
  [[nodiscard]] bool parsed() const { return cmd_ != nullptr && cmd_->parsed(); }
  [[nodiscard]] int run();

 private:
  CLI::App* cmd_ = nullptr;
  InputArgs input_;
  std::vector<std::string> servers_;
  std::string at_;
  std::string json_;
  int seeds_ = 8;
};

}  // namespace paxray::cli
