#include "paxray/engine/incremental.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>

#include "node_identity.h"
#include "paxray/engine/atomic_write.h"
#include "paxray/engine/extract.h"
#include "paxray/engine/json_writer.h"
#include "writer_facts.h"

namespace paxray {
namespace {

constexpr std::int64_t kStateVersion = 1;
constexpr std::string_view kStateMagic = R"({"record":"paxray.state")";
constexpr std::string_view kEndMagic = R"({"record":"end")";

void write_checkpoint(JsonWriter& w, const Checkpoint& c) {
  w.begin_object();
  w.key("record"), w.value("checkpoint");
  w.key("path"), w.value(c.path);
  w.key("dev"), w.value(c.dev);
  w.key("inode"), w.value(c.inode);
  w.key("fp_len"), w.value(static_cast<std::uint64_t>(c.fp_len));
  w.key("fp"), w.value(c.fp);
  w.key("offset"), w.value(c.offset);
  w.key("lines"), w.value(c.lines);
  w.key("last_ts"), w.value(static_cast<std::int64_t>(c.last_ts));
  write_writer_facts(w, c.header, c.self_address);
  w.end_object();
}

// Parses one state line that is not part of the context extract.
std::string read_state_record(simdjson::dom::object obj, std::string_view record, CronState& st,
                              std::int64_t counts[3]) {
  auto str = [&](const char* k, std::string& out) {
    std::string_view v;
    if (obj[k].get_string().get(v) != simdjson::SUCCESS) return false;
    out = std::string(v);
    return true;
  };
  auto u64 = [&](const char* k, std::uint64_t& out) { return obj[k].get_uint64().get(out) == simdjson::SUCCESS; };
  auto i64 = [&](const char* k, std::int64_t& out) { return obj[k].get_int64().get(out) == simdjson::SUCCESS; };
  if (record == "checkpoint") {
    Checkpoint c;
    std::uint64_t fp_len = 0;
    std::int64_t last_ts = 0;
    if (!str("path", c.path) || !u64("dev", c.dev) || !u64("inode", c.inode) || !u64("fp_len", fp_len) ||
        !u64("fp", c.fp) || !u64("offset", c.offset) || !u64("lines", c.lines) || !i64("last_ts", last_ts) ||
        fp_len > Checkpoint::kFingerprintBytes) {
      return "bad checkpoint record";
    }
    c.fp_len = static_cast<std::uint32_t>(fp_len);
    c.last_ts = last_ts;
    if (std::string err = read_writer_facts(obj, c.header, c.self_address); !err.empty()) return "checkpoint: " + err;
    st.checkpoints.push_back(std::move(c));
    return {};
  }
  if (record == "reported") {
    ReportedFinding f;
    if (!str("key", f.key) || !i64("start", f.start) || !i64("end", f.end)) return "bad reported record";
    st.reported.push_back(std::move(f));
    return {};
  }
  if (record == "end") {
    if (!i64("checkpoints", counts[0]) || !i64("reported", counts[1]) || !i64("events", counts[2])) {
      return "bad end record";
    }
    return {};
  }
  return "unknown record '" + std::string(record) + "'";
}

// Reads one state file; "" on success, else what is wrong with it.
std::string read_state_file(const std::string& path, CronState& st) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read it: " + std::string(std::strerror(errno));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.substr(0, kStateMagic.size()) != kStateMagic) return "not a paxray state file";
  simdjson::dom::parser parser;
  ExtractReader context;
  std::int64_t counts[3] = {-1, -1, -1};
  bool ended = false;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) return "line " + std::to_string(line_no + 1) + " is cut short";
    const std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (ended) return "data after the end record";
    auto fail = [&](const std::string& why) { return "line " + std::to_string(line_no) + ": " + why; };
    if (context.saw_header() && line.substr(0, kEndMagic.size()) != kEndMagic) {
      if (std::string err = context.feed(line); !err.empty()) return fail(err);
      continue;
    }
    if (is_extract(line)) {
      if (std::string err = context.feed(line); !err.empty()) return fail(err);
      continue;
    }
    simdjson::dom::object obj;
    if (parser.parse(simdjson::padded_string(line)).get_object().get(obj) != simdjson::SUCCESS) {
      return fail("not a JSON object");
    }
    std::string_view record;
    if (obj["record"].get_string().get(record) != simdjson::SUCCESS) return fail("no record type");
    if (record == "paxray.state") {
      std::int64_t version = 0;
      if (obj["version"].get_int64().get(version) != simdjson::SUCCESS || version != kStateVersion) {
        return fail("state version " + std::to_string(version) + " is not this paxray's (" +
                    std::to_string(kStateVersion) + ")");
      }
      continue;
    }
    if (std::string err = read_state_record(obj, record, st, counts); !err.empty()) return fail(err);
    ended = record == "end";
  }
  if (!ended) return "no end record (the file is incomplete)";
  st.context = std::move(context.part());
  if (counts[0] != static_cast<std::int64_t>(st.checkpoints.size()) ||
      counts[1] != static_cast<std::int64_t>(st.reported.size()) ||
      counts[2] != static_cast<std::int64_t>(st.context.events.size())) {
    return "its counts do not match its records";
  }
  return {};
}

}  // namespace

