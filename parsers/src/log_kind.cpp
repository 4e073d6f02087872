#include "paxray/parsers/log_kind.h"

#include <array>
#include <cstring>

#include "paxray/parsers/etcd.h"
#include "paxray/parsers/ob_line.h"
#include "paxray/parsers/oio.h"
#include "paxray/parsers/zk_line.h"

namespace paxray {
namespace {

bool all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool strip_suffix(std::string_view& s, std::string_view suffix) noexcept {
  if (s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
    s.remove_suffix(suffix.size());
    return true;
  }
  return false;
}

// Printable for a message: control bytes and non-ASCII become '?'.
std::string printable_prefix(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s.substr(0, max)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u < 0x7f ? c : '?');
  }
  if (s.size() > max) out += "...";
  return out;
}

}  // namespace

std::string_view log_kind_name(LogKind kind) noexcept {
  static constexpr std::array<std::string_view, 12> kNames{
      "observer", "election", "rootservice", "trace", "alert", "oceanbase (unnamed)", "view dump", "clockdiff",
      "zookeeper", "openio", "openio election output", "etcd"};
  return kNames[static_cast<std::size_t>(kind)];
}

std::optional<LogName> classify_log_name(std::string_view name) noexcept {
  strip_suffix(name, ".gz") || strip_suffix(name, ".zst");
  // ZooKeeper: zookeeper.log[.N|.date], zookeeper-<user>-server-<host>.out[.N]
  if (name.rfind("zookeeper", 0) == 0 && name.find("audit") == std::string_view::npos) {
    for (std::string_view ext : {".log", ".out"}) {
      const std::size_t at = name.find(ext);
      if (at == std::string_view::npos) continue;
      LogName zk{LogKind::kZooKeeper};
      zk.rotated = at + ext.size() < name.size();
      return zk;
    }
  }
  // etcd: etcd.log, etcd-<name>.log and their rotations (etcd.log.1,
  // etcd-2024-01-01T00-00-00.000.log from lumberjack).
  if (name.rfind("etcd", 0) == 0 && name.find(".log") != std::string_view::npos && name.find("audit") == std::string_view::npos) {
    LogName etcd{LogKind::kEtcd};
    etcd.rotated = name.find(".log") + 4 < name.size() || name.find('T') != std::string_view::npos;
    return etcd;
  }
  LogName out{LogKind::kObserver};
  // Rotation suffix: 14 digits (3.x) or 17 digits (4.x).
  if (const std::size_t dot = name.rfind('.'); dot != std::string_view::npos) {
    const std::string_view tail = name.substr(dot + 1);
    if (all_digits(tail) && (tail.size() == 14 || tail.size() == 17)) {
      out.rotated = true;
      name = name.substr(0, dot);
    }
  }
  out.wf = strip_suffix(name, ".wf");
  struct Entry {
    std::string_view name;
    LogKind kind;
  };
  static constexpr std::array<Entry, 5> kNames{{{"observer.log", LogKind::kObserver},
                                                {"election.log", LogKind::kElection},
                                                {"rootservice.log", LogKind::kRootService},
                                                {"trace.log", LogKind::kTrace},
                                                {"alert.log", LogKind::kAlert}}};
  for (const auto& e : kNames) {
    if (name == e.name) {
      out.kind = e.kind;
      return out;
    }
  }
  return std::nullopt;
}

LineFormat line_format_for(LogKind kind) noexcept {
  if (kind == LogKind::kZooKeeper) return LineFormat::kZooKeeper;
  if (kind == LogKind::kOpenIO) return LineFormat::kOpenIO;
  if (kind == LogKind::kEtcd) return LineFormat::kEtcd;
  return kind == LogKind::kAlert ? LineFormat::kObAlert : LineFormat::kObText;
}

SniffResult sniff_log(std::string_view head) {
  SniffResult r;
  if (head.empty()) {
    r.reason = "empty file";
    return r;
  }
  if (std::memchr(head.data(), '\0', std::min<std::size_t>(head.size(), 64 * 1024)) != nullptr) {
    r.reason = "binary data (NUL bytes)";
    return r;
  }
  int starts[5] = {0, 0, 0, 0, 0};
  int parsed[5] = {0, 0, 0, 0, 0};
  EtcdLine etcd;
  OioLine oio;
  ZkLine zk;
  std::string_view first_line;
  std::size_t pos = 0;
  ObLine line;
  for (int n = 0; pos < head.size() && n < 256; ++n) {
    std::size_t nl = head.find('\n', pos);
    if (nl == std::string_view::npos) nl = head.size();
    std::string_view text = head.substr(pos, nl - pos);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    pos = nl + 1;
    if (first_line.empty()) first_line = text;
    if (is_ob_record_start(text) && starts[0] < 32) {
      ++starts[0];
      parsed[0] += parse_ob_line(text, line) == LineError::kNone;
    } else if (is_ob_alert_record_start(text) && starts[1] < 32) {
      ++starts[1];
      parsed[1] += parse_ob_alert_line(text, line) == LineError::kNone;
    }
    if (is_zk_record_start(text) && starts[2] < 32) {  // "[2019-11-14 03:19:10,853] INFO" too
      ++starts[2];
      parsed[2] += parse_zk_line(text, zk) == LineError::kNone;
    }
    if (is_oio_record_start(text) && starts[3] < 32) {
      ++starts[3];
      parsed[3] += parse_oio_line(text, 1970, oio) == LineError::kNone;
    }
    if (starts[4] < 32 && is_etcd_record_start(text)) {
      ++starts[4];
      parsed[4] += parse_etcd_line(text, etcd) == LineError::kNone;
    }
  }
  // Several formats may claim the same lines (an alert.log and a ZooKeeper
  // log both start with a date): the one that parses most of them wins.
  int best = -1;
  for (int f = 0; f < 5; ++f) {
    if (parsed[f] > 0 && parsed[f] * 2 >= starts[f] && (best < 0 || parsed[f] > parsed[best])) best = f;
  }
  if (best >= 0) {
    static constexpr LineFormat kFormats[] = {LineFormat::kObText, LineFormat::kObAlert, LineFormat::kZooKeeper,
                                              LineFormat::kOpenIO, LineFormat::kEtcd};
    r.is_log = true;
    r.format = kFormats[best];
    return r;
  }
  r.reason = "not a recognised log format (first line: \"" + printable_prefix(first_line, 60) + "\")";
  return r;
}

}  // namespace paxray
