#include "paxray/replay/core/replica.h"

#include <algorithm>
#include <limits>

namespace paxray::replay {
namespace {

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max() / 4;
// After a restart OceanBase keeps silent for MAX_LEASE_TIME (10 s) before voting
// ("keep silence for safty, won't send response", reference §3.1).
constexpr std::int64_t kRestartSilenceUs = 10'000'000;
constexpr std::int64_t kCandidateTimeoutUs = 1'000'000;  // after the time window, for the votes to arrive
constexpr std::int64_t kTakeoverRetryUs = 1'000'000;
constexpr std::int64_t kHandover = 1;  // Message::index of a change-leader prepare

}  // namespace

Replica::Replica(ReplicaConfig config)
    : cfg_(std::move(config)), rng_(cfg_.seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(cfg_.id) + 1) {
  const std::size_t n = cfg_.members.size();
  votes_.assign(n, false);
  round_acks_.assign(n, false);
  reconfirm_acks_.assign(n, false);
  acked_.assign(n, 0);
  campaign_at_ = jitter();
}

std::int64_t Replica::jitter() {
  return static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(std::max<std::int64_t>(1, cfg_.timing.campaign_jitter_us)));
}

int Replica::priority_of(int member) const noexcept {
  const auto i = static_cast<std::size_t>(member);
  return i < cfg_.priority.size() ? cfg_.priority[i] : 0;
}

bool Replica::better_candidate(int a, int b) const noexcept {
  if (priority_of(a) != priority_of(b)) return priority_of(a) > priority_of(b);
  return a < b;
}

void Replica::bootstrap_leader(std::int64_t ballot, std::int64_t now) {
  role_ = Role::kLeader;
  ballot_ = promised_ = ballot;
  lease_end_ = now + cfg_.timing.lease_us;
  granted_to_ = cfg_.id;
  granted_until_ = lease_end_;
  reconfirmed_ = takeover_done_ = true;
  next_renew_ = now + cfg_.timing.renew_us;
  next_append_ = now;
  std::fill(acked_.begin(), acked_.end(), next_index_ - 1);
}

void Replica::bootstrap_follower(int leader, std::int64_t ballot, std::int64_t now) {
  granted_to_ = leader;
  granted_until_ = now + cfg_.timing.lease_us;
  expiry_noted_ = false;
  promised_ = ballot;
  campaign_at_ = granted_until_ + jitter();
}

void Replica::send(MsgType t, int to, std::int64_t now, std::int64_t index, std::int64_t delay) {
  // Requests carry the proposer's ballot; responses the ballot they answer.
  const bool response = t == MsgType::kVote || t == MsgType::kAcceptOk || t == MsgType::kReconfirmOk || t == MsgType::kAppendOk;
  ready_.outbox.push_back(Message{t, cfg_.id, to, response ? promised_ : ballot_, now, index, delay});
}

void Replica::broadcast(MsgType t, std::int64_t now, std::int64_t index) {
  for (int m : cfg_.members) {
    if (m != cfg_.id) send(t, m, now, index);
  }
}

void Replica::note(Note::Kind k, std::int64_t now, std::string reason) {
  ready_.notes.push_back(Note{k, cfg_.id, now, std::move(reason)});
}

bool Replica::usable(std::int64_t now) const noexcept {
  return up() && role_ == Role::kLeader && takeover_done_ && lease_end_ > now;
}

void Replica::revoke(std::int64_t now, const std::string& reason) {
  if (role_ == Role::kLeader) note(Note::Kind::kRevoked, now, reason);
  role_ = Role::kFollower;
  lease_end_ = 0;
  reconfirmed_ = takeover_done_ = false;
  entry_time_.clear();
  committed_ = next_index_ - 1;
  if (granted_to_ == cfg_.id) granted_until_ = now;  // no longer holds its own lease
  campaign_at_ = now + jitter();
}

