// Log timestamps as integer microseconds.
//
// A log line's time is kept exactly as the node wrote it: local wall-clock time,
// encoded as microseconds since 1970-01-01 00:00:00 *as if that local time were
// UTC*. No time zone is invented here; engine/ applies zone offsets and clock
// corrections later. Tested by tests/timestamp_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace paxray {

/// Microseconds of local wall-clock time (see file comment).
using LocalMicros = std::int64_t;

/// Parses exactly "YYYY-MM-DD hh:mm:ss.uuuuuu" (26 bytes, zero-padded, as in the
/// OceanBase line prefix). Returns nullopt for anything else, including
/// impossible dates (2023-02-30) and out-of-range fields.
[[nodiscard]] std::optional<LocalMicros> parse_fixed_timestamp(std::string_view s) noexcept;

/// Parses a user-supplied time for --since / --until: "YYYY-MM-DD",
/// "YYYY-MM-DD hh:mm[:ss[.f{1,6}]]", with ' ' or 'T' between date and time.
[[nodiscard]] std::optional<LocalMicros> parse_user_timestamp(std::string_view s) noexcept;

/// Formats as "YYYY-MM-DD hh:mm:ss.uuuuuu" (the layout of the logs).
[[nodiscard]] std::string format_timestamp(LocalMicros t);

}  // namespace paxray
