#include <array>

#include "paxray/parsers/event.h"

#include "paxray/parsers/timestamp.h"
#include "paxray/engine/json_writer.h"
#include "paxray/report/scan_report.h"
#include "error_codes.h"

namespace paxray {
namespace {

void time_or_null(JsonWriter& w, std::string_view key, bool has, LocalMicros t) {
  w.key(key);
  if (has) {
    w.value(format_timestamp(t));
  } else {
    w.null();
  }
}

void write_levels(JsonWriter& w, const LineCounts& c) {
  w.key("by_level");
  w.begin_object();
  for (int i = 0; i < kLevelCount; ++i) {
    if (c.by_level[static_cast<std::size_t>(i)] == 0) continue;
    w.key(level_name(static_cast<Level>(i)));
    w.value(c.by_level[static_cast<std::size_t>(i)]);
  }
  w.end_object();
}

void write_counts(JsonWriter& w, const LineCounts& c) {
  w.key("lines");
  w.value(c.lines);
  w.key("records");
  w.value(c.records);
  w.key("filtered_records");
  w.value(c.filtered);
  w.key("continuation_lines");
  w.value(c.continuation);
  w.key("unparsed_lines");
  w.value(c.unparsed_total());
  write_levels(w, c);
  time_or_null(w, "first", c.has_time(), c.min_ts);
  time_or_null(w, "last", c.has_time(), c.max_ts);
  w.key("errors");  // OceanBase warning / error codes, most frequent first (0: past the cap, together)
  w.begin_array();
  for (const ErrorCodeCount& e : by_count(c.errors)) {
    w.begin_object();
    w.key("code");
    w.value(static_cast<std::int64_t>(e.code));
    w.key("count");
    w.value(e.count);
    time_or_null(w, "first", true, e.first);
    time_or_null(w, "last", true, e.last);
    w.end_object();
  }
  w.end_array();
}

std::string_view compression_name(Compression c) {
  switch (c) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kNone: break;
  }
  return "none";
}

}  // namespace

std::string_view paxray_version() noexcept { return PAXRAY_VERSION; }

std::string_view unparsed_id(Unparsed u) noexcept {
  static constexpr std::array<std::string_view, kUnparsedCount> kIds{
      "orphan_continuation", "bad_timestamp", "bad_level", "bad_location",
      "bad_thread_block",    "bad_alert_fields", "binary"};
  return kIds[static_cast<std::size_t>(u)];
}

void write_evidence(JsonWriter& w, const std::vector<Evidence>& evidence) {
  w.key("evidence");
  w.begin_array();
  for (const auto& e : evidence) {
    w.begin_object();
    w.key("file");
    w.value(e.file);
    w.key("line");
    w.value(e.line);
    w.key("node");
    w.value(e.node);
    w.key("time");
    w.value(format_timestamp(e.time));
    w.key("text");
    w.value(e.text);
    if (e.folded > 0) {
      w.key("folded");
      w.value(static_cast<std::uint64_t>(e.folded));
      w.key("folded_since");
      w.value(format_timestamp(e.folded_since));
    }
    w.end_object();
  }
  w.end_array();
}

void write_finding(JsonWriter& w, const Finding& f) {
  w.begin_object();
  w.key("cause");
  w.value(f.id());
  w.key("severity");
  w.value(severity_name(f.severity));
  w.key("system");
  w.value(f.system);
  w.key("group");
  w.value(f.group);
  w.key("tenant");
  w.value_or_null(f.tenant);
  w.key("ls");
  w.value_or_null(f.ls);
  w.string_array("nodes", f.nodes);
  w.key("start");
  w.value(format_timestamp(f.start));
  w.key("end");
  w.value(format_timestamp(f.end));
  w.key("summary");
  w.value(f.summary);
  w.key("suspected");
  w.value(f.suspected);
  w.key("would_decide");
  w.value_or_null(f.would_decide.empty() ? std::nullopt : std::optional<std::string_view>(f.would_decide));
  w.key("detail");
  w.begin_object();
  for (const auto& [k, v] : f.detail) {
    w.key(k);
    w.value(v);
  }
  w.end_object();
  std::vector<std::string> explains;
  for (const Cause c : f.explains) explains.emplace_back(cause_id(c));
  w.string_array("explains", explains);
  write_evidence(w, f.evidence);
  w.key("remediation");
  w.value(f.remediation);
  // What this root cause explains, each as a finding of its own shape
  // (docs/OUTPUT.md); empty for a consequence.
  w.key("consequences");
  w.begin_array();
  for (const Finding& x : f.consequences) write_finding(w, x);
  w.end_array();
  w.key("replay");  // the replay confirmation (docs/OUTPUT.md); null with --no-replay
  if (f.replay) {
    const ReplayVerdict& v = *f.replay;
    w.begin_object();
    w.key("status");
    w.value(v.status);
    w.key("observed_s");
    w.value(v.observed_s);
    w.key("predicted_s");
    w.value(v.predicted_s);
    w.key("p_leader_with");
    w.value(v.p_leader_with);
    w.key("p_leader_without");
    w.value(v.p_leader_without);
    w.key("baseline_s");
    w.value(v.baseline_s);
    w.key("start_shift_s");
    w.value(v.start_shift_s);
    w.key("predicted_length_s");
    w.value(v.predicted_length_s);
    w.key("observed_start");
    w.value_or_null(v.observed_start.empty() ? std::nullopt : std::optional<std::string_view>(v.observed_start));
    w.key("predicted_start");
    w.value_or_null(v.predicted_start.empty() ? std::nullopt : std::optional<std::string_view>(v.predicted_start));
    w.key("seeds");
    w.value(v.seeds);
    w.key("token");
    w.value(v.token);
    w.key("reason");
    w.value(v.reason);
    w.key("minimal_set");
    w.value(v.minimal_set);
    w.end_object();
  } else {
    w.null();
  }
  w.end_object();
}

