#include "ob4_corpus.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <vector>

#include "paxray/parsers/timestamp.h"

namespace paxray::gen {
namespace {

namespace fs = std::filesystem;
using Buf = std::string;

// xorshift64*: tiny, and its output is fixed for a seed on every platform
// (std:: distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 1) {}
  std::uint64_t next() {
    s_ ^= s_ >> 12;
    s_ ^= s_ << 25;
    s_ ^= s_ >> 27;
    return s_ * 2685821657736338717ull;
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }

 private:
  std::uint64_t s_;
};

// One log file with OceanBase's rotation: observer.log -> observer.log.<17 digits>.
class LogFile {
 public:
  LogFile(fs::path path, std::string header_addr, std::uint64_t rotate)
      : path_(std::move(path)), addr_(std::move(header_addr)), rotate_(rotate) {}
  ~LogFile() { close(); }
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;

  Buf& buf() { return buf_; }
  // Flushes the buffer; rotates when the file has reached its size.
  void commit(std::int64_t now) {
    if (out_ == nullptr) open(now);
    std::fwrite(buf_.data(), 1, buf_.size(), out_);
    written_ += buf_.size();
    total_ += buf_.size();
    buf_.clear();
    if (written_ >= rotate_) {
      close();
      const std::string ts = format_timestamp(now);  // YYYY-MM-DD hh:mm:ss.uuuuuu
      std::string digits;
      for (char c : ts.substr(0, 23)) {
        if (c >= '0' && c <= '9') digits.push_back(c);
      }
      const fs::path rotated = path_.string() + "." + digits;
      fs::rename(path_, rotated);
      rotated_.push_back(rotated);
    }
  }
  void close() {
    if (out_ != nullptr) std::fclose(out_);
    out_ = nullptr;
  }
  std::uint64_t total() const { return total_; }
  const std::vector<fs::path>& rotated() const { return rotated_; }

 private:
  void open(std::int64_t now) {
    out_ = std::fopen(path_.c_str(), "wb");
    if (out_ == nullptr) throw std::runtime_error("cannot write " + path_.string());
    written_ = 0;
    if (addr_.empty()) return;  // a file without the header (as some collection tools cut them)
    const std::string header = fmt::format(
        "[{}] INFO  New syslog file info: [address: \"{}\", observer version: OceanBase_CE 4.2.1.1, revision: "
        "101010012023111012-2f6924cd5a576f09d6e7f212fac83f1a15ff531a, sysname: Linux, os release: "
        "3.10.0-327.ali2019.alios7.x86_64, machine: x86_64, tz GMT offset: 08:00]\n",
        format_timestamp(now), addr_);
    std::fwrite(header.data(), 1, header.size(), out_);
    written_ += header.size();
    total_ += header.size();
  }

  fs::path path_;
  std::string addr_;
  std::uint64_t rotate_;
  std::FILE* out_ = nullptr;
  std::uint64_t written_ = 0;
  std::uint64_t total_ = 0;
  Buf buf_;
  std::vector<fs::path> rotated_;
};

struct LogStream {
  int tenant;
  int ls;
  int leader;  // 0-based node index
};

class NodeWriter {
 public:
  NodeWriter(const CorpusOptions& o, int index, const std::vector<LogStream>& streams, const fs::path& dir)
      : o_(o), index_(index), streams_(streams), rng_(o.seed * 1000 + static_cast<std::uint64_t>(index)),
        skew_(static_cast<std::size_t>(index) < o.clock_skew_us.size() ? o.clock_skew_us[static_cast<std::size_t>(index)] : 0),
        addr_(address(index)),
        observer_(dir / "observer.log", header_address(o, index), o.rotate_bytes),
        election_(dir / "election.log", header_address(o, index), o.rotate_bytes),
        rootservice_(dir / "rootservice.log", header_address(o, index), o.rotate_bytes) {}

  // The address the file header states; none for a node in o.headerless.
  static std::string header_address(const CorpusOptions& o, int index) {
    const bool none = std::find(o.headerless.begin(), o.headerless.end(), index) != o.headerless.end();
    return none ? std::string() : address(index);
  }

