// The OceanBase message registry (see ob_events.h). One entry per message:
// kind, module, the text the message starts with, a sample line and the fields
// that sample decodes to. Samples come from real lines where the project has
// them (samples/real/), else are built from the format code quoted in
// shared/reference/ and labelled "synthetic". tests/ob_events_test.cpp checks
// every entry.
#include <array>

#include "paxray/parsers/ob_events.h"

namespace paxray {
namespace {

// clang-format off
constexpr MessageSpec kRegistry[] = {
    {EventKind::elect_acceptor_dump, "ELECT", "dump acceptor info",
     "[2024-03-05 10:21:33.482115] INFO  [ELECT] operator() (election_acceptor.cpp:137) [28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=15] dump acceptor info(*this={ls_id:{id:1001}, addr:\"10.0.0.1:2882\", ballot_number:7, ballot_of_time_window:7, lease:{owner:\"10.0.0.2:2882\", lease_end_ts:{span_from_now:3.712s, expired_time_point:10:21:37.194}, ballot_number:7}, is_time_window_opened:false, vote_reason:, last_time_window_open_ts:2024-03-05 09:10:02.113007, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.1:2882;owner=10.0.0.2:2882;ballot=7;lease_end=10:21:37.194;lease_span=3.712s", "reference §1.10 (built from the format code)"},
    {EventKind::elect_proposer_dump, "ELECT", "dump proposer info",
     "[2024-03-05 10:21:43.000101] INFO  [ELECT] operator() (election_proposer.cpp:228) [28513][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9] dump proposer info(*this={ls_id:{id:1001}, addr:\"10.0.0.2:2882\", role:Leader, ballot_number:8, lease_interval:4.00s, memberlist_with_states:{member_list:{addr_list:[\"10.0.0.1:2882\", \"10.0.0.2:2882\", \"10.0.0.3:2882\"], membership_version:{proposal_id:1, config_seq:2}, replica_num:3}, prepare_ok:true, accept_ok_promised_ts:invalid, follower_promise_membership_version:{proposal_id:1, config_seq:2}}, priority_seed:0x1000, restart_counter:0, last_do_prepare_ts:2024-03-05 10:21:40.8772, self_priority:{priority:{is_valid:true, is_observer_stopped:false, is_server_stopped:false, is_zone_stopped:false, fatal_failures:[], is_primary_region:true, serious_failures:[], is_in_blacklist:false, in_blacklist_reason:, scn:{val:1709605303000000000, v:0}, is_manual_leader:false, zone_priority:0}}, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.2:2882;role=Leader;ballot=8;members=10.0.0.1:2882,10.0.0.2:2882,10.0.0.3:2882;replica_num=3;priority=251999", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect_message_count, "ELECT", "dump message count",
     "[2024-03-05 10:21:43.000444] INFO  [ELECT] operator() (election_proposer.cpp:239) [28513][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=6] dump message count(ls_id=\"{id:1001}\", self_addr=\"10.0.0.1:2882\", state=|\tmatch:[Prepare Request, Prepare Response, Accept Request, Accept Response, Change Leader]|\t\"10.0.0.2:2882\":send:[0, 0, (1520), 0, 0], rec:[0, 0, 0, (1518), 0], last_send:2024-03-05 10:21:42.995012, last_rec:2024-03-05 10:21:42.99731)",
     "tenant=1002;ls=1001;self=10.0.0.1:2882", "reference §1.10 (built from the format code)"},
    {EventKind::elect_witness_leader, "ELECT", "witness new leader",
     "[2024-03-05 10:21:41.002000] INFO  [ELECT] operator() (election_acceptor.cpp:143) [28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9] [LogPhase::ELECT_LEADER]witness new leader(ret=0, ret=\"OB_SUCCESS\", *this={ls_id:{id:1001}, addr:\"10.0.0.3:2882\", ballot_number:8, ballot_of_time_window:8, lease:{owner:\"10.0.0.2:2882\", lease_end_ts:{span_from_now:3.998s, expired_time_point:10:21:45.001}, ballot_number:8}, is_time_window_opened:false, vote_reason:the only request, last_time_window_open_ts:2024-03-05 10:21:40.8772, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.3:2882;owner=10.0.0.2:2882;ballot=8", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect_lease_expired, "ELECT", "lease expired",
     "[2024-03-05 10:21:40.001233] WDIAG [ELECT] operator() (election_acceptor.cpp:145) [28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9][errcode=0] [LogPhase::RENEW_LEASE]lease expired(ret=0, ret=\"OB_SUCCESS\", *this={ls_id:{id:1001}, addr:\"10.0.0.1:2882\", ballot_number:7, ...})",
     "tenant=1002;ls=1001;self=10.0.0.1:2882;ballot=7", "reference §1.10 (built from the format code)"},
    {EventKind::elect_lease_owner_changed, "ELECT", "lease owner changed",
     "[2024-03-05 10:21:41.250011] INFO  [ELECT] operator() (election_acceptor.cpp:153) [28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=7] [LogPhase::CHANGE_LEADER]lease owner changed(ret=0, ret=\"OB_SUCCESS\", *this={...})",
     "", "reference §1.10 (built from the format code)"},
    {EventKind::elect_leader_revoked, "ELECT", "leader lease expired, leader revoked",
     "[2024-03-05 10:21:36.500120] WDIAG [ELECT] operator() (election_proposer.cpp:249) [28513][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=11][errcode=0] [LogPhase::RENEW_LEASE]leader lease expired, leader revoked(ret=0, ret=\"OB_SUCCESS\", *this={ls_id:{id:1001}, addr:\"10.0.0.1:2882\", role:Follower, ballot_number:7, ...})",
     "tenant=1002;ls=1001;self=10.0.0.1:2882;role=Follower;ballot=7", "reference §1.10 (built from the format code)"},
    {EventKind::elect_leader_revoked, "ELECT", "lease is expired, need revoke before takeover",
     "[2024-03-05 10:21:36.600000] WDIAG [ELECT] operator() (election_proposer.cpp:534) [28513][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9][errcode=0] [phase]lease is expired, need revoke before takeover(ret=0, *this={ls_id:{id:1001}, addr:\"10.0.0.2:2882\", role:Leader, ballot_number:8, lease_interval:4.00s, memberlist_with_states:{member_list:{addr_list:[\"10.0.0.1:2882\", \"10.0.0.2:2882\", \"10.0.0.3:2882\"], membership_version:{proposal_id:1, config_seq:2}, replica_num:3}, prepare_ok:true, accept_ok_promised_ts:invalid, follower_promise_membership_version:{proposal_id:1, config_seq:2}}, priority_seed:0x1000, restart_counter:0, last_do_prepare_ts:2024-03-05 10:21:40.8772, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.2:2882;role=Leader", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect_takeover, "ELECT", "decentralized voting, leader takeover success",
     "[2024-03-05 10:21:41.001900] INFO  [ELECT] operator() (election_proposer.cpp:556) [28513][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9] [LogPhase::ELECT_LEADER]decentralized voting, leader takeover success(ret=0, *this={ls_id:{id:1001}, addr:\"10.0.0.2:2882\", role:Leader, ballot_number:8, lease_interval:4.00s, memberlist_with_states:{member_list:{addr_list:[\"10.0.0.1:2882\", \"10.0.0.2:2882\", \"10.0.0.3:2882\"], membership_version:{proposal_id:1, config_seq:2}, replica_num:3}, prepare_ok:true, accept_ok_promised_ts:invalid, follower_promise_membership_version:{proposal_id:1, config_seq:2}}, priority_seed:0x1000, restart_counter:0, last_do_prepare_ts:2024-03-05 10:21:40.8772, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.2:2882;role=Leader;ballot=8", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect_takeover, "ELECT", "leader takeover success",
     "[2021-08-02 16:56:44.100000] DEBUG [ELECT] leader_takeover (ob_election.cpp:2080) [3710][1861][Y0-0000000000000000] [lt=6] [dc=0] leader takeover success(election={partition:{tid:1100611139458321, partition_id:710, part_cnt:0}, is_running:true, self:\"11.1.2.3:2882\", current_leader:\"11.1.2.3:2882\"})",
     "tenant=1001;table=1100611139458321;partition=710;self=11.1.2.3:2882", "synthetic (3.x layout, reference §3.2)"},
    {EventKind::elect_change_leader_takeover, "ELECT", "change leader, new leader takeover success",
     "[2024-03-05 10:30:00.100000] INFO  [ELECT] operator() (election_proposer.cpp:550) [28513][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9] [LogPhase::CHANGE_LEADER]change leader, new leader takeover success(ret=0, *this={ls_id:{id:1001}, addr:\"10.0.0.2:2882\", role:Leader, ballot_number:8, lease_interval:4.00s, memberlist_with_states:{member_list:{addr_list:[\"10.0.0.1:2882\", \"10.0.0.2:2882\", \"10.0.0.3:2882\"], membership_version:{proposal_id:1, config_seq:2}, replica_num:3}, prepare_ok:true, accept_ok_promised_ts:invalid, follower_promise_membership_version:{proposal_id:1, config_seq:2}}, priority_seed:0x1000, restart_counter:0, last_do_prepare_ts:2024-03-05 10:21:40.8772, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.2:2882;role=Leader", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect_change_leader_takeover, "ELECT", "change leader, leader takeover success",
     "[2021-08-02 16:56:45.000000] INFO  [ELECT] change_leader_ (ob_election.cpp:1116) [3710][1861][Y0-0000000000000000] [lt=6] [dc=0] change leader, leader takeover success(election={partition:{tid:1099511627971, partition_id:14, part_cnt:0}, self:\"11.1.2.4:2882\"})",
     "tenant=1;table=1099511627971;partition=14;self=11.1.2.4:2882", "synthetic (3.x layout, reference §3.2)"},
    {EventKind::elect_change_leader_revoke, "ELECT", "change leader, old leader revoke",
     "[2024-03-05 10:30:00.050000] INFO  [ELECT] operator() (election_proposer.cpp:648) [28513][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9] [LogPhase::CHANGE_LEADER]change leader, old leader revoke(ret=0, *this={ls_id:{id:1001}, addr:\"10.0.0.1:2882\", role:Follower, ballot_number:8, lease_interval:4.00s, memberlist_with_states:{member_list:{addr_list:[\"10.0.0.1:2882\", \"10.0.0.2:2882\", \"10.0.0.3:2882\"], membership_version:{proposal_id:1, config_seq:2}, replica_num:3}, prepare_ok:true, accept_ok_promised_ts:invalid, follower_promise_membership_version:{proposal_id:1, config_seq:2}}, priority_seed:0x1000, restart_counter:0, last_do_prepare_ts:2024-03-05 10:21:40.8772, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.1:2882;role=Follower", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect_vote, "ELECT", "vote when lease expired",
     "[2024-03-05 10:21:40.877200] INFO  [ELECT] operator() (election_acceptor.cpp:165) [28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9] [LogPhase::ELECT_LEADER]vote when lease expired(ret=0, msg={sender:\"10.0.0.2:2882\", receiver:\"10.0.0.3:2882\", ballot_number:8}, *this={ls_id:{id:1001}, addr:\"10.0.0.3:2882\", ballot_number:8, ballot_of_time_window:8, lease:{owner:\"10.0.0.2:2882\", lease_end_ts:{span_from_now:3.998s, expired_time_point:10:21:45.001}, ballot_number:8}, is_time_window_opened:false, vote_reason:the only request, last_time_window_open_ts:2024-03-05 10:21:40.8772, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.3:2882;reason=the only request", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect_vote, "ELECT", "time window closed, send vote",
     "[2024-03-05 10:21:40.977200] INFO  [ELECT] operator() (election_acceptor.cpp:189) [28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9] [LogPhase::ELECT_LEADER]time window closed, send vote(ret=0, *this={ls_id:{id:1001}, addr:\"10.0.0.3:2882\", ballot_number:8, ballot_of_time_window:8, lease:{owner:\"10.0.0.2:2882\", lease_end_ts:{span_from_now:3.998s, expired_time_point:10:21:45.001}, ballot_number:8}, is_time_window_opened:false, vote_reason:the only request, last_time_window_open_ts:2024-03-05 10:21:40.8772, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.3:2882;reason=the only request", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect_cant_vote, "ELECT", "can't vote now",
     "[2024-03-05 10:21:40.577200] INFO  [ELECT] operator() (election_acceptor.cpp:170) [28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9] [LogPhase::ELECT_LEADER]can't vote now(ret=0, *this={ls_id:{id:1001}, addr:\"10.0.0.3:2882\", ballot_number:8, ballot_of_time_window:8, lease:{owner:\"10.0.0.2:2882\", lease_end_ts:{span_from_now:3.998s, expired_time_point:10:21:45.001}, ballot_number:8}, is_time_window_opened:false, vote_reason:the only request, last_time_window_open_ts:2024-03-05 10:21:40.8772, p_election:0x7f5a2c81e030})",
     "tenant=1002;ls=1001;self=10.0.0.3:2882", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect_role_change, "ELECT", "this is default role change callback",
     "[2024-03-05 10:21:36.500098] INFO  [ELECT] operator() (election_impl.cpp:42) [28513][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=5] this is default role change callback(obj_to_string(before)=\"Leader\", obj_to_string(after)=\"Follower\", obj_to_string(reason)=\"renew lease failed, lease expired, self to be follower\", election={is_inited:true, is_running:true, proposer:{...}, acceptor:{...}, ...})",
     "tenant=1002;old_role=Leader;role=Follower;reason=renew lease failed, lease expired, self to be follower", "reference §1.10 (built from the format code)"},
    {EventKind::elect_message_delay, "ELECT", "request serialize in src too delay",
     "[2024-03-05 10:21:30.100000] WDIAG [ELECT] check_debug_ts (election_message.cpp:50) [28515][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=4][errcode=-4016] request serialize in src too delay(msg={sender:\"10.0.0.2:2882\", receiver:\"10.0.0.1:2882\", ls_id:{id:1001}}, req_debug_ts={src_construct_ts:21:30.100000, src_serialize_ts:21:30.100010, dest_deserialize_ts:21:30.950000, dest_process_ts:21:30.950100, process_delay:0}, diff=850000, max_diff=850100, warn_threshold=200000, recaculated_warn_threshold=200000)",
     "tenant=1002;ls=1001;diff_us=850000;peer=10.0.0.2:2882", "synthetic (reference §3.1 message-delay warnings)"},
    {EventKind::elect_message_delay, "ELECT", "request deserialize in dest too delay",
     "[2024-03-05 10:21:31.100000] WDIAG [ELECT] check_debug_ts (election_message.cpp:55) [28515][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=4][errcode=-4016] request deserialize in dest too delay(msg={sender:\"10.0.0.2:2882\", receiver:\"10.0.0.1:2882\", ls_id:{id:1001}}, req_debug_ts={src_construct_ts:21:30.100000, src_serialize_ts:21:30.100010, dest_deserialize_ts:21:30.950000, dest_process_ts:21:30.950100, process_delay:0}, diff=850000, max_diff=850100, warn_threshold=200000, recaculated_warn_threshold=200000)",
     "tenant=1002;ls=1001;diff_us=850000;peer=10.0.0.2:2882", "synthetic (reference §3.1 message-delay warnings)"},
    {EventKind::elect_message_delay, "ELECT", "request process in dest too delay",
     "[2024-03-05 10:21:32.100000] WDIAG [ELECT] check_debug_ts (election_message.cpp:60) [28515][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=4][errcode=-4016] request process in dest too delay(msg={sender:\"10.0.0.2:2882\", receiver:\"10.0.0.1:2882\", ls_id:{id:1001}}, req_debug_ts={src_construct_ts:21:30.100000, src_serialize_ts:21:30.100010, dest_deserialize_ts:21:30.950000, dest_process_ts:21:30.950100, process_delay:0}, diff=850000, max_diff=850100, warn_threshold=200000, recaculated_warn_threshold=200000)",
     "tenant=1002;ls=1001;diff_us=850000;peer=10.0.0.2:2882", "synthetic (reference §3.1 message-delay warnings)"},
    {EventKind::elect_message_delay, "ELECT", "response construct in src too delay",
     "[2024-03-05 10:21:33.100000] WDIAG [ELECT] check_debug_ts (election_message.cpp:65) [28515][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=4][errcode=-4016] response construct in src too delay(msg={sender:\"10.0.0.2:2882\", receiver:\"10.0.0.1:2882\", ls_id:{id:1001}}, req_debug_ts={src_construct_ts:21:30.100000, src_serialize_ts:21:30.100010, dest_deserialize_ts:21:30.950000, dest_process_ts:21:30.950100, process_delay:0}, diff=850000, max_diff=850100, warn_threshold=200000, recaculated_warn_threshold=200000)",
     "tenant=1002;ls=1001;diff_us=850000;peer=10.0.0.2:2882", "synthetic (reference §3.1 message-delay warnings)"},
    {EventKind::elect_message_delay, "ELECT", "response serialize in src too delay",
     "[2024-03-05 10:21:34.100000] WDIAG [ELECT] check_debug_ts (election_message.cpp:70) [28515][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=4][errcode=-4016] response serialize in src too delay(msg={sender:\"10.0.0.2:2882\", receiver:\"10.0.0.1:2882\", ls_id:{id:1001}}, req_debug_ts={src_construct_ts:21:30.100000, src_serialize_ts:21:30.100010, dest_deserialize_ts:21:30.950000, dest_process_ts:21:30.950100, process_delay:0}, diff=850000, max_diff=850100, warn_threshold=200000, recaculated_warn_threshold=200000)",
     "tenant=1002;ls=1001;diff_us=850000;peer=10.0.0.2:2882", "synthetic (reference §3.1 message-delay warnings)"},
    {EventKind::elect_message_delay, "ELECT", "response deserialize in dest too delay",
     "[2024-03-05 10:21:35.100000] WDIAG [ELECT] check_debug_ts (election_message.cpp:75) [28515][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=4][errcode=-4016] response deserialize in dest too delay(msg={sender:\"10.0.0.2:2882\", receiver:\"10.0.0.1:2882\", ls_id:{id:1001}}, req_debug_ts={src_construct_ts:21:30.100000, src_serialize_ts:21:30.100010, dest_deserialize_ts:21:30.950000, dest_process_ts:21:30.950100, process_delay:0}, diff=850000, max_diff=850100, warn_threshold=200000, recaculated_warn_threshold=200000)",
     "tenant=1002;ls=1001;diff_us=850000;peer=10.0.0.2:2882", "synthetic (reference §3.1 message-delay warnings)"},
    {EventKind::elect_message_delay, "ELECT", "response process in dest too delay",
     "[2024-03-05 10:21:36.100000] WDIAG [ELECT] check_debug_ts (election_message.cpp:80) [28515][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=4][errcode=-4016] response process in dest too delay(msg={sender:\"10.0.0.2:2882\", receiver:\"10.0.0.1:2882\", ls_id:{id:1001}}, req_debug_ts={src_construct_ts:21:30.100000, src_serialize_ts:21:30.100010, dest_deserialize_ts:21:30.950000, dest_process_ts:21:30.950100, process_delay:0}, diff=850000, max_diff=850100, warn_threshold=200000, recaculated_warn_threshold=200000)",
     "tenant=1002;ls=1001;diff_us=850000;peer=10.0.0.2:2882", "synthetic (reference §3.1 message-delay warnings)"},
    {EventKind::elect_message_delay, "ELECT", "max_diff too delay",
     "[2024-03-05 10:21:37.100000] WDIAG [ELECT] check_debug_ts (election_message.cpp:85) [28515][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=4][errcode=-4016] max_diff too delay(msg={sender:\"10.0.0.2:2882\", receiver:\"10.0.0.1:2882\", ls_id:{id:1001}}, req_debug_ts={src_construct_ts:21:30.100000, src_serialize_ts:21:30.100010, dest_deserialize_ts:21:30.950000, dest_process_ts:21:30.950100, process_delay:0}, diff=850000, max_diff=850100, warn_threshold=200000, recaculated_warn_threshold=200000)",
     "tenant=1002;ls=1001;diff_us=850000;peer=10.0.0.2:2882", "synthetic (reference §3.1 message-delay warnings)"},
    {EventKind::elect_stopped, "ELECT", "election stopped",
     "[2024-03-05 10:40:00.000000] INFO  [ELECT] operator() (election_impl.cpp:145) [28511][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=9] [LogPhase::DESTROY]election stopped(ret=0, ls_id={id:1001}, self_addr=\"10.0.0.1:2882\")",
     "tenant=1002;ls=1001;self=10.0.0.1:2882", "synthetic (built from the format code in reference §3.1)"},
    {EventKind::elect3_lease_expired, "ELECT", "leader lease is expired",
     "[2018-09-27 23:09:04.950617] ERROR [ELECT] run_gt1_task (ob_election.cpp:1425) [38589][Y0-0000000000000000] [log=25]leader lease is expired(election={partition:{tid:1100611139458321, partition_id:710, part_cnt:0}, is_running:true, is_offline:false, is_changing_leader:false, self:\"11.xx.xx.xx:2882\", proposal_leader:\"0.0.0.0\", cur_leader:\"0.0.0.0\", curr_candidates:3{server:\"100.xx.xx.xx:2882\", timestamp:1538050146803352, flag:0}{server:\"11.xx.xx.xx:2882\", timestamp:1538050146803352, flag:0}{server:\"100.xx.xx.xx:2882\", timestamp:1538050146803352, flag:0}, curr_membership_version:0, leader_lease:[0, 0], election_time_offset:350000, active_timestamp:1538050146456812, T1_timestamp:1538069944600000, leader_epoch:1538050145800000, state:0, role:0, stage:1, type:-1, replica_num:3, unconfirmed_leader:\"11.xx.xx.xx:2882\", takeover_t1_timestamp:1538069933400000, is_need_query:false, valid_candidates:0, cluster_version:4295229511, change_leader_timestamp:0, ignore_log:false, leader_revoke_timestamp:1538069944600553, vote_period:4, lease_time:9800000}, old_leader=\"11.xx.xx.xx:2882\")",
     "tenant=1001;table=1100611139458321;partition=710;self=11.xx.xx.xx:2882;old_leader=11.xx.xx.xx:2882", "seeds/oceanbase-no-leader-troubleshooting.txt (real line quoted by the guide)"},
    {EventKind::elect3_leader_revoke, "ELECT", "leader_revoke, please attention!",
     "[2021-08-02 16:56:44.000002] ERROR [ELECT] run_gt1_task (ob_election.cpp:2631) [2210][611][Y0-0000000000000000] [lt=5] [dc=0] leader_revoke, please attention!(revoke reason=\"leader lease expired\", election={is_running:true, ...}) BACKTRACE:0x...",
     "reason=leader lease expired", "reference §1.10 (built from the format code)"},
    {EventKind::elect3_message_not_in_time, "ELECT", "message not in time",
     "[2021-08-02 16:56:41.000000] WARN  [ELECT] handle_vote_prepare (ob_election.cpp:316) [3710][1861][Y0-0000000000000000] [lt=6] [dc=0] message not in time(ret=-7011, election={partition:{tid:1099511627971, partition_id:14, part_cnt:0}, self:\"11.1.2.3:2882\"}, msg={sender:\"11.1.2.4:2882\"}, cur_ts=1627894601000000, msg fly cost=2300000, delta over msg_real_t1=2100000)",
     "tenant=1;table=1099511627971;partition=14;ret=-7011;fly_us=2300000", "synthetic (3.x, reference §3.2)"},
    {EventKind::palf_dump, "PALF", "[PALF_DUMP]",
     "[2024-03-05 10:21:50.000777] INFO  [PALF] check_and_switch_state (palf_handle_impl.cpp:2603) [29010][T1002_LogLoop][T1002][Y0-0000000000000000-0-0] [lt=12] [PALF_DUMP](palf_id=1001, self=\"10.0.0.1:2882\", [SlidingWindow]={palf_id:1001, self:\"10.0.0.1:2882\", ...}, [StateMgr]={this:0x7f.., self:\"10.0.0.1:2882\", palf_id:1001, role:\"LEADER\", replica_type:\"NORMAL_REPLICA\", state:\"ACTIVE\", ...}, [ConfigMgr]={...}, [ModeMgr]={...}, [LogEngine]={...}, [Reconfirm]={...})",
     "tenant=1002;ls=1001;self=10.0.0.1:2882;role=LEADER;state=ACTIVE", "reference §1.10 (built from the format code)"},
    {EventKind::palf_switch_state, "PALF", "switch_state",
     "[2024-03-05 10:22:00.000100] INFO  [PALF] switch_state (log_state_mgr.cpp:334) [29010][T1002_LogLoop][T1002][Y0-0000000000000000-0-0] [lt=4] switch_state(ret=0, palf_id=1001, old_role=1, role=2, old_state=2, state=4, old_leader=\"10.0.0.1:2882\", leader=\"10.0.0.2:2882\", old_leader_epoch=7, leader_epoch=9, need_next_loop=true, diff=41)",
     "tenant=1002;ls=1001;old_role=LEADER;role=FOLLOWER;old_state=ACTIVE;state=PENDING;old_leader=10.0.0.1:2882;leader=10.0.0.2:2882;epoch=9", "reference §1.10 (built from the format code)"},
    {EventKind::palf_event, "PALF", "[PALF_EVENT] ",
     "[2024-03-05 10:21:41.100000] INFO  [PALF] follower_active_to_reconfirm_ (log_state_mgr.cpp:420) [29010][T1002_LogLoop][T1002][Y0-0000000000000000-0-0] [lt=7] [PALF_EVENT] follower_active_to_reconfirm(palf_id=1001, self=\"10.0.0.2:2882\", new_proposal_id=9)",
     "tenant=1002;ls=1001;self=10.0.0.2:2882;transition=follower_active_to_reconfirm", "synthetic (reference §4.1 PALF_EVENT)"},
    {EventKind::reconfirm_progress, "PALF", "[PALF_EVENT] Reconfirm come into ",
     "[2024-03-05 10:21:41.200000] INFO  [PALF] reconfirm (log_reconfirm.cpp:520) [29010][T1002_LogLoop][T1002][Y0-0000000000000000-0-0] [lt=7] [PALF_EVENT] Reconfirm come into FETCH_MAX_LOG_LSN state(palf_id=1001, self=\"10.0.0.2:2882\")",
     "tenant=1002;ls=1001;self=10.0.0.2:2882;transition=FETCH_MAX_LOG_LSN", "synthetic (reference §4.1 reconfirm)"},
    {EventKind::reconfirm_finished, "PALF", "[PALF_EVENT] Reconfirm come into FINISHED state",
     "[2024-03-05 10:21:41.300000] INFO  [PALF] reconfirm (log_reconfirm.cpp:601) [29010][T1002_LogLoop][T1002][Y0-0000000000000000-0-0] [lt=7] [PALF_EVENT] Reconfirm come into FINISHED state(palf_id=1001, self=\"10.0.0.2:2882\", saved_end_lsn={lsn:123456})",
     "tenant=1002;ls=1001;self=10.0.0.2:2882;transition=FINISHED", "synthetic (reference §4.1 reconfirm)"},
    {EventKind::reconfirm_finished, "PALF", "[PALF_EVENT] reconfirm_to_leader_active end",
     "[2024-03-05 10:21:41.310000] INFO  [PALF] reconfirm_to_leader_active (log_state_mgr.cpp:690) [29010][T1002_LogLoop][T1002][Y0-0000000000000000-0-0] [lt=7] [PALF_EVENT] reconfirm_to_leader_active end(palf_id=1001, self=\"10.0.0.2:2882\", reconfirm_to_active_cost=310000, role=\"LEADER\", state=\"ACTIVE\")",
     "tenant=1002;ls=1001;self=10.0.0.2:2882;role=LEADER;state=ACTIVE;cost_us=310000", "synthetic (reference §4.1 PALF_EVENT)"},
    {EventKind::reconfirm_failed, "PALF", "reconfirm failed",
     "[2024-03-05 10:21:42.000000] WDIAG [PALF] reconfirm (log_reconfirm.cpp:634) [29010][T1002_LogLoop][T1002][Y0-0000000000000000-0-0] [lt=7][errcode=-4038] reconfirm failed(ret=-4038, palf_id=1001, state=3)",
     "tenant=1002;ls=1001;ret=-4038", "synthetic (reference §4.1 reconfirm failure)"},
    {EventKind::reconfirm_timeout, "PALF", "leader reconfirm timeout",
     "[2024-03-05 10:21:52.000000] WDIAG [PALF] check_leader_reconfirm_timeout_ (log_state_mgr.cpp:861) [29010][T1002_LogLoop][T1002][Y0-0000000000000000-0-0] [lt=7][errcode=-4012] leader reconfirm timeout(palf_id=1001, start_id=16282, is_sw_timeout=false, reconfirm={palf_id:1001, self:\"10.0.0.2:2882\", state:\"FETCH_MAX_LOG_LSN\"})",
     "tenant=1002;ls=1001;self=10.0.0.2:2882", "synthetic (reference §4.1 reconfirm timeout)"},
    {EventKind::log_sync_timeout, "PALF", "log sync timeout on leader",
     "[2024-03-05 10:22:10.000000] WDIAG [PALF] check_leader_log_sync_state_ (log_state_mgr.cpp:930) [29010][T1002_LogLoop][T1002][Y0-0000000000000000-0-0] [lt=7][errcode=-4012] log sync timeout on leader(palf_id=1001, self=\"10.0.0.2:2882\", now_us=1709605330000000, last_check_start_id_time_us=1709605319000000, start_id=16282)",
     "tenant=1002;ls=1001;self=10.0.0.2:2882", "synthetic (reference §4.1 sliding-window stall)"},
    {EventKind::sw_check_v3, "CLOG", "check_leader_sliding_window_not_slide_",
     "[2021-08-02 16:56:42.340958] INFO  [CLOG] ob_log_state_mgr.cpp:2285 [3710][1861][Y0-0000000000000000] [lt=13] [dc=0] check_leader_sliding_window_not_slide_(partition_key={tid:1099511627971, partition_id:14, part_cnt:0})",
     "tenant=1;table=1099511627971;partition=14", "reference §1.10 (built from the format code)"},
    {EventKind::sw_need_switch_v3, "CLOG", "leader_active_need_switch_",
     "[2022-11-29 11:19:12.239777] ERROR [CLOG] check_leader_sliding_window_not_slide_ (ob_log_state_mgr.cpp:2243) [7393][0][Y0-0000000000000000-0-0] [lt=66] leader_active_need_switch_(partition_key={tid:1099511627898, partition_id:2, part_cnt:0}, now=1669691952239687, last_check_start_id_time_=1669691939215423, sw max_log_id=16282, start_id=16282) BACKTRACE:0xfbdfc9f 0xfbc93dd 0x55391ef 0x9c0a1f9 0x9af215d 0x532d801 0x532c0ae 0x532bc69 0x532bb4f 0x529b6a6 0x9adee54 0x5522e04 0xfa8d123 0xfa8cf7f 0xfd6284f",
     "tenant=1;table=1099511627898;partition=2", "seeds/oceanbase-no-leader-troubleshooting.txt (real line quoted by the guide)"},
    {EventKind::log_disk_full, "*", "Log out of disk space",
     "[2024-03-05 10:22:01.100000] ERROR try_recycle_blocks (palf_env_impl.cpp:762) [29020][T1002_PalfGC][T1002][Y0-0000000000000000-0-0] [lt=3][errcode=-4264] Log out of disk space(msg=\"log disk space is almost full\", ret=-4264, total_size(MB)=2048, used_size(MB)=1946, used_percent(%)=95, warn_size(MB)=1638, warn_percent(%)=80, limit_size(MB)=1945, limit_percent(%)=95, total_unrecyclable_size_byte(MB)=1900, maximum_used_size(MB)=1900, maximum_log_stream=1001, oldest_log_stream=1001, oldest_scn={val:1709600000000000000, v:0})",
     "tenant=1002;used_pct=95;limit_pct=95;total_mb=2048;used_mb=1946;ret=-4264", "reference §1.10 (built from the format code)"},
    {EventKind::log_disk_full, "PALF", "clog disk space is almost full",
     "[2024-03-05 10:22:01.200000] ERROR [PALF] try_recycle_blocks (palf_env_impl.cpp:700) [29010][T1002_PalfGC][T1002][Y0-0000000000000000-0-0] [lt=7] clog disk space is almost full(total_size(MB)=2048, used_size(MB)=1980, used_percent(%)=96, warn_percent(%)=80, limit_percent(%)=95)",
     "tenant=1002;used_pct=96;limit_pct=95;total_mb=2048;used_mb=1980", "synthetic (4.0 variant, reference §4.1)"},
    {EventKind::log_disk_full, "CLOG", "clog disk is almost full",
     "[2021-08-02 16:56:50.000001] ERROR [CLOG] update_free_quota (ob_log_file_pool.cpp:465) [77084][0][Y0-0000000000000000] [lt=3] [dc=0] clog disk is almost full(type_=0, total_size=1888745000960, free_quota=-198549053440, warn_percent(%)=80, limit_percent=95, used_percent(%)=90)",
     "used_pct=90;limit_pct=95", "reference §4.2 (real 3.x line, timestamp added)"},
    {EventKind::disk_hung, "*", "disk is hung",
     "[2024-03-05 10:22:03.000000] ERROR detect_clog_disk_hang_ (ob_failure_detector.cpp:348) [29010][T1002_Occam][T1002][Y0-0000000000000000-0-0] [lt=7][errcode=-4392] disk is hung(msg=\"clog disk may be hung, add failure event\", clog_disk_hang_event={type:PROCESS HANG, module:LOG, info:clog disk hang event, level:FATAL}, clog_disk_last_working_time=1709605300000000, hung time=23000000)",
     "tenant=1002;info=clog disk may be hung, add failure event", "synthetic (reference §3.1 failure detector)"},
    {EventKind::alloc_failed, "*", "[OOPS]",
     "[2024-03-05 10:22:04.000000] WARN  alloc_memory (ob_tenant_ctx_allocator.cpp:455) [29010][T1002_L0_G0][T1002][Y0-0000000000000000-0-0] [lt=7][errcode=-4013] [OOPS](alloc failed reason=\"tenant memory has reached the upper limit(tenant_id: 1002, tenant_hold: 2147483648, tenant_limit: 2147483648, alloc_size: 2097152)\")",
     "tenant=1002;reason=tenant memory has reached the upper limit(tenant_id: 1002, tenant_hold: 2147483648, tenant_limit: 2147483648, alloc_size: 2097152)", "synthetic (reference §4.1 memory)"},
    {EventKind::memory_limit, "*", "oops, alloc failed",
     "[2024-03-05 10:22:04.000100] WARN  [LIB] alloc_memory (ob_tenant_ctx_allocator.cpp:456) [29010][T1002_L0_G0][T1002][Y0-0000000000000000-0-0] [lt=7][errcode=-4013] oops, alloc failed, tenant_id=1002, ctx_id=0, ctx_name=DEFAULT_CTX_ID, ctx_hold=2145386496, ctx_limit=9223372036854775807, tenant_hold=2147483648, tenant_limit=2147483648",
     "tenant=1002;tenant_hold=2147483648;tenant_limit=2147483648", "synthetic (reference §4.1 memory)"},
    {EventKind::memstore_limit, "*", "this tenant is already out of memstore limit",
     "[2024-03-05 10:22:05.000000] WDIAG [STORAGE] check_memstore_full (ob_tenant_freezer.cpp:1170) [29010][T1002_L0_G0][T1002][Y0-0000000000000000-0-0] [lt=7][errcode=-4030] this tenant is already out of memstore limit(tenant_id=1002, memstore_used=1717986918, memstore_limit=1717986918)",
     "tenant=1002", "synthetic (reference §4.1 memstore)"},
    {EventKind::clock_out_of_order, "STORAGE.TRANS", "clock out of order",
     "[2024-03-05 10:22:06.000000] WDIAG [STORAGE.TRANS] run1 (ob_clock_generator.cpp:111) [29010][ClockGenerator][T0][Y0-0000000000000000-0-0] [lt=7][errcode=-4015] clock out of order(cur_ts=1709605326000000, cur_ts_=1709605329000000, delta=-3000000)",
     "delta=-3000000", "synthetic (reference §4.1 clock)"},
    {EventKind::clock_hw_skew, "*", "Hardware clock skew",
     "[2024-03-05 10:22:06.500000] WDIAG run1 (ob_timer.cpp:438) [29010][ServerGTimer][T0][Y0-0000000000000000-0-0] [lt=7][errcode=-4015] Hardware clock skew(rt1=1709605326500000, rt2=1709605326530000, wakeup_time=1709605326500000, now=1709605326530000)",
     "info=Hardware clock skew", "synthetic (reference §4.1 clock)"},
    {EventKind::clock_diff_v3, "SHARE", "[SERVER_BLACKLIST] clock diff time is too large, attention !",
     "[2021-08-02 16:57:00.000000] WARN  [SHARE] do_clockdiff (ob_server_blacklist.cpp:109) [3710][1861][Y0-0000000000000000] [lt=6] [dc=0] [SERVER_BLACKLIST] clock diff time is too large, attention !(clockdiff_time=2600000, member={server:\"11.1.2.4:2882\", timestamp:1627894620000000, flag:0})",
     "delta=2600000;peer=11.1.2.4:2882", "synthetic (3.x, reference §3.2)"},
    {EventKind::packet_fly_slow, "RPC.OBRPC", "packet fly cost too much time",
     "[2024-03-05 10:22:02.000000] WDIAG [RPC.OBRPC] decode (ob_rpc_net_handler.cpp:199) [4012][RpcIO][T0][Y0-0000000000000000-0-0] [lt=2][errcode=-4389] packet fly cost too much time(pcode=1567, fly_ts=143021, send_timestamp=1709605321856979, connection=\"10.0.0.1:2882_10.0.0.2:46612_123_0x7f.. tp=0 t=...-... s=3 r=0 io=.../... sq=0\")",
     "fly_us=143021;send_us=1709605321856979;peer=10.0.0.2:46612", "reference §1.10 (built from the format code)"},
    {EventKind::rcs_begin, "CLOG", "begin handle_role_change_event_",
     "[2024-03-05 10:21:50.123456] INFO  [CLOG] handle (ob_role_change_service.cpp:216) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=8] begin handle_role_change_event_(sequence:=1709605310123400, event={event_type:2, ls_id:{id:1001}, dst_addr:\"0.0.0.0:0\"})",
     "tenant=1002;ls=1001;sequence=1709605310123400;event_type=2;dst_addr=0.0.0.0:0", "reference §1.10 (built from the format code)"},
    {EventKind::rcs_end, "CLOG", "end handle_role_change_event_",
     "[2024-03-05 10:21:50.124300] INFO  [CLOG] handle (ob_role_change_service.cpp:223) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7] end handle_role_change_event_(sequence:=1709605310123400, event={event_type:2, ls_id:{id:1001}, dst_addr:\"0.0.0.0:0\"})",
     "tenant=1002;ls=1001;sequence=1709605310123400;event_type=2", "synthetic (reference §5)"},
    {EventKind::rcs_failed, "CLOG", "handle_role_change_event_ failed",
     "[2024-03-05 10:21:50.124000] WDIAG [CLOG] handle (ob_role_change_service.cpp:219) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7][errcode=-4023] handle_role_change_event_ failed(ret=-4023, event={event_type:1, ls_id:{id:1001}, dst_addr:\"10.0.0.3:2882\"}, retry_ctx={reason:1})",
     "tenant=1002;ls=1001;ret=-4023;event_type=1;dst_addr=10.0.0.3:2882", "synthetic (reference §5)"},
    {EventKind::rcs_failed, "CLOG", "retry submit role change event failed",
     "[2024-03-05 10:21:50.125000] WDIAG [CLOG] handle (ob_role_change_service.cpp:226) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7][errcode=-4023] retry submit role change event failed(ls_id={id:1001}, retry_ctx={reason:1})",
     "tenant=1002;ls=1001", "synthetic (reference §5)"},
    {EventKind::rcs_step, "CLOG", "begin change leader",
     "[2024-03-05 10:21:50.000000] INFO  [CLOG] handle_role_change_event_ (ob_role_change_service.cpp:300) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7] begin change leader(ret=0, ls_id={id:1001})",
     "tenant=1002;ls=1001;transition=begin change leader", "synthetic (reference §5 message list)"},
    {EventKind::rcs_step, "CLOG", "end change leader",
     "[2024-03-05 10:21:51.000000] INFO  [CLOG] handle_role_change_event_ (ob_role_change_service.cpp:310) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7] end change leader(ret=0, ls_id={id:1001})",
     "tenant=1002;ls=1001;transition=end change leader", "synthetic (reference §5 message list)"},
    {EventKind::rcs_step, "CLOG", "switch_follower_to_leader_ success",
     "[2024-03-05 10:21:52.000000] INFO  [CLOG] handle_role_change_event_ (ob_role_change_service.cpp:320) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7] switch_follower_to_leader_ success(ret=0, ls_id={id:1001})",
     "tenant=1002;ls=1001;transition=switch_follower_to_leader_ success", "synthetic (reference §5 message list)"},
    {EventKind::rcs_step, "CLOG", "switch_leader_to_follower_forcedly_ success",
     "[2024-03-05 10:21:53.000000] INFO  [CLOG] handle_role_change_event_ (ob_role_change_service.cpp:330) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7] switch_leader_to_follower_forcedly_ success(ret=0, ls_id={id:1001})",
     "tenant=1002;ls=1001;transition=switch_leader_to_follower_forcedly_ success", "synthetic (reference §5 message list)"},
    {EventKind::rcs_step, "CLOG", "switch_to_follower_gracefully success",
     "[2024-03-05 10:21:54.000000] INFO  [CLOG] handle_role_change_event_ (ob_role_change_service.cpp:340) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7] switch_to_follower_gracefully success(ret=0, ls_id={id:1001})",
     "tenant=1002;ls=1001;transition=switch_to_follower_gracefully success", "synthetic (reference §5 message list)"},
    {EventKind::rcs_step, "CLOG", "switch_leader_to_follower_gracefully failed, revoke leader",
     "[2024-03-05 10:21:55.000000] INFO  [CLOG] handle_role_change_event_ (ob_role_change_service.cpp:350) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7] switch_leader_to_follower_gracefully failed, revoke leader(ret=0, ls_id={id:1001})",
     "tenant=1002;ls=1001;transition=switch_leader_to_follower_gracefully failed, revoke leader", "synthetic (reference §5 message list)"},
    {EventKind::rcs_step, "CLOG", "change_leader success",
     "[2024-03-05 10:21:56.000000] INFO  [CLOG] handle_role_change_event_ (ob_role_change_service.cpp:360) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7] change_leader success(ret=0, ls_id={id:1001})",
     "tenant=1002;ls=1001;transition=change_leader success", "synthetic (reference §5 message list)"},
    {EventKind::rcs_step, "CLOG", "wait replay done return false, need retry",
     "[2024-03-05 10:21:57.000000] INFO  [CLOG] handle_role_change_event_ (ob_role_change_service.cpp:370) [30001][T1002_RCSrv0][T1002][Y0-0000000000000000-0-0] [lt=7] wait replay done return false, need retry(ret=0, ls_id={id:1001})",
     "tenant=1002;ls=1001;transition=wait replay done return false, need retry", "synthetic (reference §5 message list)"},
    {EventKind::server_status, "RS", "server hb status change",
     "[2024-03-05 10:21:40.600000] INFO  [RS] set_server_hb_status (ob_server_manager.cpp:1244) [27001][T1_HBService][T1][Y0-0000000000000000-0-0] [lt=7] server hb status change(server=\"10.0.0.2:2882\", from_hb_status=\"alive\", to_hb_status=\"lease_expired\")",
     "server=10.0.0.2:2882;status=lease_expired", "synthetic (rootservice reference §1)"},
    {EventKind::server_status, "RS", "[HEARTBEAT_SERVICE] the server's lease becomes expired",
     "[2024-03-05 10:21:40.512345] INFO  [RS] update_server_hb_info_ (ob_heartbeat_service.cpp:946) [27001][T1_HBService][T1][YB420A000001-000612A1B2C3D4E5-0-0] [lt=9] [HEARTBEAT_SERVICE] the server's lease becomes expired'(server=\"10.0.0.2:2882\", time_diff=10002345)",
     "server=10.0.0.2:2882;status=lease_expired", "rootservice reference (built from the format code)"},
    {EventKind::server_status, "RS", "[HEARTBEAT_SERVICE] the server becomes permanent offline",
     "[2024-03-05 11:21:40.512345] INFO  [RS] update_server_hb_info_ (ob_heartbeat_service.cpp:940) [27001][T1_HBService][T1][Y0-0000000000000000-0-0] [lt=7] [HEARTBEAT_SERVICE] the server becomes permanent offline(server=\"10.0.0.2:2882\", time_diff=3600002345)",
     "server=10.0.0.2:2882;status=permanent_offline", "synthetic (rootservice reference §1)"},
    {EventKind::drop_object, "RS", "drop tenant",
     "[2024-03-05 10:40:00.000000] INFO  [RS] drop_tenant (ob_ddl_service.cpp:25088) [27100][T1_DDLQueueTh0][T1][Y0-0000000000000000-0-0] [lt=7] drop tenant(arg={tenant_name:t1, if_exist:false, delay_to_drop:true, force_drop:false, object_name:, open_recyclebin:false, tenant_id:1002, drop_only_in_restore:false}, ret=0, ret=\"OB_SUCCESS\")",
     "object=tenant 1002", "synthetic (rootservice reference §2.1)"},
    {EventKind::drop_object, "SERVER.OMT", "[DELETE_TENANT] succ to receive notify of dropping tenant",
     "[2024-03-05 10:40:01.000000] INFO  [SERVER.OMT] check_del_tenant (ob_tenant_node_balancer.cpp:233) [27200][OmtNodeBalancer][T0][Y0-0000000000000000-0-0] [lt=7] [DELETE_TENANT] succ to receive notify of dropping tenant(tenant_id=1002)",
     "object=tenant 1002", "synthetic (rootservice reference §2.2)"},
    {EventKind::drop_object, "CLOG", "remove_ls success",
     "[2024-03-05 10:40:30.000000] INFO  [CLOG] execute_gc_ (ob_garbage_collector.cpp:1653) [29010][T1002_GCCollect][T1002][Y0-0000000000000000-0-0] [lt=7] remove_ls success(id={id:1001}, gc_reason=2)",
     "tenant=1002;ls=1001;object=log stream 1001", "synthetic (rootservice reference §2.3)"},
};
// clang-format on

constexpr std::array<std::string_view, kEventKindCount> kKindNames{
#define PAXRAY_NAME(id, name) name,
    PAXRAY_EVENT_KINDS(PAXRAY_NAME)
#undef PAXRAY_NAME
};

constexpr std::array<std::string_view, kAttrCount> kAttrNames{
    "self",     "owner",   "leader",   "old_leader", "role",      "state",      "old_role",   "old_state",
    "reason",   "ballot",  "epoch",    "lease_end",  "lease_span", "members",   "replica_num", "used_pct",  "limit_pct",
    "total_mb", "used_mb", "fly_us",   "send_us",    "peer",      "diff_us",    "sequence",   "event_type",
    "dst_addr", "ret",     "transition", "cost_us",  "tenant_hold", "tenant_limit", "object", "status",
    "delta",    "rtt_us",  "log_time", "info",       "trace",     "server",     "zxid",       "committed",
    "version",  "session", "priority"};

}  // namespace

std::span<const MessageSpec> ob_message_registry() noexcept { return kRegistry; }

std::string_view system_name(System s) noexcept {
  static constexpr std::array<std::string_view, 4> kNames{"oceanbase", "zookeeper", "openio", "etcd"};
  return kNames[static_cast<std::size_t>(s)];
}

std::optional<System> system_from_name(std::string_view name) noexcept {
  for (const System s : {System::kOceanBase, System::kZooKeeper, System::kOpenIO, System::kEtcd}) {
    if (system_name(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view event_kind_name(EventKind k) noexcept { return kKindNames[static_cast<std::size_t>(k)]; }

std::optional<EventKind> event_kind_from_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<EventKind>(i);
  }
  return std::nullopt;
}

std::string_view attr_name(Attr a) noexcept { return kAttrNames[static_cast<std::size_t>(a)]; }

}  // namespace paxray
