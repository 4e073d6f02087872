// OpenIO SDS: meta2 / sqliterepo syslog lines and the output of
// `openio election status` / `openio election debug`
// (shared/reference/zookeeper-openio-formats.md §B4-B6).
//
//   Oct 10 17:26:59.829349 linux-cgzg OIO,NS,meta2,1[29617]: 29617 C448 log WRN oio.sqlite TIMEOUT! (waiting ...) [BASE.1.meta2] step=6/CHECKING_SLAVES
//   2016-01-20T13:11:09.283406+00:00 bench-node1 OIO,OPENIO,meta2,0: warning  6925 D763 log WRN oio.sqlite ...
//   ... pid:1\ttid:2\tlog_level:WARNING\tlog_domain:oio.sqlite\tlog_type:log\tmessage:...     (9.x, LTSV)
//
// Election outputs come as the CLI's boxed table (the member JSON of `debug`
// wrapped across table rows, as in the seed) or as JSON: the proxy's
// {"ip:port": {"status": {...}, "body": ...}} or the CLI's `-f json` rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paxray/parsers/event.h"
#include "paxray/parsers/ob_line.h"

namespace paxray {

struct OioLine {
  LocalMicros ts = 0;
  Level level = Level::kInfo;
  std::string_view host;
  std::string_view service;  ///< "OIO,NS,meta2,1"
  bool access = false;       ///< an access line (request, status code, ...)
  std::string_view domain;   ///< "oio.sqlite"
  std::string_view message;
};

/// True when `line` starts like an OpenIO syslog record ("Mon DD hh:mm:ss" or
/// "YYYY-MM-DDThh:mm:ss") and names an OIO service.
[[nodiscard]] bool is_oio_record_start(std::string_view line) noexcept;
/// Parses one syslog record; `year` dates timestamps that carry none.
[[nodiscard]] LineError parse_oio_line(std::string_view line, int year, OioLine& out) noexcept;
/// Election messages as events (kinds oio.*); false for other lines.
[[nodiscard]] bool extract_oio_event(const OioLine& line, std::string_view text, Event& out);

/// One entry of a member's election log: "[ms:]PRE:EVT:POST", newest first.
struct OioLogEntry {
  std::optional<std::int64_t> ms;  ///< epoch milliseconds (4.1.13+)
  std::string pre, event, post;
};
[[nodiscard]] std::optional<OioLogEntry> parse_oio_log_entry(std::string_view s);

struct OioPeer {
  std::string id;        ///< "127.0.0.1:6015"
  int status = 0;        ///< 200 master, 303 slave, 500 failed, 2 refused, 7 timeout, ...
  std::string message;
  bool debug = false;       ///< from `election debug` (its 200 means "answered", not "master")
  bool has_member = false;  ///< a debug body with an election member
  std::uint64_t line = 0;   ///< 1-based line of the peer's row (JSON: 1)
  std::string state;        ///< local.state
  std::string master;       ///< master.url
  std::string base;         ///< base.name + "." + base.type
  std::vector<std::string> peers;
  std::vector<OioLogEntry> log;  ///< newest first, as printed
};

/// Recognises an election status / debug output from its first bytes.
[[nodiscard]] bool is_oio_election_output(std::string_view head) noexcept;
/// Parses it; `error` names what could not be read. Total on any input.
[[nodiscard]] std::vector<OioPeer> parse_oio_election(std::string_view text, std::string& error);
/// A member event's election log, oldest first, as "PRE:EVT:POST" (the
/// epoch-ms prefix dropped).
[[nodiscard]] std::vector<std::string> oio_history(const Event& member);

/// The longest repetition in an election history of a cycle of 1 to 4
/// transitions ("CHECKING_SLAVES:GETVERS_KO:CHECKING_SLAVES" x 5).
struct OioLoop {
  std::vector<std::string> cycle;
  std::size_t repeats = 0;  ///< 0 or 1: no loop
};
[[nodiscard]] OioLoop find_oio_loop(const std::vector<std::string>& oldest_first);

/// One event per peer (oio.election_status, oio.election_member).
void oio_election_events(const std::vector<OioPeer>& peers, std::vector<Event>& out);

}  // namespace paxray
