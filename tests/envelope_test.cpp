// The envelope layer: the forms people paste logs in (issue: real inputs).
// Each shape peels as the ticket showed it, a clean log never pays for it,
// and every bundled incident re-pasted in each envelope gives the findings
// of its raw logs.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/parsers/byte_stream.h"
#include "paxray/parsers/envelope.h"
#include "paxray/rules/diagnosis.h"
#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;

TEST(Envelope, EachShapePeelsAsTicketsShowIt) {
  struct Case {
    std::string line;
    EnvelopeKind kind;
    std::string source;
    std::string record_start;
  };
  const std::vector<Case> cases{
      {"observer.log.20200727141140:[2020-07-27 14:11:39.217574] INFO  [CLOG] f", EnvelopeKind::kGrep, "observer.log.20200727141140", "[2020-07-27"},
      {"pack/node1/log/observer.log:1234:[2024-03-05 10:00:00.000001] WARN x", EnvelopeKind::kGrep, "pack/node1/log/observer.log", "[2024-03-05"},
      {"pack/node1/log/observer.log-1235-[2024-03-05 10:00:00.000001] INFO x", EnvelopeKind::kGrep, "pack/node1/log/observer.log", "[2024-03-05"},
      {"[pod/obcluster-zone1-0/observer] [2025-02-25 06:54:48.332249] INFO x", EnvelopeKind::kKubectl, "pod/obcluster-zone1-0/observer", "[2025-02-25"},
      {"zoo1_1  | 2017-08-21 09:12:54,123 [myid:1] - INFO  [main:QuorumPeer@1] - x", EnvelopeKind::kCompose, "zoo1_1", "2017-08-21"},
      {"> [2024-01-23 22:29:53.341634] ERROR [SERVER] f", EnvelopeKind::kQuote, "", "[2024-01-23"},
      {"Mar  5 10:00:44 ob-host-2 observer[28513]: [2024-03-05 10:00:44.000000] WDIAG [ELECT] x", EnvelopeKind::kSyslog, "ob-host-2", "[2024-03-05"},
      {"Aug 21 09:12:54 zk1 zookeeper[812]: 2017-08-21 09:12:54,123 [myid:1] - INFO  [main:QuorumPeer@1] - x", EnvelopeKind::kSyslog, "zk1", "2017-08-21"},
      {"2024-03-05T10:00:44.123456+0800 ob-host-2 observer[28513]: [2024-03-05 10:00:44.000000] WDIAG x", EnvelopeKind::kSyslog, "ob-host-2", "[2024-03-05"},
      {"> > [2024-01-23 22:29:53.341634] ERROR x", EnvelopeKind::kQuote, "", "[2024-01-23"},
      {"    [2024-01-23 22:29:53.341634] ERROR x", EnvelopeKind::kQuote, "", "[2024-01-23"},
      {"\t2012-03-14 16:23:12,775 13308 [WorkerSender[myid=0]] DEBUG x", EnvelopeKind::kQuote, "", "2012-03-14"},
      {"host-[  election.log  [2019-03-05 00:13:28.061153] ERROR [ELECT] x", EnvelopeKind::kHostColumn, "host-[  election.log", "[2019-03-05"},
      {"10.10.10.2-[\telection.log.20190305\t[2019-03-05 00:13:28.061153] ERROR x", EnvelopeKind::kHostColumn, "10.10.10.2-[\telection.log.20190305", "[2019-03-05"},
  };
  for (const auto& c : cases) {
    const PeeledLine p = peel_record_line(c.line);
    EXPECT_EQ(p.kind, c.kind) << c.line;
    EXPECT_EQ(p.source, c.source) << c.line;
    EXPECT_EQ(p.record.substr(0, c.record_start.size()), c.record_start) << c.line;
  }
  // A host column's source is kept as HOST/FILE, which names the node and the file as a grep path does.
  EXPECT_EQ(envelope_key(peel_record_line("host-[  election.log  [2019-03-05 00:13:28.061153] ERROR x")), "host/election.log");
  // No envelope: a record at column 0, prose that mentions a time, a word before a dash.
  for (const std::string line : {"[2024-01-23 22:29:53.341634] ERROR x", "The leader changed at 2024-01-23 22:29:53 and",
                                 "see the log [2024-01-23 22:29:53.341634] ERROR x", "node- 2024-01-23 22:29:53 x",
                                 "a-[ b c [2024-01-23 22:29:53.341634] ERROR x", ""}) {
    const PeeledLine p = peel_record_line(line);
    EXPECT_EQ(p.kind, EnvelopeKind::kNone) << line;
    EXPECT_EQ(p.record, line);
  }
}

