#include "resume.h"

#include <algorithm>

#include "paxray/parsers/fnv.h"

namespace paxray {

bool is_rotation(std::string_view before, std::string_view now) noexcept {
  auto base = [](std::string_view p) {
    const std::size_t cut = p.find_last_of("/!");
    return cut == std::string_view::npos ? p : p.substr(cut + 1);
  };
  return base(before) != base(now);
}

ResumeDecision decide_resume(const std::vector<Checkpoint>& points, std::string_view head, const std::string& path,
                             const FileIdentity& id) {
  ResumeDecision d;
  const bool plain = id.dev != 0 || id.inode != 0;
  const Checkpoint* best = nullptr;
  int best_rank = -1;
  const Checkpoint* same_file = nullptr;
  // Most checkpoints share one length (the full KiB): hash each length once.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> hashed;
  auto head_hash = [&](std::uint32_t len) {
    for (const auto& [l, h] : hashed) {
      if (l == len) return h;
    }
    hashed.emplace_back(len, fnv1a64(head.substr(0, len)));
    return hashed.back().second;
  };
  for (const Checkpoint& c : points) {
    const bool file_match = plain && c.dev == id.dev && c.inode == id.inode;
    if (file_match) same_file = &c;
    // An empty head says nothing about which file this is.
    if (c.fp_len == 0 || c.fp_len > head.size() || head_hash(c.fp_len) != c.fp) continue;
    const int rank = file_match ? 2 : c.path == path ? 1 : 0;
    if (rank > best_rank) {
      best = &c;
      best_rank = rank;
    }
  }
  if (best != nullptr && id.plain_size && *id.plain_size < best->offset) {
    d.note = "truncated since the last run (now " + std::to_string(*id.plain_size) + " bytes, " +
             std::to_string(best->offset) + " read before): read from the start";
    return d;
  }
  if (best == nullptr) {
    if (same_file != nullptr) d.note = "rewritten since the last run (its first bytes changed): read from the start";
    return d;
  }
  d.offset = best->offset;
  d.lines = best->lines;
  d.last_ts = best->last_ts;
  d.from = best;
  // A rotation renames; the same file named another way (a relative path,
  // a symlink) is not one.
  if (is_rotation(best->path, path)) d.note = "continues " + best->path + " (rotated)";
  return d;
}

}  // namespace paxray
