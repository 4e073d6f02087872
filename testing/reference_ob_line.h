// FOR TESTS ONLY. NEVER LINK INTO THE paxray BINARY.
//
// A deliberately simple reference for parsers/ob_line: one RE2 full-line
// regular expression per layout, written from the printf formats in
// shared/reference/oceanbase-log-formats.md §1 (and close to the one obdiag
// uses). It is slow and that is fine: tests check that the hand-written
// parser and this reference agree on every sample line and on generated
// corpora (the style of RE2's own backtrack.cc reference engine).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace paxray::testing {

struct ReferenceLine {
  std::string timestamp;
  std::string level;
  std::string module;
  std::string function;
  std::string file;
  std::uint32_t src_line = 0;
  std::int64_t tid = 0;
  std::string trace;
  std::string body;
};

/// Parses an observer/election/rootservice line (4.x, 3.x, 3.x election).
[[nodiscard]] std::optional<ReferenceLine> reference_parse(std::string_view line);

}  // namespace paxray::testing