TEST(Envelope, ACleanLogDecidesWithinItsFirstLines) {
  std::string log;
  for (int i = 0; i < 10000; ++i) {
    log += "[2024-03-05 10:00:00.000001] INFO  [PALF] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] hi\n";
    log += "    at a continuation line that is not a record\n";
  }
  const EnvelopeVote v = vote_envelope(log);
  EXPECT_FALSE(v.enveloped());
  EXPECT_LE(v.clean, 64u) << "the vote read past what it needed";
  const EnvelopeVote wrapped = vote_envelope("Hi,\n> [2024-03-05 10:00:00.000001] INFO x\n> [2024-03-05 10:00:01.000001] INFO y\n");
  EXPECT_TRUE(wrapped.enveloped());
}

TEST(Envelope, DemuxRoutesContinuationAndContextLines) {
  const std::string paste =
      "$ grep -rn -A1 -4038 pack\n"
      "pack/n1/log/observer.log:10:[2024-03-05 10:00:00.000001] WARN a\n"
      "pack/n1/log/observer.log-11-  a stack frame\n"
      "pack/n2/log/observer.log:20:[2024-03-05 10:00:00.000002] WARN b\n"
      "--\n"
      "pack/n1/log/observer.log-12-  another frame\n";
  const auto sources = demux_envelopes(paste);
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0].key, "");  // the prompt before any record
  EXPECT_EQ(sources[1].key, "pack/n1/log/observer.log");
  EXPECT_EQ(sources[1].text, "[2024-03-05 10:00:00.000001] WARN a\n  a stack frame\n  another frame\n");
  EXPECT_EQ(sources[2].key, "pack/n2/log/observer.log");
  EXPECT_EQ(sources[2].text, "[2024-03-05 10:00:00.000002] WARN b\n--\n");
  const auto quoted = demux_envelopes("> [2024-03-05 10:00:00.000001] WARN a\r\n>     at frame\r\nthanks\r\n");
  ASSERT_EQ(quoted.size(), 1u);
  EXPECT_EQ(quoted[0].text, "[2024-03-05 10:00:00.000001] WARN a\n    at frame\nthanks\n");
}

TEST(Envelope, ARecordAWebPageWrappedIsJoinedBack) {
  // The OceanBase 3.1.3 troubleshooting doc's grep -H output: the prefix
  // wraps before the thread block; joined, the record parses.
  const auto sources = demux_envelopes(
      "observer.log.20200618102440:[2020-06-18 10:24:38.213870] WARN  [STORAGE.TRANS] set (ob_memtable.cpp:354) \n"
      "[509976][2170][Y404645869E7-0005A852503E9F53] [lt=10] [dc=0]\n"
      "observer.log.20200618102440:[2020-06-18 10:24:39.000000] INFO  [X] no location at all\n"
      "some prose that does not complete it\n");
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].text,
            "[2020-06-18 10:24:38.213870] WARN  [STORAGE.TRANS] set (ob_memtable.cpp:354) "
            "[509976][2170][Y404645869E7-0005A852503E9F53] [lt=10] [dc=0]\n"
            "[2020-06-18 10:24:39.000000] INFO  [X] no location at all\n"
            "some prose that does not complete it\n");
  EXPECT_EQ(sources[0].lines, 4u);  // every input line, the joined half included
}

// --- every bundled incident, re-pasted --------------------------------------

