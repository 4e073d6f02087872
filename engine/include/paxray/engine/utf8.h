// UTF-8 validation shared by the JSON and HTML writers: both replace invalid
// bytes and escape U+2028 / U+2029, so both must agree on what is valid.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace paxray {

/// Length of the valid UTF-8 sequence starting at s[i] (1-4), or 0 if the
/// bytes there are not valid UTF-8 (overlong forms and surrogates included).
[[nodiscard]] inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0)) return 0;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

/// True when s[i..i+3) is U+2028 or U+2029 (valid JSON, but they end lines in JavaScript).
[[nodiscard]] inline bool is_line_separator(std::string_view s, std::size_t i) noexcept {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9);
}

/// What each writer puts where the input must not be copied through.
struct Utf8Escapes {
  std::string_view invalid;  ///< for each byte that starts no valid sequence
  std::string_view u2028;
  std::string_view u2029;
};

/// The walk both writers make over untrusted text: valid multi-byte sequences
/// are copied, invalid bytes and U+2028 / U+2029 replaced per `escapes`, and
/// each ASCII byte handed to `ascii(out, c)` to escape or copy. Stops before
/// the first sequence starting at or after `max`; returns where it stopped.
template <class AsciiFn>
std::size_t append_utf8_escaped(std::string& out, std::string_view s, std::size_t max, const Utf8Escapes& escapes,
                                AsciiFn&& ascii) {
  std::size_t i = 0;
  while (i < s.size() && i < max) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ascii(out, s[i]);
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += escapes.invalid;
      ++i;
    } else if (n == 3 && is_line_separator(s, i)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? escapes.u2028 : escapes.u2029;
      i += 3;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return i;
}

}  // namespace paxray
