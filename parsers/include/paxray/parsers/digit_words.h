// ASCII digits eight at a time in one 64-bit word (little-endian loads: the
// first byte is the lowest). The record start, the timestamp's microseconds
// and the 4.x prefix's numbers share these; each caller keeps its byte-by-
// byte reading for other byte orders.
#pragma once

#include <cstdint>

namespace paxray::digit_words {

/// A word of ASCII '0's: a word xor this holds 0-9 in each byte that was a digit.
inline constexpr std::uint64_t kZeros = 0x3030303030303030ULL;

/// The bytes of `x` (a word xor kZeros) that were not digits, as their high
/// bit. The low seven bits are added to apart from the high one, so no carry
/// crosses into the next byte; zero means all eight were digits.
[[gnu::always_inline]] inline std::uint64_t non_digit_bytes(std::uint64_t x) noexcept {
  return (((x & 0x7f7f7f7f7f7f7f7fULL) + 0x7676767676767676ULL) | x) & 0x8080808080808080ULL;
}

/// Eight digit values (0-9, a word xor kZeros), the most significant in the
/// lowest byte, as one number: pairs, then fours, then the eight, in three
/// multiplications. Leading zero bytes read as leading zeros.
[[gnu::always_inline]] inline std::uint64_t fold(std::uint64_t x) noexcept {
  x = x * 10 + (x >> 8);
  return (((x & 0x000000ff000000ffULL) * 0x000f424000000064ULL) + (((x >> 16) & 0x000000ff000000ffULL) * 0x0000271000000001ULL)) >>
         32;
}

}  // namespace paxray::digit_words
