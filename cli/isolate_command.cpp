// `paxray isolate-check`: the isolation advisor on saved view dumps (and,
// with --at, the leaders the logs show at that moment). Exit 0 when STOP
// SERVER passes, 1 when only FORCE STOP / ISOLATE do, 2 when none does.
#include "isolate_command.h"

#include <fmt/format.h>

#include <algorithm>

#include "paxray/parsers/timestamp.h"
#include "paxray/replay/confirm/stop_replay.h"
#include "paxray/engine/json_writer.h"
#include "paxray/report/scan_report.h"

namespace paxray::cli {

void IsolateCommand::add_to(CLI::App& app) {
  cmd_ = app.add_subcommand("isolate-check",
                            "Would STOP / FORCE STOP / ISOLATE SERVER pass for these servers, and what is safe afterwards");
  input_.add_to(*cmd_, "--node");
  cmd_->add_option("--server", servers_, "Server to isolate, IP:PORT (repeatable)")->required()->allow_extra_args(false);
  cmd_->add_option("--at", at_, "Evaluate at this time (reference clock): leaders and silent servers as the logs show them then");
  cmd_->add_option("--json", json_, "Write the advice as JSON to FILE ('-' for stdout); see docs/OUTPUT.md");
  cmd_->add_option("--replay-seeds", seeds_, "Seeds per log stream for the stop-anyway replay (default 8; 0 skips it)")
      ->check(CLI::Range(0, 1000));
}

namespace {

std::string render_json(const isolation::IsolationAdvice& a, const std::string& at) {
  JsonWriter w;
  w.begin_object();
  w.key("schema_version");
  w.value(1);
  w.string_array("targets", a.targets);
  w.key("at");
  if (at.empty()) w.null(); else w.value(at);
  w.key("exit_code");
  w.value(a.exit_code());
  w.key("commands");
  w.begin_array();
  for (const auto& c : a.commands) {
    w.begin_object();
    w.key("command");
    w.value(isolation::isolation_command_sql(c.command));
    w.key("judged");
    w.value(c.judged);
    w.key("cannot_judge");
    w.value_or_null(c.judged ? std::nullopt : std::optional<std::string_view>(c.cannot_judge));
    w.key("passes");
    w.value(c.passes);
    w.key("may_stop_process");
    w.value(c.may_stop_process);
    w.key("safe_actions");
    w.value(c.safe_actions);
    w.key("errors");
    w.begin_array();
    for (const auto& e : c.errors) {
      w.begin_object();
      w.key("code");
      w.value(e.code);
      w.key("message");
      w.value(e.message);
      w.key("tenant");
      w.id_or_null(e.tenant);
      w.key("ls");
      w.id_or_null(e.ls);
      w.key("detail");
      w.value(e.detail);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("replayed");
  w.value(a.replayed);
  w.key("majority_loss_if_stopped");
  w.begin_array();
  for (const auto& m : a.majority_loss) {
    w.begin_object();
    w.key("tenant");
    w.value(m.tenant);
    w.key("ls");
    w.value(m.ls);
    w.string_array("members", m.members);
    w.string_array("down", m.down);
    w.key("leader_fraction");
    w.value(m.leader_fraction);
    w.key("reason");
    w.value(m.reason);
    w.end_object();
  }
  w.end_array();
  w.string_array("notes", a.notes);
  w.string_array("cannot_judge", a.cannot_judge);
  w.end_object();
  return w.take() + "\n";
}

void print_terminal(const isolation::IsolationAdvice& a, int seeds) {
  fmt::print("isolate-check {}\n", fmt::join(a.targets, ", "));
  for (const auto& c : a.commands) {
    if (!c.judged) {
      fmt::print("  {:<18} cannot be judged: {}\n", isolation::isolation_command_sql(c.command), c.cannot_judge);
      continue;
    }
    fmt::print("  {:<18} {}\n", isolation::isolation_command_sql(c.command), c.passes ? "passes" : "refused");
    for (const auto& e : c.errors) {
      fmt::print("      {} {}\n", e.code, e.message);
      if (!e.detail.empty()) fmt::print("          {}\n", e.detail);
    }
    if (c.passes) fmt::print("      afterwards: {}\n", c.safe_actions);
  }
  if (seeds > 0 && !a.replayed) {
    fmt::print("If the observer process were stopped anyway: not replayed (the member lists of GV$OB_LOG_STAT are needed)\n");
  } else if (seeds > 0) {
    if (a.majority_loss.empty()) {
      fmt::print("If the observer process were stopped anyway: every log stream keeps a leader (replay core, {} seeds)\n", seeds);
    } else {
      fmt::print("If the observer process were stopped anyway, these log streams stop serving (replay core, {} seeds):\n",
                 seeds);
      for (const auto& m : a.majority_loss) {
        fmt::print("  T{} LS{}: members {}; down {}: {}\n", m.tenant, m.ls, fmt::join(m.members, ", "),
                   fmt::join(m.down, ", "), m.reason);
      }
    }
  }
  for (const auto& n : a.notes) fmt::print("note: {}\n", n);
  switch (a.exit_code()) {
    case 0: fmt::print("=> use STOP SERVER; every action on the node is safe afterwards\n"); break;
    case 1: {
      const bool force = a.commands.size() > 1 && a.commands[1].passes;
      fmt::print("=> STOP SERVER is refused; use {} for traffic isolation only, and never stop the observer process\n",
                 force ? "FORCE STOP SERVER" : "ISOLATE SERVER");
      break;
    }
    case 2: fmt::print("=> no isolation command passes now\n"); break;
    default: {
      std::string judged, why;
      for (const auto& c : a.commands) {
        if (c.judged) judged += (judged.empty() ? "" : ", ") + isolation::isolation_command_sql(c.command) + (c.passes ? " passes" : " is refused");
        if (!c.judged && why.empty()) why = isolation::isolation_command_sql(c.command) + ": " + c.cannot_judge;
      }
      fmt::print("=> cannot judge {}{}; nothing here says it is safe\n",
                 a.cannot_judge.empty() ? why : fmt::format("{}", fmt::join(a.cannot_judge, "; ")),
                 judged.empty() ? "" : " (judged: " + judged + ")");
      break;
    }
  }
}

}  // namespace

int IsolateCommand::run() {
  for (const auto& s : servers_) {
    if (s.find(':') == std::string::npos) throw UsageError("--server: expected IP:PORT, got '" + s + "'");
  }
  const ScanOptions options = input_.scan_options();
  ScanResult result = run_scan(input_, options);
  report_unreadable(result, "isolate-check");
  isolation::ClusterState state = isolation::cluster_state_from_tables(result.tables);
  if (state.servers.empty() && state.log_stat.empty() && state.tenants.empty() && state.zones.empty()) {
    fmt::print(stderr,
               "paxray isolate-check: no DBA_OB_SERVERS, DBA_OB_ZONES, DBA_OB_TENANTS or GV$OB_LOG_STAT dump in the given paths\n");
    return kExitNothing;
  }
  if (!at_.empty()) {
    const auto at = parse_user_timestamp(at_);
    if (!at) throw UsageError("--at: expected 'YYYY-MM-DD hh:mm[:ss[.f]]', got '" + at_ + "'");
    const Timeline tl = build_timeline(result, input_.timeline_options());
    isolation::apply_timeline_at(state, tl, *at);
  }
  const isolation::IsolationAdvice advice = replay::advise_isolation(state, servers_, seeds_);
  if (!json_.empty()) {
    const std::string doc = render_json(advice, at_);
    if (json_ == "-") {
      std::fwrite(doc.data(), 1, doc.size(), stdout);
    } else if (std::string err = write_file_atomically(json_, doc); !err.empty()) {
      fmt::print(stderr, "paxray isolate-check: --json: {}\n", err);
      return kExitNothing;
    }
  }
  if (json_ != "-" && !input_.quiet) print_terminal(advice, seeds_);
  return advice.exit_code();
}

}  // namespace paxray::cli
