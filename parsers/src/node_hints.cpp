#include "paxray/parsers/node_hints.h"

#include "paxray/parsers/line_cursor.h"
#include "paxray/parsers/ob_line.h"

#include <array>

namespace paxray {
namespace {

// Value of `name: value` inside the header's [...] list, up to ", " or ']'.
std::string_view header_field(std::string_view list, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = list.find(name, pos)) != std::string_view::npos) {
    const bool at_start = pos == 0 || (pos >= 2 && list.substr(pos - 2, 2) == ", ");
    if (at_start && list.substr(pos + name.size(), 2) == ": ") {
      const std::size_t begin = pos + name.size() + 2;
      std::size_t end = list.find(", ", begin);
      if (end == std::string_view::npos) end = list.size();
      return list.substr(begin, end - begin);
    }
    pos += name.size();
  }
  return {};
}

}  // namespace

bool looks_like_address(std::string_view s) noexcept {
  const std::size_t colon = s.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size() || s.size() - colon > 6) return false;
  unsigned port = 0;
  for (char c : s.substr(colon + 1)) {
    if (c < '0' || c > '9') return false;
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (port == 0 || port > 65535) return false;
  const std::string_view host = s.substr(0, colon);
  if (host.front() == '[') return host.back() == ']' && host.size() > 2;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3 && host != "0.0.0.0";
}

std::optional<FileHeaderInfo> parse_file_header(std::string_view body) {
  constexpr std::string_view kTag = "New syslog file info: [";
  const std::size_t tag = body.find(kTag);
  if (tag == std::string_view::npos) return std::nullopt;
  std::string_view list = body.substr(tag + kTag.size());
  if (!list.empty() && list.back() == ']') list.remove_suffix(1);
  FileHeaderInfo info;
  std::string_view addr = header_field(list, "address");
  if (addr.size() >= 2 && addr.front() == '"' && addr.back() == '"') addr = addr.substr(1, addr.size() - 2);
  if (looks_like_address(addr)) info.address = std::string(addr);
  info.version = std::string(header_field(list, "observer version"));
  info.tz_offset = std::string(header_field(list, "tz GMT offset"));
  if (info.address.empty() && info.version.empty() && info.tz_offset.empty()) return std::nullopt;
  return info;
}

std::optional<std::string> find_record_self_address(std::string_view text) {
  // Identity never comes from an unparsed line: a pasted fragment, a stack
  // trace or a quoted message may name any server.
  ObLine parsed;
  LineCursor lines(text);
  for (std::string_view line; lines.next(line);) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!is_ob_record_start(line) || line.find("self") == std::string_view::npos) continue;
    if (parse_ob_line(line, parsed) != LineError::kNone) continue;
    if (auto addr = find_self_address(parsed.body)) return addr;
  }
  return std::nullopt;
}

std::optional<std::string> find_self_address(std::string_view text) {
  static constexpr std::array<std::string_view, 3> kKeys{"self=\"", "self_addr=\"", "self:\""};
  std::size_t best = std::string_view::npos;
  std::string_view best_value;
  for (std::string_view key : kKeys) {
    std::size_t pos = 0;
    while ((pos = text.find(key, pos)) != std::string_view::npos && pos < best) {
      const std::size_t begin = pos + key.size();
      const std::size_t end = text.find('"', begin);
      if (end == std::string_view::npos || end - begin > 64) break;
      const std::string_view value = text.substr(begin, end - begin);
      // "self=" must be a whole key: preceded by a separator, not "myself=".
      const bool whole = pos == 0 || text[pos - 1] == ' ' || text[pos - 1] == '(' || text[pos - 1] == '{' ||
                         text[pos - 1] == ',';
      if (whole && looks_like_address(value)) {
        best = pos;
        best_value = value;
        break;
      }
      pos = begin;
    }
  }
  if (best == std::string_view::npos) return std::nullopt;
  return std::string(best_value);
}

bool is_masked_address(std::string_view s) noexcept {
  const std::string_view ip = s.substr(0, s.find(':'));
  bool masked = false;
  int dots = 0;
  for (char c : ip) {
    if (c == 'x' || c == 'X' || c == '*') {
      masked = true;
    } else if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return masked && dots == 3;
}

}  // namespace paxray
