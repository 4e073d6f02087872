// A node's error codes, most frequent first: the per-node summary the
// terminal, JSON and HTML reports print (as `obdiag analyze log` does).
#pragma once

#include <algorithm>
#include <vector>

#include "paxray/parsers/chunk_scan.h"

namespace paxray {

[[nodiscard]] inline std::vector<ErrorCodeCount> by_count(const ErrorCodes& e) {
  std::vector<ErrorCodeCount> v = e.codes;
  std::stable_sort(v.begin(), v.end(), [](const ErrorCodeCount& a, const ErrorCodeCount& b) { return a.count > b.count; });
  return v;
}

}  // namespace paxray
