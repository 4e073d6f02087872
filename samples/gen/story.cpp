#include "story.h"

namespace paxray::gen {

void Story::add(int node, File file, double t, const char* level, const char* module, const char* func, const char* src,
                int src_line, int tid, const std::string& thread, const std::string& body, std::optional<int> errcode,
                int tenant) {
  CorpusOptions::Line l;
  l.node = node;
  l.file = file;
  l.at_us = at(t);
  l.level = level;
  l.module = module;
  l.function = func;
  l.source_file = src;
  l.source_line = src_line;
  l.tid = tid;
  l.thread = thread;
  l.tenant = tenant >= 0 ? tenant : tenant_;
  l.errcode = errcode;
  l.body = body;
  o_.lines.push_back(std::move(l));
}

void Story::leader_lease_revoked(int node, double t0) {
  add(node, File::kElection, t0, "WDIAG", "ELECT", "operator()", "election_proposer.cpp", 249, 28513, t("Occam"),
      fmt::format("[LogPhase::RENEW_LEASE]leader lease expired, leader revoked(ret=0, ret=\"OB_SUCCESS\", *this={{{}, addr:\"{}\", "
                  "role:Follower, ballot_number:7}})", ls(), addr(node)), 0);
  add(node, File::kElection, t0 + 0.00002, "INFO", "ELECT", "operator()", "election_impl.cpp", 42, 28513, t("Occam"),
      fmt::format("this is default role change callback(obj_to_string(before)=\"Leader\", obj_to_string(after)=\"Follower\", "
                  "obj_to_string(reason)=\"renew lease failed, lease expired, self to be follower\", election={{is_inited:true, "
                  "proposer:{{{}, addr:\"{}\"}}}})", ls(), addr(node)));
  add(node, File::kObserver, t0 + 0.0009, "INFO", "PALF", "switch_state", "log_state_mgr.cpp", 334, 29010, t("LogLoop"),
      fmt::format("switch_state(ret=0, palf_id={}, old_role=1, role=2, old_state=2, state=4, old_leader=\"{}\", leader=\"0.0.0.0:0\", "
                  "old_leader_epoch=7, leader_epoch=7, need_next_loop=true, diff=41)", ls_, addr(node)));
}

void Story::follower_lease_expired(int node, int owner, double t0) {
  add(node, File::kElection, t0, "WDIAG", "ELECT", "operator()", "election_acceptor.cpp", 145, 28511, t("Occam"),
      fmt::format("[LogPhase::RENEW_LEASE]lease expired(ret=0, ret=\"OB_SUCCESS\", *this={{{}, addr:\"{}\", ballot_number:7, "
                  "lease:{{owner:\"{}\", lease_end_ts:{{span_from_now:-0.100s, expired_time_point:00:00:00.000}}, ballot_number:7}}}})",
                  ls(), addr(node), addr(owner)), 0);
}

void Story::takeover(int node, double t0, bool reconfirm, bool rcs) {
  add(node, File::kElection, t0, "INFO", "ELECT", "operator()", "election_proposer.cpp", 556, 28513, t("Occam"),
      fmt::format("[LogPhase::ELECT_LEADER]decentralized voting, leader takeover success(ret=0, *this={{{}, addr:\"{}\", role:Leader, "
                  "ballot_number:8}})", ls(), addr(node)));
  if (!reconfirm) return;
  add(node, File::kObserver, t0 + 0.02, "INFO", "PALF", "reconfirm", "log_reconfirm.cpp", 520, 29010, t("LogLoop"),
      fmt::format("[PALF_EVENT] Reconfirm come into FETCH_MAX_LOG_LSN state(palf_id={}, self=\"{}\")", ls_, addr(node)));
  add(node, File::kObserver, t0 + 0.30, "INFO", "PALF", "reconfirm", "log_reconfirm.cpp", 601, 29010, t("LogLoop"),
      fmt::format("[PALF_EVENT] Reconfirm come into FINISHED state(palf_id={}, self=\"{}\", saved_end_lsn={{lsn:918273}})", ls_, addr(node)));
  if (!rcs) return;
  add(node, File::kObserver, t0 + 0.31, "INFO", "PALF", "reconfirm_to_leader_active", "log_state_mgr.cpp", 690, 29010, t("LogLoop"),
      fmt::format("[PALF_EVENT] reconfirm_to_leader_active end(palf_id={}, self=\"{}\", reconfirm_to_active_cost=310000, role=\"LEADER\", "
                  "state=\"ACTIVE\")", ls_, addr(node)));
  const long long seq = 1709604000000000LL + at(t0 + 0.32);
  rcs_begin(node, t0 + 0.32, seq);
  rcs_end(node, t0 + 0.33, seq);
}

void Story::change_leader(int from, int to, double t0) {
  add(from, File::kElection, t0, "INFO", "ELECT", "operator()", "election_proposer.cpp", 648, 28513, t("Occam"),
      fmt::format("[LogPhase::CHANGE_LEADER]change leader, old leader revoke(ret=0, *this={{{}, addr:\"{}\", role:Follower, "
                  "ballot_number:8}})", ls(), addr(from)));
  add(to, File::kElection, t0 + 0.05, "INFO", "ELECT", "operator()", "election_proposer.cpp", 550, 28513, t("Occam"),
      fmt::format("[LogPhase::CHANGE_LEADER]change leader, new leader takeover success(ret=0, *this={{{}, addr:\"{}\", role:Leader, "
                  "ballot_number:9}})", ls(), addr(to)));
  add(from, File::kObserver, t0 + 0.001, "INFO", "PALF", "switch_state", "log_state_mgr.cpp", 334, 29010, t("LogLoop"),
      fmt::format("switch_state(ret=0, palf_id={}, old_role=1, role=2, old_state=2, state=4, old_leader=\"{}\", leader=\"{}\", "
                  "old_leader_epoch=8, leader_epoch=9, need_next_loop=true, diff=41)", ls_, addr(from), addr(to)));
  add(to, File::kObserver, t0 + 0.25, "INFO", "PALF", "reconfirm_to_leader_active", "log_state_mgr.cpp", 690, 29010, t("LogLoop"),
      fmt::format("[PALF_EVENT] reconfirm_to_leader_active end(palf_id={}, self=\"{}\", reconfirm_to_active_cost=200000, role=\"LEADER\", "
                  "state=\"ACTIVE\")", ls_, addr(to)));
  leader_from(t0, to);
}

void Story::asked_to_revoke(int node, double t0) {
  add(node, File::kElection, t0, "INFO", "ELECT", "operator()", "election_impl.cpp", 42, 28513, t("Occam"),
      fmt::format("this is default role change callback(obj_to_string(before)=\"Leader\", obj_to_string(after)=\"Follower\", "
                  "obj_to_string(reason)=\"someone asking election to revoke\", election={{proposer:{{{}, addr:\"{}\"}}}})", ls(), addr(node)));
  add(node, File::kObserver, t0 + 0.001, "INFO", "PALF", "switch_state", "log_state_mgr.cpp", 334, 29010, t("LogLoop"),
      fmt::format("switch_state(ret=0, palf_id={}, old_role=1, role=2, old_state=2, state=4, old_leader=\"{}\", leader=\"0.0.0.0:0\", "
                  "old_leader_epoch=8, leader_epoch=8, need_next_loop=true, diff=41)", ls_, addr(node)));
}

void Story::reconfirm_timeout(int node, double t0) {
  add(node, File::kObserver, t0, "WDIAG", "PALF", "check_leader_reconfirm_timeout_", "log_state_mgr.cpp", 861, 29010, t("LogLoop"),
      fmt::format("leader reconfirm timeout(palf_id={}, start_id=16282, is_sw_timeout=false, reconfirm={{palf_id:{}, self:\"{}\", "
                  "state:\"FETCH_MAX_LOG_LSN\"}})", ls_, ls_, addr(node)), -4012);
  add(node, File::kObserver, t0 + 0.001, "WDIAG", "PALF", "reconfirm", "log_reconfirm.cpp", 634, 29010, t("LogLoop"),
      fmt::format("reconfirm failed(ret=-4012, palf_id={}, state=2)", ls_), -4012);
}

void Story::rcs_begin(int node, double t0, long long seq, int type) {
  add(node, File::kObserver, t0, "INFO", "CLOG", "handle", "ob_role_change_service.cpp", 216, 30001, t("RCSrv0"),
      fmt::format("begin handle_role_change_event_(sequence:={}, event={{event_type:{}, {}, dst_addr:\"0.0.0.0:0\"}})", seq, type, ls()));
}

void Story::rcs_end(int node, double t0, long long seq, int type) {
  add(node, File::kObserver, t0, "INFO", "CLOG", "handle", "ob_role_change_service.cpp", 223, 30001, t("RCSrv0"),
      fmt::format("end handle_role_change_event_(sequence:={}, event={{event_type:{}, {}, dst_addr:\"0.0.0.0:0\"}})", seq, type, ls()));
}

void Story::rcs_failed(int node, double t0) {
  add(node, File::kObserver, t0, "WDIAG", "CLOG", "handle", "ob_role_change_service.cpp", 219, 30001, t("RCSrv0"),
      fmt::format("handle_role_change_event_ failed(ret=-4023, event={{event_type:2, {}, dst_addr:\"0.0.0.0:0\"}}, retry_ctx={{reason:1}})",
                  ls()), -4023);
}

void Story::not_master(int node, double t0, int dst, int i) {
  add(node, File::kObserver, t0, "WDIAG", "SQL.EXE", "setup_next_scanner", "ob_direct_receive.cpp", 295, 88010 + i, t("L0_G0"),
      fmt::format("while fetching first scanner, the remote rcode is not OB_SUCCESS(ret=-4038, err_msg=\"\", dst_addr=\"{}\")", addr(dst)),
      -4038);
}

void Story::log_disk_full(int node, double t0, int used) {
  add(node, File::kObserver, t0, "ERROR", "", "try_recycle_blocks", "palf_env_impl.cpp", 762, 29020, t("PalfGC"),
      fmt::format("Log out of disk space(msg=\"log disk space is almost full\", ret=-4264, total_size(MB)=2048, used_size(MB)={}, "
                  "used_percent(%)={}, warn_size(MB)=1638, warn_percent(%)=80, limit_size(MB)=1945, limit_percent(%)=95, "
                  "total_unrecyclable_size_byte(MB)=1900, maximum_used_size(MB)=1900, maximum_log_stream={}, oldest_log_stream={}, "
                  "oldest_scn={{val:1709600000000000000, v:0}})", 2048 * used / 100, used, ls_, ls_), -4264);
}

void Story::tenant_memory_full(int node, double t0) {
  add(node, File::kObserver, t0, "WARN", "LIB", "alloc_memory", "ob_tenant_ctx_allocator.cpp", 456, 88011, t("L0_G0"),
      fmt::format("oops, alloc failed, tenant_id={}, ctx_id=0, ctx_name=DEFAULT_CTX_ID, ctx_hold=2145386496, "
                  "ctx_limit=9223372036854775807, tenant_hold=2147483648, tenant_limit=2147483648", tenant_), -4013);
  add(node, File::kObserver, t0 + 0.001, "WDIAG", "STORAGE", "check_memstore_full", "ob_tenant_freezer.cpp", 1170, 88012, t("L0_G0"),
      fmt::format("this tenant is already out of memstore limit(tenant_id={}, memstore_used=1717986918, memstore_limit=1717986918)", tenant_),
      -4030);
}

void Story::log_sync_timeout(int node, double t0) {
  add(node, File::kObserver, t0, "WDIAG", "PALF", "check_leader_log_sync_state_", "log_state_mgr.cpp", 930, 29010, t("LogLoop"),
      fmt::format("log sync timeout on leader(palf_id={}, self=\"{}\", now_us=1709604050000000, last_check_start_id_time_us=1709604039000000, "
                  "start_id=16282)", ls_, addr(node)), -4012);
}

void Story::election_stopped(int node, double t0) {
  add(node, File::kElection, t0, "INFO", "ELECT", "operator()", "election_impl.cpp", 145, 28513, t("Occam"),
      fmt::format("[LogPhase::DESTROY]election stopped(ret=0, {}, self_addr=\"{}\")", ls(), addr(node)));
}

void Story::drop_tenant(double t0) {
  add(0, File::kRootService, t0, "INFO", "RS", "drop_tenant", "ob_ddl_service.cpp", 25088, 27100, "T1_DDLQueueTh0",
      fmt::format("drop tenant(arg={{tenant_name:t{}, if_exist:false, delay_to_drop:false, force_drop:true, object_name:, "
                  "open_recyclebin:false, tenant_id:{}, drop_only_in_restore:false}}, ret=0, ret=\"OB_SUCCESS\")", tenant_, tenant_),
      std::nullopt, 1);
}

void Story::server_lease_expired(int server, double t0) {
  add(0, File::kRootService, t0, "INFO", "RS", "set_server_hb_status", "ob_server_manager.cpp", 1244, 27001, "T1_HBService",
      fmt::format("server hb status change(server=\"{}\", from_hb_status=\"alive\", to_hb_status=\"lease_expired\")", addr(server)),
      std::nullopt, 1);
}

void Story::packet_fly(int node, double t0, int from, std::int64_t fly, int i) {
  add(node, File::kObserver, t0, "WDIAG", "RPC.OBRPC", "decode", "ob_rpc_net_handler.cpp", 199, 4012, "RpcIO",
      fmt::format("packet fly cost too much time(pcode=1567, fly_ts={}, send_timestamp={}, connection=\"{}_10.0.0.{}:{}_123_0x7f1c2a0 tp=0 "
                  "t=0-0 s=3 r=0 io=0/0 sq=0\")", fly, 1709604000000000LL + at(t0) - fly, addr(node), from + 1, 46612 + i), -4389);
}

void Story::message_delay(int node, double t0, int from, std::int64_t diff) {
  add(node, File::kElection, t0, "WDIAG", "ELECT", "check_debug_ts", "election_message.cpp", 60, 28515, t("Occam"),
      fmt::format("request deserialize in dest too delay(msg={{sender:\"{}\", receiver:\"{}\", {}}}, diff={}, max_diff={}, "
                  "warn_threshold=200000, recaculated_warn_threshold=200000)", addr(from), addr(node), ls(), diff, diff + 100), -4016);
}

void Story::clock_out_of_order(int node, double t0, std::int64_t delta) {
  const std::int64_t now = 1709604000000000LL + at(t0);
  add(node, File::kObserver, t0, "WDIAG", "STORAGE.TRANS", "run1", "ob_clock_generator.cpp", 111, 29010, "ClockGenerator",
      fmt::format("clock out of order(cur_ts={}, cur_ts_={}, delta={})", now, now - delta, delta), -4015, 0);
}

}  // namespace paxray::gen
