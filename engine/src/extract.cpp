#include "paxray/engine/extract.h"

#include <simdjson.h>

#include <cstdint>
#include <zstd.h>

#include <limits>
#include <stdexcept>

#include "paxray/engine/json_writer.h"
#include "writer_facts.h"
#include "paxray/parsers/timestamp.h"

namespace paxray {
namespace {

constexpr std::int64_t kVersion = 1;

void write_counts(JsonWriter& w, const LineCounts& c) {
  w.key("counts");
  w.begin_object();
  w.key("lines"), w.value(c.lines);
  w.key("records"), w.value(c.records);
  w.key("filtered"), w.value(c.filtered);
  w.key("continuation"), w.value(c.continuation);
  w.number_array("by_level", c.by_level);
  w.number_array("unparsed", c.unparsed);
  w.key("min_ts"), w.value(static_cast<std::int64_t>(c.min_ts));
  w.key("max_ts"), w.value(static_cast<std::int64_t>(c.max_ts));
  w.key("errors");  // [code, count, first, last] each
  w.begin_array();
  for (const ErrorCodeCount& e : c.errors.codes) {
    w.begin_array();
    w.value(static_cast<std::int64_t>(e.code)), w.value(e.count), w.value(static_cast<std::int64_t>(e.first)),
        w.value(static_cast<std::int64_t>(e.last));
    w.end_array();
  }
  w.end_array();
  w.end_object();
}

void write_file(JsonWriter& w, const FileReport& f) {
  w.begin_object();
  w.key("record"), w.value("file");
  w.key("path"), w.value(f.path);
  w.key("archive"), w.value(f.archive);
  w.key("kind"), w.value(static_cast<std::int64_t>(f.kind));
  w.key("named"), w.value(f.named);
  w.key("wf"), w.value(f.wf);
  w.key("rotated"), w.value(f.rotated);
  w.key("compression"), w.value(static_cast<std::int64_t>(f.compression));
  w.key("raw_bytes"), w.value(f.raw_bytes);
  w.key("bytes"), w.value(f.bytes);
  write_counts(w, f.counts);
  w.key("cut_lines"), w.value(f.cut_lines);
  w.key("error"), w.value(f.error);
  w.key("detail"), w.value(f.detail);
  w.key("node"), w.value(f.node);
  w.key("node_source"), w.value(static_cast<std::int64_t>(f.node_source));
  write_writer_facts(w, f.header, f.self_address);
  w.end_object();
}

void write_table(JsonWriter& w, const ViewTable& t) {
  w.begin_object();
  w.key("record"), w.value("table");
  w.key("file"), w.value(static_cast<std::uint64_t>(t.file_id));
  w.key("form"), w.value(static_cast<std::int64_t>(t.form));
  w.key("view"), w.value(static_cast<std::int64_t>(t.view));
  w.string_array("columns", t.columns);
  w.key("rows");
  w.begin_array();
  for (const auto& row : t.rows) {
    w.begin_array();
    for (const auto& v : row) w.value(v);
    w.end_array();
  }
  w.end_array();
  w.number_array("row_lines", t.row_lines);
  w.key("query"), w.value(t.query);
  w.end_object();
}

void write_event(JsonWriter& w, const Event& e, const ScanResult& r) {
  const FileReport* f = e.file_id < r.files.size() ? &r.files[e.file_id] : nullptr;
  w.begin_object();
  w.key("Timestamp"), w.value(format_timestamp(e.ts));
  w.key("TimeUnixMicro"), w.value(static_cast<std::int64_t>(e.ts));
  w.key("SeverityText"), w.value(level_name(e.level));
  w.key("EventName"), w.value(event_kind_name(e.kind));
  w.key("Body"), w.value(e.text);
  w.key("ResourceAttributes");
  w.begin_object();
  w.key("host.name"), w.value(!e.node.empty() ? e.node : f != nullptr ? f->node : std::string());
  w.key("service.name"), w.value(system_name(e.system));
  w.key("log.file.path"), w.value(f != nullptr ? f->path : std::string());
  w.end_object();
  w.key("Attributes");
  w.begin_object();
  w.key("file"), w.value(static_cast<std::uint64_t>(e.file_id));
  w.key("line"), w.value(e.line);
  if (!e.node.empty()) w.key("row_node"), w.value(e.node);
  w.key("tenant"), w.value(e.group.tenant);
  w.key("ls"), w.value(e.group.ls);
  w.key("table"), w.value(e.group.table);
  w.key("partition"), w.value(e.group.partition);
  if (!e.group.label.empty()) w.key("group"), w.value(e.group.label);
  if (e.folded > 0) {
    w.key("folded"), w.value(static_cast<std::uint64_t>(e.folded));
    w.key("folded_since"), w.value(static_cast<std::int64_t>(e.folded_since));
  }
  for (const auto& [a, v] : e.attrs) w.key(attr_name(a)), w.value(v);
  w.end_object();
  if (!e.peers.empty()) {
    w.key("Peers");
    w.begin_array();
    for (const auto& p : e.peers) {
      w.begin_object();
      w.key("addr"), w.value(p.addr);
      w.number_array("send", p.send);
      w.number_array("rec", p.rec);
      w.key("send_changed"), w.value(static_cast<std::int64_t>(p.send_changed));
      w.key("rec_changed"), w.value(static_cast<std::int64_t>(p.rec_changed));
      w.key("last_send"), w.value(p.last_send);
      w.key("last_rec"), w.value(p.last_rec);
      w.end_object();
    }
    w.end_array();
  }
  if (!e.folded_at.empty()) w.number_array("FoldedAt", e.folded_at);
  w.end_object();
}

// ---- reading --------------------------------------------------------------

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// Reading helpers: a missing or mistyped field is an error the caller reports.
struct Fields {
  object obj;
  std::string missing;

