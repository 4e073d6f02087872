#include "paxray/engine/json_writer.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include "paxray/engine/utf8.h"

namespace paxray {

namespace {

void append_json_ascii(std::string& out, char c) {
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '<': out += "\\u003c"; break;
    case '>': out += "\\u003e"; break;
    case '&': out += "\\u0026"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
      } else {
        out.push_back(c);
      }
  }
}

}  // namespace

void JsonWriter::append_string(std::string& out, std::string_view s) {
  static constexpr Utf8Escapes kJsonEscapes{"\\ufffd", "\\u2028", "\\u2029"};
  // Printable ASCII that needs no escape is copied in runs: log text is
  // mostly that, and extracts and the cron state are mostly log text.
  static constexpr auto kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x7f; ++c) t[static_cast<std::size_t>(c)] = true;
    for (const char c : {'"', '\\', '<', '>', '&'}) t[static_cast<unsigned char>(c)] = false;
    return t;
  }();
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && kPlain[static_cast<unsigned char>(s[j])]) ++j;
    out.append(s.data() + i, j - i);
    if (j == s.size()) break;
    // One character (or invalid byte) the slow, exact way.
    i = j + append_utf8_escaped(out, s.substr(j), 1, kJsonEscapes, append_json_ascii);
  }
  out.push_back('"');
}

void JsonWriter::newline() {
  if (indent_ <= 0) return;
  out_.push_back('\n');
  out_.append(first_.size() * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
    newline();
  }
}

void JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  first_.push_back(true);
}

void JsonWriter::end_object() {
  const bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_.push_back('}');
}

void JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  first_.push_back(true);
}

void JsonWriter::end_array() {
  const bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_.push_back(']');
}

void JsonWriter::key(std::string_view k) {
  before_value();
  append_string(out_, k);
  out_ += indent_ > 0 ? ": " : ":";
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  before_value();
  append_string(out_, s);
}

void JsonWriter::value(std::int64_t n) {
  before_value();
  out_ += fmt::format("{}", n);
}

void JsonWriter::value(std::uint64_t n) {
  before_value();
  out_ += fmt::format("{}", n);
}

void JsonWriter::value(double d) {
  before_value();
  if (std::isfinite(d)) {
    out_ += fmt::format("{}", d);
  } else {
    out_ += "null";
  }
}

void JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

std::string JsonWriter::take() {
  std::string s = std::move(out_);
  out_.clear();
  first_.clear();
  after_key_ = false;
  if (!s.empty() && s.back() != '\n') s.push_back('\n');
  return s;
}

}  // namespace paxray
