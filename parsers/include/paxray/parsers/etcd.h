// etcd server logs (3.4 / 3.5, Raft), every layout a real server writes:
//
//   zap JSON      {"level":"info","ts":"2026-12-07T02:25:40.035Z","caller":"raft/raft.go:771","msg":"bdae9bbc11dd390d became leader at term 3"}
//   capnslog      2026-12-07 02:27:17.632227 W | etcdserver: failed to send out heartbeat on time (exceeded the 100ms timeout for 3.892038588s, to 71a84c8821a8935d)
//   raft, capnslog mode (Go's log package: whole seconds)
//                 raft2026/12/07 02:27:18 INFO: 5cae315174de75b1 became leader at term 7
//
// each either bare or behind a wrapper that prints its own prefix first:
// journald / syslog ("Dec 07 02:25:40 host etcd[811]: {...}"), the CRI log
// files of Kubernetes ("2026-12-07T02:25:40.035123456Z stderr F {...}"), kubectl
// --prefix. The record is found where its own shape starts, so a wrapper of
// any kind is peeled without being named.
//
// zap times carry their zone ("Z", "+08:00", "+0800") or are seconds since
// the epoch: they are kept as UTC. capnslog times are the host's wall clock,
// as printed. Members are named by their member id ("bdae9bbc11dd390d"), the
// name every raft line starts with; `--name`s come from the start-up lines.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "paxray/parsers/event.h"
#include "paxray/parsers/ob_line.h"

namespace paxray {

enum class EtcdLayout : std::uint8_t { kZap, kCapnslog, kRaftStd };

/// One parsed etcd record. Views point into the line or into the JSON
/// parser's buffers: valid until the next parse_etcd_line on the same thread.
struct EtcdLine {
  LocalMicros ts = 0;
  Level level = Level::kInfo;
  EtcdLayout layout = EtcdLayout::kZap;
  std::string_view package;  ///< capnslog "etcdserver", "rafthttp", "raft"; zap: the caller's directory
  std::string_view message;  ///< zap "msg"; capnslog text after "pkg: "
  bool cut = false;          ///< a zap object cut short: only what its start held is known
  bool fatal = false;        ///< zap fatal / panic, capnslog C: the process ends after it
  /// zap's other fields (key, value), strings unescaped, numbers as printed.
  std::array<std::pair<std::string_view, std::string_view>, 24> fields{};
  std::size_t field_count = 0;

  [[nodiscard]] std::string_view field(std::string_view key) const noexcept;
};

/// Where an etcd record starts in `line` (0 when bare, after a wrapper's
/// prefix otherwise); nullopt when there is none.
[[nodiscard]] std::optional<std::size_t> etcd_record_offset(std::string_view line) noexcept;
[[nodiscard]] inline bool is_etcd_record_start(std::string_view line) noexcept {
  return etcd_record_offset(line).has_value();
}

/// Parses one record line (with or without a wrapper). Total on any input.
[[nodiscard]] LineError parse_etcd_line(std::string_view line, EtcdLine& out);

/// The member id a log's first records (up to 256 lines of `head`) name as
/// their own, when they name exactly one.
[[nodiscard]] std::optional<std::string> single_etcd_member(std::string_view head);

struct EtcdMessageSpec {
  EventKind kind;
  std::string_view sample;  ///< a whole line that must decode to `kind`
};
[[nodiscard]] std::span<const EtcdMessageSpec> etcd_message_registry() noexcept;

/// Decodes a registered message into `out` (node: the member id the line
/// names as its writer, when it does). `text` is the whole line (evidence).
[[nodiscard]] bool extract_etcd_event(const EtcdLine& line, std::string_view text, Event& out);

/// "bdae9bbc11dd390d" from a decimal id as raft prints voters ("13668033151171901709").
[[nodiscard]] std::string etcd_id_from_decimal(std::string_view decimal);

/// An etcd event of kind `k` (the etcd rules' one test of an event).
[[nodiscard]] inline bool etcd_event(const Event& e, EventKind k) noexcept { return e.system == System::kEtcd && e.kind == k; }

/// The replication group every etcd event belongs to.
inline constexpr std::string_view kEtcdGroup = "etcd cluster";

}  // namespace paxray
