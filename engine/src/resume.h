// Cron mode: which checkpoint, if any, an input continues from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paxray/engine/scan.h"

namespace paxray {

/// True when a file now at `now` was at `before` under another name.
[[nodiscard]] bool is_rotation(std::string_view before, std::string_view now) noexcept;

struct FileIdentity {
  std::uint64_t dev = 0;
  std::uint64_t inode = 0;
  std::optional<std::uint64_t> plain_size;  ///< on-disk size of an uncompressed plain file
};

struct ResumeDecision {
  std::uint64_t offset = 0;
  std::uint64_t lines = 0;
  LocalMicros last_ts = 0;
  const Checkpoint* from = nullptr;  ///< the checkpoint continued, if any
  std::string note;  ///< why not from where the checkpoint says, or which file this continues
};

/// Decides where to start reading an input whose first decompressed bytes are
/// `head` (at most Checkpoint::kFingerprintBytes). A checkpoint continues when
/// its fingerprint matches the same number of leading bytes; among several,
/// the same file (device and inode), then the same path, wins. The same file
/// with a different head, or shorter than its checkpoint, was truncated:
/// read from the start.
[[nodiscard]] ResumeDecision decide_resume(const std::vector<Checkpoint>& points, std::string_view head,
                                           const std::string& path, const FileIdentity& id);

}  // namespace paxray
