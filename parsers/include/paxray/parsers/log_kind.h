// What kind of log a file is: from its name, or by sniffing its first lines.
//
// Names are those OceanBase writes (reference §2): observer.log, election.log,
// rootservice.log, trace.log, alert.log, their `.wf` files, 3.x rotations
// (`observer.log.20210121094631`, 14 digits), 4.x rotations
// (`observer.log.20230225144757584`, 17 digits; `observer.log.wf.<17>`), each
// optionally `.gz` / `.zst`. Tested by tests/log_kind_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace paxray {

enum class LogKind : std::uint8_t {
  kObserver, kElection, kRootService, kTrace, kAlert, kUnknownOb,
  kViewDump,   ///< a saved SQL query result (parsers/view_dump.h)
  kClockdiff,  ///< saved `clockdiff` output
  kZooKeeper,  ///< a ZooKeeper server log (parsers/zk_line.h)
  kOpenIO,     ///< OpenIO SDS service syslog lines (parsers/oio.h)
  kOpenIOElection,  ///< saved `openio election status|debug` output
  kEtcd,       ///< an etcd server log (parsers/etcd.h)
};
[[nodiscard]] std::string_view log_kind_name(LogKind kind) noexcept;

/// A log of lines its writer wrote (counted line by line, naming its node),
/// not a saved query result or command output read whole.
[[nodiscard]] constexpr bool is_line_log(LogKind kind) noexcept {
  return kind != LogKind::kViewDump && kind != LogKind::kClockdiff && kind != LogKind::kOpenIOElection;
}

/// How a file's lines are framed into records.
enum class LineFormat : std::uint8_t {
  kObText,   ///< records start with "[YYYY-" (observer, election, rootservice, trace)
  kObAlert,  ///< records start with "YYYY-MM-DD " and use '|' separators
  kZooKeeper,  ///< records start with "YYYY-MM-DD hh:mm:ss,mmm" (log4j / logback / Kafka layouts)
  kOpenIO,     ///< syslog records of OIO services ("Oct 10 17:26:59.829349 host OIO,NS,meta2,1[pid]: ...")
  kEtcd,       ///< etcd: zap JSON, capnslog or raft lines, bare or wrapped (parsers/etcd.h)
};

struct LogName {
  LogKind kind;
  bool wf = false;       ///< the .wf (warnings) companion file
  bool rotated = false;  ///< carries a rotation timestamp suffix
};

/// Classifies a base file name; nullopt when it is not an OceanBase,
/// ZooKeeper or etcd log name (`zookeeper.log`, `zookeeper-<user>-server-<host>.out`,
/// `etcd.log`, `etcd-<name>.log`, and their rotations).
[[nodiscard]] std::optional<LogName> classify_log_name(std::string_view basename) noexcept;

[[nodiscard]] LineFormat line_format_for(LogKind kind) noexcept;

struct SniffResult {
  bool is_log = false;
  LineFormat format = LineFormat::kObText;
  std::string reason;  ///< why it is not a log (for the skipped-files list)
};

/// Decides from the first bytes of an unnamed file whether it is a log it
/// knows (OceanBase text or alert, ZooKeeper, OpenIO, etcd): for the format whose record
/// lines parse best, at least one of its first 32 record-start lines parses,
/// and at least half of them do. Binary data (NUL bytes) is never a log.
[[nodiscard]] SniffResult sniff_log(std::string_view head);

}  // namespace paxray