void write_diagnosis(JsonWriter& w, const ReportInput& in) {
  w.key("thresholds");
  w.begin_object();
  for (const auto& [name, value] : in.thresholds.list()) {
    w.key(name);
    w.value(value);
  }
  w.end_object();
  w.key("verdict");
  w.value(verdict_line(in));
  const Diagnosis& d = in.diagnosis;
  w.key("outcome");
  w.value(outcome_name(d.outcome));
  w.key("inconclusive_reason");
  w.value_or_null(d.inconclusive_reason.empty() ? std::nullopt : std::optional<std::string_view>(d.inconclusive_reason));
  w.string_array("members_missing", d.members_missing);
  w.key("coverage");
  w.begin_array();
  for (const auto& c : d.coverage) {
    w.begin_object();
    w.key("system");
    w.value(c.system);
    w.key("group");
    w.value(c.group);
    w.string_array("members", c.members);
    w.string_array("members_read", c.members_read);
    w.string_array("members_missing", c.members_missing);
    w.end_object();
  }
  w.end_array();
  w.key("checklist");
  w.begin_array();
  for (const auto& e : in.diagnosis.checklist) {
    w.begin_object();
    w.key("group");
    w.value(e.group.name());
    w.key("tenant");
    w.id_or_null(e.group.tenant);
    w.key("ls");
    w.id_or_null(e.group.ls);
    w.key("election_leader");
    w.value(e.election_leader);
    w.key("clog_leader");
    w.value(e.clog_leader);
    w.key("rcs");
    w.value(e.rcs);
    write_evidence(w, e.evidence);
    w.end_object();
  }
  w.end_array();
  w.key("findings");
  w.begin_array();
  for (const auto& f : in.diagnosis.findings) write_finding(w, f);
  w.end_array();
}

