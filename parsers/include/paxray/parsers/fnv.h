// FNV-1a, 64 bit: a stable hash for tokens and fingerprints that are stored
// (cron state, replay tokens) and so must not change across runs or builds.
#pragma once

#include <cstdint>
#include <string_view>

namespace paxray {

[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view bytes) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace paxray
