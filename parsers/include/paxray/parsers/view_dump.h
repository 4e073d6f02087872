// Query results people save from obclient and attach to tickets, in every form
// they come in: the boxed `+----+` table (several per file), the vertical `\G`
// form, tab-separated batch output with a header, CSV with a header, and JSON
// (an array of objects, or one object per line; parsed with simdjson). The form
// and the view are recognised from content, whatever the file is called.
// Tested by tests/view_dump_test.cpp.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paxray/parsers/event.h"

namespace paxray {

enum class DumpForm : std::uint8_t { kBoxed, kVertical, kTsv, kCsv, kJson };
[[nodiscard]] std::string_view dump_form_name(DumpForm f) noexcept;

enum class ViewKind : std::uint8_t {
  kServerEventHistory,  ///< DBA_OB_SERVER_EVENT_HISTORY / __all_server_event_history
  kLogStat,             ///< GV$OB_LOG_STAT
  kServers,             ///< DBA_OB_SERVERS
  kZones,               ///< DBA_OB_ZONES
  kTenants,             ///< DBA_OB_TENANTS
  kHaDiagnose,          ///< __all_virtual_ha_diagnose
  kUnknown,
  // Added later: after kUnknown, since extracts store the kind by number.
  kLsLocations,         ///< CDB_OB_LS_LOCATIONS / DBA_OB_LS_LOCATIONS: each log stream's replicas and their role
  kLs,                  ///< CDB_OB_LS / DBA_OB_LS: each log stream's status (NORMAL, DROPPING, TENANT_DROPPING, ...)
};
inline constexpr int kViewKindCount = static_cast<int>(ViewKind::kLs) + 1;
[[nodiscard]] std::string_view view_kind_name(ViewKind v) noexcept;

struct ViewTable {
  DumpForm form = DumpForm::kBoxed;
  ViewKind view = ViewKind::kUnknown;
  std::vector<std::string> columns;            ///< upper-cased
  std::vector<std::vector<std::string>> rows;  ///< one value per column; "" for NULL
  std::vector<std::uint64_t> row_lines;        ///< 1-based line where each row starts
  std::uint32_t file_id = 0;                   ///< set by the scanner
  std::string query;  ///< pasted query text before a boxed/vertical table, if any (for its WHERE values)

  [[nodiscard]] std::optional<std::size_t> column(std::string_view upper_name) const;
  [[nodiscard]] std::string_view cell(std::size_t row, std::string_view upper_name) const;
  /// The row's server as "ip:port" (SVR_IP, SVR_PORT; ip alone without a port); "" when it has none.
  [[nodiscard]] std::string row_server(std::size_t row) const;
};

/// Recognises a dump's form from its first bytes; nullopt when it is not one.
[[nodiscard]] std::optional<DumpForm> detect_dump_form(std::string_view head);

/// Parses every table in `text`. Tables whose columns match no known view are
/// kept with ViewKind::kUnknown. Total on any input; never throws.
[[nodiscard]] std::vector<ViewTable> parse_view_dump(std::string_view text, DumpForm form, std::string& error);

[[nodiscard]] ViewKind detect_view(const std::vector<std::string>& upper_columns);

/// The view a pasted query reads (the table after its last FROM, schema
/// dropped), for tables whose few columns do not name it; kUnknown otherwise.
[[nodiscard]] ViewKind view_from_query(std::string_view query);

/// Events from rows: ELECTION / LOG / server rows of the event history (at
/// HAPPENED_TIME for ELECTION, as the guide says), GV$OB_LOG_STAT and
/// __all_virtual_ha_diagnose snapshots (undated: kUndated), server and zone rows.
void view_events(const ViewTable& table, std::vector<Event>& out);

/// Events for rows that carry no time of their own (snapshots); the timeline
/// places them at the end of the logs.
inline constexpr LocalMicros kUndated = std::numeric_limits<LocalMicros>::min();

/// `clockdiff` output: "host=10.0.0.3 rtt=1(0)ms/0ms delta=900ms/900ms <date>"
/// lines (delta > 0: the remote clock is ahead). Returns nullopt if `text`
/// holds none.
[[nodiscard]] std::optional<std::vector<Event>> parse_clockdiff(std::string_view text);

/// "2024-03-05 10:21:37.19" as printed by ob_timestamp_str: the digits after
/// the dot are microseconds *without* zero padding (19 = 19 µs).
[[nodiscard]] std::optional<LocalMicros> parse_unpadded_timestamp(std::string_view s) noexcept;

}  // namespace paxray