// A log's lines as the scan reads them (decompressed).
std::vector<std::string> lines_of(const fs::path& p) {
  std::string err;
  auto in = open_input(p.string(), err);
  if (!in) throw std::runtime_error("cannot read " + p.string() + ": " + err);
  std::string text;
  std::array<char, 65536> buf{};
  while (std::size_t n = in->read(buf.data(), buf.size())) text.append(buf.data(), n);
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

struct Finding4 {
  std::string cause, severity, group, start, end;
  bool operator==(const Finding4&) const = default;
};

std::vector<Finding4> diagnose_dir(const fs::path& dir) {
  ScanOptions opt;
  opt.paths = {dir.string()};
  ScanResult r = scan(opt);
  const Timeline tl = build_timeline(r, {});
  const Diagnosis d = diagnose(r, tl, Thresholds::defaults());
  std::vector<Finding4> out;
  for (const auto& f : d.findings) {
    out.push_back({std::string(f.id()), std::string(severity_name(f.severity)), f.group, format_timestamp(f.start), format_timestamp(f.end)});
  }
  return out;
}

void PrintTo(const Finding4& f, std::ostream* os) { *os << f.cause << " " << f.severity << " " << f.group << " " << f.start << ".." << f.end; }

enum class Paste { kAsIs, kGrepRn, kGrepHPerNode, kKubectl, kMarkdownPerNode, kGrepHSortedPerNode, kSyslog, kHostColumn };

// Writes `incident` re-pasted in `how` under `out`: its logs' lines in the
// envelope, the other files (saved views, clockdiff) copied as they are.
void repaste(const fs::path& incident, Paste how, const fs::path& out) {
  ScanOptions opt;
  opt.paths = {incident.string()};
  const ScanResult raw = scan(opt);
  std::map<std::string, std::string> pastes;  // file under out -> text
  for (const auto& f : raw.files) {
    if (!f.archive.empty()) {  // a gather tarball travels as it is
      const std::string rel = fs::relative(f.archive, incident).string();
      if (!fs::exists(out / rel)) {
        fs::create_directories((out / rel).parent_path());
        fs::copy_file(f.archive, out / rel);
      }
      continue;
    }
    const fs::path p(f.path);
    const std::string rel = fs::relative(p, incident).string();
    const std::string top = rel.substr(0, rel.find('/'));
    // A saved clockdiff names no node: it belongs to the node whose log
    // directory it sits beside, which a paste no longer has. Left out of
    // both sides of the comparison.
    if (f.kind == LogKind::kClockdiff) continue;
    const bool log = is_line_log(f.kind);
    if (!log || how == Paste::kAsIs) {
      fs::create_directories((out / rel).parent_path());
      fs::copy_file(p, out / rel);
      continue;
    }
    std::string clean = rel;
    if (clean.size() > 4 && clean.substr(clean.size() - 4) == ".zst") clean.resize(clean.size() - 4);
    if (clean.size() > 3 && clean.substr(clean.size() - 3) == ".gz") clean.resize(clean.size() - 3);
    std::size_t n = 0;
    for (const auto& line : lines_of(p)) {
      ++n;
      switch (how) {
        case Paste::kAsIs: break;
        case Paste::kGrepRn: pastes["grep-rn.txt"] += clean + ":" + std::to_string(n) + ":" + line + "\n"; break;
        case Paste::kGrepHPerNode: pastes[top + ".grep.txt"] += clean + ":" + line + "\n"; break;
        case Paste::kKubectl: pastes["kubectl.log"] += "[pod/" + top + "/observer] " + line + "\n"; break;
        case Paste::kMarkdownPerNode: pastes[top + ".md"] += "> " + line + "\r\n"; break;
        case Paste::kSyslog: pastes["messages"] += "Mar  5 10:00:44 " + top + " app[42]: " + line + "\n"; break;
        case Paste::kHostColumn:  // a multi-host tool: "HOST-[  FILE  line"
          pastes["hosts.txt"] += top + "-[  " + fs::path(clean).filename().string() + "  " + line + "\n";
          break;
        case Paste::kGrepHSortedPerNode:  // grep -h of the records of every file of a node, then sort
          if (record_offset(line) == 0) pastes[top + "/merged.txt"] += line + "\n";
          break;
      }
    }
  }
  for (auto& [name, text] : pastes) {
    if (how == Paste::kGrepHSortedPerNode) {
      std::vector<std::string> sorted;
      for (std::size_t pos = 0, nl; pos < text.size(); pos = nl + 1) {
        nl = text.find('\n', pos);
        sorted.push_back(text.substr(pos, nl - pos));
      }
      std::sort(sorted.begin(), sorted.end());
      text.clear();
      for (const auto& l : sorted) text += l + "\n";
      fs::create_directories((out / name).parent_path());
    }
    const std::string body = name.size() > 3 && name.substr(name.size() - 3) == ".md"
                                 ? "Ticket 4711: the logs, as asked\r\n\r\n" + text + "\r\nThanks, the on-call\r\n"
                                 : text;
    std::ofstream(out / name, std::ios::binary) << body;
  }
}

TEST(Envelope, EveryBundledIncidentRePastedGivesItsFindings) {
  std::vector<fs::path> incidents;
  for (const char* root : {"samples/incidents", "samples/zookeeper"}) {
    for (const auto& e : fs::directory_iterator(testing::source_dir() / root)) {
      if (e.is_directory()) incidents.push_back(e.path());
    }
  }
  std::sort(incidents.begin(), incidents.end());
  ASSERT_GE(incidents.size(), 18u);
  std::size_t with_findings = 0;
  for (const fs::path& incident : incidents) {
    testing::TempDir as_is;
    repaste(incident, Paste::kAsIs, as_is.path());
    const auto expected = diagnose_dir(as_is.path());
    with_findings += !expected.empty();
    for (Paste how : {Paste::kGrepRn, Paste::kGrepHPerNode, Paste::kKubectl, Paste::kMarkdownPerNode, Paste::kGrepHSortedPerNode,
                      Paste::kSyslog, Paste::kHostColumn}) {
      // Sorted record lines lose the stack traces under them, where ZooKeeper
      // prints its timeouts and shutdown reasons: that form cannot keep them.
      if (how == Paste::kGrepHSortedPerNode && incident.parent_path().filename() == "zookeeper") continue;
      testing::TempDir out;
      repaste(incident, how, out.path());
      EXPECT_EQ(diagnose_dir(out.path()), expected) << incident.filename() << " pasted as " << static_cast<int>(how);
    }
  }
  EXPECT_GE(with_findings, 14u);
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

// Records a web page wrapped, in a file with no envelope at all (a ticket's
// attachment pasted from the OceanBase 3.1.3 troubleshooting doc, its grep
// prefixes gone): each record starts at column 0 but only parses joined to the
// next line. The vote sends the file through the envelope layer, which joins
// them back; before, the first was unparsed and the second a continuation.
TEST(Envelope, WebWrappedRecordsWithoutAnEnvelopeAreJoinedBack) {
  const std::string wrapped =
      "[2020-06-18 10:24:38.213870] WARN  [STORAGE.TRANS] set (ob_memtable.cpp:354) \n"
      "[509976][2170][Y404645869E7-0005A852503E9F53] [lt=10] [dc=0] set fail(ret=-6005)\n"
      "[2020-06-18 10:24:38.213871] WARN  [STORAGE.TRANS] set (ob_memtable.cpp:354) \n"
      "[509976][2170][Y404645869E7-0005A852503E9F53] [lt=10] [dc=0] set fail(ret=-6005)\n";
  const EnvelopeVote v = vote_envelope(wrapped);
  EXPECT_EQ(v.web_wrapped, 2u);
  EXPECT_TRUE(v.enveloped());
  testing::TempDir dir;
  dir.write("attachment.txt", wrapped);
  ScanOptions opt;
  opt.paths = {dir.path().string()};
  const ScanResult r = scan(opt);
  EXPECT_EQ(r.totals.records, 2u);
  std::uint64_t unparsed = 0;
  for (auto n : r.totals.unparsed) unparsed += n;
  EXPECT_EQ(unparsed, 0u);
  // A clean log whose records parse is not sent there.
  EXPECT_EQ(vote_envelope("[2024-03-05 10:00:00.000001] INFO  [PALF] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] hi\n"
                          "[2024-03-05 10:00:00.000002] INFO  [PALF] f (a.cpp:1) [1][T1_X][T1][Y0-0000000000000000-0-0] [lt=1] hi\n")
                .web_wrapped,
            0u);
}

}  // namespace
}  // namespace paxray