std::string render_scan_json(const ReportInput& in, const ReportContext& ctx) {
  const ScanResult& r = in.scan;
  const Timeline& tl = in.tl;
  JsonWriter w;
  w.begin_object();
  w.key("schema_version");
  w.value(kJsonSchemaVersion);
  w.key("paxray_version");
  w.value(paxray_version());
  w.string_array("command", ctx.command);

  w.key("input");
  w.begin_object();
  w.key("window");
  w.begin_object();
  time_or_null(w, "since", r.window.since != ScanWindow{}.since, r.window.since);
  time_or_null(w, "until", r.window.until != ScanWindow{}.until, r.window.until);
  w.end_object();
  w.key("files_read");
  w.value(static_cast<std::uint64_t>(r.files.size()));
  w.key("files_skipped");
  w.value(static_cast<std::uint64_t>(r.skipped.size()));
  w.key("bytes");
  w.value(r.bytes);
  w.key("raw_bytes");
  w.value(r.raw_bytes);
  write_counts(w, r.totals);
  w.key("unparsed_by_reason");
  w.begin_object();
  for (int i = 0; i < kUnparsedCount; ++i) {
    const auto n = r.totals.unparsed[static_cast<std::size_t>(i)];
    if (n == 0) continue;
    w.key(unparsed_id(static_cast<Unparsed>(i)));
    w.value(n);
  }
  w.end_object();
  w.key("unparsed_examples");
  w.begin_array();
  for (const auto& e : r.unparsed_examples) {
    w.begin_object();
    w.key("file");
    w.value(e.path);
    w.key("line");
    w.value(e.line);
    w.key("reason");
    w.value(unparsed_id(e.reason));
    w.key("text");
    w.value(e.text);
    w.end_object();
  }
  w.end_array();

  w.key("nodes");
  w.begin_array();
  for (const auto& n : r.nodes) {
    w.begin_object();
    w.key("name");
    w.value(n.name);
    w.string_array("aliases", n.aliases);
    w.key("version");
    w.value(n.version);
    w.key("tz_offset");
    w.value(n.tz_offset);
    w.key("files");
    w.value(n.files);
    write_counts(w, n.counts);
    w.end_object();
  }
  w.end_array();

  w.key("files");
  w.begin_array();
  for (const auto& f : r.files) {
    w.begin_object();
    w.key("path");
    w.value(f.path);
    w.key("archive");
    w.value_or_null(f.archive.empty() ? std::nullopt : std::optional<std::string_view>(f.archive));
    w.key("kind");
    w.value(log_kind_name(f.kind));
    w.key("identified_by");
    w.value(f.named ? "name" : "content");
    w.key("wf");
    w.value(f.wf);
    w.key("rotated");
    w.value(f.rotated);
    w.key("compression");
    w.value(compression_name(f.compression));
    w.key("raw_bytes");
    w.value(f.raw_bytes);
    w.key("bytes");
    w.value(f.bytes);
    w.key("node");
    w.value(f.node);
    w.key("node_source");
    w.value(node_source_name(f.node_source));
    write_counts(w, f.counts);
    w.key("cut_lines");
    w.value(f.cut_lines);
    w.key("detail");
    w.value_or_null(f.detail.empty() ? std::nullopt : std::optional<std::string_view>(f.detail));
    w.key("error");
    w.value_or_null(f.error.empty() ? std::nullopt : std::optional<std::string_view>(f.error));
    w.key("envelope");  // a source peeled out of a paste: grep, kubectl, compose, quote
    w.value_or_null(f.envelope.empty() ? std::nullopt : std::optional<std::string_view>(f.envelope));
    w.end_object();
  }
  w.end_array();

  w.key("skipped");
  w.begin_array();
  for (const auto& s : r.skipped) {
    w.begin_object();
    w.key("path");
    w.value(s.path);
    w.key("reason");
    w.value(s.reason);
    w.key("not_a_log");
    w.value(s.not_a_log);
    w.end_object();
  }
  w.end_array();
  w.key("reference_node");
  w.value(tl.reference);
  w.key("clock_offsets");
  w.begin_array();
  for (const auto& c : tl.clocks) {
    w.begin_object();
    w.key("node");
    w.value(c.node);
    w.key("offset_s");
    w.value(static_cast<double>(c.offset_us) / 1e6);
    w.key("lo_s");
    w.value_or_null(c.lo_us ? std::optional<double>(static_cast<double>(*c.lo_us) / 1e6) : std::nullopt);
    w.key("hi_s");
    w.value_or_null(c.hi_us ? std::optional<double>(static_cast<double>(*c.hi_us) / 1e6) : std::nullopt);
    w.key("basis");
    w.value(c.basis);
    w.key("samples");
    w.value(c.samples);
    w.key("tz_offset");
    w.value(static_cast<double>(c.tz_offset_us) / 3.6e9);
    w.key("tz_source");
    w.value(c.tz_source);
    // The offset as a function of time: offset_s, plus step_s within each episode.
    w.key("episodes");
    w.begin_array();
    for (const ClockEpisode& e : c.episodes) {
      w.begin_object();
      w.key("start");
      w.value(format_timestamp(e.start));
      w.key("end");
      w.value(format_timestamp(e.end));
      w.key("step_s");
      w.value(static_cast<double>(e.step_us) / 1e6);
      w.key("samples");
      w.value(e.samples);
      w.key("peers");
      w.value(e.peers);
      w.key("ended_by_jump");
      w.value(e.ended_by_jump);
      w.key("basis");
      w.value(e.basis);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("events_by_kind");
  w.begin_object();
  std::array<std::uint64_t, kEventKindCount> by_kind{};
  std::uint64_t folded = 0;
  for (const auto& ev : tl.events) {
    by_kind[static_cast<std::size_t>(ev.kind)] += 1 + ev.folded;  // the messages read, folded ones too
    folded += ev.folded;
  }
  for (std::size_t k = 0; k < kEventKindCount; ++k) {
    if (by_kind[k] == 0) continue;
    w.key(event_kind_name(static_cast<EventKind>(k)));
    w.value(by_kind[k]);
  }
  w.end_object();
  w.key("events_folded");
  w.value(folded);
  w.end_object();  // input

  w.key("leaderless");
  w.begin_array();
  for (const auto& lw : tl.leaderless) {
    w.begin_object();
    w.key("layer");
    w.value(leader_layer_name(lw.layer));
    w.key("group");
    w.value(lw.group.name());
    w.key("tenant");
    w.id_or_null(lw.group.tenant);
    w.key("ls");
    w.id_or_null(lw.group.ls);
    w.key("start");
    w.value(format_timestamp(lw.start));
    w.key("end");
    w.value(format_timestamp(lw.end));
    w.key("open_end");
    w.value(lw.open_end);
    w.key("duration_s");  // null while still open: it had not ended when the logs do
    w.value_or_null(lw.open_end ? std::nullopt : std::optional<double>(static_cast<double>(lw.end - lw.start) / 1e6));
    w.key("partial");
    w.value(lw.partial);
    w.key("last_leader");
    w.value(lw.last_leader);
    w.end_object();
  }
  w.end_array();
  write_diagnosis(w, in);
  w.end_object();
  return w.take();
}

}  // namespace paxray