LoadedState load_state(const std::string& path) {
  LoadedState out;
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  const bool bak_exists = std::filesystem::exists(path + ".bak", ec);
  if (!exists && !bak_exists) return out;  // first run
  std::string why;
  if (exists) {
    why = read_state_file(path, out.state);
    if (why.empty()) {
      out.fresh = false;
      out.whole = true;
      return out;
    }
    why = path + ": " + why;
  }
  out.state = CronState{};
  if (bak_exists) {
    const std::string bak_why = read_state_file(path + ".bak", out.state);
    if (bak_why.empty()) {
      out.fresh = false;
      out.warning = (why.empty() ? path + ": missing" : why) + "; using " + path + ".bak (the run before)";
      return out;
    }
    why += (why.empty() ? "" : "; ") + path + ".bak: " + bak_why;
    out.state = CronState{};
  }
  out.warning = why + "; state rebuilt: every input is read from the start";
  return out;
}

std::string save_state(const std::string& path, const CronState& st, bool previous_whole) {
  // Temp files of runs killed while writing: under the lock, no other run
  // can be writing one now.
  {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const std::string prefix = "." + target.filename().string() + ".tmp.";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.path().filename().string().rfind(prefix, 0) == 0) fs::remove(e.path(), ec);
    }
    fs::remove(path + ".bak.tmp", ec);
  }
  std::string text;
  JsonWriter w(0);
  w.begin_object();
  w.key("record"), w.value("paxray.state");
  w.key("version"), w.value(kStateVersion);
  w.end_object();
  text += w.take();
  for (const auto& c : st.checkpoints) {
    write_checkpoint(w, c);
    text += w.take();
  }
  for (const auto& f : st.reported) {
    w.begin_object();
    w.key("record"), w.value("reported");
    w.key("key"), w.value(f.key);
    w.key("start"), w.value(static_cast<std::int64_t>(f.start));
    w.key("end"), w.value(static_cast<std::int64_t>(f.end));
    w.end_object();
    text += w.take();
  }
  append_extract(st.context, text);
  w.begin_object();
  w.key("record"), w.value("end");
  w.key("checkpoints"), w.value(static_cast<std::uint64_t>(st.checkpoints.size()));
  w.key("reported"), w.value(static_cast<std::uint64_t>(st.reported.size()));
  w.key("events"), w.value(static_cast<std::uint64_t>(st.context.events.size()));
  w.end_object();
  text += w.take();

  // The previous state becomes the .bak only if it is itself whole: a
  // damaged state must not replace a good .bak.
  CronState previous;
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && (previous_whole || read_state_file(path, previous).empty())) {
    std::filesystem::copy_file(path, path + ".bak.tmp", std::filesystem::copy_options::overwrite_existing, ec);
    if (!ec) std::filesystem::rename(path + ".bak.tmp", path + ".bak", ec);
    if (ec) return "cannot keep " + path + ".bak: " + ec.message();
  }
  return write_file_atomically(path, text);
}

StateLock::~StateLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

