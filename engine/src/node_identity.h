// Decides which node wrote each file, and summarises per node.
//
// Order of trust: --node override > `New syslog file info` address > first
// `self="ip:port"` > the address other files in the same directory agree on >
// a name taken from the path (an IP in a directory name such as obdiag's
// `ob_log_10.0.0.1_2882_...`, else the nearest non-generic directory name).
#pragma once

#include <string>
#include <vector>

#include "paxray/engine/scan.h"

namespace paxray {

void resolve_nodes(std::vector<FileReport>& files, const std::vector<NodeOverride>& overrides);

[[nodiscard]] std::vector<NodeSummary> summarise_nodes(const std::vector<FileReport>& files);

/// The node name a path suggests (exposed for tests); empty if none.
[[nodiscard]] std::string node_name_from_path(const std::string& path);

}  // namespace paxray