  std::string str(const char* k) {
    std::string_view v;
    if (obj[k].get_string().get(v) != simdjson::SUCCESS) {
      note(k);
      return {};
    }
    return std::string(v);
  }
  std::int64_t i64(const char* k) {
    std::int64_t v = 0;
    if (obj[k].get_int64().get(v) != simdjson::SUCCESS) note(k);
    return v;
  }
  std::uint64_t u64(const char* k) {
    std::uint64_t v = 0;
    if (obj[k].get_uint64().get(v) != simdjson::SUCCESS) note(k);
    return v;
  }
  bool flag(const char* k) {
    bool v = false;
    if (obj[k].get_bool().get(v) != simdjson::SUCCESS) note(k);
    return v;
  }
  // An enum stored as its number; out-of-range values are errors.
  template <class E>
  E enumerated(const char* k, int count) {
    const std::int64_t v = i64(k);
    if (v < 0 || v >= count) {
      note(k);
      return E{};
    }
    return static_cast<E>(v);
  }
  void note(const char* k) {
    if (missing.empty()) missing = k;
  }
};

using Field = simdjson::simdjson_result<element>;

// Error codes as [code, count, first, last]; absent in extracts from before
// they were counted, which read as none.
bool read_error_codes(Field e, ErrorCodes& out) {
  if (e.error() == simdjson::NO_SUCH_FIELD) return true;
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) return false;
  for (element row : a) {
    array r;
    std::int64_t v[4] = {};
    if (row.get_array().get(r) != simdjson::SUCCESS || r.size() != 4) return false;
    std::size_t i = 0;
    for (element x : r) {
      if (x.get_int64().get(v[i++]) != simdjson::SUCCESS) return false;
    }
    if (v[0] < INT32_MIN || v[0] > INT32_MAX || v[1] < 0) return false;
    out.add(static_cast<std::int32_t>(v[0]), v[2], v[3], static_cast<std::uint64_t>(v[1]));
  }
  return true;
}

template <std::size_t N>
bool read_u64_array(Field e, std::array<std::uint64_t, N>& out) {
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS || a.size() != N) return false;
  std::size_t i = 0;
  for (element v : a) {
    if (v.get_uint64().get(out[i++]) != simdjson::SUCCESS) return false;
  }
  return true;
}

