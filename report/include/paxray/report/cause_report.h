// The cause table (rules/causes.h) for people: `paxray causes` prints it, and
// docs/OUTPUT.md holds its Markdown form (a test keeps the two equal).
#pragma once

#include <string>

namespace paxray {

/// One Markdown table: cause, system, rank, replay model, fires when, severity.
[[nodiscard]] std::string render_causes_markdown();
/// Per cause: its id, system, rank and replay model, then what it needs, its
/// severity and its remedy, wrapped for a terminal.
[[nodiscard]] std::string render_causes_text();

}  // namespace paxray