  static std::string address(int index) { return fmt::format("10.0.0.{}:2882", index + 1); }

  void run(std::int64_t start, std::uint64_t budget, std::int64_t mean_gap_us) {
    start_ = start;
    for (const auto& l : o_.lines) {
      if (l.node == index_) injected_.push_back(&l);
    }
    std::stable_sort(injected_.begin(), injected_.end(), [](auto* a, auto* b) { return a->at_us < b->at_us; });
    std::int64_t t = start + static_cast<std::int64_t>(rng_.below(2000));  // nodes start a little apart
    std::int64_t next_3s = t, next_10s = t + 500'000, next_1s = t + 100'000, next_30s = t + 7'000'000;
    // Run until the size is reached and every incident line is out (plus 10 s
    // of aftermath), so a scenario never loses its end to a small --size.
    const std::int64_t last_injected = o_.lines.empty() ? 0 : std::max_element(o_.lines.begin(), o_.lines.end(), [](const auto& a, const auto& b) {
                                                            return a.at_us < b.at_us;
                                                          })->at_us;
    const std::int64_t run_until =
        std::max(o_.lines.empty() ? 0 : start + last_injected + 10'000'000, o_.min_run_us > 0 ? start + o_.min_run_us : 0);
    const std::int64_t stop = static_cast<std::size_t>(index_) < o_.stop_at_us.size() && o_.stop_at_us[static_cast<std::size_t>(index_)] > 0
                                  ? start + o_.stop_at_us[static_cast<std::size_t>(index_)]
                                  : std::numeric_limits<std::int64_t>::max();
    // Node 0 also writes rootservice.log; leave it out of the budget so every
    // node covers about the same time span.
    while ((observer_.total() + election_.total() < budget || t < run_until) && t < stop) {
      t += 1 + static_cast<std::int64_t>(rng_.below(static_cast<std::uint64_t>(2 * mean_gap_us)));
      if (t >= stop) break;  // a crashed node writes nothing more, not even the dumps due before t
      if (t >= next_1s) {
        palf_stats(next_1s);
        if (index_ == 0) heartbeat(next_1s);
        next_1s += 1'000'000;
      }
      if (t >= next_3s) {
        election_dumps(next_3s);
        next_3s += 3'000'000;
      }
      if (t >= next_10s) {
        ten_second_dumps(next_10s);
        next_10s += 10'000'000;
      }
      if (t >= next_30s) {
        role_change_pair(next_30s);
        next_30s += 30'000'000;
      }
      inject(t);
      traffic(t);
      observer_.commit(local(t));
      election_.commit(local(t));
      if (index_ == 0) rootservice_.commit(local(t));
    }
    observer_.close();
    election_.close();
    rootservice_.close();
  }

  const LogFile& observer() const { return observer_; }
  const LogFile& election() const { return election_; }

 private:
  // "[ts] LEVEL [MOD] func (file:line) [tid][tname][Tn][trace] [lt=N]" (+ "[errcode=N]")
  void prefix(Buf& b, std::int64_t t, std::string_view level, std::string_view mod, std::string_view func,
              std::string_view file, int line, int tid, std::string_view tname, int tenant,
              std::string_view trace = "Y0-0000000000000000-0-0", const int* errcode = nullptr) {
    auto out = std::back_inserter(b);
    fmt::format_to(out, "[{}] {:<5} ", format_timestamp(local(t)), level);
    if (!mod.empty()) fmt::format_to(out, "[{}] ", mod);
    fmt::format_to(out, "{} ({}:{}) [{}][{}][T{}][{}] [lt={}]", func, file, line, tid, tname, tenant, trace, logging_cost(t));
    if (errcode != nullptr) fmt::format_to(out, "[errcode={}]", *errcode);
    b.push_back(' ');
  }

  std::int64_t local(std::int64_t t) const {
    std::int64_t off = skew_;
    for (const auto& s : o_.clock_steps) {
      if (s.node == index_ && start_ + s.from_us <= t && t < start_ + s.to_us) off += s.step_us;
    }
    return t + off;
  }