template <std::size_t N>
bool read_i64_array(Field e, std::array<std::int64_t, N>& out) {
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS || a.size() != N) return false;
  std::size_t i = 0;
  for (element v : a) {
    if (v.get_int64().get(out[i++]) != simdjson::SUCCESS) return false;
  }
  return true;
}

bool read_strings(Field e, std::vector<std::string>& out) {
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) return false;
  for (element v : a) {
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS) return false;
    out.emplace_back(s);
  }
  return true;
}

std::string read_file(object obj, ScanResult& part) {
  Fields f{obj, {}};
  FileReport r;
  r.path = f.str("path");
  r.archive = f.str("archive");
  r.kind = f.enumerated<LogKind>("kind", static_cast<int>(LogKind::kEtcd) + 1);
  r.named = f.flag("named");
  r.wf = f.flag("wf");
  r.rotated = f.flag("rotated");
  r.compression = f.enumerated<Compression>("compression", static_cast<int>(Compression::kZstd) + 1);
  r.raw_bytes = f.u64("raw_bytes");
  r.bytes = f.u64("bytes");
  r.cut_lines = f.u64("cut_lines");
  r.error = f.str("error");
  r.detail = f.str("detail");
  r.node = f.str("node");
  r.node_source = f.enumerated<NodeSource>("node_source", static_cast<int>(NodeSource::kNotApplicable) + 1);
  // A node named by --node on the node itself stays; the others are decided
  // again centrally from the same facts (header, self address, path).
  r.node_fixed = r.node_source == NodeSource::kOverride;
  object counts;
  if (obj["counts"].get_object().get(counts) != simdjson::SUCCESS) return "file record without counts";
  Fields c{counts, {}};
  r.counts.lines = c.u64("lines");
  r.counts.records = c.u64("records");
  r.counts.filtered = c.u64("filtered");
  r.counts.continuation = c.u64("continuation");
  r.counts.min_ts = c.i64("min_ts");
  r.counts.max_ts = c.i64("max_ts");
  if (!read_u64_array(counts["by_level"], r.counts.by_level) ||
      !read_u64_array(counts["unparsed"], r.counts.unparsed)) {
    return "file record with bad level or unparsed counts";
  }
  if (!read_error_codes(counts["errors"], r.counts.errors)) return "file record with bad error codes";
  if (std::string err = read_writer_facts(obj, r.header, r.self_address); !err.empty()) return "file record: " + err;
  if (!f.missing.empty()) return "file record: bad or missing '" + f.missing + "'";
  if (!c.missing.empty()) return "file counts: bad or missing '" + c.missing + "'";
  part.files.push_back(std::move(r));
  return {};
}

std::string read_table(object obj, ScanResult& part) {
  Fields f{obj, {}};
  ViewTable t;
  const std::uint64_t file = f.u64("file");
  t.form = f.enumerated<DumpForm>("form", static_cast<int>(DumpForm::kJson) + 1);
  t.view = f.enumerated<ViewKind>("view", kViewKindCount);
  t.query = f.str("query");
  if (!f.missing.empty()) return "table record: bad or missing '" + f.missing + "'";
  if (file >= part.files.size()) return "table record names an unknown file";
  t.file_id = static_cast<std::uint32_t>(file);
  if (!read_strings(obj["columns"], t.columns)) return "table record: bad columns";
  array rows;
  if (obj["rows"].get_array().get(rows) != simdjson::SUCCESS) return "table record: bad rows";
  for (element row : rows) {
    t.rows.emplace_back();
    if (!read_strings(Field(element(row)), t.rows.back()) || t.rows.back().size() != t.columns.size()) return "table record: bad row";
  }
  array lines;
  if (obj["row_lines"].get_array().get(lines) != simdjson::SUCCESS || lines.size() != t.rows.size()) {
    return "table record: bad row_lines";
  }
  for (element l : lines) {
    std::uint64_t v = 0;
    if (l.get_uint64().get(v) != simdjson::SUCCESS) return "table record: bad row_lines";
    t.row_lines.push_back(v);
  }
  part.tables.push_back(std::move(t));
  return {};
}

