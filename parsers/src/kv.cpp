#include "paxray/parsers/kv.h"

#include <array>

namespace paxray {
namespace {

constexpr std::size_t kMaxKeyLen = 128;

// Byte classes for key scanning, so ordinary key bytes cost one load.
enum KeyClass : unsigned char { kPlain, kOpen, kClose, kStop, kColon, kEquals };
constexpr std::array<KeyClass, 256> kKeyClass = [] {
  std::array<KeyClass, 256> t{};
  for (unsigned char c : std::string_view("([")) t[c] = kOpen;
  for (unsigned char c : std::string_view(")]")) t[c] = kClose;
  for (unsigned char c : std::string_view(",\"{}\n")) t[c] = kStop;
  t[static_cast<unsigned char>(':')] = kColon;
  t[static_cast<unsigned char>('=')] = kEquals;
  return t;
}();

// If text[pos..] starts with `key<sep>`, returns the position of sep; else npos.
// Keys may hold balanced () and [] (`used_size(MB)`, `[StateMgr]`) and spaces;
// with sep ':' they cannot hold ':'; no key holds ',', '"', '{', '}' or '='.
std::size_t find_key_end(std::string_view text, std::size_t pos, char sep) noexcept {
  int depth = 0;
  const std::size_t limit = std::min(text.size(), pos + kMaxKeyLen + 1);
  const KeyClass sep_class = sep == ':' ? kColon : kEquals;
  for (std::size_t i = pos; i < limit; ++i) {
    const KeyClass k = kKeyClass[static_cast<unsigned char>(text[i])];
    if (k == kPlain) continue;
    if (k == sep_class && depth == 0) return i > pos ? i : std::string_view::npos;
    if (k == kOpen) {
      ++depth;
    } else if (k == kClose) {
      if (depth == 0) return std::string_view::npos;
      --depth;
    } else if (k == kStop || k == kEquals || (k == kColon && sep == ':')) {
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

// Bytes value_end must look at; every other byte is skipped with one load
// and one branch (this loop dominated event decoding in callgrind).
constexpr std::array<bool, 256> kValueSpecial = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : std::string_view(",\"{}[]()")) t[c] = true;
  return t;
}();

std::size_t KvScanner::value_end(std::size_t pos) const noexcept {
  int depth = 0;
  bool quoted = false;
  const std::size_t n = text_.size();
  for (std::size_t i = pos; i < n; ++i) {
    const char c = text_[i];
    if (!kValueSpecial[static_cast<unsigned char>(c)]) continue;
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '{' || c == '[' || c == '(') {
      ++depth;
    } else if (c != ',') {
      if (depth > 0) --depth;  // unbalanced closers are ignored
    } else if (depth == 0 && i + 1 < n && text_[i + 1] == ' ' &&
               // A value ends at a top-level ", " followed by the next key, or
               // by "..." (the elision docs and cut records use).
               (find_key_end(text_, i + 2, sep_) != std::string_view::npos || text_.substr(i + 2, 3) == "...")) {
      return i;
    }
  }
  return n;
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

const std::vector<KeyValue>& KvTree::items(std::string_view text, char sep) {
  for (const Object& o : cache_) {
    if (o.data == text.data()) return o.items;
  }
  Object o{text.data(), {}};
  KvScanner scanner(text, sep);
  for (KeyValue kv; scanner.next(kv);) o.items.push_back(kv);
  cache_.push_back(std::move(o));
  return cache_.back().items;
}

std::optional<std::string_view> KvTree::get(std::string_view path) {
  std::string_view text = root_;
  char sep = '=';
  for (;;) {
    const std::size_t dot = path.find('.');
    const std::string_view key = path.substr(0, dot);
    const std::vector<KeyValue>& level = items(text, sep);
    const KeyValue* hit = nullptr;
    for (const KeyValue& kv : level) {
      if (kv.key == key) {
        hit = &kv;
        break;
      }
    }
    if (hit == nullptr) return std::nullopt;
    if (dot == std::string_view::npos) return unquote(hit->value);
    text = strip_braces(unquote(hit->value));
    sep = ':';
    path = path.substr(dot + 1);
  }
}

std::optional<std::string_view> KvTree::get_any(std::string_view paths) {
  while (!paths.empty()) {
    const std::size_t bar = paths.find('|');
    if (auto v = get(paths.substr(0, bar))) return v;
    if (bar == std::string_view::npos) break;
    paths = paths.substr(bar + 1);
  }
  return std::nullopt;
}

}  // namespace paxray
