// The etcd message table. Its texts are etcd 3.4's own (etcdserver, raft,
// rafthttp, wal), zap and capnslog wordings side by side. The samples are
// lines a real etcd 3.4.23 (Debian's etcd-server) wrote in the fault lab
// (tests/lab/etcd-lab; "starting an etcd server" trimmed of its settings),
// except for what the lab does not provoke (pre-vote, capnslog's slow-disk
// and slow-apply wordings, clock drift), whose samples are built from etcd's
// source wording.
// tests/etcd_test.cpp parses, matches and decodes every sample.
#include <array>
#include <string>

#include "paxray/parsers/etcd.h"

namespace paxray {
namespace {

bool hex_digit(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// etcd prints member ids as %x of a random 64-bit number: 16 hex digits,
// rarely fewer; a short word made of hex letters ("added") is not one.
bool is_member_id(std::string_view s) noexcept {
  if (s.size() < 8 || s.size() > 16) return false;
  for (char c : s) {
    if (!hex_digit(c)) return false;
  }
  return true;
}

std::string_view word_at(std::string_view s, std::size_t at) noexcept {
  if (at >= s.size()) return {};
  const std::size_t end = s.find_first_of(" ,()[]", at);
  return s.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
}

// The word after `key` ("at term " -> "3").
std::string_view after(std::string_view s, std::string_view key) noexcept {
  const std::size_t at = s.find(key);
  return at == std::string_view::npos ? std::string_view() : word_at(s, at + key.size());
}

// The member id a raft message starts with ("bdae9bbc11dd390d became ...",
// "raft.node: bdae9bbc11dd390d elected leader ...").
std::string_view leading_id(std::string_view msg) noexcept {
  if (msg.rfind("raft.node: ", 0) == 0) msg.remove_prefix(11);
  const std::string_view id = word_at(msg, 0);
  return is_member_id(id) ? id : std::string_view();
}

// A Go duration ("4.885104ms", "3.892038588s", "1m2.5s", "673.471µs") in µs.
std::string go_duration_us(std::string_view d) {
  double total = 0;
  std::size_t i = 0;
  bool any = false;
  while (i < d.size()) {
    std::size_t j = i;
    while (j < d.size() && ((d[j] >= '0' && d[j] <= '9') || d[j] == '.')) ++j;
    if (j == i) return {};
    const double v = std::strtod(std::string(d.substr(i, j - i)).c_str(), nullptr);
    std::size_t k = j;
    while (k < d.size() && !((d[k] >= '0' && d[k] <= '9') || d[k] == '.')) ++k;
    const std::string_view unit = d.substr(j, k - j);
    double scale = 0;
    if (unit == "h") scale = 3600e6;
    else if (unit == "m") scale = 60e6;
    else if (unit == "s") scale = 1e6;
    else if (unit == "ms") scale = 1e3;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") scale = 1;
    else if (unit == "ns") scale = 1e-3;
    else return {};
    total += v * scale;
    any = true;
    i = k;
  }
  // Over 30 years is no duration a log meant (and past 2^63 µs the cast is UB:
  // fuzz_etcd_line's "took":"777...771.2s").
  constexpr double kLongest = 1e15;
  if (!any || !(total < kLongest)) return {};
  return std::to_string(static_cast<long long>(total));
}

struct Decoded {
  const EtcdLine& line;
  std::string_view msg;
  Event& ev;
  void self(std::string_view id) const {
    if (is_member_id(id)) ev.node = std::string(id);
  }
  /// A raft message names its writer first: that is the event's node; false
  /// when the message starts with no member id (not raft's after all).
  [[nodiscard]] bool raft_writer() const {
    const std::string_view id = leading_id(msg);
    self(id);
    return !id.empty();
  }
};

using Decode = bool (*)(const Decoded& d);

struct Entry {
  EventKind kind;
  std::string_view needle;  ///< anywhere in the message
  Decode decode;            ///< false: not this message after all
  std::string_view sample;
};

// The line's own member: zap's "local-member-id", else the id a raft message starts with.
void own_id(const Decoded& d) {
  const std::string_view local = d.line.field("local-member-id");
  d.self(local.empty() ? leading_id(d.msg) : local);
}

// A peer named by a zap field or, in capnslog, after "peer " / "member ".
void peer(const Decoded& d, std::initializer_list<std::string_view> fields) {
  for (std::string_view f : fields) {
    if (const std::string_view v = d.line.field(f); !v.empty()) {
      d.ev.set(Attr::kPeer, v);
      return;
    }
  }
  for (std::string_view key : {"peer ", "member ", ", to ", "failed to read "}) {
    if (const std::string_view v = after(d.msg, key); is_member_id(v)) {
      d.ev.set(Attr::kPeer, v);
      return;
    }
  }
}

void error_text(const Decoded& d) {
  std::string_view err = d.line.field("error");
  if (err.empty()) {  // capnslog puts it in parentheses at the end
    const std::size_t open = d.msg.find(" (");
    if (open != std::string_view::npos && d.msg.back() == ')') err = d.msg.substr(open + 2, d.msg.size() - open - 3);
  }
  if (!err.empty()) d.ev.set(Attr::kReason, err.substr(0, 300));
}

bool role(const Decoded& d) {
  // "<id> became follower|candidate|pre-candidate|leader at term N"
  const std::string_view id = leading_id(d.msg);
  const std::string_view r = after(d.msg, " became ");
  if (id.empty() || (r != "follower" && r != "candidate" && r != "pre-candidate" && r != "leader")) return false;
  d.self(id);
  d.ev.set(Attr::kRole, r);
  d.ev.set(Attr::kEpoch, after(d.msg, " at term "));
  return true;
}

bool elected(const Decoded& d) {
  if (!d.raft_writer()) return false;
  d.ev.set(Attr::kLeader, after(d.msg, " elected leader "));
  d.ev.set(Attr::kEpoch, after(d.msg, " at term "));
  return true;
}

bool changed_leader(const Decoded& d) {
  if (!d.raft_writer()) return false;
  d.ev.set(Attr::kOldLeader, after(d.msg, " changed leader from "));
  const std::size_t from = d.msg.find(" changed leader from ");
  d.ev.set(Attr::kLeader, after(d.msg.substr(from), " to "));
  d.ev.set(Attr::kEpoch, after(d.msg, " at term "));
  return true;
}

bool lost_leader(const Decoded& d) {
  if (!d.raft_writer()) return false;
  d.ev.set(Attr::kOldLeader, after(d.msg, " lost leader "));
  d.ev.set(Attr::kEpoch, after(d.msg, " at term "));
  return true;
}

bool election(const Decoded& d) {
  if (!d.raft_writer()) return false;
  d.ev.set(Attr::kEpoch, after(d.msg, " at term "));
  return true;
}

bool vote(const Decoded& d) {
  struct Form {
    std::string_view key, verb, type;
  };
  static constexpr std::array<Form, 6> kForms{{{" cast MsgVote for ", "cast", "vote"},
                                               {" rejected MsgVote from ", "rejected", "vote"},
                                               {" ignored MsgVote from ", "ignored", "vote"},
                                               {" cast MsgPreVote for ", "cast", "prevote"},
                                               {" rejected MsgPreVote from ", "rejected", "prevote"},
                                               {" ignored MsgPreVote from ", "ignored", "prevote"}}};
  if (!d.raft_writer()) return false;
  for (const Form& f : kForms) {
    const std::size_t at = d.msg.find(f.key);
    if (at == std::string_view::npos) continue;
    d.ev.set(Attr::kReason, f.verb);
    d.ev.set(Attr::kRole, f.type);
    d.ev.set(Attr::kPeer, word_at(d.msg, at + f.key.size()));
    d.ev.set(Attr::kEpoch, after(d.msg.substr(at), " at term "));
    return true;
  }
  return false;
}

bool own(const Decoded& d) {
  own_id(d);
  return true;
}

bool peer_status(const Decoded& d) {
  own_id(d);
  peer(d, {"peer-id", "remote-peer-id"});
  error_text(d);
  return true;
}

bool duration(const Decoded& d, std::initializer_list<std::string_view> fields, std::string_view text_key) {
  own_id(d);
  for (std::string_view f : fields) {
    if (const std::string_view v = d.line.field(f); !v.empty()) {
      d.ev.set(Attr::kCostUs, go_duration_us(v));
      return true;
    }
  }
  if (!text_key.empty()) {
    if (const std::string_view v = after(d.msg, text_key); !v.empty()) d.ev.set(Attr::kCostUs, go_duration_us(v));
  }
  return true;
}

bool heartbeat(const Decoded& d) {
  peer(d, {"to"});
  return duration(d, {"exceeded-duration"}, " timeout for ");
}
bool fdatasync(const Decoded& d) { return duration(d, {"took"}, "sync duration of "); }
bool apply_slow(const Decoded& d) {
  if (!duration(d, {"took"}, "took too long [")) return false;
  if (d.ev.get(Attr::kCostUs) == nullptr) {  // "... took too long (1.2s) to execute"
    if (const std::string_view v = after(d.msg, "took too long ("); !v.empty()) d.ev.set(Attr::kCostUs, go_duration_us(v));
  }
  return true;
}

bool alarm(const Decoded& d) {
  own_id(d);
  std::string_view name = d.line.field("alarm");
  if (name.empty()) name = after(d.msg, "alarm ");
  d.ev.set(Attr::kReason, name);
  std::string_view from = d.line.field("from");
  if (from.empty()) from = after(d.msg, "raised by peer ");
  if (!from.empty()) d.ev.set(Attr::kPeer, from);
  return true;
}

bool clock_drift(const Decoded& d) {
  own_id(d);
  peer(d, {"remote-peer-id"});
  std::string_view drift = d.line.field("clock-drift");
  if (drift.empty()) drift = after(d.msg, " is too high [");
  if (!drift.empty()) d.ev.set(Attr::kDelta, go_duration_us(drift));
  return true;
}

bool start(const Decoded& d) {
  own_id(d);
  std::string_view name = d.line.field("name");
  if (name.empty() && d.msg.rfind("name = ", 0) == 0) name = d.msg.substr(7);
  if (!name.empty()) d.ev.set(Attr::kServer, name);
  std::string_view version = d.line.field("etcd-version");
  if (version.empty()) version = after(d.msg, "etcd Version: ");
  if (!version.empty()) d.ev.set(Attr::kVersion, version);
  return !name.empty() || !version.empty();
}

bool member(const Decoded& d) {
  own_id(d);
  if (d.ev.node.empty()) d.self(after(d.msg, "member "));
  return !d.ev.node.empty();
}

bool published(const Decoded& d) {
  own_id(d);
  std::string_view attrs = d.line.field("local-member-attributes");
  if (attrs.empty()) attrs = d.msg;
  const std::string_view name = after(attrs, "{Name:");
  if (name.empty()) return false;
  d.ev.set(Attr::kServer, name);
  return true;
}

bool configuration(const Decoded& d) {
  own_id(d);
  const std::size_t open = d.msg.find("voters=(");
  if (open == std::string_view::npos) return false;
  std::string_view list = d.msg.substr(open + 8);
  list = list.substr(0, list.find(')'));
  std::string ids;
  while (!list.empty()) {
    const std::size_t sp = list.find(' ');
    const std::string id = etcd_id_from_decimal(list.substr(0, sp));
    if (!id.empty()) ids += (ids.empty() ? "" : ",") + id;
    list = sp == std::string_view::npos ? std::string_view() : list.substr(sp + 1);
  }
  d.ev.set(Attr::kMembers, ids);
  return true;
}

bool transfer(const Decoded& d) {
  own_id(d);
  for (std::string_view outcome : {"starting", "finished", "failed", "skipped"}) {
    if (d.msg.find(outcome) != std::string_view::npos) d.ev.set(Attr::kReason, outcome);
  }
  if (d.ev.get(Attr::kReason) == nullptr) d.ev.set(Attr::kReason, "starting");
  std::string_view to = d.line.field("new-leader-member-id");
  if (to.empty()) to = d.line.field("transferee-member-id");
  if (to.empty()) to = after(d.msg, "transfer leadership to ");
  if (!to.empty()) d.ev.set(Attr::kPeer, to);
  return true;
}

bool added_member(const Decoded& d) {
  own_id(d);
  std::string_view id = d.line.field("added-peer-id");
  if (id.empty()) id = after(d.msg, "added member ");
  if (!is_member_id(id)) return false;
  d.ev.set(Attr::kPeer, id);
  return true;
}

constexpr std::array kTable = {
    Entry{EventKind::etcd_role, " became ", role,
          R"j({"level":"info","ts":"2026-12-07T02:25:40.035Z","caller":"raft/raft.go:771","msg":"bdae9bbc11dd390d became leader at term 3"})j"},
    Entry{EventKind::etcd_elected, " elected leader ", elected,
          "raft2026/12/07 02:27:18 INFO: raft.node: f4a457008d1441f2 elected leader 5cae315174de75b1 at term 7"},
    Entry{EventKind::etcd_elected, " changed leader from ", changed_leader,
          R"j({"level":"info","ts":"2026-12-07T02:40:39.714Z","caller":"raft/node.go:329","msg":"raft.node: 37a7a79401e65336 changed leader from 9f0a587d5165671d to bd6fef66153216cf at term 10"})j"},
    Entry{EventKind::etcd_lost_leader, " lost leader ", lost_leader,
          R"j({"level":"info","ts":"2026-12-07T02:25:40.032Z","caller":"raft/node.go:333","msg":"raft.node: bdae9bbc11dd390d lost leader 2943212f5e2cf73 at term 3"})j"},
    Entry{EventKind::etcd_election, " is starting a new election at term ", election,
          "raft2026/12/07 02:27:16 INFO: 5cae315174de75b1 is starting a new election at term 5"},
    Entry{EventKind::etcd_vote, " MsgVote ", vote,
          R"j({"level":"info","ts":"2026-12-07T02:25:33.222Z","caller":"raft/raft.go:966","msg":"bdae9bbc11dd390d [logterm: 1, index: 3, vote: 0] cast MsgVote for 2943212f5e2cf73 [logterm: 1, index: 3] at term 2"})j"},
    Entry{EventKind::etcd_vote, " MsgPreVote ", vote,
          "raft2026/12/07 02:27:17 INFO: f4a457008d1441f2 [logterm: 4, index: 24, vote: f4a457008d1441f2] rejected MsgPreVote from 5cae315174de75b1 [logterm: 4, index: 24] at term 4"},
    Entry{EventKind::etcd_quorum_inactive, "stepped down to follower since quorum is not active", own,
          R"j({"level":"warn","ts":"2026-12-07T02:40:07.025Z","caller":"raft/raft.go:1017","msg":"9e765c0db22b8ac6 stepped down to follower since quorum is not active"})j"},
    Entry{EventKind::etcd_peer_inactive, "became inactive", peer_status,
          R"j({"level":"warn","ts":"2026-12-07T02:25:38.905Z","caller":"rafthttp/peer_status.go:68","msg":"peer became inactive (message send to peer failed)","peer-id":"2943212f5e2cf73","error":"failed to read 2943212f5e2cf73 on stream Message (unexpected EOF)"})j"},
    Entry{EventKind::etcd_peer_active, "became active", peer_status,
          "2026-12-07 02:27:17.632949 I | rafthttp: peer 5cae315174de75b1 became active"},
    Entry{EventKind::etcd_stream_lost, "lost TCP streaming connection with remote peer", peer_status,
          R"j({"level":"warn","ts":"2026-12-07T02:25:38.904Z","caller":"rafthttp/stream.go:436","msg":"lost TCP streaming connection with remote peer","stream-reader-type":"stream Message","local-member-id":"bdae9bbc11dd390d","remote-peer-id":"2943212f5e2cf73","error":"unexpected EOF"})j"},
    Entry{EventKind::etcd_stream_lost, "lost the TCP streaming connection with peer ", peer_status,
          "2026-12-07 02:27:17.632162 W | rafthttp: lost the TCP streaming connection with peer 5cae315174de75b1 (stream MsgApp v2 reader)"},
    Entry{EventKind::etcd_stream_lost, " on stream ", peer_status,
          "2026-12-07 02:27:17.632177 E | rafthttp: failed to read 5cae315174de75b1 on stream MsgApp v2 (read tcp 127.0.0.1:48540->127.0.0.1:24802: i/o timeout)"},
    Entry{EventKind::etcd_unreachable, "prober detected unhealthy status", peer_status,
          R"j({"level":"warn","ts":"2026-12-07T02:35:53.650Z","caller":"rafthttp/probing_status.go:70","msg":"prober detected unhealthy status","round-tripper-name":"ROUND_TRIPPER_SNAPSHOT","remote-peer-id":"4a347e726c75fc88","rtt":"0s","error":"dial tcp 127.0.0.1:32551: connect: connection refused"})j"},
    Entry{EventKind::etcd_unreachable, "failed to reach the peer", peer_status,
          "2026-12-07 02:27:13.341598 W | etcdserver: failed to reach the peerURL(http://127.0.0.1:24803) of member 71a84c8821a8935d (Get \"http://127.0.0.1:24803/version\": dial tcp 127.0.0.1:24803: connect: connection refused)"},
    Entry{EventKind::etcd_unreachable, "health check for peer ", peer_status,
          "2026-12-07 02:44:39.373919 W | rafthttp: health check for peer 6cb4e323ac60f41b could not connect: <nil>"},
    Entry{EventKind::etcd_heartbeat_late, "failed to send out heartbeat on time", heartbeat,
          R"j({"level":"warn","ts":"2026-12-07T02:25:50.518Z","caller":"etcdserver/raft.go:440","msg":"leader failed to send out heartbeat on time; took too long, leader is overloaded likely from slow disk","to":"3760a4ec3b84f7fa","heartbeat-interval":"100ms","expected-duration":"200ms","exceeded-duration":"4.885113836s"})j"},
    Entry{EventKind::etcd_slow_fdatasync, "slow fdatasync", fdatasync,
          R"j({"level":"warn","ts":"2026-12-07T03:56:27.775Z","caller":"wal/wal.go:808","msg":"slow fdatasync","took":"1.202177327s","expected-duration":"1s"})j"},
    Entry{EventKind::etcd_slow_fdatasync, "sync duration of ", fdatasync,
          "2026-12-07 03:01:02.000000 W | wal: sync duration of 1.328s, expected less than 1s"},
    Entry{EventKind::etcd_apply_slow, "apply request took too long", apply_slow,
          R"j({"level":"warn","ts":"2026-12-07T03:56:30.244Z","caller":"etcdserver/util.go:167","msg":"apply request took too long","took":"1.258190976s","expected-duration":"100ms","prefix":"","request":"header:<ID:13954018954117952518 > put:<key:\"slow2\" value_size:2 >","response":"size:4"})j"},
    Entry{EventKind::etcd_apply_slow, "apply entries took too long", apply_slow,
          "2026-12-07 03:01:02.100000 W | etcdserver: apply entries took too long [1.413s for 1 entries]"},
    Entry{EventKind::etcd_apply_slow, "read-only range request ", apply_slow,
          "2026-12-07 03:01:02.200000 W | etcdserver: read-only range request \"key:\\\"/registry/pods\\\" \" with result \"range_response_count:0 size:6\" took too long (1.203s) to execute"},
    Entry{EventKind::etcd_alarm, "alarm raised", alarm,
          R"j({"level":"warn","ts":"2026-12-07T02:37:10.499Z","caller":"etcdserver/apply.go:636","msg":"alarm raised","alarm":"NOSPACE","from":"9447775d8255d61c"})j"},
    Entry{EventKind::etcd_alarm, " raised by peer ", alarm,
          "2026-12-07 02:27:06.866230 W | etcdserver: alarm NOSPACE raised by peer f4a457008d1441f2"},
    Entry{EventKind::etcd_clock_drift, "high clock drift", clock_drift,
          R"j({"level":"warn","ts":"2026-12-07T03:05:00.000Z","caller":"rafthttp/probing_status.go:82","msg":"prober found high clock drift","round-tripper-name":"ROUND_TRIPPER_SNAPSHOT","remote-peer-id":"2943212f5e2cf73","clock-drift":"1.51s","rtt":"1.1ms"})j"},
    Entry{EventKind::etcd_clock_drift, "the clock difference against peer ", clock_drift,
          "2026-12-07 03:05:00.000000 W | rafthttp: the clock difference against peer 5cae315174de75b1 is too high [1.51s > 1s]"},
    Entry{EventKind::etcd_start, "starting an etcd server", start,
          R"j({"level":"info","ts":"2026-12-07T02:25:32.919Z","caller":"embed/etcd.go:305","msg":"starting an etcd server","etcd-version":"3.4.23","name":"e1","data-dir":"/tmp/etcdx/d1"})j"},
    Entry{EventKind::etcd_start, "etcd Version: ", start, "2026-12-07 02:27:03.736009 I | etcdmain: etcd Version: 3.4.23"},
    Entry{EventKind::etcd_start, "name = ", start, "2026-12-07 02:27:03.736158 I | embed: name = c1"},
    Entry{EventKind::etcd_member, "starting local member", member,
          R"j({"level":"info","ts":"2026-12-07T02:25:32.931Z","caller":"etcdserver/raft.go:536","msg":"starting local member","local-member-id":"bdae9bbc11dd390d","cluster-id":"f017819664191323"})j"},
    Entry{EventKind::etcd_member, "restarting local member", member,
          R"j({"level":"info","ts":"2026-12-07T02:36:54.596Z","caller":"etcdserver/raft.go:586","msg":"restarting local member","cluster-id":"e285ff31dd50a1f9","local-member-id":"e7a6874db3fa96fd","commit-index":7})j"},
    Entry{EventKind::etcd_member, "starting member ", member,
          "2026-12-07 02:27:03.738739 I | etcdserver: starting member f4a457008d1441f2 in cluster 51ae4641d523c544"},
    Entry{EventKind::etcd_member, "restarting member ", member,
          "2026-12-07 02:44:19.695336 I | etcdserver: restarting member e50fb95e7e401913 in cluster 32ec9ddcb1850f95 at commit index 7"},
    Entry{EventKind::etcd_published, "published", published,
          "2026-12-07 02:27:03.955294 I | etcdserver: published {Name:c1 ClientURLs:[http://127.0.0.1:24791]} to cluster 51ae4641d523c544"},
    Entry{EventKind::etcd_configuration, " switched to configuration voters=(", configuration,
          R"j({"level":"info","ts":"2026-12-07T02:25:32.940Z","caller":"raft/raft.go:1523","msg":"bdae9bbc11dd390d switched to configuration voters=(185828541645115251 3990370604368066554 13668033151171901709)"})j"},
    Entry{EventKind::etcd_member_added, "added member", added_member,
          "2026-12-07 02:27:03.749455 I | etcdserver/membership: added member 5cae315174de75b1 [http://127.0.0.1:24802] to cluster 51ae4641d523c544"},
    Entry{EventKind::etcd_transfer, "leadership transfer ", transfer,
          R"j({"level":"info","ts":"2026-12-07T02:37:28.471Z","caller":"etcdserver/server.go:1477","msg":"leadership transfer finished","local-member-id":"84d2ec8bfd95a56f","old-leader-member-id":"84d2ec8bfd95a56f","new-leader-member-id":"bacc924b167823af","took":"100.289183ms"})j"},
    Entry{EventKind::etcd_transfer, "failed to transfer leadership", transfer,
          "2026-12-07 02:44:56.861763 W | etcdserver: d8f7273f07a98c23 failed to transfer leadership (etcdserver: request timed out, leader transfer took too long)"},
    Entry{EventKind::etcd_transfer, " starts to transfer leadership to ", transfer,
          "raft2026/12/07 02:37:28 INFO: 84d2ec8bfd95a56f [term 2] starts to transfer leadership to bacc924b167823af"},
    Entry{EventKind::etcd_shutdown, "received signal; shutting down", own,
          R"j({"level":"info","ts":"2026-12-07T02:37:28.370Z","caller":"osutil/interrupt_unix.go:64","msg":"received signal; shutting down","signal":"terminated"})j"},
    Entry{EventKind::etcd_shutdown, "shutting down", own,
          "2026-12-07 02:44:49.861051 N | pkg/osutil: received terminated signal, shutting down..."},
};

// Any fatal or panic line is the process's last words, whatever it says:
// matched by its level, not by the table (the lab's leader whose data disk
// filled up wrote this one, its stack trace cut here).
constexpr std::string_view kFatalSample =
    R"j({"level":"fatal","ts":"2026-12-07T02:52:55.699Z","caller":"backend/batch_tx.go:248","msg":"failed to commit tx","error":"write /tmp/dfull/d1/member/snap/db: no space left on device","stacktrace":"go.etcd.io/etcd/mvcc/backend.(*batchTx).commit"})j";

constexpr std::array<EtcdMessageSpec, kTable.size() + 1> kSpecs = [] {
  std::array<EtcdMessageSpec, kTable.size() + 1> out{};
  for (std::size_t i = 0; i < kTable.size(); ++i) out[i] = {kTable[i].kind, kTable[i].sample};
  out[kTable.size()] = {EventKind::etcd_fatal, kFatalSample};
  return out;
}();

}  // namespace

std::span<const EtcdMessageSpec> etcd_message_registry() noexcept { return kSpecs; }

bool extract_etcd_event(const EtcdLine& line, std::string_view text, Event& out) {
  const std::string_view msg = line.message;
  if (msg.empty()) return false;
  for (const Entry& e : kTable) {
    if (msg.find(e.needle) == std::string_view::npos) continue;
    out = Event{};
    out.kind = e.kind;
    out.system = System::kEtcd;
    out.group.label = std::string(kEtcdGroup);
    out.level = line.level;
    out.ts = line.ts;
    out.text = std::string(text.substr(0, Event::kMaxEvidence));
    if (!e.decode(Decoded{line, msg, out})) continue;
    return true;
  }
  if (!line.fatal) return false;
  out = Event{};
  out.kind = EventKind::etcd_fatal;
  out.system = System::kEtcd;
  out.group.label = std::string(kEtcdGroup);
  out.level = line.level;
  out.ts = line.ts;
  out.text = std::string(text.substr(0, Event::kMaxEvidence));
  own_id(Decoded{line, msg, out});
  const std::string_view err = line.field("error");
  out.set(Attr::kReason, err.empty() ? std::string(msg.substr(0, 300)) : std::string(msg) + ": " + std::string(err.substr(0, 300)));
  return true;
}

std::optional<std::string> single_etcd_member(std::string_view head) {
  std::optional<std::string> found;
  std::size_t pos = 0;
  EtcdLine line;
  Event ev;
  for (int n = 0; pos < head.size() && n < 256; ++n) {
    std::size_t nl = head.find('\n', pos);
    if (nl == std::string_view::npos) nl = head.size();
    const std::string_view text = head.substr(pos, nl - pos);
    pos = nl + 1;
    if (parse_etcd_line(text, line) != LineError::kNone || !extract_etcd_event(line, text, ev) || ev.node.empty()) continue;
    if (found && *found != ev.node) return std::nullopt;
    found = ev.node;
  }
  return found;
}

}  // namespace paxray