std::optional<Attr> attr_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kAttrCount; ++i) {
    if (attr_name(static_cast<Attr>(i)) == name) return static_cast<Attr>(i);
  }
  return std::nullopt;
}

std::optional<Level> level_from_name(std::string_view name) {
  for (int i = 0; i < kLevelCount; ++i) {
    if (level_name(static_cast<Level>(i)) == name) return static_cast<Level>(i);
  }
  return std::nullopt;
}

std::string read_event(object obj, ScanResult& part) {
  Fields f{obj, {}};
  Event e;
  const std::string name = f.str("EventName");
  const auto kind = event_kind_from_name(name);
  if (!kind) return "unknown EventName '" + name + "'";
  e.kind = *kind;
  const auto level = level_from_name(f.str("SeverityText"));
  if (!level) return "unknown SeverityText";
  e.level = *level;
  e.ts = f.i64("TimeUnixMicro");
  e.text = f.str("Body");
  object res, attrs;
  if (obj["ResourceAttributes"].get_object().get(res) != simdjson::SUCCESS ||
      obj["Attributes"].get_object().get(attrs) != simdjson::SUCCESS) {
    return "event without ResourceAttributes or Attributes";
  }
  Fields r{res, {}};
  const std::string service = r.str("service.name");
  e.system = system_from_name(service).value_or(System::kOceanBase);
  bool has_file = false;
  for (auto field : attrs) {
    const std::string_view key = field.key;
    element v = field.value;
    std::int64_t n = 0;
    std::string_view s;
    if (key == "file" || key == "line") {
      std::uint64_t u = 0;
      if (v.get_uint64().get(u) != simdjson::SUCCESS) return "event with a bad " + std::string(key);
      if (key == "file") {
        if (u >= part.files.size()) return "event names an unknown file";
        e.file_id = static_cast<std::uint32_t>(u);
        has_file = true;
      } else {
        e.line = u;
      }
    } else if (key == "folded") {
      std::uint64_t u = 0;
      if (v.get_uint64().get(u) != simdjson::SUCCESS || u > std::numeric_limits<std::uint32_t>::max()) return "event with a bad folded";
      e.folded = static_cast<std::uint32_t>(u);
    } else if (key == "folded_since") {
      if (v.get_int64().get(n) != simdjson::SUCCESS) return "event with a bad folded_since";
      e.folded_since = n;
    } else if (key == "tenant" || key == "ls" || key == "table" || key == "partition") {
      if (v.get_int64().get(n) != simdjson::SUCCESS) return "event with a bad " + std::string(key);
      (key == "tenant" ? e.group.tenant : key == "ls" ? e.group.ls : key == "table" ? e.group.table : e.group.partition) = n;
    } else if (v.get_string().get(s) != simdjson::SUCCESS) {
      return "event attribute '" + std::string(key) + "' is not a string";
    } else if (key == "row_node") {
      e.node = std::string(s);
    } else if (key == "group") {
      e.group.label = std::string(s);
    } else if (const auto a = attr_from_name(key)) {
      e.attrs.emplace_back(*a, std::string(s));
    }  // attributes of a newer paxray are ignored
  }
  array peers;
  if (obj["Peers"].get_array().get(peers) == simdjson::SUCCESS) {
    for (element pe : peers) {
      object po;
      if (pe.get_object().get(po) != simdjson::SUCCESS) return "event with a bad peer";
      Fields p{po, {}};
      PeerCounters pc;
      pc.addr = p.str("addr");
      pc.send_changed = static_cast<std::uint8_t>(p.i64("send_changed"));
      pc.rec_changed = static_cast<std::uint8_t>(p.i64("rec_changed"));
      pc.last_send = p.str("last_send");
      pc.last_rec = p.str("last_rec");
      if (!p.missing.empty() || !read_i64_array(po["send"], pc.send) ||
          !read_i64_array(po["rec"], pc.rec)) {
        return "event with a bad peer";
      }
      e.peers.push_back(std::move(pc));
    }
  }
  array at;
  if (obj["FoldedAt"].get_array().get(at) == simdjson::SUCCESS) {
    for (element v : at) {
      std::int64_t t = 0;
      if (v.get_int64().get(t) != simdjson::SUCCESS) return "event with a bad FoldedAt";
      e.folded_at.push_back(t);
    }
    if (e.folded_at.size() != e.folded) return "event whose FoldedAt does not match its folded count";
  }
  if (!f.missing.empty()) return "event: bad or missing '" + f.missing + "'";
  if (!has_file) return "event without its file";
  part.events.push_back(std::move(e));
  return {};
}

}  // namespace

