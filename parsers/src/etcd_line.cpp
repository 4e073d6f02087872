#include <simdjson.h>

#include <algorithm>
#include <string>

#include "paxray/parsers/etcd.h"
#include "paxray/parsers/timestamp.h"

namespace paxray {
namespace {

bool digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }

bool shaped(std::string_view s, std::string_view shape) noexcept {
  if (s.size() < shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? !digit(s[i]) : s[i] != shape[i]) return false;
  }
  return true;
}

// "2026-12-07 02:27:17.632227 W | " (capnslog's format, levels C E W N I D T).
constexpr std::string_view kCapnslogTs = "dddd-dd-dd dd:dd:dd.dddddd ";
bool capnslog_at(std::string_view s) noexcept {
  return shaped(s, kCapnslogTs) && s.size() >= kCapnslogTs.size() + 4 &&
         std::string_view("CEWNIDT").find(s[kCapnslogTs.size()]) != std::string_view::npos &&
         s.substr(kCapnslogTs.size() + 1, 3) == " | ";
}

// "raft2026/12/07 02:27:18 INFO: " (Go's log package with a "raft" prefix).
constexpr std::string_view kRaftStd = "raftdddd/dd/dd dd:dd:dd ";
bool raft_std_at(std::string_view s) noexcept { return shaped(s, kRaftStd); }

bool zap_at(std::string_view s) noexcept { return s.size() >= 8 && s[0] == '{' && s[1] == '"'; }

bool record_at(std::string_view s) noexcept { return zap_at(s) || capnslog_at(s) || raft_std_at(s); }

Level capnslog_level(char c) noexcept {
  switch (c) {
    case 'C':
    case 'E': return Level::kError;
    case 'W': return Level::kWarn;
    case 'D': return Level::kDebug;
    case 'T': return Level::kTrace;
    default: return Level::kInfo;  // N (notice), I
  }
}

std::optional<Level> word_level(std::string_view w) noexcept {
  std::string lower(w.substr(0, 8));
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "info") return Level::kInfo;
  if (lower == "warn" || lower == "warning") return Level::kWarn;
  if (lower == "error" || lower == "fatal" || lower == "panic" || lower == "dpanic") return Level::kError;
  if (lower == "debug") return Level::kDebug;
  return std::nullopt;
}

