#include "paxray/parsers/zk_line.h"

#include <array>

namespace paxray {
namespace {

constexpr std::size_t kTsLen = 23;  // "YYYY-MM-DD hh:mm:ss,mmm"

bool digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }

bool looks_like_ts(std::string_view s) noexcept {
  if (s.size() < kTsLen) return false;
  static constexpr std::string_view kShape = "dddd-dd-dd dd:dd:dd,ddd";
  for (std::size_t i = 0; i < kTsLen; ++i) {
    if (kShape[i] == 'd' ? !digit(s[i]) : s[i] != kShape[i]) return false;
  }
  return true;
}

bool parse_level(std::string_view tok, Level& out) noexcept {
  struct Entry {
    std::string_view name;
    Level level;
  };
  static constexpr std::array<Entry, 6> kLevels{{{"INFO", Level::kInfo},
                                                 {"WARN", Level::kWarn},
                                                 {"ERROR", Level::kError},
                                                 {"DEBUG", Level::kDebug},
                                                 {"TRACE", Level::kTrace},
                                                 {"FATAL", Level::kError}}};
  for (const auto& e : kLevels) {
    if (tok == e.name) {
      out = e.level;
      return true;
    }
  }
  return false;
}

void skip_spaces(std::string_view& s) noexcept {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
}

// Takes the level word at the front of `s`; false when there is none.
bool take_level(std::string_view& s, Level& out) noexcept {
  skip_spaces(s);
  const std::size_t end = s.find_first_of(" |");
  if (!parse_level(s.substr(0, end), out)) return false;
  s.remove_prefix(end == std::string_view::npos ? s.size() : end);
  skip_spaces(s);
  return true;
}

// " 13308" (log4j's %r, ms since start) at the front of `s`: skipped.
void skip_number(std::string_view& s) noexcept {
  std::size_t i = 0;
  if (i < s.size() && s[i] == ' ') ++i;
  const std::size_t digits = i;
  while (i < s.size() && digit(s[i])) ++i;
  if (i > digits) s.remove_prefix(i);
}

std::int64_t number_after(std::string_view s, std::string_view key) noexcept {
  const std::size_t at = s.find(key);
  if (at == std::string_view::npos) return -1;
  std::int64_t v = 0;
  std::size_t i = at + key.size();
  if (i >= s.size() || !digit(s[i])) return -1;
  for (; i < s.size() && digit(s[i]) && v < (std::int64_t{1} << 40); ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// "[thread:Class@123] - message": the thread may hold ':' and brackets.
LineError take_location_block(std::string_view rest, ZkLine& out) noexcept {
  if (rest.empty() || rest.front() != '[') return LineError::kBadLocation;
  const std::size_t close = rest.find("] - ");
  if (close == std::string_view::npos) {
    // A record whose message is empty ends right after the block.
    if (rest.back() != ']') return LineError::kBadLocation;
  }
  const std::string_view inside = rest.substr(1, (close == std::string_view::npos ? rest.size() - 1 : close) - 1);
  const std::size_t at = inside.rfind('@');
  const std::size_t colon = at == std::string_view::npos ? std::string_view::npos : inside.rfind(':', at);
  if (colon == std::string_view::npos) return LineError::kBadLocation;
  out.thread = inside.substr(0, colon);
  out.logger = inside.substr(colon + 1, at - colon - 1);
  out.message = close == std::string_view::npos ? std::string_view{} : rest.substr(close + 4);
  return LineError::kNone;
}

// "[thread] LEVEL logger - message": the thread may hold brackets
// ("[QuorumPeer[myid=0]/127.0.0.1:2900]"), so it ends at the first "] "
// followed by a level word.
LineError take_thread_first(std::string_view rest, ZkLine& out) noexcept {
  if (rest.empty() || rest.front() != '[') return LineError::kBadThreadBlock;
  for (std::size_t close = rest.find("] "); close != std::string_view::npos; close = rest.find("] ", close + 1)) {
    std::string_view after = rest.substr(close + 1);
    if (!take_level(after, out.level)) continue;
    out.thread = rest.substr(1, close - 1);
    const std::size_t dash = after.find(" - ");
    out.logger = dash == std::string_view::npos ? after : after.substr(0, dash);
    while (!out.logger.empty() && out.logger.back() == ' ') out.logger.remove_suffix(1);
    out.message = dash == std::string_view::npos ? std::string_view{} : after.substr(dash + 3);
    return LineError::kNone;
  }
  return LineError::kBadLevel;
}

// Kafka layouts: "message (org.apache.Class) [thread]" or "message (org.apache.Class)".
void split_kafka_tail(std::string_view rest, ZkLine& out) noexcept {
  out.message = rest;
  std::size_t fq_end = rest.rfind(") [");
  std::string_view thread;
  if (fq_end != std::string_view::npos) {
    thread = rest.substr(fq_end + 3);
    if (!thread.empty() && thread.back() == ']') thread.remove_suffix(1);
  } else if (!rest.empty() && rest.back() == ')') {
    fq_end = rest.size() - 1;
  } else {
    return;
  }
  const std::size_t fq_start = rest.rfind(" (", fq_end);
  if (fq_start == std::string_view::npos) return;
  const std::string_view fqcn = rest.substr(fq_start + 2, fq_end - fq_start - 2);
  if (fqcn.empty() || fqcn.find(' ') != std::string_view::npos || fqcn.find('.') == std::string_view::npos) return;
  out.logger = fqcn;
  out.thread = thread;
  out.message = rest.substr(0, fq_start);
}

}  // namespace

bool is_zk_record_start(std::string_view line) noexcept {
  if (!line.empty() && line.front() == '[') line.remove_prefix(1);
  return looks_like_ts(line);
}

LineError parse_zk_line(std::string_view line, ZkLine& out) noexcept {
  out = ZkLine{};
  const bool bracketed = !line.empty() && line.front() == '[';
  if (bracketed) line.remove_prefix(1);
  if (!looks_like_ts(line)) return LineError::kNotRecordStart;
  char iso[kTsLen];
  for (std::size_t i = 0; i < kTsLen; ++i) iso[i] = line[i] == ',' ? '.' : line[i];
  const auto ts = parse_user_timestamp(std::string_view(iso, kTsLen));
  if (!ts) return LineError::kBadTimestamp;
  out.ts = *ts;
  std::string_view rest = line.substr(kTsLen);

  if (bracketed) {
    if (rest.empty() || rest.front() != ']') return LineError::kBadTimestamp;
    rest.remove_prefix(1);
    out.layout = ZkLayout::kKafkaStarter;
    if (!take_level(rest, out.level)) return LineError::kBadLevel;
    split_kafka_tail(rest, out);
  } else if (rest.substr(0, 7) == " [myid:") {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return LineError::kBadThreadBlock;
    out.myid = number_after(rest.substr(0, close), "[myid:");
    rest.remove_prefix(close + 1);
    if (rest.substr(0, 3) != " - ") return LineError::kBadThreadBlock;
    rest.remove_prefix(3);
    if (!take_level(rest, out.level)) return LineError::kBadLevel;
    if (LineError e = take_location_block(rest, out); e != LineError::kNone) return e;
  } else if (rest.substr(0, 3) == " - ") {
    rest.remove_prefix(3);
    out.layout = ZkLayout::kNoMyid;
    if (!take_level(rest, out.level)) return LineError::kBadLevel;
    if (LineError e = take_location_block(rest, out); e != LineError::kNone) return e;
  } else if (rest.substr(0, 3) == " | ") {
    rest.remove_prefix(3);
    out.layout = ZkLayout::kPipes;
    if (!take_level(rest, out.level) || rest.substr(0, 2) != "| ") return LineError::kBadLevel;
    rest.remove_prefix(2);
    const std::size_t bar = rest.find(" | ");
    if (bar == std::string_view::npos) return LineError::kBadThreadBlock;
    out.thread = rest.substr(0, bar);
    rest.remove_prefix(bar + 3);
    const std::size_t last = rest.rfind(" | ");
    out.message = last == std::string_view::npos ? rest : rest.substr(0, last);
    out.logger = last == std::string_view::npos ? std::string_view{} : rest.substr(last + 3);
  } else if (std::string_view r = rest; (skip_number(r), r.substr(0, 2) == " [")) {
    // "%d %r [%t] %p %c - %m" (ZOOKEEPER-1419's 3.4.3 test log) or "%d [%t] %p %c - %m".
    out.layout = ZkLayout::kThreadFirst;
    if (LineError e = take_thread_first(r.substr(1), out); e != LineError::kNone) return e;
  } else {
    out.layout = ZkLayout::kKafka;
    if (!take_level(rest, out.level)) return LineError::kBadLevel;
    split_kafka_tail(rest, out);
  }
  if (out.myid < 0) out.myid = number_after(out.thread, "myid=");
  return LineError::kNone;
}

std::optional<std::int64_t> single_zk_myid(std::string_view head) noexcept {
  std::optional<std::int64_t> id;
  ZkLine z;
  for (int n = 0; n < 256 && !head.empty(); ++n) {
    const std::size_t nl = head.find('\n');
    const std::string_view line = head.substr(0, nl);
    head = nl == std::string_view::npos ? std::string_view{} : head.substr(nl + 1);
    if (parse_zk_line(line, z) != LineError::kNone || z.myid < 0) continue;
    if (id && *id != z.myid) return std::nullopt;
    id = z.myid;
  }
  return id;
}

}  // namespace paxray
