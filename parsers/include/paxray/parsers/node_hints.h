// Who wrote a log: hints found in its content.
//
// Every new observer / rootservice / election file starts with
//   [ts] INFO  New syslog file info: [address: "127.0.0.1:2882", observer version:
//   OceanBase_CE 4.2.1.1, revision: ..., sysname: Linux, ..., tz GMT offset: 08:00]
// and many records carry the writer's address as `self="ip:port"`,
// `self_addr="ip:port"` (4.x) or `self:"ip:port"` (3.x election). Tested by
// tests/node_hints_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace paxray {

struct FileHeaderInfo {
  std::string address;    ///< "ip:port", without quotes
  std::string version;    ///< "OceanBase_CE 4.2.1.1"
  std::string tz_offset;  ///< "08:00" or "-05:00" as printed
};

/// Parses the body of a `New syslog file info:` record.
[[nodiscard]] std::optional<FileHeaderInfo> parse_file_header(std::string_view body);

/// First `self="ip:port"`, `self_addr="ip:port"` or `self:"ip:port"` in `text`.
[[nodiscard]] std::optional<std::string> find_self_address(std::string_view text);
/// The first self address printed in the body of a line that parses as an
/// OceanBase record (text layouts); unparsed lines are never read for it.
[[nodiscard]] std::optional<std::string> find_record_self_address(std::string_view text);

/// True for "a.b.c.d:port" and "[v6]:port" (ports 1-65535).
[[nodiscard]] bool looks_like_address(std::string_view s) noexcept;

/// An address whose IP was masked for publication ("172.xx.xx.xx:2882",
/// "xx.xx.xx.106"): a name that matches no real server.
[[nodiscard]] bool is_masked_address(std::string_view s) noexcept;

}  // namespace paxray
