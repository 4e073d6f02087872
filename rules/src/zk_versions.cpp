#include "paxray/rules/zk_versions.h"

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <optional>

namespace paxray {
namespace {

struct Version {
  int major = 0, minor = 0, patch = 0;
  auto operator<=>(const Version&) const = default;
};

std::optional<Version> parse(const std::string& s) {
  Version v;
  if (std::sscanf(s.c_str(), "%d.%d.%d", &v.major, &v.minor, &v.patch) != 3) return std::nullopt;
  return v;
}

// Affected code (ZOOKEEPER-3911 made NEWLEADER handling asynchronous; 4785
// and 4394 fixed it): 3.5.10, 3.6.3-3.7.x, 3.8.0-3.8.4, 3.9.0-3.9.1.
const char* classify(const Version& v) {
  if (v == Version{3, 5, 10}) return "affected (3.5.10 has ZOOKEEPER-3911's asynchronous NEWLEADER handling)";
  if (v >= Version{3, 6, 3} && v < Version{3, 8, 0}) return "affected (3.6.3-3.7.x)";
  if (v >= Version{3, 8, 0} && v < Version{3, 8, 5}) return "affected (3.8.0-3.8.4)";
  if (v >= Version{3, 9, 0} && v < Version{3, 9, 2}) return "affected (3.9.0-3.9.1)";
  if (v >= Version{3, 8, 5} && v < Version{3, 9, 0}) return "partly fixed (ZOOKEEPER-4785 in 3.8.5+)";
  if (v == Version{3, 9, 2}) return "partly fixed (ZOOKEEPER-4785)";
  if (v == Version{3, 9, 3}) return "fixed (ZOOKEEPER-4394), but 3.9.3 has the ZOOKEEPER-4925 regression";
  if (v >= Version{3, 9, 4}) return "fixed (ZOOKEEPER-4394)";
  return "not affected by this race (before ZOOKEEPER-3911): look for another cause of the wrong-epoch ACK";
}

}  // namespace

VersionVerdict assess_newleader_ack_order(const std::set<std::string>& versions, bool fix_marker) {
  VersionVerdict out;
  std::string parts;
  for (const auto& s : versions) {
    const auto v = parse(s);
    parts += (parts.empty() ? "" : "; ") + s + ": " + (v ? classify(*v) : "unrecognised version");
  }
  if (parts.empty()) parts = "no version line in the logs (\"Server environment:zookeeper.version=\")";
  if (fix_marker) parts += "; a follower logs \"Sent NEWLEADER ack to leader\", so it runs ZOOKEEPER-4785 or later";
  out.text = parts;
  out.advice =
      "Upgrade the ensemble to ZooKeeper 3.9.4 or later: ZOOKEEPER-4394 (first in 3.9.3) makes followers apply "
      "committed txns and ACK NEWLEADER before any PROPOSAL ACK, and 3.9.4 fixes 3.9.3's ZOOKEEPER-4925 "
      "regression. On 3.8.x, 3.8.5+ carries ZOOKEEPER-4785, which sends PROPOSAL ACKs only after the NEWLEADER "
      "ACK. The race is on the followers: restarting the follower named in the error does not fix it; a later "
      "round where it replies in order ends the loop.";
  return out;
}

}  // namespace paxray
