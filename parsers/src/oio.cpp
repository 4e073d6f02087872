#include "paxray/parsers/oio.h"

#include "paxray/parsers/line_cursor.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "paxray/parsers/timestamp.h"
#include "paxray/parsers/view_dump.h"

namespace paxray {
namespace {

bool digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

int month_index(std::string_view m) noexcept {
  static constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (m == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

// "Oct 10 17:26:59.829349" (syslog, no year) -> its length, 0 if not one.
std::size_t syslog_ts_len(std::string_view s) noexcept {
  if (s.size() < 15 || month_index(s.substr(0, 3)) == 0 || s[3] != ' ') return 0;
  if (!(digit(s[4]) || s[4] == ' ') || !digit(s[5]) || s[6] != ' ') return 0;
  if (!digit(s[7]) || !digit(s[8]) || s[9] != ':' || !digit(s[10]) || !digit(s[11]) || s[12] != ':' || !digit(s[13]) ||
      !digit(s[14])) {
    return 0;
  }
  std::size_t n = 15;
  if (n < s.size() && s[n] == '.') {
    ++n;
    while (n < s.size() && digit(s[n]) && n < 22) ++n;
  }
  return n;
}

// "2016-01-20T13:11:09.283406+00:00" -> its length, 0 if not one.
std::size_t rfc3339_len(std::string_view s) noexcept {
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return 0;
  std::size_t n = 19;
  if (n < s.size() && s[n] == '.') {
    ++n;
    while (n < s.size() && digit(s[n])) ++n;
  }
  if (n < s.size() && (s[n] == '+' || s[n] == '-')) n = std::min(s.size(), n + 6);
  if (n < s.size() && s[n] == 'Z') ++n;
  return n;
}

bool ltsv(std::string_view s) noexcept { return s.rfind("pid:", 0) == 0 || s.rfind("X-OVH-TOKEN:", 0) == 0; }

std::optional<LocalMicros> syslog_time(std::string_view s, int year) {
  const int mon = month_index(s.substr(0, 3));
  const int day = (s[4] == ' ' ? 0 : s[4] - '0') * 10 + (s[5] - '0');
  char buf[40];
  const std::string_view frac = s.size() > 16 ? s.substr(16, std::min<std::size_t>(6, s.size() - 16)) : std::string_view{};
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %.*s%s%.*s", year, mon, day, 8, s.data() + 7, frac.empty() ? "" : ".",
                static_cast<int>(frac.size()), frac.data());
  return parse_user_timestamp(buf);
}

bool level_of(std::string_view tok, Level& out) noexcept {
  struct Entry {
    std::string_view name;
    Level level;
  };
  static constexpr std::array<Entry, 13> kLevels{{{"ERR", Level::kError},     {"CRI", Level::kError},
                                                  {"WRN", Level::kWarn},      {"NOT", Level::kInfo},
                                                  {"INF", Level::kInfo},      {"DBG", Level::kDebug},
                                                  {"TR0", Level::kTrace},     {"TR1", Level::kTrace},
                                                  {"ERROR", Level::kError},   {"WARNING", Level::kWarn},
                                                  {"NOTICE", Level::kInfo},   {"INFO", Level::kInfo},
                                                  {"DEBUG", Level::kDebug}}};
  for (const auto& e : kLevels) {
    if (tok == e.name) {
      out = e.level;
      return true;
    }
  }
  return false;
}

std::string_view ltsv_value(std::string_view s, std::string_view key) noexcept {
  std::size_t at = s.rfind(key, 0) == 0 ? 0 : s.find("\t" + std::string(key));
  if (at == std::string_view::npos) return {};
  if (s[at] == '\t') ++at;
  std::string_view v = s.substr(at + key.size());
  return v.substr(0, v.find('\t'));
}

// "[BASE.1.meta2]" or "[BASE.1][meta2]" or "for BASE.1.meta2" -> "BASE.1.meta2".
std::string base_of(std::string_view m) {
  const std::size_t open = m.find('[');
  if (open != std::string_view::npos) {
    const std::size_t close = m.find(']', open);
    if (close != std::string_view::npos) {
      std::string out(m.substr(open + 1, close - open - 1));
      if (close + 1 < m.size() && m[close + 1] == '[') {
        const std::size_t close2 = m.find(']', close + 1);
        if (close2 != std::string_view::npos) out += "." + std::string(m.substr(close + 2, close2 - close - 2));
      }
      return out;
    }
  }
  const std::size_t f = m.find("failed for ");
  if (f != std::string_view::npos) return std::string(trim(m.substr(f + 11, m.find_first_of(" ,)", f + 11) - f - 11)));
  return {};
}

// ---- election outputs ------------------------------------------------------

std::vector<std::string_view> cells_of(std::string_view row) {
  std::vector<std::string_view> cells;
  row = trim(row);
  if (row.size() < 2 || row.front() != '|') return cells;
  row.remove_prefix(1);
  if (!row.empty() && row.back() == '|') row.remove_suffix(1);
  std::size_t pos = 0;
  while (pos <= row.size()) {
    const std::size_t bar = row.find('|', pos);
    cells.push_back(trim(row.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos)));
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return cells;
}

void read_member(simdjson::dom::element body, OioPeer& p) {
  simdjson::dom::object o;
  if (body.get_object().get(o) != simdjson::SUCCESS) return;
  auto str = [](simdjson::simdjson_result<simdjson::dom::element> e) {
    std::string_view v;
    return e.get_string().get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
  };
  if (o["local"].error() != simdjson::SUCCESS && o["log"].error() != simdjson::SUCCESS) return;
  p.has_member = true;
  p.state = str(o["local"]["state"]);
  p.master = str(o["master"]["url"]);
  const std::string name = str(o["base"]["name"]);
  const std::string type = str(o["base"]["type"]);
  p.base = name.empty() ? std::string() : name + (type.empty() ? "" : "." + type);
  simdjson::dom::array peers, log;
  if (o["peers"].get_array().get(peers) == simdjson::SUCCESS) {
    for (auto e : peers) {
      std::string_view v;
      if (e.get_string().get(v) == simdjson::SUCCESS) p.peers.emplace_back(v);
    }
  }
  if (o["log"].get_array().get(log) == simdjson::SUCCESS) {
    for (auto e : log) {
      std::string_view v;
      if (e.get_string().get(v) != simdjson::SUCCESS) continue;
      if (auto entry = parse_oio_log_entry(v)) p.log.push_back(std::move(*entry));
    }
  }
}

void read_body_text(std::string_view text, OioPeer& p) {
  text = trim(text);
  if (text.empty() || text.front() != '{') return;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(simdjson::padded_string(text)).get(doc) == simdjson::SUCCESS) read_member(doc, p);
}

std::vector<OioPeer> parse_boxed(std::string_view text, std::string& error) {
  std::vector<OioPeer> peers;
  std::vector<std::string_view> header;
  std::vector<std::string> bodies;
  std::size_t pos = 0;
  std::uint64_t line_no = 0;
  bool debug = false;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const auto cells = cells_of(line);
    if (cells.empty()) continue;
    // A header row (the first, or another table's in the same paste) is never a member.
    const bool is_header = std::find(cells.begin(), cells.end(), "Id") != cells.end() &&
                           std::find(cells.begin(), cells.end(), "Status") != cells.end();
    if (header.empty() || is_header) {
      header = cells;
      debug = std::find(header.begin(), header.end(), "Body") != header.end();
      continue;
    }
    if (cells.size() != header.size()) continue;
    std::string_view id, status, message, body;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (header[i] == "Id") id = cells[i];
      if (header[i] == "Status") status = cells[i];
      if (header[i] == "Message") message = cells[i];
      if (header[i] == "Body") body = cells[i];
    }
    if (!id.empty()) {
      OioPeer p;
      p.id = std::string(id);
      p.debug = debug;
      p.line = line_no;
      int code = 0;
      for (char c : status) code = digit(c) && code < 100000 ? code * 10 + (c - '0') : code;
      p.status = code;
      p.message = std::string(message);
      peers.push_back(std::move(p));
      bodies.emplace_back(body);
    } else if (!peers.empty()) {
      // The row continues the peer above: its wrapped message and body.
      if (!message.empty()) peers.back().message += " " + std::string(message);
      bodies.back() += "\n" + std::string(body);
    }
  }
  if (header.empty()) error = "no table header";
  for (std::size_t i = 0; i < peers.size(); ++i) read_body_text(bodies[i], peers[i]);
  return peers;
}

