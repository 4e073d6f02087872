#include "html_escape.h"

#include "utf8.h"

namespace paxray::html {
namespace {

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
      const std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) {
        out += "\xef\xbf\xbd";  // U+FFFD for invalid bytes
        ++i;
      } else if (n == 3 && is_line_separator(s, i)) {
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