  std::uint64_t logging_cost(std::int64_t t) {
    for (const auto& s : o_.slow_logging) {
      if (s.node == index_ && start_ + s.from_us <= t && t < start_ + s.to_us) return static_cast<std::uint64_t>(s.lt_us);
    }
    return rng_.below(60);
  }

  // The stream's leader at true time t (-1: none), after the incident's changes.
  int leader_at(const LogStream& s, std::int64_t t) const {
    int leader = s.leader;
    std::int64_t best = -1;
    for (const auto& c : o_.leader_changes) {
      if (c.tenant == s.tenant && c.ls == s.ls && start_ + c.at_us <= t && c.at_us >= best) {
        leader = c.leader;
        best = c.at_us;
      }
    }
    // A stopped (crashed) node leads nothing from then on.
    if (leader >= 0 && static_cast<std::size_t>(leader) < o_.stop_at_us.size() &&
        o_.stop_at_us[static_cast<std::size_t>(leader)] > 0 && t >= start_ + o_.stop_at_us[static_cast<std::size_t>(leader)]) {
      return -1;
    }
    return leader;
  }

  // The last leader before t (for dumps during an outage).
  int last_leader(const LogStream& s, std::int64_t t) const {
    int leader = s.leader;
    std::int64_t best = -1;
    for (const auto& c : o_.leader_changes) {
      if (c.tenant == s.tenant && c.ls == s.ls && start_ + c.at_us <= t && c.at_us >= best && c.leader >= 0) {
        leader = c.leader;
        best = c.at_us;
      }
    }
    return leader;
  }

  bool silent(int peer, std::int64_t t) const {
    for (const auto& q : o_.silences) {
      if (q.node == index_ && q.peer == peer && start_ + q.from_us <= t && t < start_ + q.to_us) return true;
    }
    return false;
  }

  void inject(std::int64_t t) {
    while (next_injected_ < injected_.size() && start_ + injected_[next_injected_]->at_us <= t) {
      const auto& l = *injected_[next_injected_++];
      LogFile& f = l.file == CorpusOptions::Line::File::kElection  ? election_
                   : l.file == CorpusOptions::Line::File::kObserver ? observer_
                                                                    : rootservice_;
      const int* ec = l.errcode ? &*l.errcode : nullptr;
      prefix(f.buf(), start_ + l.at_us, l.level, l.module, l.function, l.source_file, l.source_line, l.tid, l.thread,
             l.tenant, "Y0-0000000000000000-0-0", ec);
      f.buf() += l.body;
      f.buf() += '\n';
    }
  }

  std::string trace_id() {
    return fmt::format("YB420A00000{}-{:016X}-0-0", index_ + 1, 0x00060D52A9614571ull + rng_.below(1u << 30));
  }

