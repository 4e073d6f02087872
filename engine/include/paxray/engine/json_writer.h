// A small streaming JSON writer with strict escaping.
//
//   JsonWriter w;
//   w.begin_object(); w.key("n"); w.value(1); w.end_object();
//   std::string text = w.take();
//
// Strings are UTF-8 validated: invalid bytes become U+FFFD, so any log text
// can be written. '<', '>', '&', U+2028 and U+2029 are escaped too, so the
// output is safe to embed in HTML <script> blocks. Tested by
// tests/json_writer_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paxray {

class JsonWriter {
 public:
  explicit JsonWriter(int indent = 2) : indent_(indent) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view k);
  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(std::int64_t n);
  void value(std::uint64_t n);
  void value(int n) { value(static_cast<std::int64_t>(n)); }
  void value(double d);
  void value(bool b);
  void null();
  /// `v`, or null when it is absent.
  template <class T>
  void value_or_null(const std::optional<T>& v) {
    if (v) {
      value(*v);
    } else {
      null();
    }
  }
  /// `"key": [values...]`.
  void string_array(std::string_view k, const std::vector<std::string>& values) {
    key(k);
    begin_array();
    for (const auto& v : values) value(v);
    end_array();
  }
  /// `"key": [numbers...]`.
  template <class Range>
  void number_array(std::string_view k, const Range& values) {
    key(k);
    begin_array();
    for (const auto v : values) value(v);
    end_array();
  }
  /// An id that is -1 when not applicable (tenant, log stream): null then.
  void id_or_null(std::int64_t v) { value_or_null(v >= 0 ? std::optional<std::int64_t>(v) : std::nullopt); }

  [[nodiscard]] std::string take();

  /// Appends `s` as a quoted, escaped JSON string.
  static void append_string(std::string& out, std::string_view s);

 private:
  void before_value();
  void newline();

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
  int indent_;
};

}  // namespace paxray
