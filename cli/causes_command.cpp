#include "causes_command.h"

#include <fmt/format.h>

#include "paxray/report/cause_report.h"

namespace paxray::cli {

void CausesCommand::add_to(CLI::App& app) {
  cmd_ = app.add_subcommand("causes", "List every cause paxray can find: what fires it, its severity, its remedy, how the replay models it");
  cmd_->add_flag("--markdown", markdown_, "Print the Markdown table docs/OUTPUT.md holds");
}

int CausesCommand::run() const {
  fmt::print("{}", markdown_ ? render_causes_markdown() : render_causes_text());
  return 0;
}

}  // namespace paxray::cli
