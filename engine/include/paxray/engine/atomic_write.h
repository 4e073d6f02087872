// Output files (reports, extracts, cron state) are replaced atomically: a
// reader, a crash or a kill never sees a half-written file.
#pragma once

#include <string>
#include <string_view>

namespace paxray {

/// Writes `content` to `path` atomically (temp file in the same directory,
/// fsync, rename, fsync of the directory). Returns an error message or "".
[[nodiscard]] std::string write_file_atomically(const std::string& path, std::string_view content);

}  // namespace paxray