// Where a JSON output starts in a paste: the first line (prompt, prose and
// indentation before it) whose text begins with '{' or '['.
std::size_t json_start(std::string_view text) {
  LineCursor lines(text);
  for (std::string_view line; lines.next(line);) {
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && (line[first] == '{' || line[first] == '[')) {
      return static_cast<std::size_t>(line.data() - text.data()) + first;
    }
  }
  return std::string_view::npos;
}

// The CLI's table: "| Id | Status | Message |" (debug adds "| Body |").
bool has_election_table(std::string_view head) {
  const std::size_t id = head.find("| Id ");
  return id != std::string_view::npos && head.find("| Status", id) != std::string_view::npos &&
         head.find("| Message", id) != std::string_view::npos;
}

// One past the end of the JSON value that opens at text[i] ('{', '[' or '"'),
// or npos when the text ends first (a paste cut off inside it).
std::size_t value_end(std::string_view text, std::size_t i) {
  if (i >= text.size()) return std::string_view::npos;
  if (text[i] == '"') {
    for (std::size_t k = i + 1; k < text.size(); ++k) {
      if (text[k] == '\\') ++k;
      else if (text[k] == '"') return k + 1;
    }
    return std::string_view::npos;
  }
  int depth = 0;
  for (std::size_t k = i; k < text.size(); ++k) {
    const char c = text[k];
    if (c == '"') {
      const std::size_t e = value_end(text, k);
      if (e == std::string_view::npos) return e;
      k = e - 1;
    } else if (c == '{' || c == '[') {
      if (++depth > 64) return std::string_view::npos;  // deeper than any election output: not one
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return k + 1;
    }
  }
  return std::string_view::npos;
}

