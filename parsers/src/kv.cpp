#include "paxray/parsers/kv.h"

namespace paxray {
namespace {

constexpr std::size_t kMaxKeyLen = 128;

// Bracket depth tracker shared by key and value scanning. Quotes switch off
// bracket counting; unbalanced closers are ignored rather than going negative.
struct Depth {
  int depth = 0;
  bool quoted = false;

  void feed(char c) noexcept {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '{' || c == '[' || c == '(') {
        ++depth;
      } else if ((c == '}' || c == ']' || c == ')') && depth > 0) {
        --depth;
      }
    }
  }
  [[nodiscard]] bool top() const noexcept { return depth == 0 && !quoted; }
};

bool forbidden_in_key(char c, char sep) noexcept {
  return c == ',' || c == '"' || c == '{' || c == '}' || c == '\n' || c == '=' ||
         (sep == ':' && c == ':');
}

// If text[pos..] starts with `key<sep>`, returns the position of sep; else npos.
// Keys may hold balanced () and [] (`used_size(MB)`, `[StateMgr]`) and spaces.
std::size_t find_key_end(std::string_view text, std::size_t pos, char sep) noexcept {
  int depth = 0;
  const std::size_t limit = std::min(text.size(), pos + kMaxKeyLen + 1);
  for (std::size_t i = pos; i < limit; ++i) {
    const char c = text[i];
    if (c == sep && depth == 0) return i > pos ? i : std::string_view::npos;
    if (c == '(' || c == '[') {
      ++depth;
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (forbidden_in_key(c, sep) || c == ')' || c == ']') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

}  // namespace

BodyParts split_body(std::string_view body) noexcept {
  BodyParts parts;
  parts.info = body;
  int depth = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == '(' && depth == 0 && find_key_end(body, i + 1, '=') != std::string_view::npos) {
      // The first top-level '(' followed by `key=` opens the argument list.
      parts.info = body.substr(0, i);
      parts.has_args = true;
      if (body.back() == ')') {
        parts.args = body.substr(i + 1, body.size() - i - 2);
      } else {
        parts.args = body.substr(i + 1);
        parts.truncated = true;
      }
      return parts;
    }
  }
  return parts;
}

std::size_t KvScanner::value_end(std::size_t pos) const noexcept {
  Depth d;
  for (std::size_t i = pos; i < text_.size(); ++i) {
    const char c = text_[i];
    // A value ends at a top-level ", " followed by the next key, or by "..."
    // (the elision docs and cut records use).
    if (c == ',' && d.top() && i + 1 < text_.size() && text_[i + 1] == ' ' &&
        (find_key_end(text_, i + 2, sep_) != std::string_view::npos || text_.substr(i + 2, 3) == "...")) {
      return i;
    }
    d.feed(c);
  }
  return text_.size();
}

bool KvScanner::next(KeyValue& out) noexcept {
  while (pos_ < text_.size()) {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    const std::size_t sep = find_key_end(text_, pos_, sep_);
    if (sep == std::string_view::npos) {
      // Not a pair: skip to the next top-level ", " that starts one.
      const std::size_t end = value_end(pos_);
      pos_ = end >= text_.size() ? text_.size() : end + 2;
      continue;
    }
    const std::size_t end = value_end(sep + 1);
    out.key = text_.substr(pos_, sep - pos_);
    out.value = text_.substr(sep + 1, end - sep - 1);
    pos_ = end >= text_.size() ? text_.size() : end + 2;
    return true;
  }
  return false;
}

std::optional<std::string_view> find_value(std::string_view text, std::string_view key, char sep) noexcept {
  KvScanner scanner(text, sep);
  for (KeyValue kv; scanner.next(kv);) {
    if (kv.key == key) return kv.value;
  }
  return std::nullopt;
}

std::string_view unquote(std::string_view v) noexcept {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return v.substr(1, v.size() - 2);
  return v;
}

std::string_view strip_braces(std::string_view v) noexcept {
  if (v.size() >= 2 && v.front() == '{' && v.back() == '}') return v.substr(1, v.size() - 2);
  return v;
}

}  // namespace paxray
