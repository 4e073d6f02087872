// Matching registered messages and decoding their fields (see ob_events.h).
//
// PERF NOTES: match_ob_message runs on every record in the scan hot loop. It
// dispatches on the first byte of the message text to the few registry
// entries that could match (built once), so a traffic line costs one table
// probe and usually no comparison at all. Decoding runs only after a match.
#include <fmt/format.h>

#include <algorithm>
#include <bitset>
#include <array>
#include <charconv>
#include <cstring>
#include <vector>

#include "paxray/parsers/kv.h"
#include "paxray/parsers/ob_events.h"

namespace paxray {
namespace {

constexpr std::int64_t kNotMaster = -4038;

// Registry entries indexed by the first byte of their needle. Each candidate
// also keeps the needle's first four bytes as one integer, so a traffic line
// that shares only the first letter is rejected by a single compare instead of
// a memcmp call (this probe runs on every record).
struct Candidate {
  std::uint32_t head = 0;  // first min(4, size) bytes of the needle
  std::uint32_t mask = 0;  // which bytes of `head` count
  const MessageSpec* spec = nullptr;
};

std::uint32_t load_head(std::string_view s) noexcept {
  std::uint32_t v = 0;
  std::memcpy(&v, s.data(), std::min<std::size_t>(4, s.size()));
  return v;
}

class Dispatch {
 public:
  Dispatch() {
    const auto reg = ob_message_registry();
    for (std::size_t i = 0; i < reg.size(); ++i) {
      const std::string_view n = reg[i].needle;
      Candidate c;
      c.head = load_head(n);
      c.mask = n.size() >= 4 ? 0xffffffffu : (1u << (8 * n.size())) - 1;
      c.spec = &reg[i];
      by_first_[static_cast<unsigned char>(n.front())].push_back(c);
      const unsigned first = static_cast<unsigned char>(n.front()) << 8;
      if (n.size() == 1) {
        for (unsigned second = 0; second < 256; ++second) first_two_.set(first | second);
      } else {
        first_two_.set(first | static_cast<unsigned char>(n[1]));
      }
    }
    // Longest needle first: "[PALF_EVENT] Reconfirm come into FINISHED state"
    // must win over "[PALF_EVENT] Reconfirm come into " and "[PALF_EVENT] ".
    for (auto& v : by_first_) {
      std::stable_sort(v.begin(), v.end(), [](const Candidate& a, const Candidate& b) {
        return a.spec->needle.size() > b.spec->needle.size();
      });
    }
  }
  /// Whether a needle starts with these two bytes.
  [[nodiscard]] bool may_start(char first, char second) const noexcept {
    return first_two_.test(static_cast<unsigned>(static_cast<unsigned char>(first)) << 8 | static_cast<unsigned char>(second));
  }
  /// The needles `info` may start with, longest first; none when no needle
  /// starts with its first two bytes (most bodies: one bit looked up).
  [[nodiscard]] const std::vector<Candidate>& candidates(std::string_view info) const noexcept {
    static const std::vector<Candidate> kNone;
    const unsigned first = static_cast<unsigned char>(info.front());
    if (info.size() >= 2 && !first_two_.test(first << 8 | static_cast<unsigned char>(info[1]))) return kNone;
    return by_first_[first];
  }