  void traffic(std::int64_t t) {
    Buf& b = observer_.buf();
    const int tenant = 1001 + 2 * static_cast<int>(rng_.below(static_cast<std::uint64_t>(o_.tenants)));
    const int worker = 88000 + static_cast<int>(rng_.below(64));
    const std::string tname = fmt::format("T{}_L0_G0", tenant);
    const std::uint64_t pick = rng_.below(10000);
    if (pick < 4000) {
      prefix(b, t, "INFO", "SQL.EXE", "explicit_start_trans", "ob_sql_trans_control.cpp", 194, worker, tname, tenant, trace_id());
      fmt::format_to(std::back_inserter(b),
                     "start_trans(ret=0, tx_id={{txid:{}}}, session={{this:0x7ff2663d{:04x}, id:{}, tenant:\"t{}\", tenant_id:{}, "
                     "effective_tenant_id:{}, database:\"app\", user:\"app@%\", consistency_level:3, session_state:0, "
                     "autocommit:true, tx:0x7ff26b0e4300}}, read_only=false)\n",
                     2118151 + rng_.below(1000000), rng_.below(65536), 3221487617u + rng_.below(5000), tenant, tenant, tenant);
    } else if (pick < 5500) {
      prefix(b, t, "INFO", "STORAGE.TRANS", "submit_log", "ob_tx_log_adapter.cpp", 149, worker, tname, tenant, trace_id());
      fmt::format_to(std::back_inserter(b), "submit log success(ls_id={{id:{}}}, tx_id={{txid:{}}}, log_ts={{val:{}, v:0}})\n",
                     1001 + rng_.below(static_cast<std::uint64_t>(o_.ls_per_tenant)), 2118151 + rng_.below(1000000),
                     1709604000000000000ull + static_cast<std::uint64_t>(t % 1000000000) * 1000);
    } else if (pick < 7000) {
      prefix(b, t, "INFO", "STORAGE", "get_tablet", "ob_ls_tablet_service.cpp", 2021, 29000 + static_cast<int>(rng_.below(8)),
             fmt::format("T{}_TabletGC", tenant), tenant);
      fmt::format_to(std::back_inserter(b), "succeed to get tablet(ls_id={{id:{}}}, tablet_id={{id:{}}}, mode=0)\n",
                     1001 + rng_.below(static_cast<std::uint64_t>(o_.ls_per_tenant)), 200001 + rng_.below(3000));
    } else if (pick < 8200) {
      prefix(b, t, "INFO", "PALF", "submit_log", "palf_handle_impl.cpp", 380, 29010, fmt::format("T{}_LogLoop", tenant), tenant);
      fmt::format_to(std::back_inserter(b), "submit_log success(palf_id={}, self=\"{}\", lsn={{lsn:{}}}, log_size={})\n",
                     1001 + rng_.below(static_cast<std::uint64_t>(o_.ls_per_tenant)), addr_, rng_.below(1ull << 34), 200 + rng_.below(4000));
    } else if (pick < 9000) {
      prefix(b, t, "INFO", "COMMON", "dump_dag_status", "ob_dag_scheduler.cpp", 3315, 27720, "DagScheduler", 500);
      fmt::format_to(std::back_inserter(b), "dump_dag_status(dag_cnt={}, running_task_cnt={}, total_worker_cnt={})\n",
                     rng_.below(30), rng_.below(8), 41 + rng_.below(3));
    } else if (pick < 9996) {
      static constexpr int kCodes[] = {-4012, -4023, -4018, -6213, -4721};
      const int code = kCodes[rng_.below(5)];
      prefix(b, t, "WDIAG", "SERVER", "process", "ob_srv_rpc_processor.cpp", 472, worker, tname, tenant, trace_id(), &code);
      fmt::format_to(std::back_inserter(b), "rpc process failed(ret={}, pcode=0x{:x}, retry_cnt={})\n", code,
                     0x500 + rng_.below(256), rng_.below(3));
    } else if (pick < 9999) {
      // The -4038 retry signature from the troubleshooting guide.
      const int code = -4038;
      prefix(b, t, "WDIAG", "SERVER", "test_and_save_retry_state", "ob_query_retry_ctrl.cpp", 242, worker, tname, tenant,
             trace_id(), &code);
      fmt::format_to(std::back_inserter(b),
                     "partition change or not master or no response, reutrn it to packet queue to retry(client_ret=-4038, "
                     "err=-4038, retry_type_=2)\n");
    } else {
      const int code = 0;
      prefix(b, t, "EDIAG", "CLOG", "try_handle_cb_queue", "ob_log_apply_service.cpp", 505, 62033, "T1_ApplySrv5", 1,
             "Y0-0000000000000000-0-0", &code);
      fmt::format_to(std::back_inserter(b),
                     "result:(l_append_cnt={}, l_log_body_size=308716544, l_rt=1465294805, avg_body_size=512, avg_rt=2430) "
                     "BACKTRACE:0xde38230 0xdaa64e6 0x55807b1d8dd1 0x55807b1d8a88 0xc9e7562 0xa5f6f30\n",
                     590000 + rng_.below(20000));
    }
  }