// A proxy object cut off inside a member: the members before it, as an object.
std::string complete_members(std::string_view text, std::size_t start, std::string& cut_key) {
  std::string out = "{";
  std::size_t k = start + 1;
  for (;;) {
    k = text.find('"', k);
    if (k == std::string_view::npos) break;
    const std::size_t key_end = value_end(text, k);
    if (key_end == std::string_view::npos) break;
    const std::size_t colon = text.find(':', key_end);
    const std::size_t value = colon == std::string_view::npos ? colon : text.find_first_not_of(" \t\r\n", colon + 1);
    const std::string_view key = text.substr(k + 1, key_end - k - 2);
    const std::size_t end = value == std::string_view::npos || (text[value] != '{' && text[value] != '[') ? std::string_view::npos
                                                                                                      : value_end(text, value);
    if (end == std::string_view::npos) {
      cut_key = std::string(key);
      break;
    }
    if (out.size() > 1) out += ',';
    out.append(text.substr(k, end - k));
    k = end;
  }
  return out + "}";
}

std::vector<OioPeer> parse_json(std::string_view text, std::string& error) {
  std::vector<OioPeer> peers;
  const std::size_t start = json_start(text);
  if (start == std::string_view::npos) return peers;
  // Prose may follow the output; a paste may stop inside it: keep the
  // complete members and say which one was cut.
  const std::size_t end = value_end(text, start);
  std::string salvaged;
  if (end == std::string_view::npos && text[start] == '{') {
    std::string cut_key;
    salvaged = complete_members(text, start, cut_key);
    error = "JSON cut off" + (cut_key.empty() ? std::string() : " inside the member for " + cut_key) + ": the complete members were read";
  }
  const std::string_view json = end != std::string_view::npos ? text.substr(start, end - start)
                                : !salvaged.empty()             ? std::string_view(salvaged)
                                                                : text.substr(start);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(simdjson::padded_string(json)).get(doc); err != simdjson::SUCCESS) {
    error = std::string("JSON: ") + simdjson::error_message(err);
    return peers;
  }
  simdjson::dom::object obj;
  simdjson::dom::array rows;
  if (doc.get_object().get(obj) == simdjson::SUCCESS) {  // the proxy: {"ip:port": {"status": {...}, "body": ...}}
    for (auto field : obj) {
      OioPeer p;
      p.id = std::string(field.key);
      std::int64_t code = 0;
      std::string_view msg;
      if (field.value["status"]["status"].get_int64().get(code) == simdjson::SUCCESS) p.status = static_cast<int>(code);
      if (field.value["status"]["message"].get_string().get(msg) == simdjson::SUCCESS) p.message = std::string(msg);
      simdjson::dom::element body;
      if (field.value["body"].get(body) == simdjson::SUCCESS) {
        p.debug = body.is_object() || body.is_null();  // status replies carry "body": ""
        read_member(body, p);
      }
      p.line = 1;
      peers.push_back(std::move(p));
    }
  } else if (doc.get_array().get(rows) == simdjson::SUCCESS) {  // the CLI's -f json: [{"Id": ..., "Status": ...}]
    for (auto row : rows) {
      OioPeer p;
      std::string_view v;
      std::int64_t code = 0;
      if (row["Id"].get_string().get(v) == simdjson::SUCCESS) p.id = std::string(v);
      if (row["Status"].get_int64().get(code) == simdjson::SUCCESS) p.status = static_cast<int>(code);
      if (row["Message"].get_string().get(v) == simdjson::SUCCESS) p.message = std::string(v);
      simdjson::dom::element body;
      p.line = 1;
      if (row["Body"].get(body) == simdjson::SUCCESS) {
        p.debug = true;
        if (body.get_string().get(v) == simdjson::SUCCESS) {
          read_body_text(v, p);
        } else {
          read_member(body, p);
        }
      }
      if (!p.id.empty()) peers.push_back(std::move(p));
    }
  }
  return peers;
}

}  // namespace