bool is_extract(std::string_view head) noexcept { return head.substr(0, kExtractMagic.size()) == kExtractMagic; }

void append_extract(const ScanResult& r, std::string& out) {
  JsonWriter w(0);
  w.begin_object();
  w.key("record"), w.value("paxray.extract");
  w.key("version"), w.value(kVersion);
  w.end_object();
  out += w.take();
  for (const auto& f : r.files) {
    write_file(w, f);
    out += w.take();
  }
  for (const auto& s : r.skipped) {
    w.begin_object();
    w.key("record"), w.value("skipped");
    w.key("path"), w.value(s.path);
    w.key("reason"), w.value(s.reason);
    w.key("not_a_log"), w.value(s.not_a_log);
    w.end_object();
    out += w.take();
  }
  for (const auto& u : r.unparsed_examples) {
    w.begin_object();
    w.key("record"), w.value("unparsed");
    w.key("path"), w.value(u.path);
    w.key("line"), w.value(u.line);
    w.key("reason"), w.value(static_cast<std::int64_t>(u.reason));
    w.key("text"), w.value(u.text);
    w.end_object();
    out += w.take();
  }
  for (const auto& t : r.tables) {
    write_table(w, t);
    out += w.take();
  }
  for (const auto& e : r.events) {
    write_event(w, e, r);
    out += w.take();
  }
}

std::string compress_zstd(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

struct ExtractReader::Parser {
  simdjson::dom::parser dom;
};

ExtractReader::ExtractReader() : parser_(std::make_unique<Parser>()) {}
ExtractReader::~ExtractReader() = default;

std::string ExtractReader::feed(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  if (line.empty()) return {};
  simdjson::dom::parser& parser = parser_->dom;
  object obj;
  if (auto err = parser.parse(simdjson::padded_string(line)).get_object().get(obj); err != simdjson::SUCCESS) {
    return std::string("not a JSON object: ") + simdjson::error_message(err);
  }
  std::string_view record;
  if (obj["record"].get_string().get(record) != simdjson::SUCCESS) {
    if (!header_) return "event before the extract header";
    return read_event(obj, part_);
  }
  if (record == "paxray.extract") {
    std::int64_t version = 0;
    if (obj["version"].get_int64().get(version) != simdjson::SUCCESS || version != kVersion) {
      return "extract version " + std::to_string(version) + " is not supported (this paxray reads version " +
             std::to_string(kVersion) + ")";
    }
    header_ = true;
    return {};
  }
  if (!header_) return "record before the extract header";
  if (record == "file") return read_file(obj, part_);
  if (record == "table") return read_table(obj, part_);
  if (record == "skipped") {
    Fields f{obj, {}};
    SkippedFile s{f.str("path"), f.str("reason")};
    bool not_a_log = false;  // absent in extracts written before it existed
    if (obj["not_a_log"].get_bool().get(not_a_log) == simdjson::SUCCESS) s.not_a_log = not_a_log;
    if (!f.missing.empty()) return "skipped record without " + f.missing;
    part_.skipped.push_back(std::move(s));
    return {};
  }
  if (record == "unparsed") {
    Fields f{obj, {}};
    UnparsedExample u;
    u.path = f.str("path");
    u.line = f.u64("line");
    u.reason = f.enumerated<Unparsed>("reason", kUnparsedCount);
    u.text = f.str("text");
    if (!f.missing.empty()) return "unparsed record: bad or missing '" + f.missing + "'";
    part_.unparsed_examples.push_back(std::move(u));
    return {};
  }
  return "unknown record '" + std::string(record) + "'";
}

}  // namespace paxray
