#include "input_walker.h"

#include <algorithm>

#include <sys/stat.h>

#include <ctime>

#include <utility>

#include "paxray/engine/extract.h"
#include "paxray/parsers/fnv.h"
#include "paxray/parsers/log_kind.h"
#include "paxray/parsers/node_hints.h"
#include "paxray/parsers/etcd.h"
#include "paxray/parsers/oio.h"
#include "paxray/parsers/zk_events.h"
#include "paxray/parsers/zk_line.h"

namespace paxray {
namespace {

constexpr std::size_t kSelfHintWindow = 1 << 20;  // look for self="ip:port" in the first MiB
constexpr std::size_t kMaxDumpBytes = std::size_t{64} << 20;  // query results are small; bound memory anyway
constexpr std::uint64_t kMapMinBytes = std::uint64_t{1} << 20;
constexpr std::time_t kMapQuietSeconds = 60;

std::string_view basename_of(std::string_view path) noexcept {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool looks_like_clockdiff(std::string_view head) noexcept {
  return head.find("host=") != std::string_view::npos && head.find(" delta=") != std::string_view::npos;
}

}  // namespace

InputWalker::InputWalker(std::vector<InputItem> items, std::size_t chunk_bytes, std::size_t max_line,
                         const std::vector<Checkpoint>* resume, bool map_files)
    : items_(std::move(items)), chunk_bytes_(chunk_bytes), max_line_(max_line), resume_(resume), map_files_(map_files) {}

bool InputWalker::next_chunk(ChunkBuffer& buf) {
  if (has_pending_) {
    std::swap(buf, pending_);
    has_pending_ = false;
  } else if (!chunker_->next(buf)) {
    return false;
  }
  if (hold_tail_ && chunker_->at_end() && buf.size() > 0 && buf.view().back() != '\n') {
    const std::size_t nl = buf.view().rfind('\n');
    const std::size_t keep = nl == std::string_view::npos ? 0 : nl + 1;
    held_ = buf.size() - keep;
    buf.resize(keep);
    return keep > 0;
  }
  return true;
}

std::uint64_t InputWalker::raw_done() const noexcept {
  if (!envelope_sources_.empty()) return raw_finished_;  // the paste counts once read
  if (archive_) return raw_finished_ + archive_->raw_bytes();
  return raw_finished_ + (stream_ ? stream_->raw_bytes() : 0);
}

bool InputWalker::next(ChunkToken& tok) {
  for (;;) {
    if (file_id_) {
      tok.file_id = *file_id_;
      tok.path = files_[*file_id_].path;
      tok.format = format_;
      tok.kind = ChunkToken::Kind::kData;
      tok.first_line = files_[*file_id_].resumed_lines;
      tok.year = year_;
      if (next_chunk(tok.buf)) {
        tok.raw_done = raw_done();
        return true;
      }
      FileReport& f = files_[*file_id_];
      f.bytes = chunker_->offset() - held_;
      if (f.checkpoint) f.checkpoint->offset = f.resumed_from + f.bytes;
      f.cut_lines = chunker_->cut_lines();
      f.error = stream_->error();
      tok.kind = ChunkToken::Kind::kFileEnd;
      tok.buf.clear();
      if (!archive_) raw_finished_ += f.raw_bytes;
      chunker_.reset();
      stream_.reset();
      file_id_.reset();
      tok.raw_done = raw_done();
      return true;
    }
    if (envelope_next_ < envelope_sources_.size()) {
      start_envelope_source();
      continue;
    }
    if (!envelope_sources_.empty()) {
      envelope_sources_.clear();
      envelope_next_ = 0;
      raw_finished_ += envelope_raw_;
      continue;
    }
    if (archive_) {
      std::string name;
      std::uint64_t size = 0;
      if (archive_->next_member(name, size)) {
        start_member(name, size);
        continue;
      }
      if (!archive_->error().empty()) skipped_.push_back({archive_path_, archive_->error() + " (rest of archive not read)"});
      archive_.reset();
      raw_finished_ += archive_size_;
      continue;
    }
    if (next_item_ >= items_.size()) return false;
    start_item(items_[next_item_++]);
  }
}

bool InputWalker::start_item(const InputItem& item) {
  if (item.archive) {
    auto reader = std::make_unique<ArchiveReader>();
    std::string err;
    if (!reader->open(item.path, err)) {
      skipped_.push_back({item.path, "cannot open archive: " + err});
      raw_finished_ += item.size;
      return false;
    }
    archive_ = std::move(reader);
    archive_path_ = item.path;
    archive_size_ = item.size;
    return true;
  }
  std::string err;
  Compression compression = Compression::kNone;
  auto stream = open_input(item.path, err, &compression);
  if (!stream) {
    skipped_.push_back({item.path, "cannot open: " + err});
    raw_finished_ += item.size;
    return false;
  }
  FileIdentity id;
  struct stat st {};
  year_ = 1970;
  if (::stat(item.path.c_str(), &st) == 0) {
    // Syslog lines print no year: take the file's (its last write is its last line).
    struct tm tm {};
    if (::localtime_r(&st.st_mtime, &tm) != nullptr) year_ = tm.tm_year + 1900;
    id.dev = static_cast<std::uint64_t>(st.st_dev);
    id.inode = static_cast<std::uint64_t>(st.st_ino);
    if (compression == Compression::kNone) id.plain_size = item.size;
    // A plain file read once, whole, is mapped rather than copied into our
    // buffers. Not in cron mode (a checkpoint resumes a live file), not a
    // small file (a read costs less than a mapping), not a file written in the
    // last minute (a live log may be truncated under the mapping).
    const bool quiet = std::time(nullptr) - st.st_mtime > kMapQuietSeconds;
    if (map_files_ && compression == Compression::kNone && resume_ == nullptr && item.size >= kMapMinBytes && quiet) {
      std::string map_err;
      if (auto mapped = open_mapped_file(item.path, map_err)) stream = std::move(mapped);
    }
  }
  hold_tail_ = resume_ != nullptr && compression == Compression::kNone;
  start_file(item.path, {}, basename_of(item.path), std::move(stream), compression, item.size, id);
  if (!file_id_) raw_finished_ += item.size;
  return true;
}

void InputWalker::start_member(const std::string& name, std::uint64_t size) {
  const std::string display = archive_path_ + "!" + name;
  if (is_archive_name(basename_of(name))) {
    skipped_.push_back({display, "archive inside an archive: unpack the outer one first"});
    return;
  }
  Compression compression = Compression::kNone;
  auto stream = auto_decompress(archive_->member_stream(), &compression);
  hold_tail_ = false;  // archive members are complete
  start_file(display, archive_path_, basename_of(name), std::move(stream), compression, size, FileIdentity{});
}

void InputWalker::start_file(std::string display, std::string archive, std::string_view basename,
                             std::unique_ptr<ByteStream> stream, Compression compression, std::uint64_t raw_size,
                             const FileIdentity& id, std::optional<EnvelopeKind> pasted) {
  const std::optional<LogName> name = classify_log_name(basename);
  held_ = 0;
  FileReport f;
  if (resume_ != nullptr) {
    f.path = display;
    stream = resume(f, std::move(stream), id, name.has_value());
  }
  if (!f.checkpoint) hold_tail_ = false;
  auto chunker = std::make_unique<LineChunker>(*stream, chunk_bytes_, max_line_);
  pending_.clear();
  has_pending_ = chunker->next(pending_);

  if (has_pending_ && is_extract(pending_.view())) {
    take_extract(display, *chunker, *stream);
    has_pending_ = false;
    return;
  }
  // Decided per file from its first lines: a clean log pays for one short vote.
  // Cron mode reads logs as they are (a checkpoint is an offset into the file).
  if (has_pending_ && !pasted && resume_ == nullptr && vote_envelope(pending_.view()).enveloped()) {
    if (take_envelope(display, *chunker, raw_size)) {
      has_pending_ = false;
      return;
    }
  }
  f.path = std::move(display);
  f.archive = std::move(archive);
  f.compression = compression;
  if (pasted && *pasted != EnvelopeKind::kNone) f.envelope = std::string(envelope_kind_name(*pasted));
  f.raw_bytes = raw_size;
  if (name) {
    f.kind = name->kind;
    f.wf = name->wf;
    f.rotated = name->rotated;
    format_ = line_format_for(name->kind);
  } else {
    const SniffResult sniff = sniff_log(pending_.view());
    if (!sniff.is_log && take_dump(f, *chunker)) {
      if (!stream->error().empty()) f.error = stream->error();
      f.bytes = chunker->offset();
      files_.push_back(std::move(f));
      has_pending_ = false;
      return;
    }
    if (!sniff.is_log) {
      std::string reason = sniff.reason;
      if (!stream->error().empty()) reason += "; " + stream->error();
      skipped_.push_back({f.path, std::move(reason), stream->error().empty()});
      has_pending_ = false;
      return;
    }
    f.named = false;
    f.kind = sniff.format == LineFormat::kObAlert    ? LogKind::kAlert
             : sniff.format == LineFormat::kZooKeeper ? LogKind::kZooKeeper
             : sniff.format == LineFormat::kOpenIO    ? LogKind::kOpenIO
             : sniff.format == LineFormat::kEtcd      ? LogKind::kEtcd
                                                      : LogKind::kUnknownOb;
    format_ = sniff.format;
  }
  if (has_pending_) {
    const std::string_view head = pending_.view().substr(0, kSelfHintWindow);
    if (format_ == LineFormat::kZooKeeper) {
      // A ZooKeeper server names itself by id; its events carry the same name.
      if (const auto zk_id = single_zk_myid(head)) f.self_address = zk_node_name(*zk_id);
    } else if (format_ == LineFormat::kEtcd) {
      // An etcd member names itself by member id; its events carry the same name.
      f.self_address = single_etcd_member(head);
    } else {
      f.self_address = find_record_self_address(head);
    }
  }
  // A resumed file's writer was named in the part read by earlier runs.
  if (f.checkpoint && f.resumed_from > 0 && f.checkpoint->self_address) f.self_address = f.checkpoint->self_address;
  if (f.checkpoint) f.checkpoint->self_address = f.self_address;
  file_id_ = static_cast<std::uint32_t>(files_.size());
  files_.push_back(std::move(f));
  stream_ = std::move(stream);
  chunker_ = std::move(chunker);
}

bool InputWalker::take_envelope(const std::string& display, LineChunker& chunker, std::uint64_t raw_size) {
  if (!read_whole(chunker)) return false;  // over the cap: read as it is
  envelope_sources_ = demux_envelopes(pending_.view());
  envelope_next_ = 0;
  envelope_parent_ = display;
  envelope_raw_ = raw_size;
  return true;
}

// Each source is read as a member of the paste: a grep path keeps its file
// name (kind, rotation) and its directories (the node), a pod or a service
// names its directory; quoted or indented text stays the paste itself.
void InputWalker::start_envelope_source() {
  EnvelopeSource& src = envelope_sources_[envelope_next_++];
  const bool named_dir = src.kind == EnvelopeKind::kKubectl || src.kind == EnvelopeKind::kCompose || src.kind == EnvelopeKind::kSyslog;
  const std::string member = named_dir ? src.key + "/" + std::string(basename_of(envelope_parent_)) : src.key;
  const bool whole = member.empty();
  const std::string display = whole ? envelope_parent_ : envelope_parent_ + "!" + member;
  const std::string basename(basename_of(whole ? envelope_parent_ : member));
  auto stream = std::make_unique<StringStream>(std::move(src.text));
  const auto size = stream->size();
  hold_tail_ = false;
  start_file(display, whole ? std::string() : envelope_parent_, basename, std::move(stream), Compression::kNone, size, FileIdentity{},
             src.kind);
}

void InputWalker::take_extract(const std::string& display, LineChunker& chunker, const ByteStream& stream) {
  ExtractReader reader;
  std::uint64_t line_no = 0;
  std::uint64_t bad = 0;
  std::string first_bad;
  auto feed = [&](std::string_view text) {
    while (!text.empty()) {
      const std::size_t nl = text.find('\n');
      const std::string_view line = text.substr(0, nl);
      ++line_no;
      if (std::string err = reader.feed(line); !err.empty() && bad++ == 0) {
        first_bad = "line " + std::to_string(line_no) + ": " + err;
      }
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
  };
  feed(pending_.view());
  ChunkBuffer more;
  while (chunker.next(more)) feed(more.view());
  if (bad > 0) {
    skipped_.push_back({display, "extract: " + std::to_string(bad) + " bad line(s) left out, the first at " + first_bad});
  }
  if (!stream.error().empty()) skipped_.push_back({display, "extract: " + stream.error() + " (rest of the extract not read)"});

  // The extract's records join this scan as if its files had been read here.
  ScanResult& part = reader.part();
  const auto base = static_cast<std::uint32_t>(files_.size());
  for (FileReport& f : part.files) files_.push_back(std::move(f));
  for (SkippedFile& s : part.skipped) skipped_.push_back(std::move(s));
  for (UnparsedExample& u : part.unparsed_examples) extract_examples_.push_back(std::move(u));
  for (ViewTable& t : part.tables) {
    t.file_id += base;
    tables_.push_back(std::move(t));
  }
  for (Event& e : part.events) {
    e.file_id += base;
    table_events_.push_back(std::move(e));
  }
}

std::unique_ptr<ByteStream> InputWalker::resume(FileReport& f, std::unique_ptr<ByteStream> stream,
                                                const FileIdentity& id, bool named) {
  std::string head = read_up_to(*stream, Checkpoint::kFingerprintBytes);
  // Query results, clockdiff output and extracts are small and read whole
  // every run; only logs are resumed.
  const bool log_like = !is_extract(head) && (named || sniff_log(head).is_log);
  if (log_like) {
    const ResumeDecision d = decide_resume(*resume_, head, f.path, id);
    Checkpoint c;
    c.path = f.path;
    c.dev = id.dev;
    c.inode = id.inode;
    c.fp_len = static_cast<std::uint32_t>(head.size());
    c.fp = fnv1a64(head);
    c.last_ts = d.last_ts;
    if (d.from != nullptr) {
      f.resumed_path = d.from->path;
      c.header = d.from->header;
      c.self_address = d.from->self_address;
    }
    f.checkpoint = c;
    f.resume_note = d.note;
    f.resumed_lines = d.lines;
    stream = make_peeked_stream(std::move(head), std::move(stream));
    // A compressed rotation shorter than its checkpoint has nothing new.
    f.resumed_from = d.offset > 0 ? stream->skip(d.offset) : 0;
    return stream;
  }
  return make_peeked_stream(std::move(head), std::move(stream));
}

bool InputWalker::read_whole(LineChunker& chunker) {
  ChunkBuffer more;
  while (chunker.next(more)) {
    if (pending_.size() + more.size() > kMaxDumpBytes) return false;
    const std::size_t at = pending_.size();
    pending_.resize(at + more.size());
    std::copy_n(more.data(), more.size(), pending_.data() + at);
  }
  return true;
}

bool InputWalker::take_dump(FileReport& f, LineChunker& chunker) {
  const std::string_view head = pending_.view();
  if (is_oio_election_output(head)) {
    const auto file_id = static_cast<std::uint32_t>(files_.size());
    f.named = false;
    f.kind = LogKind::kOpenIOElection;
    if (!read_whole(chunker)) {
      f.error = "larger than 64 MiB: not read as an election output";
      return true;
    }
    std::string error;
    const std::vector<OioPeer> peers = parse_oio_election(pending_.view(), error);
    std::vector<Event> events;
    oio_election_events(peers, events);
    for (Event& ev : events) {
      ev.file_id = file_id;
      table_events_.push_back(std::move(ev));
    }
    f.counts.records = peers.size();
    f.detail = "openio election output, " + std::to_string(peers.size()) + " peer(s)";
    if (!error.empty()) f.error = error;
    return true;
  }
  const auto form = detect_dump_form(head);
  const bool clockdiff = !form && looks_like_clockdiff(head);
  if (!form && !clockdiff) return false;
  const auto file_id = static_cast<std::uint32_t>(files_.size());
  f.named = false;
  if (!read_whole(chunker)) {
    f.kind = clockdiff ? LogKind::kClockdiff : LogKind::kViewDump;
    f.error = "larger than 64 MiB: not read as a query result";
    return true;
  }
  if (clockdiff) {
    f.kind = LogKind::kClockdiff;
    if (auto events = parse_clockdiff(pending_.view())) {
      f.counts.records = events->size();
      for (Event& ev : *events) {
        ev.file_id = file_id;
        table_events_.push_back(std::move(ev));
      }
    }
    f.detail = "clockdiff output";
    return true;
  }
  std::string error;
  std::vector<ViewTable> tables = parse_view_dump(pending_.view(), *form, error);
  // A table paxray cannot name (a README's ASCII box, any JSON) is no evidence.
  if (std::none_of(tables.begin(), tables.end(), [](const ViewTable& t) { return t.view != ViewKind::kUnknown; })) return false;
  f.kind = LogKind::kViewDump;
  std::size_t rows = 0;
  std::string views;
  for (ViewTable& t : tables) {
    t.file_id = file_id;
    rows += t.rows.size();
    if (!views.empty()) views += ", ";
    views += std::string(view_kind_name(t.view));
    view_events(t, table_events_);
    tables_.push_back(std::move(t));
  }
  f.counts.records = rows;
  f.detail = (views.empty() ? std::string("no table") : views) + ", " + std::string(dump_form_name(*form)) + ", " +
             std::to_string(rows) + " rows";
  if (!error.empty()) f.error = error;
  return true;
}

}  // namespace paxray
