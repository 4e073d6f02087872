// Which ZooKeeper releases carry the NEWLEADER ACK-order race (ZOOKEEPER-4685)
// and which fix it, as the reference derives them from git
// (shared/reference/zookeeper-openio-formats.md §A6).
#pragma once

#include <set>
#include <string>

namespace paxray {

struct VersionVerdict {
  std::string text;    ///< "3.8.1: affected (3.8.0-3.8.4 ...)"
  std::string advice;  ///< the upgrade advice for the finding's remediation
};

/// `versions`: "3.8.1", ... as the logs print them; `fix_marker`: a follower
/// logged "Sent NEWLEADER ack to leader with zxid" (3.8.5 / 3.9.2 and later).
[[nodiscard]] VersionVerdict assess_newleader_ack_order(const std::set<std::string>& versions, bool fix_marker);

}  // namespace paxray
