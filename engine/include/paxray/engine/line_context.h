// Lines of a file read again by number, for the lines around a piece of
// evidence in the HTML report. Files are opened read-only, as the scan opened
// them (plain, .gz or .zst by their magic bytes); a member of an archive or a
// paste ("archive!member") is not read again.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace paxray {

/// The wanted 1-based lines of `path`, each cut at `max_line` bytes, read in
/// one pass that stops at the last wanted line or after `max_bytes`. Lines
/// that could not be read are missing from the result.
[[nodiscard]] std::map<std::uint64_t, std::string> read_lines(const std::string& path, const std::set<std::uint64_t>& wanted,
                                                              std::size_t max_line = 300, std::uint64_t max_bytes = 512ULL << 20);

}  // namespace paxray
