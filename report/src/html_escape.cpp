#include "html_escape.h"

#include "paxray/engine/utf8.h"

namespace paxray::html {
namespace {

void append_html_ascii(std::string& out, char c) {
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    case '\t': out += "    "; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        out += "\xef\xbf\xbd";  // U+FFFD for control characters
      } else {
        out.push_back(c);
      }
  }
}

void append_esc_limited(std::string& out, std::string_view s, std::size_t max) {
  // U+FFFD for invalid bytes; the line separators as entities (they end lines in scripts).
  static constexpr Utf8Escapes kHtmlEscapes{"\xef\xbf\xbd", "&#x2028;", "&#x2029;"};
  if (append_utf8_escaped(out, s, max, kHtmlEscapes, append_html_ascii) < s.size()) out += "\xe2\x80\xa6";  // …
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