bool is_oio_record_start(std::string_view line) noexcept {
  if (ltsv(line)) return true;
  const std::size_t n = syslog_ts_len(line) > 0 ? syslog_ts_len(line) : rfc3339_len(line);
  return n > 0 && line.substr(n, 120).find(" OIO,") != std::string_view::npos;
}

LineError parse_oio_line(std::string_view line, int year, OioLine& out) noexcept {
  out = OioLine{};
  if (ltsv(line)) {
    if (!level_of(ltsv_value(line, "log_level:"), out.level)) return LineError::kBadLevel;
    out.access = ltsv_value(line, "log_type:") == "access";
    out.domain = ltsv_value(line, "log_domain:");
    out.message = ltsv_value(line, "message:");
    return LineError::kNone;
  }
  std::size_t n = syslog_ts_len(line);
  if (n > 0) {
    const auto ts = syslog_time(line.substr(0, n), year);
    if (!ts) return LineError::kBadTimestamp;
    out.ts = *ts;
  } else if ((n = rfc3339_len(line)) > 0) {
    std::string iso(line.substr(0, std::min<std::size_t>(n, 26)));
    iso[10] = ' ';
    const std::size_t cut = iso.find_first_of("+-Z", 19);
    if (cut != std::string::npos) iso.resize(cut);
    const auto ts = parse_user_timestamp(iso);
    if (!ts) return LineError::kBadTimestamp;
    out.ts = *ts;
  } else {
    return LineError::kNotRecordStart;
  }
  std::string_view rest = trim(line.substr(n));
  const std::size_t sp = rest.find(' ');
  if (sp == std::string_view::npos) return LineError::kBadThreadBlock;
  out.host = rest.substr(0, sp);
  rest = trim(rest.substr(sp));
  const std::size_t colon = rest.find(": ");
  if (rest.rfind("OIO,", 0) != 0 || colon == std::string_view::npos) return LineError::kBadThreadBlock;
  out.service = rest.substr(0, rest.find_first_of("[:"));
  rest = rest.substr(colon + 2);
  if (rest.find("\tlog_level:") != std::string_view::npos || ltsv(rest)) {
    if (!level_of(ltsv_value(rest, "log_level:"), out.level)) return LineError::kBadLevel;
    out.access = ltsv_value(rest, "log_type:") == "access";
    out.domain = ltsv_value(rest, "log_domain:");
    out.message = ltsv_value(rest, "message:");
    return LineError::kNone;
  }
  // "<pid> <tid> log WRN <domain> <message>" or "... access INF <fields>",
  // possibly after a textual severity ("warning  6925 D763 log WRN ...").
  std::size_t at = rest.find(" log ");
  const std::size_t acc = rest.find(" access ");
  if (acc != std::string_view::npos && (at == std::string_view::npos || acc < at)) {
    at = acc;
    out.access = true;
  }
  if (at == std::string_view::npos) return LineError::kBadLocation;
  rest = rest.substr(at + (out.access ? 8 : 5));
  const std::size_t lsp = rest.find(' ');
  if (!level_of(rest.substr(0, lsp), out.level)) return LineError::kBadLevel;
  rest = lsp == std::string_view::npos ? std::string_view{} : rest.substr(lsp + 1);
  if (!out.access) {
    const std::size_t dsp = rest.find(' ');
    out.domain = rest.substr(0, dsp);
    rest = dsp == std::string_view::npos ? std::string_view{} : rest.substr(dsp + 1);
  }
  out.message = rest;
  return LineError::kNone;
}

