// The 3.x sample incident: partition (tid 1100611139458321, p710) of tenant
// 1001 on a 3-node 3.1 cluster. From 30 s the leader's clog sliding window stops
// sliding (check_leader_sliding_window_not_slide_ every 5 s); at 40 s the
// leader gives up (leader_active_need_switch_, then leader_revoke with reason
// "clog sliding_window timeout"); followers report "leader lease is expired";
// node2 takes over at 48 s. 3.x prefixes: INFO without function name,
// [tid][coid][trace] [lt] [dc], election.log's [tid][trace] [log=] (reference §1.3).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "incidents.h"
#include "paxray/parsers/timestamp.h"

namespace paxray::gen {
namespace {

namespace fs = std::filesystem;
constexpr std::int64_t kSec = 1'000'000;
constexpr const char* kPkey = "{tid:1100611139458321, partition_id:710, part_cnt:0}";

std::string addr(int n) { return fmt::format("10.0.1.{}:2882", n + 1); }

struct Out {
  std::map<std::int64_t, std::string> observer, election;  // time -> lines (kept in time order)
  void obs(std::int64_t t, const std::string& s) { observer[t] += s + "\n"; }
  void ele(std::int64_t t, const std::string& s) { election[t] += s + "\n"; }
};

std::string info3(std::int64_t t, const char* mod, const char* file, int line, int tid, const std::string& body) {
  return fmt::format("[{}] INFO  [{}] {}:{} [{}][0][Y0-0000000000000000] [lt=5] [dc=0] {}", format_timestamp(t), mod, file, line,
                     tid, body);
}
std::string warn3(std::int64_t t, const char* level, const char* mod, const char* fn, const char* file, int line, int tid,
                  const std::string& body) {
  return fmt::format("[{}] {:<5} [{}] {} ({}:{}) [{}][1849][Y0-0000000000000000] [lt=13] [dc=0] {}", format_timestamp(t), level, mod,
                     fn, file, line, tid, body);
}
std::string elect3(std::int64_t t, const char* level, const char* fn, int line, const std::string& body,
                   const char* file = "ob_election.cpp") {
  return fmt::format("[{}] {:<5} [ELECT] {} ({}:{}) [38589][Y0-0000000000000000] [log=7]{}", format_timestamp(t), level, fn, file,
                     line, body);
}

}  // namespace

std::string write_ob3_sliding_window(const CorpusOptions& o) {
  const auto start = parse_user_timestamp(o.start);
  if (!start) return "cannot read --start '" + o.start + "'";
  const std::int64_t t0 = *start;
  std::uint64_t x = o.seed * 2654435761u + 7;
  auto rnd = [&](std::uint64_t n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x % n;
  };
  for (int n = 0; n < 3; ++n) {
    Out out;
    const int leader_before = 0, leader_after = 1;
    for (std::int64_t t = t0 + static_cast<std::int64_t>(rnd(5000)); t < t0 + 60 * kSec; t += 150'000 + static_cast<std::int64_t>(rnd(200'000))) {
      if (rnd(10) < 7) {
        out.obs(t, info3(t, "STORAGE", "ob_partition_service.cpp", 3915, 3001 + static_cast<int>(rnd(8)),
                         fmt::format("get partition(pkey={{tid:1100611139458321, partition_id:{}, part_cnt:0}}, ret=0)", rnd(900))));
      } else {
        out.obs(t, warn3(t, "WARN", "SQL", "handle_text_query", "ob_sql.cpp", 1520, 4001,
                         fmt::format("fail to handle query(ret=-4012, retry_cnt={})", rnd(3))));
      }
    }
    for (std::int64_t t = t0 + 3 * kSec; t < t0 + 60 * kSec; t += 10 * kSec) {
      out.ele(t, elect3(t, "INFO", "alloc", 72,
                        fmt::format("ObLogItemFactory statistics(alloc_count={}, release_count={})", 12 + t % 7, 12 + t % 7),
                        "ob_election_async_log.cpp"));
    }
    if (n == leader_before) {
      for (std::int64_t t = t0 + 30 * kSec; t <= t0 + 40 * kSec; t += 5 * kSec) {
        out.obs(t, info3(t, "CLOG", "ob_log_state_mgr.cpp", 2285, 3710, fmt::format("check_leader_sliding_window_not_slide_(partition_key={})", kPkey)));
      }
      const std::int64_t t = t0 + 40 * kSec + 4000;
      out.obs(t, warn3(t, "ERROR", "CLOG", "check_leader_sliding_window_not_slide_", "ob_log_state_mgr.cpp", 2324, 3710,
                       fmt::format("leader_active_need_switch_(partition_key={}, now={}, last_check_start_id_time_={}, sw max_log_id=16282, start_id=16282) "
                                   "BACKTRACE:0xfbdfc9f 0xfbc93dd 0x55391ef 0x9c0a1f9", kPkey, 1709604040004000, 1709604027215423)));
      const std::int64_t r = t0 + 40 * kSec + 9000;
      out.ele(r, warn3(r, "ERROR", "ELECT", "leader_revoke", "ob_election.cpp", 2151, 42767,
                       fmt::format("leader_revoke, please attention!(revoke reason=\"clog sliding_window timeout\", election={{partition:{}, "
                                   "is_running:true, self:\"{}\", current_leader:\"{}\"}}) BACKTRACE:0x9c0a1f9 0x9af215d", kPkey, addr(n), addr(n))));
    } else {
      const std::int64_t t = t0 + 40 * kSec + 700'000 + n * 40'000;
      out.ele(t, elect3(t, "WARN", "run_gt1_task", 1425,
                        fmt::format("leader lease is expired(prev_leader=\"{}\", revoke reason=\"leader lease expired\", election={{partition:{}, "
                                    "is_running:true, self:\"{}\", current_leader:\"0.0.0.0\"}})", addr(leader_before), kPkey, addr(n))));
    }
    if (n == leader_after) {
      const std::int64_t t = t0 + 48 * kSec;
      out.ele(t, elect3(t, "INFO", "run_gt1_task", 611,
                        fmt::format("decentralized voting, leader takeover success(election={{partition:{}, is_running:true, self:\"{}\", "
                                    "current_leader:\"{}\"}})", kPkey, addr(n), addr(n))));
    }
    const fs::path dir = fs::path(o.out_dir) / fmt::format("observer{}", n + 1) / "log";
    fs::create_directories(dir);
    // 3.x rotation: observer.log.<14 digits> holds the first 30 s on node 1.
    std::ofstream rotated, current(dir / "observer.log", std::ios::binary), election(dir / "election.log", std::ios::binary);
    if (n == 0) rotated.open(dir / "observer.log.20240305100030", std::ios::binary);
    for (const auto& [t, text] : out.observer) ((n == 0 && t < t0 + 30 * kSec) ? rotated : current) << text;
    for (const auto& [t, text] : out.election) election << text;
    if (!current || !election) return "cannot write " + dir.string();
  }
  return {};
}

}  // namespace paxray::gen
