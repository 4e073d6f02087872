// ZooKeeper messages that matter for elections and Zab sync, as typed events.
//
// One table (parsers/src/zk_events.cpp) maps a message to an event kind. Each
// entry carries a real or reference sample line that tests/zk_test.cpp
// parses, matches and decodes, so the table documents itself (as lnav does).
#pragma once

#include <span>
#include <string_view>

#include "paxray/parsers/event.h"
#include "paxray/parsers/zk_line.h"

namespace paxray {

struct ZkMessageSpec {
  EventKind kind;
  std::string_view sample;  ///< a whole line that must decode to `kind`
};

[[nodiscard]] std::span<const ZkMessageSpec> zk_message_registry() noexcept;

/// Decodes `line` (its full text is `text`) into `out` when its message is a
/// registered one. The event's node is `myid:N` when the line shows N.
[[nodiscard]] bool extract_zk_event(const ZkLine& line, std::string_view text, Event& out);

/// "myid:N": how paxray names a ZooKeeper server whose log shows its id.
[[nodiscard]] std::string zk_node_name(std::int64_t myid);

}  // namespace paxray
