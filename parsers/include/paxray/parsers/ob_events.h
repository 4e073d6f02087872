// OceanBase message registry: which log message means which event.
//
//   Event ev;
//   if (extract_ob_event(line, raw_text, ev)) timeline.add(ev);
//
// One registry entry = message text + event kind + a sample line + the fields
// the sample must decode to. tests/ob_events_test.cpp runs every sample through
// the parser and the registry (as lnav does with its format samples): each
// sample must be claimed by exactly its own entry and decode to its fields.
// Adding a message is one entry plus its sample. Bodies are decoded only for
// lines whose message is registered; everything else costs one table probe.
#pragma once

#include <span>
#include <string_view>

#include "paxray/parsers/event.h"
#include "paxray/parsers/ob_line.h"

namespace paxray {

struct MessageSpec {
  EventKind kind;
  std::string_view module;  ///< module as printed ("ELECT", "PALF"...), "" = none, "*" = any
  std::string_view needle;  ///< the message (info text, after any election phase tag) starts with this
  std::string_view sample;  ///< a line carrying the message
  std::string_view expect;  ///< "name=value;..." the sample decodes to (attr names, plus tenant/ls/table/partition)
  std::string_view source;  ///< where the sample comes from: a real-sample file, the reference, or "synthetic"
};

[[nodiscard]] std::span<const MessageSpec> ob_message_registry() noexcept;

/// Matches a parsed line against the registry (and the -4038 rule); on a match
/// decodes the event's group and fields into `out` and returns true. `raw` is
/// the whole source line (kept as evidence).
[[nodiscard]] bool extract_ob_event(const ObLine& line, std::string_view raw, Event& out);

/// False when extract_ob_event would surely find nothing in `line`: an info,
/// trace or debug record (no -4038 rule) whose body's first two bytes begin
/// no message. One bit looked up: most traffic lines stop here.
[[nodiscard]] bool may_be_ob_event(const ObLine& line) noexcept;

/// The registry entry a line matches, or nullptr (exposed for tests).
[[nodiscard]] const MessageSpec* match_ob_message(const ObLine& line) noexcept;

/// The message text after an election phase tag such as "[LogPhase::RENEW_LEASE]",
/// "[RENEW_LEASE]" or "[phase]" (reference §3.1); the body itself otherwise.
[[nodiscard]] std::string_view strip_phase_tag(std::string_view body) noexcept;

}  // namespace paxray