void Replica::campaign(std::int64_t now, bool handover) {
  role_ = Role::kCandidate;
  // Ballots are unique per replica (n x round + id), so two candidates never share one.
  const auto n = static_cast<std::int64_t>(cfg_.members.size());
  ballot_ = (promised_ / n + 1) * n + cfg_.id;
  std::fill(votes_.begin(), votes_.end(), false);
  campaign_at_ = now + cfg_.timing.time_window_us + kCandidateTimeoutUs;
  broadcast(MsgType::kPrepare, now, handover ? kHandover : 0);
  if (handover) {
    promised_ = ballot_;
    count_vote(cfg_.id, now);
  } else {
    consider_prepare(cfg_.id, ballot_, now);  // its own acceptor judges it like any other
  }
}

void Replica::consider_prepare(int from, std::int64_t ballot, std::int64_t now) {
  if (ballot <= promised_) return;       // "receive old ballot request, refused"
  if (granted_until_ > now) return;      // the lease it granted still holds: "can't vote now"
  if (!window_open_) {
    window_open_ = true;
    window_close_ = now + cfg_.timing.time_window_us;
    best_from_ = from;
    best_ballot_ = ballot;
  } else if (from == best_from_) {
    best_ballot_ = std::max(best_ballot_, ballot);
  } else if (better_candidate(from, best_from_)) {
    best_from_ = from;
    best_ballot_ = ballot;
  }
}

void Replica::close_window(std::int64_t now) {
  window_open_ = false;
  if (best_ballot_ <= promised_) return;
  promised_ = best_ballot_;
  if (best_from_ == cfg_.id) {
    count_vote(cfg_.id, now);
  } else {
    if (role_ == Role::kCandidate) role_ = Role::kFollower;  // it yields to a better candidate
    send(MsgType::kVote, best_from_, now);
  }
}

void Replica::count_vote(int from, std::int64_t now) {
  if (role_ != Role::kCandidate) return;
  votes_[static_cast<std::size_t>(from)] = true;
  if (std::count(votes_.begin(), votes_.end(), true) >= majority()) become_leader(now);
}

void Replica::become_leader(std::int64_t now) {
  role_ = Role::kLeader;
  lease_end_ = 0;  // granted once a majority accepts the first round
  reconfirmed_ = takeover_done_ = false;
  next_renew_ = now;  // renewal round right away
  next_append_ = kNever;
  std::fill(acked_.begin(), acked_.end(), next_index_ - 1);
  leader_tick(now);
}

std::int64_t Replica::next_deadline() const noexcept {
  if (!up()) return kNever;
  if (role_ == Role::kLeader) {
    std::int64_t d = next_renew_;
    if (lease_end_ > 0) d = std::min(d, lease_end_);
    if (reconfirmed_ && !takeover_done_) d = std::min(d, takeover_at_);
    if (takeover_done_) d = std::min(d, next_append_);
    if (!entry_time_.empty()) d = std::min(d, entry_time_.front() + cfg_.timing.sliding_window_us);
    return d;
  }
  const std::int64_t window = window_open_ ? window_close_ : kNever;
  if (role_ == Role::kCandidate) return std::min(campaign_at_, window);
  return std::min(std::max(granted_until_, campaign_at_), window);
}

