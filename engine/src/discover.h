// Finds the input files under the paths given on the command line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "paxray/engine/scan.h"

namespace paxray {

struct InputItem {
  std::string path;
  bool archive = false;
  std::uint64_t size = 0;
};

/// Expands directories recursively (not following directory symlinks) and
/// returns regular files in a stable order: each argument in turn, files
/// within a directory sorted by path. Paths that cannot be read are added to
/// `skipped` with the reason.
[[nodiscard]] std::vector<InputItem> discover_inputs(const std::vector<std::string>& paths,
                                                     std::vector<SkippedFile>& skipped);

}  // namespace paxray
