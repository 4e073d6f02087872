// The scan pipeline (oneTBB parallel_pipeline):
//
//   InputWalker (serial, in order)  ->  scan_chunk (parallel)  ->  merge (serial, in order)
//
// The walker reads and decompresses; chunk parsing runs on every core; the
// merge stage sees chunks in input order, so line numbers, continuation
// attachment across chunk boundaries and the examples kept are the same for
// any thread count. Tokens (and their buffers) are recycled through a pool,
// which bounds memory to the number of tokens in flight.
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include "discover.h"
#include "event_runs.h"
#include "input_walker.h"
#include "tsan_handoff.h"
#include "node_identity.h"
#include "paxray/engine/scan.h"

namespace paxray {
namespace {

constexpr std::size_t kMaxExamplesPerFile = 5;
static_assert(ChunkStats::kMaxSamples >= kMaxExamplesPerFile, "a chunk keeps every example its file may show");

// TSan's sync object for "the pipeline started" (see scan()); no data.
const int pipeline_start = 0;

void fold_chunk(std::vector<Event>& events) {
  std::vector<Event> folded;
  RunFolder folder(folded);
  for (Event& ev : events) folder.add(std::move(ev));
  folder.finish();
  events.swap(folded);
}

class TokenPool {
 public:
  ChunkToken* get() {
    std::lock_guard lock(mu_);
    if (free_.empty()) {
      all_.push_back(std::make_unique<ChunkToken>());
      return all_.back().get();
    }
    ChunkToken* t = free_.back();
    free_.pop_back();
    return t;
  }
  void put(ChunkToken* t) {
    std::lock_guard lock(mu_);
    free_.push_back(t);
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<ChunkToken>> all_;
  std::vector<ChunkToken*> free_;
};

// Per-file state of the serial merge stage.
struct FileAccum {
  bool seen = false;  // went through the pipeline (view dumps do not)
  LineCounts counts;
  std::uint64_t line_base = 0;
  bool has_record = false;
  std::size_t examples = 0;
  std::optional<FileHeaderInfo> header;
};

class Merger {
 public:
  Merger(std::vector<UnparsedExample>& examples, std::vector<Event>& events, bool fold)
      : examples_(examples), folder_(events, fold) {}

  void take(ChunkToken& t) {
    const std::string& path = t.path;
    if (t.file_id >= accums_.size()) accums_.resize(t.file_id + 1);
    FileAccum& a = accums_[t.file_id];
    if (!a.seen) a.line_base = t.first_line;
    a.seen = true;
    if (t.kind == ChunkToken::Kind::kFileEnd) folder_.end_file(t.file_id);
    if (t.kind != ChunkToken::Kind::kData) return;
    ChunkStats& s = t.stats;
    if (s.leading_continuation > 0) {
      if (a.has_record) {
        a.counts.continuation += s.leading_continuation;
      } else {
        a.counts.unparsed[static_cast<std::size_t>(Unparsed::kOrphanContinuation)] += s.leading_continuation;
        if (s.leading_sample) keep_example(a, path, *s.leading_sample);
      }
    }
    for (const auto& sample : s.samples) keep_example(a, path, sample);
    for (Event& ev : t.stats.events) {
      ev.file_id = t.file_id;
      ev.line = a.line_base + ev.line + 1;
      folder_.add(std::move(ev));
    }
    LineCounts c;
    c.lines = s.lines;
    c.records = s.records;
    c.filtered = s.filtered;
    c.continuation = s.continuation;
    c.by_level = s.by_level;
    c.unparsed = s.unparsed;
    c.min_ts = s.min_ts;
    c.max_ts = s.max_ts;
    c.errors = std::move(s.errors);
    a.counts.add(c);
    a.has_record = a.has_record || s.saw_record_start;
    if (!a.header && s.header) a.header = s.header;
    a.line_base += s.lines;
  }

  std::vector<FileAccum>& accums() { return accums_; }
  /// Every chunk taken: each folded run's last event in place.
  void finish() { folder_.finish(); }

 private:
  void keep_example(FileAccum& a, const std::string& path, const UnparsedSample& s) {
    if (a.examples >= kMaxExamplesPerFile || examples_.size() >= kMaxUnparsedExamples) return;
    ++a.examples;
    examples_.push_back({path, a.line_base + s.line_index + 1, s.reason, s.text});
  }