void Replica::leader_tick(std::int64_t now) {
  const Timing& t = cfg_.timing;
  if (disk_full_) {
    revoke(now, "log disk full: cannot be leader");
    return;
  }
  if (lease_end_ > 0 && now >= lease_end_) {
    revoke(now, "leader lease expired");
    return;
  }
  if (lease_end_ == 0 && round_ > 0 && now - round_sent_ >= t.lease_us) {
    revoke(now, "no majority granted the lease");
    return;
  }
  if (lease_end_ > 0 && !reconfirmed_ && now - reconfirm_started_ >= t.reconfirm_timeout_us) {
    revoke(now, "clog reconfirm timeout");
    return;
  }
  if (!entry_time_.empty() && now - entry_time_.front() >= t.sliding_window_us) {
    revoke(now, "clog sliding window did not slide");
    return;
  }
  if (now >= next_renew_) {
    ++round_;
    round_sent_ = now;
    std::fill(round_acks_.begin(), round_acks_.end(), false);
    round_acks_[static_cast<std::size_t>(cfg_.id)] = true;
    granted_to_ = cfg_.id;
    granted_until_ = now + t.lease_us;
    broadcast(MsgType::kAccept, now, round_);
    if (lease_end_ > 0 && !reconfirmed_) broadcast(MsgType::kReconfirm, now);
    next_renew_ = now + t.renew_us;
  }
  if (reconfirmed_ && !takeover_done_ && now >= takeover_at_) {
    if (takeover_mode_ == TakeoverMode::kNormal) {
      takeover_done_ = true;
      next_append_ = now;
      note(Note::Kind::kUsable, now);
    } else if (takeover_mode_ == TakeoverMode::kFail) {
      note(Note::Kind::kTakeoverFailed, now, "handle_role_change_event_ failed");
      takeover_at_ = now + kTakeoverRetryUs;
    } else {
      takeover_at_ = kNever;  // hangs: never ends
    }
  }
  if (takeover_done_ && now >= next_append_) {
    const std::int64_t index = next_index_++;
    entry_time_.push_back(now);
    broadcast(MsgType::kAppend, now, index);
    next_append_ = now + t.append_us;
  }
  // Slide the window: the oldest entry slides out once a majority holds it
  // and the leader itself has flushed it (PALF runs a log's callbacks only
  // after the local flush, so a slow local disk stalls the window).
  while (!entry_time_.empty()) {
    const std::int64_t idx = committed_ + 1;
    if (now < entry_time_.front() + disk_latency_us_) break;
    int holders = 1;
    for (std::size_t m = 0; m < acked_.size(); ++m) {
      if (static_cast<int>(m) != cfg_.id && acked_[m] >= idx) ++holders;
    }
    if (holders < majority()) break;
    committed_ = idx;
    entry_time_.erase(entry_time_.begin());
  }
}

void Replica::tick(std::int64_t now) {
  if (!up()) return;
  // What a follower logs when its leader goes quiet: the lease it granted ran
  // out unrenewed. Stamped when it ran out, which is how the logs date it.
  if (granted_to_ >= 0 && granted_to_ != cfg_.id && granted_until_ <= now && !expiry_noted_) {
    note(Note::Kind::kLeaseExpired, granted_until_);
    expiry_noted_ = true;
  }
  if (window_open_ && now >= window_close_) close_window(now);
  switch (role_) {
    case Role::kLeader: leader_tick(now); break;
    case Role::kCandidate:
      if (now >= campaign_at_) {  // not elected: try again on a later timer
        role_ = Role::kFollower;
        campaign_at_ = now + jitter();
      }
      break;
    case Role::kFollower:
      if (granted_until_ <= now && now >= campaign_at_ && !disk_full_) campaign(now);
      break;
  }
}

void Replica::step(const Message& m, std::int64_t now) {
  // A full tenant cannot receive (it can still send): guide, "no election leader".
  if (!up() || memory_full_) return;
  // OceanBase drops election messages outside its time window: clock skew.
  const std::int64_t skew = now - m.sent_local_us;
  if (skew > cfg_.timing.tolerance_us || skew < -cfg_.timing.tolerance_us) return;
  on_message(m, now);
}