bool extract_oio_event(const OioLine& line, std::string_view text, Event& out) {
  const std::string_view m = line.message;
  EventKind kind;
  if (m.find("TIMEOUT! (waiting for election status)") != std::string_view::npos ||
      m.find("TIMEOUT! (election pending for too long)") != std::string_view::npos) {
    kind = EventKind::oio_election_timeout;
  } else if (m.find("Election failed") != std::string_view::npos) {
    kind = EventKind::oio_election_failed;
  } else if (m.rfind("GETVERS error [", 0) == 0) {
    kind = EventKind::oio_getvers_error;
  } else {
    return false;
  }
  out = Event{};
  out.kind = kind;
  out.system = System::kOpenIO;
  out.level = line.level;
  out.ts = line.ts;
  out.text = std::string(text.substr(0, Event::kMaxEvidence));
  const std::size_t e = m.find("e=(");
  out.set(Attr::kObject, base_of(e == std::string_view::npos ? m : m.substr(e)));
  out.group.label = *out.get(Attr::kObject);
  if (const std::size_t step = m.find("step="); step != std::string_view::npos) {
    out.set(Attr::kState, m.substr(step + 5, m.find(' ', step) == std::string_view::npos ? std::string_view::npos : m.find(' ', step) - step - 5));
  }
  if (e != std::string_view::npos) out.set(Attr::kRet, m.substr(e + 3, m.find(')', e) - e - 3));
  if (kind == EventKind::oio_getvers_error) out.set(Attr::kInfo, m.substr(m.find(']') + 1));
  return true;
}

