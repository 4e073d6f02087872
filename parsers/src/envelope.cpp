#include "paxray/parsers/envelope.h"

#include <array>

#include "paxray/parsers/line_cursor.h"
#include "paxray/parsers/ob_line.h"

namespace paxray {
namespace {

constexpr std::size_t kSearch = 512;  // a record starts within this many bytes of its envelope

bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool blank(char c) noexcept { return c == ' ' || c == '\t'; }
bool word(char c) noexcept { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "YYYY-MM-DD hh:mm:ss" (ZooKeeper, alert.log); with 'T' (RFC 3339) when `iso`.
bool timestamp_at(std::string_view s, bool iso = false) noexcept {
  static constexpr std::string_view kShape = "dddd-dd-dd dd:dd:dd";
  if (s.size() < kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const char want = kShape[i];
    if (want == 'd' ? !digit(s[i]) : i == 10 ? s[i] != (iso ? 'T' : ' ') : s[i] != want) return false;
  }
  return true;
}

std::string_view rtrim(std::string_view s) noexcept {
  while (!s.empty() && (blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool has_blank(std::string_view s) noexcept {
  for (char c : s) {
    if (blank(c)) return true;
  }
  return false;
}

// "Mar  5 10:00:44 host tag[pid]:" (RFC 3164) or journald's
// "2024-03-05T10:00:44.123456+0800 host tag[pid]:": the host, or "" when `s`
// is no such header.
std::string_view syslog_host(std::string_view s) noexcept {
  static constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() < 20 || s.back() != ':') return {};
  std::string_view rest;
  if (timestamp_at(s, /*iso=*/true)) {
    const std::size_t sp = s.find(' ');
    if (sp == std::string_view::npos) return {};
    rest = s.substr(sp + 1);
  } else {
    bool month = false;
    for (auto m : kMonths) month = month || s.substr(0, 3) == m;
    // "Mmm dd hh:mm:ss " (day space-padded), then "host tag...:"
    if (!month || s[3] != ' ' || s[6] != ' ' || s[9] != ':' || s[12] != ':' || s[15] != ' ') return {};
    rest = s.substr(16);
  }
  const std::size_t sp = rest.find(' ');
  if (sp == 0 || sp == std::string_view::npos) return {};
  return rest.substr(0, sp);
}

// "path:12" / "path-12" -> "path" (grep -n's line number before the separator).
std::string_view drop_line_number(std::string_view s, char sep) noexcept {
  std::size_t i = s.size();
  while (i > 0 && digit(s[i - 1])) --i;
  if (i < s.size() && i > 0 && s[i - 1] == sep) return s.substr(0, i - 1);
  return s;
}

// A grep prefix of a line with no record ("path-12-  at foo()", "path:12:..."):
// the path when it is `key`.
bool has_grep_prefix(std::string_view line, std::string_view key, std::size_t& cut) noexcept {
  if (key.empty() || line.size() <= key.size() || line.substr(0, key.size()) != key) return false;
  std::size_t i = key.size();
  const char sep = line[i];
  if (sep != ':' && sep != '-') return false;
  ++i;
  std::size_t j = i;
  while (j < line.size() && digit(line[j])) ++j;
  if (j > i && j < line.size() && line[j] == sep) i = j + 1;  // -n: the line number and the separator again
  cut = i;
  return true;
}

}  // namespace

std::string_view envelope_kind_name(EnvelopeKind k) noexcept {
  static constexpr std::array<std::string_view, 7> kNames{"none", "quote", "grep", "kubectl", "compose", "syslog", "host column"};
  return kNames[static_cast<std::size_t>(k)];
}

std::size_t record_offset(std::string_view line) noexcept {
  const std::size_t end = line.size() < kSearch ? line.size() : kSearch;
  for (std::size_t k = 0; k < end; ++k) {
    const char c = line[k];
    if (c == '[' && is_ob_record_start(line.substr(k))) return k;
    if (digit(c) && (k == 0 || !word(line[k - 1])) && timestamp_at(line.substr(k))) return k;
  }
  return std::string_view::npos;
}

PeeledLine peel_record_line(std::string_view line) noexcept {
  PeeledLine out;
  out.record = line;
  const std::size_t k = record_offset(line);
  if (k == 0 || k == std::string_view::npos) return out;
  const std::string_view prefix = line.substr(0, k);
  std::string_view body = rtrim(prefix);
  while (!body.empty() && (body.front() == '>' || blank(body.front()))) body.remove_prefix(1);
  EnvelopeKind kind = EnvelopeKind::kNone;
  std::string_view source;
  if (body.empty()) {
    kind = EnvelopeKind::kQuote;
  } else if (body.size() > 2 && body.front() == '[' && body.back() == ']' && !has_blank(body) &&
             body.find('/') != std::string_view::npos) {
    kind = EnvelopeKind::kKubectl;
    source = body.substr(1, body.size() - 2);
  } else if (body.back() == '|') {
    source = rtrim(body.substr(0, body.size() - 1));
    if (!source.empty() && !has_blank(source)) kind = EnvelopeKind::kCompose;
  } else if (const std::size_t dash = body.find("-["); dash != std::string_view::npos && dash > 0 &&
             !has_blank(body.substr(0, dash)) && has_blank(body.substr(dash + 2, 1)) &&
             !has_blank(body.substr(body.find_first_not_of(" \t", dash + 2)))) {
    // "HOST-[  FILE" (the '[' never closes): a host, then the file it printed.
    kind = EnvelopeKind::kHostColumn;
    source = body;
  } else if (const std::string_view host = syslog_host(body); !host.empty()) {
    kind = EnvelopeKind::kSyslog;
    source = host;
  } else if (body.back() == ':' || body.back() == '-') {
    const char sep = body.back();
    source = drop_line_number(body.substr(0, body.size() - 1), sep);
    // "path-12-" is grep's context form; a bare "name-" is no envelope.
    const bool numbered = source.size() + 1 < body.size();
    if (!source.empty() && !has_blank(source) && (sep == ':' || numbered)) kind = EnvelopeKind::kGrep;
  }
  if (kind == EnvelopeKind::kNone) return out;  // prose before a timestamp is no envelope
  out.kind = kind;
  out.source = source;
  out.prefix = prefix;
  out.record = line.substr(k);
  return out;
}

std::string envelope_key(const PeeledLine& p) {
  if (p.kind != EnvelopeKind::kHostColumn) return std::string(p.source);
  const std::size_t dash = p.source.find("-[");
  const std::size_t file = p.source.find_first_not_of(" \t", dash + 2);
  return std::string(p.source.substr(0, dash)) + "/" + std::string(p.source.substr(file));
}

EnvelopeVote vote_envelope(std::string_view head, std::size_t max_lines) {
  EnvelopeVote v;
  LineCursor lines(head);
  std::string_view line;
  std::string_view broken;  // the line before, when it is a record that does not parse alone
  for (std::size_t n = 0; n < max_lines && lines.next(line); ++n) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!broken.empty() && !line.empty()) {
      std::string joined(broken);
      if (joined.back() != ' ') joined.push_back(' ');
      joined.append(line);
      ObLine parsed;
      v.web_wrapped += parse_ob_line(joined, parsed) == LineError::kNone;
    }
    broken = {};
    const std::size_t k = record_offset(line);
    if (k == 0) {
      ++v.clean;
      ObLine parsed;
      const LineError e = is_ob_record_start(line) ? parse_ob_line(line, parsed) : LineError::kNone;
      if (e == LineError::kBadLocation || e == LineError::kBadThreadBlock) broken = line;
    } else if (k != std::string_view::npos && peel_record_line(line).kind != EnvelopeKind::kNone) {
      ++v.wrapped;
    }
    // A clean log decides within its first lines: it pays for nothing more.
    if (v.clean >= 64 && v.clean > 4 * v.wrapped) break;
  }
  return v;
}

std::vector<EnvelopeSource> demux_envelopes(std::string_view text) {
  std::vector<EnvelopeSource> sources;
  auto source_of = [&](std::string_view key, EnvelopeKind kind) -> std::size_t {
    for (std::size_t i = 0; i < sources.size(); ++i) {
      if (sources[i].key == key) {
        if (sources[i].kind == EnvelopeKind::kNone) sources[i].kind = kind;
        return i;
      }
    }
    sources.push_back({kind, std::string(key), {}, 0});
    return sources.size() - 1;
  };
  auto append = [&](std::size_t i, std::string_view line) {
    sources[i].text.append(line);
    sources[i].text.push_back('\n');
    ++sources[i].lines;
  };
  // A record a web page wrapped ("... set (ob_memtable.cpp:354) " and, on the
  // next line, "[509976][2170][Y4...] [lt=10] ..."): where its source's last
  // line starts when that line is a record that does not parse alone.
  std::vector<std::size_t> broken(0);
  auto note_record = [&](std::size_t i, std::string_view record, std::size_t at) {
    if (broken.size() < sources.size()) broken.resize(sources.size(), std::string_view::npos);
    ObLine parsed;
    const LineError e = is_ob_record_start(record) ? parse_ob_line(record, parsed) : LineError::kNone;
    broken[i] = e == LineError::kBadLocation || e == LineError::kBadThreadBlock ? at : std::string_view::npos;
  };
  // Joins `line` to its source's broken last record when together they parse.
  auto join_wrapped = [&](std::size_t i, std::string_view line) {
    if (i >= broken.size() || broken[i] == std::string_view::npos || line.empty()) return false;
    std::string& t = sources[i].text;
    std::string joined = t.substr(broken[i], t.size() - broken[i] - 1);
    if (joined.back() != ' ') joined.push_back(' ');
    joined.append(line);
    ObLine parsed;
    if (parse_ob_line(joined, parsed) != LineError::kNone) return false;
    t.resize(broken[i]);
    t.append(joined).push_back('\n');
    ++sources[i].lines;  // the wrapped half is one of the input's lines
    broken[i] = std::string_view::npos;
    return true;
  };
  std::size_t current = static_cast<std::size_t>(-1);
  std::string last_prefix;  // the envelope of the last record, for its continuation lines
  LineCursor lines(text);
  for (std::string_view line; lines.next(line);) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const PeeledLine p = peel_record_line(line);
    if (p.kind != EnvelopeKind::kNone || record_offset(line) == 0) {
      current = source_of(envelope_key(p), p.kind);
      last_prefix.assign(p.prefix);
      const std::size_t at = sources[current].text.size();
      append(current, p.record);
      note_record(current, p.record, at);
      continue;
    }
    // No record: a grep context line names its source; others continue the
    // record before them, peeled of the same envelope when they carry it.
    std::size_t cut = 0;
    bool routed = false;
    for (std::size_t i = 0; i < sources.size() && !routed; ++i) {
      if (sources[i].kind == EnvelopeKind::kGrep && has_grep_prefix(line, sources[i].key, cut)) {
        current = i;
        if (!join_wrapped(i, line.substr(cut))) append(i, line.substr(cut));
        if (i < broken.size()) broken[i] = std::string_view::npos;
        routed = true;
      }
    }
    if (routed) continue;
    if (current == static_cast<std::size_t>(-1)) current = source_of("", EnvelopeKind::kNone);
    if (!last_prefix.empty() && line.substr(0, last_prefix.size()) == last_prefix) line.remove_prefix(last_prefix.size());
    if (!join_wrapped(current, line)) append(current, line);
    if (current < broken.size()) broken[current] = std::string_view::npos;  // only the very next line completes a record
  }
  return sources;
}

}  // namespace paxray
