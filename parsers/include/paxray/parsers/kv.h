// Bracket- and quote-aware splitting of an OceanBase message body.
//
//   BodyParts parts = split_body(line.body);     // "info(k=v, ...)" -> info, args
//   KvScanner kv(parts.args);                    // top level: k=v separated by ", "
//   for (KeyValue item; kv.next(item);) ...
//   KvScanner nested(strip_braces(value), ':');  // nested objects: {k:v, k2:v2}
//
// Printing rules (reference §1.8): `info(` + `k=v` joined by ", " + `)`; keys are
// the literal macro text, so they may hold spaces, parentheses, brackets, '*'
// and ':' (`used_size(MB)`, `sequence:`, `*this`, `[StateMgr]`); values nest
// `{}` `[]` `()` and quoted strings. A ", " ends a value only when what follows
// looks like the next `key=`; otherwise it belongs to the value (this keeps
// `state=|\t"ip":send:[..], rec:[..]` whole). Decoding is on demand: nothing
// here runs for a line that no stage asks about. Total on any input; tested by
// tests/kv_test.cpp and fuzz/fuzz_kv.cpp.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace paxray {

struct BodyParts {
  std::string_view info;   ///< text before the argument list (the whole body if none)
  std::string_view args;   ///< between the parentheses, without them
  bool has_args = false;
  bool truncated = false;  ///< the closing ')' is missing (record cut at 64 KiB, or a doc fragment)
};

[[nodiscard]] BodyParts split_body(std::string_view body) noexcept;

struct KeyValue {
  std::string_view key;
  std::string_view value;
};

class KvScanner {
 public:
  /// `sep` is '=' for top-level arguments and ':' inside `{...}` objects.
  explicit KvScanner(std::string_view text, char sep = '=') noexcept : text_(text), sep_(sep) {}

  /// Next pair, in order. Text that is not a `key<sep>value` pair is skipped.
  [[nodiscard]] bool next(KeyValue& out) noexcept;

 private:
  std::size_t value_end(std::size_t pos) const noexcept;

  std::string_view text_;
  char sep_;
  std::size_t pos_ = 0;
};

/// Path lookups over one argument list, each object scanned at most once.
///
///   KvTree tree(parts.args);
///   tree.get("*this.lease.owner");   // top-level `*this=`, then nested `lease:`, `owner:`
///
/// Decoding an event probes many paths into the same body; re-scanning the
/// body per probe cost ~80K instructions per election dump (measured with
/// callgrind), this index brings it to one pass per object touched.
class KvTree {
 public:
  explicit KvTree(std::string_view args) : root_(args) {}
  /// Value at `path` ("a.b.c"; '.' separates levels), unquoted; nullopt if absent.
  [[nodiscard]] std::optional<std::string_view> get(std::string_view path);
  /// First of several '|'-separated alternatives that is present.
  [[nodiscard]] std::optional<std::string_view> get_any(std::string_view paths);

 private:
  struct Object {
    const char* data;
    std::vector<KeyValue> items;
  };
  const std::vector<KeyValue>& items(std::string_view text, char sep);

  std::string_view root_;
  std::vector<Object> cache_;
};

/// First value of `key` in `text` (same rules as KvScanner).
[[nodiscard]] std::optional<std::string_view> find_value(std::string_view text, std::string_view key,
                                                         char sep = '=') noexcept;

/// `"x"` -> `x`; anything else unchanged.
[[nodiscard]] std::string_view unquote(std::string_view v) noexcept;

/// `{x}` -> `x`; anything else unchanged.
[[nodiscard]] std::string_view strip_braces(std::string_view v) noexcept;

}  // namespace paxray