std::optional<OioLogEntry> parse_oio_log_entry(std::string_view s) {
  s = trim(s);
  OioLogEntry e;
  // --human: "2018-06-25 15:02:50.775 NONE, NONE -> PEERING"
  if (const std::size_t arrow = s.find(" -> "); arrow != std::string_view::npos) {
    const std::size_t comma = s.rfind(", ", arrow);
    const std::size_t sp = s.rfind(' ', comma == std::string_view::npos ? 0 : comma - 1);
    if (comma == std::string_view::npos || sp == std::string_view::npos) return std::nullopt;
    e.pre = std::string(s.substr(sp + 1, comma - sp - 1));
    e.event = std::string(s.substr(comma + 2, arrow - comma - 2));
    e.post = std::string(trim(s.substr(arrow + 4)));
    if (const auto ts = parse_unpadded_timestamp(s.substr(0, sp))) e.ms = *ts / 1000;
    return e;
  }
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos <= s.size() && parts.size() < 5) {
    const std::size_t c = s.find(':', pos);
    parts.push_back(s.substr(pos, c == std::string_view::npos ? std::string_view::npos : c - pos));
    if (c == std::string_view::npos) break;
    pos = c + 1;
  }
  if (parts.size() == 4) {
    std::int64_t ms = 0;
    for (char c : parts[0]) {
      if (!digit(c) || ms > (std::int64_t{1} << 50)) return std::nullopt;
      ms = ms * 10 + (c - '0');
    }
    e.ms = ms;
    parts.erase(parts.begin());
  }
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty() || parts[2].empty()) return std::nullopt;
  e.pre = std::string(parts[0]);
  e.event = std::string(parts[1]);
  e.post = std::string(parts[2]);
  return e;
}

bool is_oio_election_output(std::string_view head) noexcept {
  head = head.substr(0, 64 * 1024);
  if (has_election_table(head)) return true;
  // JSON: the proxy's {"ip:port": {"status": {"status": N, ...}, ...}} or the
  // CLI's [{"Id": ..., "Status": ...}], also after a prompt or prose, indented.
  const std::size_t start = json_start(head);
  if (start == std::string_view::npos) return false;
  const std::string_view json = head.substr(start);
  const bool proxy = (json.find("\"status\"") != std::string_view::npos &&
                      (json.find("\"message\"") != std::string_view::npos || json.find("\"body\"") != std::string_view::npos)) ||
                     // admin/debug cut off before its first "status": a member's body
                     (json.find("\"body\"") != std::string_view::npos && json.find("\"local\"") != std::string_view::npos &&
                      json.find("\"base\"") != std::string_view::npos);
  return proxy || (json.find("\"Id\"") != std::string_view::npos && json.find("\"Status\"") != std::string_view::npos);
}

std::vector<OioPeer> parse_oio_election(std::string_view text, std::string& error) {
  error.clear();
  // The CLI's table when there is one, else the JSON forms.
  std::vector<OioPeer> peers = has_election_table(text.substr(0, 64 * 1024)) ? parse_boxed(text, error) : parse_json(text, error);
  // Outputs where every peer is fine name no base: the pasted command does
  // ("openio election status meta2 FVE0" -> "FVE0.meta2").
  const bool named = std::any_of(peers.begin(), peers.end(), [](const OioPeer& p) {
    return !p.base.empty() || p.message.find("failed for ") != std::string::npos;
  });
  const std::size_t cmd = text.substr(0, 4096).find("openio election ");
  if (!named && cmd != std::string_view::npos) {
    std::string_view args = text.substr(cmd + 16, text.find('\n', cmd) - cmd - 16);
    std::vector<std::string_view> words;
    while (!args.empty()) {
      args = trim(args);
      const std::size_t sp = args.find(' ');
      words.push_back(args.substr(0, sp));
      args = sp == std::string_view::npos ? std::string_view{} : args.substr(sp);
    }
    if (words.size() >= 3) {
      for (auto& p : peers) p.base = std::string(words[2]) + "." + std::string(words[1]);
    }
  }
  return peers;
}