 private:
  std::array<std::vector<Candidate>, 256> by_first_;
  std::bitset<65536> first_two_;  // (first byte, second byte) of some needle
};

const Dispatch& dispatch() {
  static const Dispatch d;
  return d;
}

bool module_matches(std::string_view spec, std::string_view module) noexcept {
  return spec == "*" || spec == module;
}

// Quotes as printed by OceanBase ("x") and as copied into docs (“x”).
std::string_view unquote_any(std::string_view v) noexcept {
  v = unquote(v);
  constexpr std::string_view kOpen = "\xe2\x80\x9c", kClose = "\xe2\x80\x9d";
  if (v.size() >= 6 && v.substr(0, 3) == kOpen && v.substr(v.size() - 3) == kClose) v = v.substr(3, v.size() - 6);
  if (v.size() >= 3 && v.substr(0, 3) == kOpen) v = v.substr(3);  // cut-off fragment
  return v;
}

std::optional<std::int64_t> to_int(std::string_view s) noexcept {
  std::int64_t v = 0;
  const auto* end = s.data() + s.size();
  const auto r = std::from_chars(s.data(), end, v);
  if (r.ec != std::errc{} || r.ptr == s.data()) return std::nullopt;
  return v;
}

// `{id:1001}`, `"{id:1001}"` or `1001` -> 1001.
std::optional<std::int64_t> ls_number(std::string_view v) {
  v = strip_braces(unquote(v));
  if (auto id = find_value(v, "id", ':')) return to_int(*id);
  return to_int(v);
}

GroupKey find_group(KvTree& tree, const ObLine& line) {
  GroupKey g;
  if (line.tenant > 0) {
    g.tenant = line.tenant;
  } else if (const std::int64_t t = thread_tenant(line); t > 0) {
    g.tenant = t;
  }
  for (std::string_view path : {"ls_id", "palf_id", "*this.ls_id", "event.ls_id", "msg.ls_id", "[StateMgr].palf_id",
                                "election.proposer.ls_id", "election.acceptor.ls_id"}) {
    if (auto v = tree.get(path)) {
      if (auto n = ls_number(*v)) {
        g.ls = *n;
        return g;
      }
    }
  }
  // 3.x partition keys: {tid:<table id>, partition_id:N, part_cnt:0}; the
  // tenant is the table id's high bits (tenant_id << 40 | pure table id).
  for (std::string_view path : {"partition_key", "election.partition", "partition", "pkey"}) {
    if (auto v = tree.get(path)) {
      const std::string_view obj = strip_braces(*v);
      const auto tid = find_value(obj, "tid", ':');
      const auto pid = find_value(obj, "partition_id", ':');
      if (tid && pid) {
        g.table = to_int(*tid).value_or(-1);
        g.partition = to_int(*pid).value_or(-1);
        if (g.table > 0) g.tenant = g.table >> 40;
        return g;
      }
    }
  }
  return g;
}

std::string_view role_name(std::string_view v) {
  static constexpr std::array<std::string_view, 4> kRoles{"INVALID_ROLE", "LEADER", "FOLLOWER", "STANDBY_LEADER"};
  const auto n = to_int(v);
  return n && *n >= 0 && *n < 4 ? kRoles[static_cast<std::size_t>(*n)] : v;
}

std::string_view state_name(std::string_view v) {
  static constexpr std::array<std::string_view, 5> kStates{"INVALID_STATE", "INIT", "ACTIVE", "RECONFIRM", "PENDING"};
  const auto n = to_int(v);
  return n && *n >= 0 && *n < 5 ? kStates[static_cast<std::size_t>(*n)] : v;
}

// `["a:1", "b:2"]` -> `a:1,b:2`
std::string address_list(std::string_view v) {
  std::string out;
  if (v.size() >= 2 && v.front() == '[' && v.back() == ']') v = v.substr(1, v.size() - 2);
  while (!v.empty()) {
    const std::size_t comma = v.find(',');
    std::string_view item = v.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (!item.empty()) {
      if (!out.empty()) out.push_back(',');
      out.append(unquote(item));
    }
    if (comma == std::string_view::npos) break;
    v = v.substr(comma + 1);
  }
  return out;
}

// `state=|\tmatch:[...]|\t"ip:port":send:[0, 0, (1520), 0, 0], rec:[...], last_send:ts, last_rec:ts`
void decode_peers(std::string_view state, std::vector<PeerCounters>& out) {
  std::size_t pos = 0;
  while ((pos = state.find("|\t\"", pos)) != std::string_view::npos) {
    const std::size_t a = pos + 3;
    const std::size_t b = state.find('"', a);
    if (b == std::string_view::npos) break;
    PeerCounters p;
    p.addr = std::string(state.substr(a, b - a));
    std::size_t next = state.find("|\t", b);
    const std::string_view rest = state.substr(b + 1, next == std::string_view::npos ? std::string_view::npos : next - b - 1);
    auto counters = [&](std::string_view key, std::array<std::int64_t, 5>& vals, std::uint8_t& changed) {
      const std::size_t k = rest.find(key);
      if (k == std::string_view::npos) return;
      const std::size_t open = rest.find('[', k);
      const std::size_t close = rest.find(']', k);
      if (open == std::string_view::npos || close == std::string_view::npos || close < open) return;
      std::string_view list = rest.substr(open + 1, close - open - 1);
      for (std::size_t i = 0; i < 5 && !list.empty(); ++i) {
        const std::size_t comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        if (item.size() >= 2 && item.front() == '(' && item.back() == ')') {
          changed = static_cast<std::uint8_t>(changed | (1u << i));
          item = item.substr(1, item.size() - 2);
        }
        vals[i] = to_int(item).value_or(0);
        if (comma == std::string_view::npos) break;
        list = list.substr(comma + 1);
      }
    };
    counters("send:[", p.send, p.send_changed);
    counters("rec:[", p.rec, p.rec_changed);
    if (auto v = find_value(rest.substr(rest.find(", last_send") == std::string_view::npos ? 0 : rest.find("last_send")),
                            "last_send", ':')) {
      p.last_send = std::string(*v);
    }
    if (auto v = find_value(rest.substr(rest.find("last_rec") == std::string_view::npos ? 0 : rest.find("last_rec")),
                            "last_rec", ':')) {
      p.last_rec = std::string(*v);
    }
    out.push_back(std::move(p));
    if (next == std::string_view::npos) break;
    pos = next;
  }
}

struct Probe {
  Attr attr;
  std::string_view paths;
};

// Field paths per kind. Alternatives are separated by '|'.
std::span<const Probe> probes_for(EventKind k) {
  using enum Attr;
  static constexpr Probe kElectCommon[] = {{kSelf, "*this.addr|election.self|self_addr"},
                                           {kOwner, "*this.lease.owner"},
                                           {kBallot, "*this.ballot_number"},
                                           {kRole, "*this.role"},
                                           {kReason, "*this.vote_reason"}};
  static constexpr Probe kAcceptor[] = {{kSelf, "*this.addr"}, {kOwner, "*this.lease.owner"}, {kBallot, "*this.ballot_number"},
                                        {kLeaseEnd, "*this.lease.lease_end_ts.expired_time_point"},
                                        {kLeaseSpan, "*this.lease.lease_end_ts.span_from_now"}};
  static constexpr Probe kProposer[] = {{kSelf, "*this.addr"}, {kRole, "*this.role"}, {kBallot, "*this.ballot_number"},
                                        {kReplicaNum, "*this.memberlist_with_states.member_list.replica_num"}};
  static constexpr Probe kRoleChange[] = {{kOldRole, "obj_to_string(before)"}, {kRole, "obj_to_string(after)"},
                                          {kReason, "obj_to_string(reason)"}};
  static constexpr Probe kDelay[] = {{kDiffUs, "diff"}, {kPeer, "msg.sender"}};
  static constexpr Probe kElect3[] = {{kSelf, "election.self"}, {kOldLeader, "old_leader|prev_leader"},
                                      {kReason, "revoke reason"}};
  static constexpr Probe kNotInTime[] = {{kRet, "ret"}, {kFlyUs, "msg fly cost"}, {kSelf, "election.self"}};
  static constexpr Probe kPalfDump[] = {{kSelf, "self"}, {kRole, "[StateMgr].role"}, {kState, "[StateMgr].state"},
                                        {kLeader, "[StateMgr].leader"}, {kEpoch, "[StateMgr].leader_epoch"}};
  static constexpr Probe kSwitch[] = {{kOldRole, "old_role"}, {kRole, "role"}, {kOldState, "old_state"}, {kState, "state"},
                                      {kOldLeader, "old_leader"}, {kLeader, "leader"}, {kEpoch, "leader_epoch"}};
  static constexpr Probe kPalf[] = {{kSelf, "self|reconfirm.self"}, {kRet, "ret"}, {kRole, "role"}, {kState, "state"},
                                    {kCostUs, "reconfirm_to_active_cost"}};
  static constexpr Probe kDisk[] = {{kUsedPct, "used_percent(%)"}, {kLimitPct, "limit_percent(%)|limit_percent"},
                                    {kTotalMb, "total_size(MB)"}, {kUsedMb, "used_size(MB)"}, {kRet, "ret"}, {kInfo, "msg"}};
  static constexpr Probe kAlloc[] = {{kReason, "alloc failed reason"}};
  static constexpr Probe kMem[] = {{kTenantHold, "tenant_hold"}, {kTenantLimit, "tenant_limit"}};
  static constexpr Probe kClock[] = {{kDelta, "delta|clockdiff_time"}, {kPeer, "member.server"}};
  static constexpr Probe kFly[] = {{kFlyUs, "fly_ts"}, {kSendUs, "send_timestamp"}};
  static constexpr Probe kRcs[] = {{kSequence, "sequence:"}, {kEventType, "event.event_type"}, {kDstAddr, "event.dst_addr"},
                                   {kRet, "ret"}};
  static constexpr Probe kServerProbes[] = {{kServer, "server"}, {kStatus, "to_hb_status"}};
  static constexpr Probe kNone[] = {{kSelf, "self|self_addr"}};
  switch (k) {
    case EventKind::elect_acceptor_dump: return kAcceptor;
    case EventKind::elect_proposer_dump: return kProposer;
    case EventKind::elect_role_change: return kRoleChange;
    case EventKind::elect_message_delay: return kDelay;
    case EventKind::elect3_lease_expired:
    case EventKind::elect3_leader_revoke: return kElect3;
    case EventKind::elect3_message_not_in_time: return kNotInTime;
    case EventKind::palf_dump: return kPalfDump;
    case EventKind::palf_switch_state: return kSwitch;
    case EventKind::palf_event:
    case EventKind::reconfirm_progress:
    case EventKind::reconfirm_finished:
    case EventKind::reconfirm_failed:
    case EventKind::reconfirm_timeout:
    case EventKind::log_sync_timeout: return kPalf;
    case EventKind::log_disk_full:
    case EventKind::disk_hung: return kDisk;
    case EventKind::alloc_failed: return kAlloc;
    case EventKind::memory_limit: return kMem;
    case EventKind::clock_out_of_order:
    case EventKind::clock_diff_v3: return kClock;
    case EventKind::packet_fly_slow: return kFly;
    case EventKind::rcs_begin:
    case EventKind::rcs_end:
    case EventKind::rcs_failed: return kRcs;
    case EventKind::server_status: return kServerProbes;
    case EventKind::elect_witness_leader:
    case EventKind::elect_lease_expired:
    case EventKind::elect_lease_owner_changed:
    case EventKind::elect_leader_revoked:
    case EventKind::elect_takeover:
    case EventKind::elect_change_leader_takeover:
    case EventKind::elect_change_leader_revoke:
    case EventKind::elect_vote:
    case EventKind::elect_cant_vote:
    case EventKind::elect_stopped: return kElectCommon;
    default: return kNone;
  }
}

// OceanBase's election priority (self_priority in `dump proposer info`) as
// one number, higher wins, compared in the order the reference lists the
// comparison reasons of election_priority_v1: observer, server, zone stopped;
// fatal failure; blacklist; manual leader; primary region; serious failure;
// zone priority (lower wins).
// The log position (LOG TS) is left out: the dump does not say how close two
// positions must be to count as equal. nullopt when the dump has no priority.
std::optional<std::int64_t> election_rank(KvTree& tree) {
  constexpr std::string_view kBase = "*this.self_priority.priority.";
  auto field = [&](std::string_view name) { return tree.get(std::string(kBase) + std::string(name)); };
  const auto valid = field("is_valid");
  if (!valid || *valid != "true") return std::nullopt;
  auto is_true = [&](std::string_view name) {
    const auto v = field(name);
    return v && *v == "true";
  };
  auto none = [&](std::string_view name) {
    const auto v = field(name);
    return !v || v->empty() || *v == "[]" || *v == "{}";
  };
  std::int64_t rank = 0;
  for (const bool good : {!is_true("is_observer_stopped"), !is_true("is_server_stopped"), !is_true("is_zone_stopped"),
                          none("fatal_failures"), !is_true("is_in_blacklist"), is_true("is_manual_leader"),
                          is_true("is_primary_region"), none("serious_failures")}) {
    rank = rank * 2 + (good ? 1 : 0);
  }
  std::int64_t zone = 999;
  if (const auto z = field("zone_priority")) {
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(z->data(), z->data() + z->size(), v);
    if (ec == std::errc() && p == z->data() + z->size() && v >= 0) zone = std::min<std::int64_t>(v, 999);
  }
  return rank * 1000 + (999 - zone);
}

// Fields that need more than a path lookup.
void decode_special(const MessageSpec& spec, std::string_view info, std::string_view args, KvTree& tree, Event& ev) {
  switch (spec.kind) {
    case EventKind::elect_proposer_dump:
      if (auto v = tree.get("*this.memberlist_with_states.member_list.addr_list")) ev.set(Attr::kMembers, address_list(*v));
      if (const auto rank = election_rank(tree)) ev.set(Attr::kPriority, std::to_string(*rank));
      break;
    case EventKind::elect_message_count:
      if (auto v = tree.get("self_addr")) ev.set(Attr::kSelf, *v);
      if (auto v = find_value(args, "state")) decode_peers(*v, ev.peers);
      break;
    case EventKind::palf_switch_state:
      for (Attr a : {Attr::kOldRole, Attr::kRole}) {
        if (const std::string* v = ev.get(a)) ev.set(a, role_name(*v));
      }
      for (Attr a : {Attr::kOldState, Attr::kState}) {
        if (const std::string* v = ev.get(a)) ev.set(a, state_name(*v));
      }
      break;
    case EventKind::palf_event: ev.set(Attr::kTransition, info.substr(spec.needle.size())); break;
    case EventKind::reconfirm_progress:
    case EventKind::reconfirm_finished: {
      constexpr std::string_view kInto = "Reconfirm come into ";
      if (info.substr(0, 13 + kInto.size()).find(kInto) != std::string_view::npos) {
        std::string_view rest = info.substr(info.find(kInto) + kInto.size());
        ev.set(Attr::kTransition, rest.substr(0, rest.find(" state")));
      }
      break;
    }
    case EventKind::packet_fly_slow:
      if (auto conn = tree.get("connection")) {
        // "<local>_<peer>_<fd>_<ptr> ...": the second address is the sender.
        const std::size_t a = conn->find('_');
        const std::size_t b = a == std::string_view::npos ? a : conn->find('_', a + 1);
        if (b != std::string_view::npos) ev.set(Attr::kPeer, conn->substr(a + 1, b - a - 1));
      }
      break;
    case EventKind::rcs_step: ev.set(Attr::kTransition, spec.needle); break;
    case EventKind::clock_hw_skew: ev.set(Attr::kInfo, spec.needle); break;
    case EventKind::server_status:
      if (spec.needle.find("lease becomes expired") != std::string_view::npos) ev.set(Attr::kStatus, "lease_expired");
      if (spec.needle.find("permanent offline") != std::string_view::npos) ev.set(Attr::kStatus, "permanent_offline");
      break;
    case EventKind::drop_object:
      if (auto t = tree.get_any("arg.tenant_id|tenant_id")) ev.set(Attr::kObject, fmt::format("tenant {}", *t));
      if (auto id = tree.get("id")) {
        if (auto n = ls_number(*id)) {
          ev.group.ls = *n;
          ev.set(Attr::kObject, fmt::format("log stream {}", *n));
        }
      }
      break;
    default: break;
  }
}

}  // namespace

std::string GroupKey::name() const {
  if (!label.empty()) return label;
  std::string out = tenant >= 0 ? fmt::format("T{}", tenant) : std::string("T?");
  if (ls >= 0) return out + fmt::format(" LS{}", ls);
  if (table >= 0) return out + fmt::format(" table {} p{}", table, partition);
  return out;
}

const std::string* Event::get(Attr a) const noexcept {
  for (const auto& [k, v] : attrs) {
    if (k == a) return &v;
  }
  return nullptr;
}

std::optional<std::int64_t> Event::get_int(Attr a) const noexcept {
  const std::string* v = get(a);
  return v ? to_int(*v) : std::nullopt;
}

void Event::set(Attr a, std::string_view v) {
  for (auto& [k, old] : attrs) {
    if (k == a) {
      old = std::string(v);
      return;
    }
  }
  attrs.emplace_back(a, std::string(v));
}

std::string_view strip_phase_tag(std::string_view body) noexcept {
  if (body.size() < 3 || body[0] != '[') return body;
  const std::size_t close = body.find(']');
  if (close == std::string_view::npos || close > 40) return body;
  std::string_view tag = body.substr(1, close - 1);
  if (tag.substr(0, 10) == "LogPhase::") tag.remove_prefix(10);
  static constexpr std::array<std::string_view, 9> kPhases{
      "INIT", "DESTROY", "ELECT_LEADER", "RENEW_LEASE", "CHANGE_LEADER", "EVENT", "SET_MEMBER", "UNKNOWN", "phase"};
  return std::find(kPhases.begin(), kPhases.end(), tag) != kPhases.end() ? body.substr(close + 1) : body;
}

namespace {

// What the registry's needles are matched against: the body, after the
// election phase tag on ELECT lines.
std::string_view message_text(const ObLine& line) noexcept {
  return line.module.substr(0, 5) == "ELECT" ? strip_phase_tag(line.body) : line.body;
}

// Warnings and worse may carry OB_NOT_MASTER (-4038): an event with no
// registry entry.
bool may_report_not_master(Level level) noexcept {
  return level != Level::kInfo && level != Level::kTrace && level != Level::kDebug;
}

}  // namespace

bool may_be_ob_event(const ObLine& line) noexcept {
  if (may_report_not_master(line.level)) return true;
  const std::string_view info = message_text(line);
  return info.size() < 2 || dispatch().may_start(info[0], info[1]);
}

const MessageSpec* match_ob_message(const ObLine& line) noexcept {
  const std::string_view info = message_text(line);
  if (info.empty()) return nullptr;
  const auto& candidates = dispatch().candidates(info);
  if (candidates.empty()) return nullptr;
  const std::uint32_t head = load_head(info);
  for (const Candidate& c : candidates) {
    if ((head & c.mask) != c.head) continue;
    const MessageSpec* spec = c.spec;
    if (info.substr(0, spec->needle.size()) == spec->needle && module_matches(spec->module, line.module)) return spec;
  }
  return nullptr;
}

bool extract_ob_event(const ObLine& line, std::string_view raw, Event& out) {
  const MessageSpec* spec = match_ob_message(line);
  bool not_master = false;
  if (spec == nullptr) {
    // A request that failed with OB_NOT_MASTER (-4038): 4.1+ carries it in
    // [errcode=], older versions only in the body ("ret=-4038", "err=-4038").
    not_master = may_report_not_master(line.level) &&
                 ((line.has_errcode && line.errcode == kNotMaster) || line.body.find("=-4038") != std::string_view::npos);
    if (!not_master) return false;
  }
  out = Event{};
  out.kind = not_master ? EventKind::not_master : spec->kind;
  out.level = line.level;
  out.ts = line.ts;
  out.text = std::string(raw.substr(0, Event::kMaxEvidence));
  const std::string_view info = message_text(line);
  const BodyParts parts = split_body(info);
  // printf-style bodies ("oops, alloc failed, tenant_id=1002, ...") have no
  // argument list; their `k=v` pairs are found in the whole text.
  const std::string_view args = parts.has_args ? parts.args : info;
  KvTree tree(args);
  out.group = find_group(tree, line);
  if (not_master) {
    if (auto v = tree.get_any("dst_addr|dst|server|addr")) {
      std::string_view addr = *v;
      while (!addr.empty() && addr.front() == '"') addr.remove_prefix(1);
      while (!addr.empty() && addr.back() == '"') addr.remove_suffix(1);
      if (!addr.empty()) out.set(Attr::kDstAddr, addr);
    }
    out.set(Attr::kRet, "-4038");
    out.set(Attr::kTrace, line.trace_id);
    return true;
  }
  for (const Probe& p : probes_for(spec->kind)) {
    if (auto v = tree.get_any(p.paths)) {
      const std::string_view value = unquote_any(*v);
      if (!value.empty()) out.set(p.attr, value);
    }
  }
  decode_special(*spec, parts.info, args, tree, out);
  return true;
}

}  // namespace paxray