  void palf_stats(std::int64_t t) {
    for (const auto& s : streams_) {
      if (leader_at(s, t) != index_) continue;
      Buf& b = observer_.buf();
      prefix(b, t, "INFO", "PALF", "handle_next_submit_log_", "log_sliding_window.cpp", 1056, 61992,
             fmt::format("T{}_LogLoop", s.tenant), s.tenant);
      fmt::format_to(std::back_inserter(b),
                     "[PALF STAT GROUP LOG INFO](palf_id={}, self=\"{}\", role=\"LEADER\", total_group_log_cnt={}, "
                     "avg_log_batch_cnt={}, total_group_log_size={}, avg_group_log_size={})\n",
                     s.ls, addr_, 1600 + rng_.below(100), 360 + rng_.below(10), 322000000 + rng_.below(8000000),
                     196000 + rng_.below(5000));
    }
  }

  void heartbeat(std::int64_t t) {
    for (int n = 0; n < o_.nodes; ++n) {
      Buf& b = rootservice_.buf();
      prefix(b, t, "INFO", "RS", "update_server_hb_info_", "ob_heartbeat_service.cpp", 946, 27001, "T1_HBService", 1,
             trace_id());
      fmt::format_to(std::back_inserter(b), "[HEARTBEAT_SERVICE] server heartbeat received(server=\"{}\", status=\"ACTIVE\")\n",
                     address(n));
    }
  }

  void election_dumps(std::int64_t t) {
    for (const auto& s : streams_) {
      const int now_leader = leader_at(s, t);
      const std::string leader = address(now_leader >= 0 ? now_leader : last_leader(s, t));
      // During an outage the acceptor still names the last owner, with its lease run out.
      const std::int64_t lease_end = now_leader >= 0 ? t + 3'700'000 : t - 2'300'000;
      Buf& b = election_.buf();
      prefix(b, t, "INFO", "ELECT", "operator()", "election_acceptor.cpp", 137, 28511, fmt::format("T{}_Occam", s.tenant), s.tenant);
      fmt::format_to(std::back_inserter(b),
                     "dump acceptor info(*this={{ls_id:{{id:{}}}, addr:\"{}\", ballot_number:7, ballot_of_time_window:7, "
                     "lease:{{owner:\"{}\", lease_end_ts:{{span_from_now:{:.3f}s, expired_time_point:{}}}, ballot_number:7}}, "
                     "is_time_window_opened:false, vote_reason:, last_time_window_open_ts:{}, p_election:0x7f5a2c81e030}})\n",
                     s.ls, addr_, leader, static_cast<double>(lease_end - t) / 1e6,
                     format_timestamp(local(lease_end)).substr(11, 12), format_timestamp(local(t - 600'000'000)));
      prefix(b, t + 37, "INFO", "ELECT", "operator()", "election_proposer.cpp", 228, 28513, fmt::format("T{}_Occam", s.tenant), s.tenant);
      fmt::format_to(std::back_inserter(b),
                     "dump proposer info(*this={{ls_id:{{id:{}}}, addr:\"{}\", role:{}, ballot_number:7, lease_interval:4.00s, "
                     "memberlist_with_states:{{member_list:{{addr_list:[\"{}\", \"{}\", \"{}\"], membership_version:{{proposal_id:1, "
                     "config_seq:2}}, replica_num:3}}}}, priority_seed:0x1000, restart_counter:0, p_election:0x7f5a2c81e030}})\n",
                     s.ls, addr_, leader_at(s, t) == index_ ? "Leader" : "Follower", address(0), address(1 % o_.nodes),
                     address(2 % o_.nodes));
    }
  }

