#include "html_escape.h"

namespace paxray::html {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_len(std::string_view s, std::size_t i) {
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

void append_esc_limited(std::string& out, std::string_view s, std::size_t max) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (i >= max) {
      out += "\xe2\x80\xa6";  // …
      return;
    }
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      const std::size_t n = utf8_len(s, i);
      if (n == 0) {
        out += "\xef\xbf\xbd";  // U+FFFD for invalid bytes
        ++i;
      } else if (n == 3 && u == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
        out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "&#x2028;" : "&#x2029;";
        i += 3;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t': out += "    "; break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += "\xef\xbf\xbd";
        } else {
          out.push_back(c);
        }
    }
    ++i;
  }
}

}  // namespace

void append_esc(std::string& out, std::string_view s) { append_esc_limited(out, s, s.size()); }

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  append_esc(out, s);
  return out;
}

std::string esc_cut(std::string_view s, std::size_t max) {
  std::string out;
  append_esc_limited(out, s, max);
  return out;
}

}  // namespace paxray::html
