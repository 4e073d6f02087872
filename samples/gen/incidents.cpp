#include "incidents.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "paxray/parsers/timestamp.h"

namespace paxray::gen {
namespace {

namespace fs = std::filesystem;
using File = CorpusOptions::Line::File;

constexpr std::int64_t kSec = 1'000'000;

std::string addr(int node) { return fmt::format("10.0.0.{}:2882", node + 1); }

CorpusOptions::Line line(int node, File file, std::int64_t at, std::string level, std::string module, std::string func,
                         std::string src, int src_line, int tid, std::string thread, int tenant, std::string body,
                         std::optional<int> errcode = std::nullopt) {
  CorpusOptions::Line l;
  l.node = node;
  l.file = file;
  l.at_us = at;
  l.level = std::move(level);
  l.module = std::move(module);
  l.function = std::move(func);
  l.source_file = std::move(src);
  l.source_line = src_line;
  l.tid = tid;
  l.thread = std::move(thread);
  l.tenant = tenant;
  l.errcode = errcode;
  l.body = std::move(body);
  return l;
}

std::string write_text(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
  return out ? std::string{} : "cannot write " + p.string();
}

// T1001 LS1001 (leader node2 = index 1) loses its leader at 44 s: node2 is cut
// off from both peers from 40 s (its election messages stop arriving, the
// followers' counters for it freeze), its lease runs out, it revokes; node1
// is elected at 47.2 s, once node2's lease has lapsed on the followers too and
// the 2 s time window has passed, plus a second the story allows (the replay
// core elects at about 46.1 s, so it reproduces 53 % of this window). Node3's
// clock runs 900 ms ahead (packet fly warnings, and a clockdiff run from node1
// shows it). Saved with the incident: the guide's event-history query (boxed),
// GV$OB_LOG_STAT afterwards (CSV), clockdiff output.
std::string lease_loss_4x(CorpusOptions o) {
  const int kT = 1001, kLs = 1001, kOld = 1, kNew = 0;
  const std::string ls = fmt::format("ls_id:{{id:{}}}", kLs);
  const std::string occam = fmt::format("T{}_Occam", kT), loop = fmt::format("T{}_LogLoop", kT),
                    rcs = fmt::format("T{}_RCSrv0", kT);
  o.clock_skew_us = {0, 0, 900'000};
  o.silences = {{0, kOld, 40 * kSec, 58 * kSec}, {2, kOld, 40 * kSec, 58 * kSec}, {kOld, 0, 40 * kSec, 58 * kSec},
                {kOld, 2, 40 * kSec, 58 * kSec}};
  const std::int64_t back = 47'200'000;  // node1 elected
  o.leader_changes = {{kT, kLs, 44 * kSec, -1}, {kT, kLs, back, kNew}};
  auto& L = o.lines;
  const std::string prop_old = fmt::format("*this={{{}, addr:\"{}\", role:Follower, ballot_number:7}}", ls, addr(kOld));
  L.push_back(line(kOld, File::kElection, 44 * kSec, "WDIAG", "ELECT", "operator()", "election_proposer.cpp", 249, 28513, occam, kT,
                   "[LogPhase::RENEW_LEASE]leader lease expired, leader revoked(ret=0, ret=\"OB_SUCCESS\", " + prop_old + ")", 0));
  L.push_back(line(kOld, File::kElection, 44 * kSec + 20, "INFO", "ELECT", "operator()", "election_impl.cpp", 42, 28513, occam, kT,
                   "this is default role change callback(obj_to_string(before)=\"Leader\", obj_to_string(after)=\"Follower\", "
                   "obj_to_string(reason)=\"renew lease failed, lease expired, self to be follower\", election={is_inited:true, "
                   "is_running:true, proposer:{" + ls + ", addr:\"" + addr(kOld) + "\"}})"));
  L.push_back(line(kOld, File::kObserver, 44 * kSec + 900, "INFO", "PALF", "switch_state", "log_state_mgr.cpp", 334, 29010, loop, kT,
                   fmt::format("switch_state(ret=0, palf_id={}, old_role=1, role=2, old_state=2, state=4, old_leader=\"{}\", "
                               "leader=\"0.0.0.0:0\", old_leader_epoch=7, leader_epoch=7, need_next_loop=true, diff=41)", kLs, addr(kOld))));
  L.push_back(line(kOld, File::kObserver, 44 * kSec + 1500, "INFO", "CLOG", "handle", "ob_role_change_service.cpp", 216, 30001, rcs, kT,
                   fmt::format("begin handle_role_change_event_(sequence:={}, event={{event_type:2, {}, dst_addr:\"0.0.0.0:0\"}})",
                               1709604044001500, ls)));
  L.push_back(line(kOld, File::kObserver, 44 * kSec + 9100, "INFO", "CLOG", "handle", "ob_role_change_service.cpp", 223, 30001, rcs, kT,
                   fmt::format("end handle_role_change_event_(sequence:={}, event={{event_type:2, {}, dst_addr:\"0.0.0.0:0\"}})",
                               1709604044001500, ls)));
  for (int f : {0, 2}) {  // followers see the lease run out
    L.push_back(line(f, File::kElection, 44 * kSec + 130'000 + f * 7000, "WDIAG", "ELECT", "operator()", "election_acceptor.cpp", 145,
                     28511, occam, kT,
                     fmt::format("[LogPhase::RENEW_LEASE]lease expired(ret=0, ret=\"OB_SUCCESS\", *this={{{}, addr:\"{}\", ballot_number:7, "
                                 "lease:{{owner:\"{}\", lease_end_ts:{{span_from_now:-0.130s, expired_time_point:10:00:44.000}}, ballot_number:7}}}})",
                                 ls, addr(f), addr(kOld)), 0));
  }
  // Requests routed to the old leader fail with -4038 and are retried.
  for (int i = 0; i < 4; ++i) {
    L.push_back(line(2, File::kObserver, 44 * kSec + 500'000 * (i + 1) + 5000, "WDIAG", "SQL.EXE", "setup_next_scanner", "ob_direct_receive.cpp", 295,
                     88010 + i, "T1001_L0_G0", kT,
                     fmt::format("while fetching first scanner, the remote rcode is not OB_SUCCESS(ret=-4038, err_msg=\"\", dst_addr=\"{}\")", addr(kOld)),
                     -4038));
  }
  L.push_back(line(kNew, File::kElection, back, "INFO", "ELECT", "operator()", "election_proposer.cpp", 556, 28513, occam, kT,
                   fmt::format("[LogPhase::ELECT_LEADER]decentralized voting, leader takeover success(ret=0, *this={{{}, addr:\"{}\", "
                               "role:Leader, ballot_number:8}})", ls, addr(kNew))));
  const char* steps[] = {"WAITING_LOG_FLUSHED", "FETCH_MAX_LOG_LSN", "RECONFIRM_FETCH_LOG", "RECONFIRMING", "START_WORKING"};
  for (int i = 0; i < 5; ++i) {
    L.push_back(line(kNew, File::kObserver, back + 20'000 + i * 60'000, "INFO", "PALF", "reconfirm", "log_reconfirm.cpp", 520, 29010, loop, kT,
                     fmt::format("[PALF_EVENT] Reconfirm come into {} state(palf_id={}, self=\"{}\")", steps[i], kLs, addr(kNew))));
  }
  L.push_back(line(kNew, File::kObserver, back + 330'000, "INFO", "PALF", "reconfirm", "log_reconfirm.cpp", 601, 29010, loop, kT,
                   fmt::format("[PALF_EVENT] Reconfirm come into FINISHED state(palf_id={}, self=\"{}\", saved_end_lsn={{lsn:918273}})", kLs, addr(kNew))));
  L.push_back(line(kNew, File::kObserver, back + 340'000, "INFO", "PALF", "reconfirm_to_leader_active", "log_state_mgr.cpp", 690, 29010, loop, kT,
                   fmt::format("[PALF_EVENT] reconfirm_to_leader_active end(palf_id={}, self=\"{}\", reconfirm_to_active_cost=340000, "
                               "role=\"LEADER\", state=\"ACTIVE\")", kLs, addr(kNew))));
  L.push_back(line(kNew, File::kObserver, back + 341'000, "INFO", "CLOG", "handle", "ob_role_change_service.cpp", 216, 30001,
                   "T1001_RCSrv0", kT, fmt::format("begin handle_role_change_event_(sequence:={}, event={{event_type:2, {}, dst_addr:\"0.0.0.0:0\"}})", 1709604047541000, ls)));
  L.push_back(line(kNew, File::kObserver, back + 352'000, "INFO", "CLOG", "handle", "ob_role_change_service.cpp", 223, 30001,
                   "T1001_RCSrv0", kT, fmt::format("end handle_role_change_event_(sequence:={}, event={{event_type:2, {}, dst_addr:\"0.0.0.0:0\"}})", 1709604047541000, ls)));
  // Node 3 (900 ms ahead) logs RPCs from node1 as slow: fly_ts = receive - send.
  for (int i = 0; i < 12; ++i) {
    const std::int64_t fly = 900'000 + 1'500 + (i * 3'700) % 16'000;
    L.push_back(line(2, File::kObserver, (5 + 5 * i) * kSec + 77'000, "WDIAG", "RPC.OBRPC", "decode", "ob_rpc_net_handler.cpp", 199, 4012,
                     "RpcIO", 0, fmt::format("packet fly cost too much time(pcode=1567, fly_ts={}, send_timestamp={}, connection=\"{}_10.0.0.1:{}_123_0x7f1c2a0 tp=0 t=0-0 s=3 r=0 io=0/0 sq=0\")",
                                             fly, 1709604005077000 + i * 5 * kSec - fly + 900'000, addr(2), 46612 + i), -4389));
  }

  if (std::string err = write_ob4_corpus(o); !err.empty()) return err;
  const fs::path dir(o.out_dir);
  const auto start = *parse_user_timestamp(o.start);
  // HAPPENED_TIME is printed with unpadded microseconds (ob_timestamp_str).
  auto happened = [&](std::int64_t at) {
    const std::string full = format_timestamp(start + at);
    const std::int64_t us = (start + at) % kSec;
    return full.substr(0, 19) + "." + std::to_string(us);
  };
  std::string history =
      "obclient [oceanbase]> SELECT VALUE4,svr_ip,svr_port,event,name3,value3 FROM DBA_OB_SERVER_EVENT_HISTORY\n"
      "    -> WHERE module=\"ELECTION\" AND value1=1001 AND value2=1001 ORDER BY VALUE4 limit 10;\n";
  const std::string border = "+----------------------------+----------+----------+----------------------------+------+----------------------------------------------------------------------+\n";
  history += border;
  history += "| VALUE4                     | svr_ip   | svr_port | event                      | name3| value3                                                               |\n";
  history += border;
  // Each row's HAPPENED_TIME is on the reporting node's own clock.
  auto row = [&](std::int64_t at, int node, const char* event, const std::string& info) {
    history += fmt::format("| {:<26} | {:<8} | {:>8} | {:<26} | INFO | {:<68} |\n",
                           happened(at + o.clock_skew_us[static_cast<std::size_t>(node)]), fmt::format("10.0.0.{}", node + 1), 2882,
                           event, info);
  };
  row(44 * kSec + 10, kOld, "lease expired to revoke", fmt::format("leader lease expired, server|lease:[\"{}\"|10:00:44.000]", addr(kOld)));
  row(44 * kSec + 131'000, 0, "lease expired", fmt::format("owner:\"{}\", expired time:10:00:44.0, ballot number:7", addr(kOld)));
  row(back - 130'000, 2, "vote", fmt::format("vote for \"{}\", reason:the only request", addr(kNew)));
  row(back + 1, kNew, "decentralized to be leader", fmt::format("server|lease:[\"{}\"|2024-03-05 10:00:51.2]", addr(kNew)));
  history += border + "4 rows in set (0.012 sec)\n";
  if (std::string err = write_text(dir / "ticket/event_history_T1001_LS1001.txt", history); !err.empty()) return err;

  // The views a DBA saves for the isolation advisor at the end of the
  // incident: node 2 (the partitioned old leader) is still 12 s behind.
  const std::int64_t end_scn = (start + 119 * kSec) * 1000;
  std::string stat =
      "tenant_id,ls_id,svr_ip,svr_port,role,proposal_id,config_version,access_mode,paxos_member_list,paxos_replica_num,in_sync,end_scn\n";
  for (int n = 0; n < 3; ++n) {
    stat += fmt::format("1001,1001,10.0.0.{},2882,{},8,\"{{proposal_id:8, config_seq:2}}\",APPEND,\"10.0.0.1:2882:1,10.0.0.2:2882:1,10.0.0.3:2882:1\",3,{},{}\n",
                        n + 1, n == kNew ? "LEADER" : "FOLLOWER", n == kOld ? "NO" : "YES",
                        end_scn - (n == kOld ? 12'000'000'000 : n == kNew ? 0 : 40'000'000));
  }
  if (std::string err = write_text(dir / "ticket/gv_ob_log_stat.csv", stat); !err.empty()) return err;
  std::string views = "obclient [oceanbase]> SELECT SVR_IP, SVR_PORT, ZONE, STATUS, STOP_TIME FROM DBA_OB_SERVERS;\n";
  const std::string sborder = "+----------+----------+-------+--------+-----------+\n";
  views += sborder + "| SVR_IP   | SVR_PORT | ZONE  | STATUS | STOP_TIME |\n" + sborder;
  for (int n = 0; n < 3; ++n) views += fmt::format("| 10.0.0.{} |     2882 | zone{} | ACTIVE | NULL      |\n", n + 1, n + 1);
  views += sborder + "3 rows in set (0.003 sec)\n\n";
  views += "obclient [oceanbase]> SELECT ZONE, STATUS, IDC, REGION FROM DBA_OB_ZONES;\n";
  const std::string zborder = "+-------+--------+------+----------+\n";
  views += zborder + "| ZONE  | STATUS | IDC  | REGION   |\n" + zborder;
  for (int n = 0; n < 3; ++n) views += fmt::format("| zone{} | ACTIVE | idc{} | hangzhou |\n", n + 1, n + 1);
  views += zborder + "3 rows in set (0.002 sec)\n\n";
  views += "obclient [oceanbase]> SELECT TENANT_ID, TENANT_NAME, PRIMARY_ZONE, LOCALITY, PREVIOUS_LOCALITY FROM DBA_OB_TENANTS;\n";
  const std::string tborder = "+-----------+-------------+-------------------+---------------------------------------------+-------------------+\n";
  views += tborder + "| TENANT_ID | TENANT_NAME | PRIMARY_ZONE      | LOCALITY                                    | PREVIOUS_LOCALITY |\n" + tborder;
  views += "|         1 | sys         | RANDOM            | FULL{1}@zone1, FULL{1}@zone2, FULL{1}@zone3 | NULL              |\n";
  views += "|      1001 | app         | zone1;zone2,zone3 | FULL{1}@zone1, FULL{1}@zone2, FULL{1}@zone3 | NULL              |\n";
  views += tborder + "2 rows in set (0.004 sec)\n";
  if (std::string err = write_text(dir / "ticket/cluster_views.txt", views); !err.empty()) return err;
  return write_text(dir / "node1/clockdiff.txt",
                    "$ sudo clockdiff 10.0.0.3\n.\nhost=10.0.0.3 rtt=1(0)ms/0ms delta=900ms/900ms Tue Mar  5 10:01:10 2024\n");
}

}  // namespace

std::vector<std::string> scenario_names() {
  return {"lease-loss-4x",     "sliding-window-3x",     "clock-skew-4x",       "majority-down-4x",
          "clog-disk-full-4x", "tenant-memory-full-4x", "reconfirm-failed-4x", "takeover-failed-4x",
          "rcs-stuck-4x",      "object-deleted-4x",     "stale-location-cache-4x", "planned-switch-4x",
          "high-load-4x",      "leader-crash-4x",       "clock-step-4x",       "majority-down-headerless-4x",
          "takeover-retried-4x", "overloaded-minutes-4x"};
}

std::string write_scenario(const std::string& name, CorpusOptions options) {
  if (name == "lease-loss-4x") return lease_loss_4x(std::move(options));
  if (name == "sliding-window-3x") return write_ob3_sliding_window(options);
  bool known = false;
  std::string err = write_cause_scenario(name, options, known);
  if (known) return err;
  std::string names;
  for (const auto& n : scenario_names()) names += (names.empty() ? "" : ", ") + n;
  return "unknown scenario '" + name + "' (known: " + names + ")";
}

}  // namespace paxray::gen