std::vector<std::string> oio_history(const Event& member) {
  std::vector<std::string> out;
  const std::string* log = member.get(Attr::kTransition);
  if (log == nullptr) return out;
  std::size_t pos = 0;
  while (pos <= log->size()) {
    const std::size_t semi = log->find(';', pos);
    std::string entry = log->substr(pos, semi == std::string::npos ? std::string::npos : semi - pos);
    if (std::count(entry.begin(), entry.end(), ':') == 3) entry = entry.substr(entry.find(':') + 1);
    if (!entry.empty()) out.push_back(std::move(entry));
    if (semi == std::string::npos) break;
    pos = semi + 1;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

OioLoop find_oio_loop(const std::vector<std::string>& h) {
  OioLoop best;
  std::size_t best_at = 0, best_len = 0;
  for (std::size_t len = 1; len <= 4; ++len) {
    for (std::size_t at = 0; at + 2 * len <= h.size(); ++at) {
      std::size_t reps = 1;
      while (at + (reps + 1) * len <= h.size() &&
             std::equal(h.begin() + static_cast<std::ptrdiff_t>(at), h.begin() + static_cast<std::ptrdiff_t>(at + len),
                        h.begin() + static_cast<std::ptrdiff_t>(at + reps * len))) {
        ++reps;
      }
      if (reps > best.repeats) best.repeats = reps, best_at = at, best_len = len;
    }
  }
  if (best.repeats > 1) {
    best.cycle.assign(h.begin() + static_cast<std::ptrdiff_t>(best_at), h.begin() + static_cast<std::ptrdiff_t>(best_at + best_len));
  }
  return best;
}

void oio_election_events(const std::vector<OioPeer>& peers, std::vector<Event>& out) {
  // The base, when only some peers name it (a failed peer's message, a debug body).
  std::string base;
  for (const auto& p : peers) {
    if (!p.base.empty()) base = p.base;
    if (base.empty() && p.message.find("failed for ") != std::string::npos) base = base_of(p.message);
  }
  for (const auto& p : peers) {
    Event ev;
    ev.kind = p.has_member ? EventKind::oio_election_member : EventKind::oio_election_status;
    ev.system = System::kOpenIO;
    ev.level = p.status == 200 || p.status == 303 ? Level::kInfo : Level::kWarn;
    // A debug body's newest log entry dates it (epoch ms); a status line is undated.
    ev.ts = !p.log.empty() && p.log.front().ms ? *p.log.front().ms * 1000 : kUndated;
    ev.node = p.id;
    ev.text = p.id + " " + std::to_string(p.status) + " " + p.message;
    ev.line = p.line;
    ev.set(Attr::kStatus, std::to_string(p.status));
    ev.set(Attr::kEventType, p.debug ? "debug" : "status");
    ev.set(Attr::kInfo, p.message);
    ev.set(Attr::kObject, p.base.empty() ? base : p.base);
    ev.group.label = *ev.get(Attr::kObject);
    if (p.status == 303) ev.set(Attr::kLeader, p.message);
    if (p.has_member) {
      ev.set(Attr::kState, p.state);
      if (!p.master.empty()) ev.set(Attr::kLeader, p.master);
      std::string members, log;
      for (const auto& x : p.peers) {
        if (!members.empty()) members += ',';
        members += x;
      }
      for (const auto& e : p.log) {
        if (!log.empty()) log += ';';
        if (e.ms) log += std::to_string(*e.ms) + ":";
        log += e.pre + ":" + e.event + ":" + e.post;
      }
      ev.set(Attr::kMembers, members);
      ev.set(Attr::kTransition, log);
      ev.text += " state=" + p.state + " log=" + log;
    }
    if (ev.text.size() > Event::kMaxEvidence) ev.text.resize(Event::kMaxEvidence);
    out.push_back(std::move(ev));
  }
}

}  // namespace paxray