  void ten_second_dumps(std::int64_t t) {
    msg_rounds_ += 1;
    for (const auto& s : streams_) {
      Buf& e = election_.buf();
      prefix(e, t, "INFO", "ELECT", "operator()", "election_proposer.cpp", 239, 28513, fmt::format("T{}_Occam", s.tenant), s.tenant);
      fmt::format_to(std::back_inserter(e), "dump message count(ls_id=\"{{id:{}}}\", self_addr=\"{}\", state=|\tmatch:[Prepare Request, "
                     "Prepare Response, Accept Request, Accept Response, Change Leader]", s.ls, addr_);
      for (int n = 0; n < o_.nodes; ++n) {
        if (n == index_) continue;
        std::uint64_t& rec = received_[static_cast<std::size_t>(n)];
        const bool quiet = silent(n, t);
        if (!quiet) {
          rec += 150;
          last_rec_[static_cast<std::size_t>(n)] = t - 2500;
        }
        const std::uint64_t c = 152 * msg_rounds_;
        // A count in parentheses changed since the previous dump; a peer whose
        // rec counters stop moving is not answering.
        fmt::format_to(std::back_inserter(e), "|\t\"{}\":send:[0, 0, ({}), 0, 0], rec:[0, 0, 0, {}, 0], last_send:{}, last_rec:{}",
                       address(n), c, quiet ? fmt::format("{}", rec) : fmt::format("({})", rec),
                       format_timestamp(local(t - 4000)), format_timestamp(local(last_rec_[static_cast<std::size_t>(n)])));
      }
      e += ")\n";
      Buf& b = observer_.buf();
      prefix(b, t + 11, "INFO", "PALF", "check_and_switch_state", "palf_handle_impl.cpp", 2603, 29010,
             fmt::format("T{}_LogLoop", s.tenant), s.tenant);
      fmt::format_to(std::back_inserter(b),
                     "[PALF_DUMP](palf_id={}, self=\"{}\", [SlidingWindow]={{palf_id:{}, self:\"{}\", last_slide_log_id:{}}}, "
                     "[StateMgr]={{this:0x7f1c2a0, self:\"{}\", palf_id:{}, role:\"{}\", replica_type:\"NORMAL_REPLICA\", "
                     "state:\"ACTIVE\", leader:\"{}\", leader_epoch:7}}, [ConfigMgr]={{}}, [ModeMgr]={{}}, [LogEngine]={{}}, "
                     "[Reconfirm]={{}})\n",
                     s.ls, addr_, s.ls, addr_, 16282 + msg_rounds_ * 40, addr_, s.ls,
                     leader_at(s, t) == index_ ? "LEADER" : "FOLLOWER", address(std::max(0, last_leader(s, t))));
    }
    Buf& m = observer_.buf();
    prefix(m, t + 20, "INFO", "LIB", "print_usage", "ob_tenant_ctx_allocator.cpp", 176, 35582, "MemDumpTimer", 0);
    m += "\n[MEMORY] tenant_id=  500 ctx_id=                    GLIBC hold=      4,194,304 used=      1,209,328 limit= 9,223,372,036,854,775,807\n"
         "[MEMORY] idle_size=         0 free_size=         0\n"
         "[MEMORY] hold=        858,240 used=        575,033 count=   3,043 avg_used=            188 block_cnt=      93 chunk_cnt=       2 mod=glibc_malloc\n";
  }

  void role_change_pair(std::int64_t t) {
    const LogStream& s = streams_[rng_.below(streams_.size())];
    if (leader_at(s, t) != index_) return;
    Buf& b = observer_.buf();
    const std::string tname = fmt::format("T{}_RCSrv0", s.tenant);
    prefix(b, t, "INFO", "CLOG", "handle", "ob_role_change_service.cpp", 216, 30001, tname, s.tenant);
    fmt::format_to(std::back_inserter(b), "begin handle_role_change_event_(sequence:={}, event={{event_type:2, ls_id:{{id:{}}}, dst_addr:\"0.0.0.0:0\"}})\n", local(t), s.ls);
    prefix(b, t + 812, "INFO", "CLOG", "handle", "ob_role_change_service.cpp", 223, 30001, tname, s.tenant);
    fmt::format_to(std::back_inserter(b), "end handle_role_change_event_(sequence:={}, event={{event_type:2, ls_id:{{id:{}}}, dst_addr:\"0.0.0.0:0\"}})\n", local(t), s.ls);
  }