  std::vector<UnparsedExample>& examples_;
  RunFolder folder_;
  std::vector<FileAccum> accums_;
};

}  // namespace

std::uint64_t LineCounts::unparsed_total() const noexcept {
  std::uint64_t n = 0;
  for (auto v : unparsed) n += v;
  return n;
}

void LineCounts::add(const LineCounts& o) {
  lines += o.lines;
  records += o.records;
  filtered += o.filtered;
  continuation += o.continuation;
  for (std::size_t i = 0; i < by_level.size(); ++i) by_level[i] += o.by_level[i];
  for (std::size_t i = 0; i < unparsed.size(); ++i) unparsed[i] += o.unparsed[i];
  min_ts = std::min(min_ts, o.min_ts);
  max_ts = std::max(max_ts, o.max_ts);
  errors.add(o.errors);
}

ScanResult scan(const ScanOptions& options) {
  if (options.paths.empty()) throw std::invalid_argument("no input paths");
  if (options.chunk_bytes == 0 || options.max_line == 0) throw std::invalid_argument("chunk and line limits must be positive");
  if (options.window.since > options.window.until) throw std::invalid_argument("--since is after --until");

  ScanResult result;
  result.window = options.window;
  std::vector<InputItem> items = discover_inputs(options.paths, result.skipped);
  ScanProgress progress;
  for (const auto& item : items) progress.raw_total += item.size;

  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const auto tokens = static_cast<std::size_t>(2 * threads + 2);

  InputWalker walker(std::move(items), options.chunk_bytes, options.max_line, options.resume, options.map_files);
  TokenPool pool;
  Merger merger(result.unparsed_examples, result.events, options.fold_runs);
  const bool extract = options.extract_events;
  const ScanWindow window = options.window;
  const int finished = 0;  // TSan: what every stage did happens before the pipeline returns

  // Each stage first acquires a static (reading no capture): the closures,
  // whose captures this thread wrote, and all set up above, are released to
  // the workers only once the chain is built.
  const auto read_stage = [&](tbb::flow_control& fc) -> ChunkToken* {
    tsan::acquire(&pipeline_start);
    tsan::acquire(&walker);
    ChunkToken* t = pool.get();
    const bool more = walker.next(*t);
    tsan::release(&walker);
    if (more) {
      tsan::release(t);
      return t;
    }
    pool.put(t);
    tsan::release(&finished);
    fc.stop();
    return nullptr;
  };
  const auto scan_stage = [&](ChunkToken* t) {
    tsan::acquire(&pipeline_start);
    tsan::acquire(t);
    t->stats.reset();
    if (t->kind == ChunkToken::Kind::kData) {
      scan_chunk(t->buf.view(), t->format, window, t->stats, extract, t->year);
      // Fold here too, on every core, so that a chunk of dumps holds a few
      // events rather than thousands while it waits for the merge.
      if (options.fold_runs && !t->stats.events.empty()) fold_chunk(t->stats.events);
    }
    tsan::release(t);
    tsan::release(&finished);
    return t;
  };
  const auto merge_stage = [&](ChunkToken* t) {
    tsan::acquire(&pipeline_start);
    tsan::acquire(&merger);
    tsan::acquire(t);
    merger.take(*t);
    if (t->kind == ChunkToken::Kind::kFileEnd) ++progress.files_done;
    progress.raw_done = t->raw_done;
    if (options.progress) options.progress(progress);
    tsan::release(&merger);
    pool.put(t);
    tsan::release(&finished);
  };
  const auto chain = tbb::make_filter<void, ChunkToken*>(tbb::filter_mode::serial_in_order, read_stage) &
                     tbb::make_filter<ChunkToken*, ChunkToken*>(tbb::filter_mode::parallel, scan_stage) &
                     tbb::make_filter<ChunkToken*, void>(tbb::filter_mode::serial_in_order, merge_stage);
  tsan::release(&pipeline_start);
  tbb::parallel_pipeline(tokens, chain);
  tsan::acquire(&finished);  // parallel_pipeline returns once every stage has: this thread reads their results

  merger.finish();
  for (const Event& ev : result.events) result.folded_events += ev.folded;
  result.files = std::move(walker.files());
  auto& accums = merger.accums();
  for (std::size_t i = 0; i < result.files.size() && i < accums.size(); ++i) {
    if (!accums[i].seen) continue;
    result.files[i].counts = accums[i].counts;
    result.files[i].header = accums[i].header;
    if (auto& c = result.files[i].checkpoint) {
      FileReport& f = result.files[i];
      if (!f.header && f.resumed_from > 0) f.header = c->header;
      c->header = f.header;
      c->lines = f.resumed_lines + accums[i].counts.lines;
      if (accums[i].counts.has_time()) c->last_ts = accums[i].counts.max_ts;
      // A resumed file was last heard from at its checkpoint's time, even
      // with nothing new: the node is not silent just because this run read
      // no line of it.
      if (f.resumed_from > 0 && c->last_ts != 0) {
        f.counts.min_ts = std::min(f.counts.min_ts, c->last_ts);
        f.counts.max_ts = std::max(f.counts.max_ts, c->last_ts);
      }
    }
  }
  for (auto& s : walker.skipped()) result.skipped.push_back(std::move(s));
  result.tables = std::move(walker.tables());
  if (!walker.table_events().empty()) {
    for (Event& ev : walker.table_events()) result.events.push_back(std::move(ev));
    std::stable_sort(result.events.begin(), result.events.end(), [](const Event& a, const Event& b) {
      return a.file_id != b.file_id ? a.file_id < b.file_id : a.line < b.line;
    });
  }
  if (!walker.extract_examples().empty()) {
    // Examples are kept in file order, the first few overall: extracts carry
    // their own first few, so merge by file and cut again.
    for (UnparsedExample& u : walker.extract_examples()) result.unparsed_examples.push_back(std::move(u));
    std::map<std::string_view, std::size_t> order;
    for (std::size_t i = 0; i < result.files.size(); ++i) order.emplace(result.files[i].path, i);
    auto rank = [&](const UnparsedExample& u) {
      const auto it = order.find(u.path);
      return it == order.end() ? result.files.size() : it->second;
    };
    std::stable_sort(result.unparsed_examples.begin(), result.unparsed_examples.end(),
                     [&](const UnparsedExample& a, const UnparsedExample& b) { return rank(a) < rank(b); });
    if (result.unparsed_examples.size() > kMaxUnparsedExamples) result.unparsed_examples.resize(kMaxUnparsedExamples);
  }
  std::stable_sort(result.skipped.begin(), result.skipped.end(),
                   [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
  resolve_nodes(result.files, options.nodes);
  result.nodes = summarise_nodes(result.files);
  for (const auto& f : result.files) {
    result.totals.add(f.counts);
    result.bytes += f.bytes;
    result.raw_bytes += f.raw_bytes;
  }
  return result;
}

}  // namespace paxray
