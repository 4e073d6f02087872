// ZooKeeper server log lines, every layout of the reference
// (shared/reference/zookeeper-openio-formats.md §A1):
//
//   log4j / logback, 3.4+   2016-08-27 21:32:46,324 [myid:37] - INFO  [QuorumPeer[myid=37]/0:0:0:0:0:0:0:0:2186:QuorumPeer@784] - LOOKING
//   3.3 and older           2023-07-14 14:25:50,785 - INFO  [QuorumPeer[myid=3](plain=0.0.0.0:12181)(secure=disabled):QuorumPeer@1438] - LOOKING
//   Kafka / Strimzi         2019-08-06 20:48:42,652 INFO New election. My id = 1, ... (org.apache...FastLeaderElection) [QuorumPeer[myid=1]/0.0.0.0:21810]
//   Kafka starter script    [2019-11-14 03:19:10,853] INFO Sending SNAP (org.apache.zookeeper.server.quorum.LearnerHandler)
//   Huawei MRS              2016-06-23 08:00:18,763 | WARN  | QuorumPeer[myid=26](...) | Exception when following the leader | org...Follower.followLeader(Follower.java:93)
//
// A line not starting with a timestamp continues the record before it (stack
// traces). The server id comes from `[myid:N]`, else from a `myid=N` in the
// thread name, so several servers appending to one file stay apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "paxray/parsers/ob_line.h"

namespace paxray {

enum class ZkLayout : std::uint8_t {
  kLog4j, kNoMyid, kKafka, kKafkaStarter, kPipes,
  kThreadFirst,  ///< log4j "%d [%t] %p %c - %m" (logback's default order too), optionally with "%r" (ms since start) before the thread
};

struct ZkLine {
  LocalMicros ts = 0;
  Level level = Level::kInfo;
  ZkLayout layout = ZkLayout::kLog4j;
  std::int64_t myid = -1;       ///< -1: not printed (yet) on this line
  std::string_view thread;
  std::string_view logger;      ///< simple class (`QuorumPeer`, `FastLeaderElection$Messenger$WorkerReceiver`) or FQCN
  std::string_view message;
};

/// True when `line` starts like a ZooKeeper record: "YYYY-MM-DD hh:mm:ss,mmm"
/// or "[YYYY-MM-DD hh:mm:ss,mmm]".
[[nodiscard]] bool is_zk_record_start(std::string_view line) noexcept;

/// Parses one record line. Total on any input; views point into `line`.
[[nodiscard]] LineError parse_zk_line(std::string_view line, ZkLine& out) noexcept;

/// The server id of a file whose first records (up to 256 lines of `head`)
/// all show the same one; nullopt when none or several do (servers appending
/// to one file).
[[nodiscard]] std::optional<std::int64_t> single_zk_myid(std::string_view head) noexcept;

}  // namespace paxray