  const CorpusOptions& o_;
  int index_;
  const std::vector<LogStream>& streams_;
  Rng rng_;
  std::int64_t skew_;
  std::int64_t start_ = 0;
  std::vector<const CorpusOptions::Line*> injected_;
  std::size_t next_injected_ = 0;
  std::array<std::uint64_t, 9> received_{};
  std::array<std::int64_t, 9> last_rec_{};
  std::string addr_;
  LogFile observer_, election_, rootservice_;
  std::uint64_t msg_rounds_ = 0;
};

std::string zstd_file(const fs::path& src) {
  std::ifstream in(src, std::ios::binary);
  std::FILE* out = std::fopen((src.string() + ".zst").c_str(), "wb");
  if (!in || out == nullptr) return "cannot compress " + src.string();
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, 3);
  std::vector<char> ibuf(1 << 20), obuf(ZSTD_CStreamOutSize());
  for (;;) {
    in.read(ibuf.data(), static_cast<std::streamsize>(ibuf.size()));
    const std::size_t got = static_cast<std::size_t>(in.gcount());
    const bool last = got < ibuf.size();
    ZSTD_inBuffer input{ibuf.data(), got, 0};
    bool done = false;
    while (!done) {
      ZSTD_outBuffer output{obuf.data(), obuf.size(), 0};
      const std::size_t rem = ZSTD_compressStream2(cctx.get(), &output, &input, last ? ZSTD_e_end : ZSTD_e_continue);
      std::fwrite(obuf.data(), 1, output.pos, out);
      done = last ? rem == 0 : input.pos == input.size;
    }
    if (last) break;
  }
  std::fclose(out);
  fs::remove(src);
  return {};
}

std::string pack_dir(const fs::path& dir, const fs::path& tarball, const std::string& prefix) {
  archive* a = archive_write_new();
  archive_write_set_format_ustar(a);  // no pax atime/ctime records: reproducible bytes
  archive_write_add_filter_gzip(a);
  archive_write_set_options(a, "gzip:!timestamp");
  if (archive_write_open_filename(a, tarball.c_str()) != ARCHIVE_OK) return "cannot write " + tarball.string();
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, (prefix + "/" + fs::relative(f, dir).string()).c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_mtime(e, 1709604000, 0);  // fixed, so the tarball is reproducible
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  fs::remove_all(dir);
  return {};
}

}  // namespace

std::string write_ob4_corpus(const CorpusOptions& o) {
  if (o.nodes < 1 || o.nodes > 9) return "--nodes must be 1..9";
  const auto start = parse_user_timestamp(o.start);
  if (!start) return "cannot read --start '" + o.start + "'";
  std::vector<LogStream> streams{{1, 1, 0}};
  for (int t = 0; t < o.tenants; ++t) {
    for (int l = 0; l < o.ls_per_tenant; ++l) {
      streams.push_back({1001 + 2 * t, 1001 + l, (t + l + 1) % o.nodes});
    }
  }
  // Roughly 230 bytes per traffic line: pick the gap so the run spans a
  // plausible time (larger corpora cover more hours at a busier rate).
  const std::int64_t gap = o.mean_gap_us > 0 ? o.mean_gap_us : o.total_bytes < (64ull << 20) ? 300'000 : 1'000;
  try {
    for (int n = 0; n < o.nodes; ++n) {
      const fs::path node_dir = fs::path(o.out_dir) / fmt::format("node{}", n + 1);
      const fs::path log_dir = node_dir / "log";
      fs::create_directories(log_dir);
      NodeWriter w(o, n, streams, log_dir);
      w.run(*start, o.total_bytes / static_cast<std::uint64_t>(o.nodes), gap);
      for (const auto* rotated : {&w.observer().rotated(), &w.election().rotated()}) {
        for (int z = 0; z < o.zst_rotations && z < static_cast<int>(rotated->size()); ++z) {
          if (std::string err = zstd_file((*rotated)[static_cast<std::size_t>(z)]); !err.empty()) return err;
        }
      }
      if (n + 1 == o.pack_node) {
        const std::string addr = NodeWriter::address(n);
        std::string flat = addr;
        std::replace(flat.begin(), flat.end(), ':', '_');
        const fs::path tarball = fs::path(o.out_dir) / fmt::format("obdiag_gather_{}.tar.gz", flat);
        if (std::string err = pack_dir(node_dir, tarball, "ob_log_" + flat); !err.empty()) return err;
      }
    }
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

}  // namespace paxray::gen