bool StateLock::acquire(const std::string& state_path, std::string& err) {
  const std::string lock = state_path + ".lock";
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    err = "cannot open " + lock + ": " + std::strerror(errno);
    return false;
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    err = errno == EWOULDBLOCK ? "another paxray run holds " + lock + "; not starting a second one"
                               : "cannot lock " + lock + ": " + std::strerror(errno);
    ::close(fd_);
    fd_ = -1;
    return false;
  }
  return true;
}

void merge_context(ScanResult& r, const ScanResult& context) {
  if (context.events.empty()) return;
  // A context file continues as the file that resumed from its checkpoint
  // (same file, or its rotation); otherwise it is gone and comes back as a
  // carried entry.
  std::map<std::string, std::uint32_t> continued;
  for (std::size_t i = 0; i < r.files.size(); ++i) {
    const FileReport& f = r.files[i];
    if (!f.resumed_path.empty() && f.resumed_from > 0) continued.emplace(f.resumed_path, static_cast<std::uint32_t>(i));
  }
  std::vector<std::uint32_t> map(context.files.size());
  for (std::size_t i = 0; i < context.files.size(); ++i) {
    const FileReport& old = context.files[i];
    if (const auto it = continued.find(old.path); it != continued.end()) {
      map[i] = it->second;
      continue;
    }
    FileReport carried;
    carried.path = old.path;
    carried.archive = old.archive;
    carried.kind = old.kind;
    carried.node = old.node;
    carried.node_source = old.node_source;
    carried.node_fixed = true;
    carried.header = old.header;
    carried.carried = true;
    carried.detail = "gone since the last run; its recent events are carried over";
    map[i] = static_cast<std::uint32_t>(r.files.size());
    r.files.push_back(std::move(carried));
  }
  for (Event e : context.events) {
    e.file_id = map[e.file_id];
    r.events.push_back(std::move(e));
  }
  std::stable_sort(r.events.begin(), r.events.end(), [](const Event& a, const Event& b) {
    return a.file_id != b.file_id ? a.file_id < b.file_id : a.line < b.line;
  });
  r.nodes = summarise_nodes(r.files);
}

CronState next_state(const ScanResult& r, const std::vector<Event>& events, std::vector<ReportedFinding> reported,
                     std::int64_t context_us, std::size_t max_events) {
  CronState st;
  st.reported = std::move(reported);
  for (const auto& f : r.files) {
    if (f.checkpoint) st.checkpoints.push_back(*f.checkpoint);
  }
  // Only events of resumed logs are carried: query results and extracts are
  // read whole every run and would come twice.
  auto carriable = [&](const Event& e) {
    if (e.file_id >= r.files.size()) return false;
    const FileReport& f = r.files[e.file_id];
    return f.checkpoint.has_value() || f.carried;
  };
  LocalMicros newest = std::numeric_limits<LocalMicros>::min();
  for (const auto& e : events) {
    if (carriable(e)) newest = std::max(newest, e.ts);
  }
  std::vector<const Event*> keep;
  for (const auto& e : events) {
    if (carriable(e) && e.ts >= newest - context_us) keep.push_back(&e);
  }
  if (keep.size() > max_events) {
    std::stable_sort(keep.begin(), keep.end(), [](const Event* a, const Event* b) { return a->ts > b->ts; });
    keep.resize(max_events);
    std::stable_sort(keep.begin(), keep.end(), [](const Event* a, const Event* b) {
      return a->file_id != b->file_id ? a->file_id < b->file_id : a->line < b->line;
    });
  }
  std::map<std::uint32_t, std::uint32_t> file_map;
  for (const Event* e : keep) {
    auto [it, added] = file_map.emplace(e->file_id, static_cast<std::uint32_t>(st.context.files.size()));
    if (added) {
      FileReport f = r.files[e->file_id];
      f.counts = LineCounts{};  // the counts belong to the run that read them
      f.checkpoint.reset();
      st.context.files.push_back(std::move(f));
    }
    Event copy = *e;
    copy.file_id = it->second;
    st.context.events.push_back(std::move(copy));
  }
  return st;
}

}  // namespace paxray
