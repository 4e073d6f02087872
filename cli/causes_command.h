#pragma once

#include <CLI/CLI.hpp>

namespace paxray::cli {

/// `paxray causes [--markdown]`: every cause paxray can name, from the one table.
class CausesCommand {
 public:
  void add_to(CLI::App& app);
  [[nodiscard]] bool parsed() const { return cmd_ != nullptr && cmd_->parsed(); }
  [[nodiscard]] int run() const;

 private:
  CLI::App* cmd_ = nullptr;
  bool markdown_ = false;
};

}  // namespace paxray::cli