// zap's ISO 8601 time ("2026-12-07T02:25:40.035Z", "...035+0800",
// "...035+08:00") as UTC, or seconds since the epoch (zap's default encoder).
std::optional<LocalMicros> zap_time(std::string_view s) noexcept {
  if (!s.empty() && digit(s[0]) && s.find('-') == std::string_view::npos) {
    LocalMicros secs = 0, frac = 0, scale = 1'000'000;
    std::size_t i = 0;
    for (; i < s.size() && digit(s[i]) && i < 12; ++i) secs = secs * 10 + (s[i] - '0');
    if (i < s.size() && s[i] == '.') {
      for (++i; i < s.size() && digit(s[i]); ++i) {
        if (scale > 1) frac += (s[i] - '0') * (scale /= 10);
      }
    }
    if (i != s.size()) return std::nullopt;
    return secs * 1'000'000 + frac;
  }
  if (!shaped(s, "dddd-dd-ddTdd:dd:dd")) return std::nullopt;
  std::size_t end = 19;
  std::size_t frac_end = end;
  if (end < s.size() && s[end] == '.') {
    frac_end = end + 1;
    while (frac_end < s.size() && digit(s[frac_end])) ++frac_end;
  }
  std::string plain(s.substr(0, std::min(frac_end, end + 7)));  // at most 6 fraction digits
  if (plain.size() == end + 1) plain.pop_back();                 // "." with no digits
  auto t = parse_user_timestamp(plain);
  if (!t) return std::nullopt;
  const std::string_view zone = s.substr(frac_end);
  if (zone.empty() || zone == "Z") return t;
  if (zone.size() < 5 || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  const std::string_view hm = zone.substr(1);
  std::int64_t h = 0, m = 0;
  if (shaped(hm, "dd:dd") && hm.size() == 5) {
    h = (hm[0] - '0') * 10 + (hm[1] - '0'), m = (hm[3] - '0') * 10 + (hm[4] - '0');
  } else if (shaped(hm, "dddd") && hm.size() == 4) {
    h = (hm[0] - '0') * 10 + (hm[1] - '0'), m = (hm[2] - '0') * 10 + (hm[3] - '0');
  } else {
    return std::nullopt;
  }
  const LocalMicros offset = (h * 60 + m) * 60 * 1'000'000;
  return zone[0] == '+' ? *t - offset : *t + offset;
}

// The string value of "key" in a JSON text that may be cut short: what a
// simple scan finds, escapes left as they are.
std::string_view scan_string(std::string_view json, std::string_view key) noexcept {
  std::string pattern;
  pattern.reserve(key.size() + 4);
  pattern.append("\"").append(key).append("\":\"");
  const std::size_t at = json.find(pattern);
  if (at == std::string_view::npos) return {};
  const std::size_t from = at + pattern.size();
  std::size_t to = from;
  while (to < json.size() && json[to] != '"') to += json[to] == '\\' ? 2 : 1;
  return json.substr(from, std::min(to, json.size()) - from);
}

std::string_view package_of_caller(std::string_view caller) noexcept {
  const std::size_t slash = caller.rfind('/');
  return slash == std::string_view::npos ? caller : caller.substr(0, slash);
}

LineError finish_zap(EtcdLine& out, std::string_view level, std::string_view ts) {
  const auto when = zap_time(ts);
  if (!when) return LineError::kBadTimestamp;
  out.ts = *when;
  const auto lvl = word_level(level);
  if (!lvl) return LineError::kBadLevel;
  out.level = *lvl;
  out.fatal = level == "fatal" || level == "panic" || level == "dpanic";
  return LineError::kNone;
}

LineError parse_zap(std::string_view rec, EtcdLine& out) {
  thread_local simdjson::ondemand::parser parser;
  thread_local std::string buffer;
  buffer.assign(rec);
  buffer.append(simdjson::SIMDJSON_PADDING, '\0');
  std::string_view level, ts;
  bool whole = true;
  simdjson::ondemand::document doc;
  simdjson::ondemand::object obj;
  if (parser.iterate(simdjson::padded_string_view(buffer.data(), rec.size(), buffer.size())).get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(obj) != simdjson::SUCCESS) {
    whole = false;
  } else {
    for (auto field : obj) {
      std::string_view key, value;
      simdjson::ondemand::json_type type;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS || field.value().type().get(type) != simdjson::SUCCESS) {
        whole = false;
        break;
      }
      simdjson::error_code err = simdjson::SUCCESS;
      if (type == simdjson::ondemand::json_type::string) {
        err = field.value().get_string().get(value);
      } else if (type == simdjson::ondemand::json_type::array) {
        simdjson::ondemand::array array;
        err = field.value().get_array().get(array);
        if (err == simdjson::SUCCESS) err = array.raw_json().get(value);
      } else if (type == simdjson::ondemand::json_type::object) {
        simdjson::ondemand::object inner;
        err = field.value().get_object().get(inner);
        if (err == simdjson::SUCCESS) err = inner.raw_json().get(value);
      } else {
        value = field.value().raw_json_token();
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
      }
      if (err != simdjson::SUCCESS) {
        whole = false;
        break;
      }
      if (key == "level") {
        level = value;
      } else if (key == "ts") {
        ts = value;
      } else if (key == "msg") {
        out.message = value;
      } else if (key == "caller") {
        out.package = package_of_caller(value);
      } else if (out.field_count < out.fields.size()) {
        out.fields[out.field_count++] = {key, value};
      }
    }
  }
  if (!whole) {
    // Cut short (a paste, a line over a limit): the start says when, how
    // bad and, often, what; the fields after the cut are gone.
    out.cut = true;
    out.field_count = 0;
    level = scan_string(rec, "level");
    ts = scan_string(rec, "ts");
    out.message = scan_string(rec, "msg");
    out.package = package_of_caller(scan_string(rec, "caller"));
    if (ts.empty()) {  // epoch seconds: "ts":1617171234.1234
      const std::size_t at = rec.find("\"ts\":");
      if (at != std::string_view::npos) {
        std::size_t end = at + 5;
        while (end < rec.size() && (digit(rec[end]) || rec[end] == '.')) ++end;
        ts = rec.substr(at + 5, end - at - 5);
      }
    }
  }
  return finish_zap(out, level, ts);
}