void Replica::on_message(const Message& m, std::int64_t now) {
  const auto from = static_cast<std::size_t>(m.from);
  switch (m.type) {
    case MsgType::kPrepare:
      if (m.index == kHandover) {
        // Change leader: the old leader handed its lease over; no time window.
        if (m.ballot > promised_) {
          promised_ = m.ballot;
          window_open_ = false;
          send(MsgType::kVote, m.from, now);
        }
      } else {
        consider_prepare(m.from, m.ballot, now);
      }
      break;
    case MsgType::kVote:
      if (m.ballot == ballot_) count_vote(m.from, now);
      break;
    case MsgType::kAccept:
      if (m.ballot >= promised_) {
        promised_ = m.ballot;
        if (m.from != cfg_.id && role_ != Role::kFollower) revoke(now, "a higher ballot took the lease");
        granted_to_ = m.from;
        granted_until_ = now + cfg_.timing.lease_us;
        expiry_noted_ = false;
        window_open_ = false;  // a leader holds the lease: the election is over
        campaign_at_ = granted_until_ + jitter();
        send(MsgType::kAcceptOk, m.from, now, m.index);
      }
      break;
    case MsgType::kAcceptOk:
      if (role_ == Role::kLeader && m.ballot == ballot_ && m.index == round_) {
        round_acks_[from] = true;
        if (std::count(round_acks_.begin(), round_acks_.end(), true) >= majority() && lease_end_ < round_sent_ + cfg_.timing.lease_us) {
          const bool first = lease_end_ == 0;
          lease_end_ = round_sent_ + cfg_.timing.lease_us;
          if (first) {
            note(Note::Kind::kBecameLeader, now);
            reconfirm_started_ = now;
            std::fill(reconfirm_acks_.begin(), reconfirm_acks_.end(), false);
            reconfirm_acks_[static_cast<std::size_t>(cfg_.id)] = true;
            broadcast(MsgType::kReconfirm, now);
          }
        }
      }
      break;
    case MsgType::kReconfirm:
      if (m.ballot >= promised_ && !disk_full_) {
        promised_ = m.ballot;
        send(MsgType::kReconfirmOk, m.from, now, 0, disk_latency_us_);
      }
      break;
    case MsgType::kReconfirmOk:
      if (role_ == Role::kLeader && m.ballot == ballot_ && lease_end_ > 0 && !reconfirmed_ && !reconfirm_blocked_) {
        reconfirm_acks_[from] = true;
        if (std::count(reconfirm_acks_.begin(), reconfirm_acks_.end(), true) >= majority()) {
          reconfirmed_ = true;
          note(Note::Kind::kReconfirmed, now);
          // Fetching and re-confirming the majority's logs takes time of its own.
          takeover_at_ = now + cfg_.timing.reconfirm_us + cfg_.timing.takeover_us;
        }
      }
      break;
    case MsgType::kAppend:
      if (m.ballot >= promised_ && !disk_full_) {
        promised_ = m.ballot;
        send(MsgType::kAppendOk, m.from, now, m.index, disk_latency_us_);
      }
      break;
    case MsgType::kAppendOk:
      if (role_ == Role::kLeader && m.ballot == ballot_) acked_[from] = std::max(acked_[from], m.index);
      break;
  }
  if (role_ == Role::kLeader) leader_tick(now);
}

void Replica::crash(std::int64_t now) {
  if (role_ == Role::kLeader) note(Note::Kind::kRevoked, now, "crashed");
  crashed_ = true;
  role_ = Role::kFollower;
  lease_end_ = 0;
  reconfirmed_ = takeover_done_ = false;
  entry_time_.clear();
}

void Replica::restart(std::int64_t now) {
  crashed_ = false;
  granted_to_ = -1;
  granted_until_ = now + kRestartSilenceUs;
  window_open_ = false;
  campaign_at_ = granted_until_ + jitter();
}

void Replica::release_lease(std::int64_t now) noexcept {
  if (granted_to_ != cfg_.id) granted_until_ = std::min(granted_until_, now);
  expiry_noted_ = true;  // handed over, not lost: nothing to log
}

void Replica::campaign_now(std::int64_t now) {
  if (up() && role_ != Role::kLeader && !disk_full_) campaign(now, /*handover=*/true);
}

void Replica::drop(std::int64_t now) {
  if (role_ == Role::kLeader) note(Note::Kind::kRevoked, now, "log stream dropped here");
  dropped_ = true;
  role_ = Role::kFollower;
}

void Replica::step(const Condition& c, std::int64_t now) {
  switch (c.kind) {
    case Condition::Kind::kDiskFull: disk_full_ = c.on; break;
    case Condition::Kind::kMemoryFull: memory_full_ = c.on; break;
    case Condition::Kind::kDiskLatency: disk_latency_us_ = c.value; break;
    case Condition::Kind::kReconfirmBlocked: reconfirm_blocked_ = c.on; break;
    case Condition::Kind::kTakeover: takeover_mode_ = c.takeover; break;
    case Condition::Kind::kCrash: crash(now); break;
    case Condition::Kind::kRestart: restart(now); break;
    case Condition::Kind::kDrop: drop(now); break;
    case Condition::Kind::kRevoke:
      if (up() && role_ == Role::kLeader) revoke(now, c.reason);
      break;
    case Condition::Kind::kReleaseLease: release_lease(now); break;
    case Condition::Kind::kCampaign: campaign_now(now); break;
  }
}

}  // namespace paxray::replay
