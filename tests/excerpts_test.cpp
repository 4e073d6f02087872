// The real excerpts (tests/data/excerpts, copied verbatim from
// ../shared/real-samples/excerpts with their provenance lines): each file,
// scanned alone as it is, reads every line as a record, a continuation or an
// unparsed line with its reason, and the per-file counts are pinned, so a
// change to the parsers or envelopes shows here what it gained or lost. When
// an improvement moves a figure, update the row and say why in the commit.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "paxray/engine/scan.h"
#include "test_util.h"

namespace paxray {
namespace {

struct Counts {
  const char* file;
  std::size_t files_read;  ///< 0: not a log; more than 1: a paste split into its sources
  std::uint64_t records, continuation, unparsed;
};

// Measured 2026-12-06 (docs/PERFORMANCE.md, "Envelopes and evidence bounds").
constexpr Counts kPinned[] = {
    {"oceanbase/MyDigitalGarden-clog-disk-full-3.x-observer.log", 1, 2, 1, 1},
    {"oceanbase/jishuzhan-1784786493416411138-3.x-observer.log", 1, 4, 1, 1},
    {"oceanbase/ob-operator-issue-5-3.1.3-observer.log", 1, 3, 2, 1},
    {"oceanbase/oceanbase-doc-V3.1.3-transaction-troubleshooting-observer.log", 6, 7, 34, 1},  // two records a web page wrapped, joined back
    {"oceanbase/oceanbase-doc-V4.1.0-arbitration-troubleshooting-observer.log", 1, 3, 0, 1},
    {"oceanbase/oceanbase-doc-V4.3.1-replace-a-node-DBA_OB_SERVERS.txt", 1, 11, 0, 0},
    {"oceanbase/oceanbase-doc-V4.3.1-switch-replica-CDB_OB_LS_LOCATIONS.txt", 1, 30, 0, 0},  // two CDB_OB_LS_LOCATIONS joins: 30 rows
    {"oceanbase/oceanbase-issue-1323-observer.log", 1, 4, 0, 5},
    {"oceanbase/oceanbase-issue-1809-observer.log", 1, 1, 0, 1},
    {"oceanbase/oceanbase-issue-2034-observer.log", 1, 4, 4, 1},  // its last line is cut after the level: a record
    {"oceanbase/oceanbase.github.io-04_node_breakdown-GV_OB_LOG_STAT.txt", 1, 8, 0, 0},
    {"oceanbase/seekdb-issue-566-observer.log", 1, 3, 0, 2},
    {"openio/gh_oio-sds_375_excerpt.log", 1, 4, 2, 1},
    {"openio/oio-docs_rebalance_meta2_admin_debug_1.txt", 1, 3, 0, 0},  // admin/debug JSON after a prompt, indented: 3 members
    {"openio/oio-docs_troubleshooting_elections.rst", 1, 12, 0, 0},  // 4 tables x 3 peers; header rows are no members
    {"zookeeper/JulyKe_NewZK350_zookeeper.out.log", 1, 82, 38, 6},
    {"zookeeper/gh_bitnami_docker_zookeeper_29_excerpt.log", 1, 12, 0, 0},
    {"zookeeper/jianyu-m_zookeeper_script_zookeeper.out.log", 1, 473, 1189, 1},
    {"zookeeper/jira_ZOOKEEPER-1419.txt", 1, 15, 3, 66},
    {"zookeeper/jira_ZOOKEEPER-1517.txt", 1, 216, 55, 31},
    {"zookeeper/jira_ZOOKEEPER-2162.txt", 1, 28, 35, 40},
    {"zookeeper/jira_ZOOKEEPER-2499.txt", 1, 316, 511, 14},
    {"zookeeper/jira_ZOOKEEPER-2669.txt", 1, 12, 37, 8},
    {"zookeeper/jira_ZOOKEEPER-2946.txt", 1, 35, 21, 67},
};

TEST(Excerpts, EveryLineIsAccountedForAndTheCountsArePinned) {
  for (const Counts& c : kPinned) {
    SCOPED_TRACE(c.file);
    ScanOptions opt;
    opt.paths = {(testing::source_dir() / "tests/data/excerpts" / c.file).string()};
    const ScanResult r = scan(opt);
    EXPECT_EQ(r.files.size(), c.files_read);
    EXPECT_EQ(r.totals.records, c.records);
    EXPECT_EQ(r.totals.continuation, c.continuation);
    EXPECT_EQ(r.totals.unparsed_total(), c.unparsed);
    for (const auto& f : r.files) {
      // Records, continuations and unparsed lines (with a reason) are all the
      // lines of a log (a saved table's records are its rows, not lines).
      if (!is_line_log(f.kind)) continue;
      EXPECT_EQ(f.counts.lines, f.counts.records + f.counts.filtered + f.counts.continuation + f.counts.unparsed_total()) << f.path;
    }
    // A file that is not read is said to be not a log, never dropped silently.
    if (c.files_read == 0) {
      ASSERT_EQ(r.skipped.size(), 1u);
      EXPECT_TRUE(r.skipped[0].not_a_log);
    }
  }
}

}  // namespace
}  // namespace paxray