LineError parse_capnslog(std::string_view rec, EtcdLine& out) {
  const auto t = parse_fixed_timestamp(rec.substr(0, 26));
  if (!t) return LineError::kBadTimestamp;
  out.ts = *t;
  out.level = capnslog_level(rec[kCapnslogTs.size()]);
  out.fatal = rec[kCapnslogTs.size()] == 'C';
  std::string_view body = rec.substr(kCapnslogTs.size() + 4);
  const std::size_t colon = body.find(": ");
  if (colon != std::string_view::npos && colon < 40 && body.substr(0, colon).find(' ') == std::string_view::npos) {
    out.package = body.substr(0, colon);
    body.remove_prefix(colon + 2);
  }
  out.message = body;
  return LineError::kNone;
}

LineError parse_raft_std(std::string_view rec, EtcdLine& out) {
  std::string ts(rec.substr(4, 19));  // "2026/12/07 02:27:18"
  ts[4] = '-';
  ts[7] = '-';
  const auto t = parse_user_timestamp(ts);
  if (!t) return LineError::kBadTimestamp;
  out.ts = *t;
  std::string_view body = rec.substr(kRaftStd.size());
  const std::size_t colon = body.find(": ");
  if (colon == std::string_view::npos) return LineError::kBadLevel;
  const auto lvl = word_level(body.substr(0, colon));
  if (!lvl) return LineError::kBadLevel;
  out.level = *lvl;
  out.fatal = body.substr(0, colon) == "PANIC" || body.substr(0, colon) == "FATAL";
  out.package = "raft";
  out.message = body.substr(colon + 2);
  return LineError::kNone;
}

}  // namespace

std::string_view EtcdLine::field(std::string_view key) const noexcept {
  for (std::size_t i = 0; i < field_count; ++i) {
    if (fields[i].first == key) return fields[i].second;
  }
  return {};
}

std::optional<std::size_t> etcd_record_offset(std::string_view line) noexcept {
  if (record_at(line)) return 0;
  // Behind a wrapper: the record starts after a space, a colon or a tab.
  const std::size_t limit = std::min<std::size_t>(line.size(), 256);
  for (std::size_t i = 1; i < limit; ++i) {
    const char before = line[i - 1];
    if ((before == ' ' || before == ':' || before == '\t') && record_at(line.substr(i))) return i;
  }
  return std::nullopt;
}

LineError parse_etcd_line(std::string_view line, EtcdLine& out) {
  out = EtcdLine{};
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  const auto at = etcd_record_offset(line);
  if (!at) return LineError::kNotRecordStart;
  const std::string_view rec = line.substr(*at);
  if (zap_at(rec)) {
    out.layout = EtcdLayout::kZap;
    return parse_zap(rec, out);
  }
  if (capnslog_at(rec)) {
    out.layout = EtcdLayout::kCapnslog;
    return parse_capnslog(rec, out);
  }
  out.layout = EtcdLayout::kRaftStd;
  return parse_raft_std(rec, out);
}

std::string etcd_id_from_decimal(std::string_view decimal) {
  std::uint64_t v = 0;
  if (decimal.empty() || decimal.size() > 20) return {};
  for (char c : decimal) {
    if (!digit(c)) return {};
    const std::uint64_t next = v * 10 + static_cast<std::uint64_t>(c - '0');
    if (next / 10 != v) return {};  // overflow
    v = next;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kHex[v & 15]);
    v >>= 4;
  } while (v != 0);
  return out;
}

}  // namespace paxray
