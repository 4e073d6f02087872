// The HTML report without a browser: escaping, structure, no remote loads,
// one script (the report's own), and bounded size with 100,000 events.
// tests/browser/report_in_chromium.sh checks the same pages in Chromium.
#include <gtest/gtest.h>

#include <set>

#include "../report/src/html_escape.h"
#include "paxray/engine/scan.h"
#include "paxray/engine/timeline.h"
#include "paxray/replay/confirm/stop_replay.h"
#include "paxray/report/html_report.h"
#include "test_util.h"

namespace paxray {
namespace {

std::size_t count(const std::string& hay, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) ++n;
  return n;
}

TEST(HtmlEscape, EveryDangerousByte) {
  EXPECT_EQ(html::esc("<script>\"x\" & 'y'</script>"), "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
  EXPECT_EQ(html::esc("a\xe2\x80\xa8" "b\xe2\x80\xa9"), "a&#x2028;b&#x2029;");
  EXPECT_EQ(html::esc("bad\xff\xfe"), "bad\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(html::esc(std::string("nul\0esc\x1b", 8)), "nul\xef\xbf\xbd" "esc\xef\xbf\xbd");
  EXPECT_EQ(html::esc("\xc3\xa9t\xc3\xa9"), "\xc3\xa9t\xc3\xa9");
  EXPECT_EQ(html::esc_cut("abcdef", 3), "abc\xe2\x80\xa6");
}

struct Rendered {
  ScanResult scan;
  Timeline tl;
  Diagnosis d;
  Thresholds t;
  isolation::FleetAdvice isolation;  ///< what the scan computes once (cli/scan_command.cpp)
  std::string html;
};

Rendered render(const std::string& sample) {
  Rendered r;
  ScanOptions opt;
  // "lease-loss-4x" is an OceanBase incident; "zookeeper/quorum-lost" names its folder of samples/.
  opt.paths = {(testing::source_dir() / "samples" / (sample.find('/') == std::string::npos ? "incidents/" + sample : sample)).string()};
  r.scan = scan(opt);
  r.tl = build_timeline(r.scan, {});
  r.d = diagnose(r.scan, r.tl, r.t);
  r.isolation = replay::advise_every_server(r.scan.tables, 4);
  r.html = render_html_report(ReportInput{r.scan, r.tl, r.d, r.t, &r.isolation}, {{"paxray", "scan", sample}});
  return r;
}

TEST(HtmlReport, SelfContainedWithOneScriptAndACsp) {
  const Rendered r = render("lease-loss-4x");
  const std::string& h = r.html;
  EXPECT_EQ(h.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(h.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(h.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(count(h, "<script"), 1u);
  EXPECT_EQ(count(h, "https://"), 0u);
  // The only URL is the SVG namespace, which is a name, not a load.
  EXPECT_EQ(count(h, "http://"), count(h, "http://www.w3.org/2000/svg"));
  for (const char* id : {"id=\"findings\"", "id=\"timeline-svg\"", "id=\"checklist\"", "id=\"clocks\"", "id=\"connectivity\"",
                         "id=\"inventory\"", "id=\"isolation\""}) {
    EXPECT_NE(h.find(id), std::string::npos) << id;
  }
  // The verdict, then the timeline, then the findings.
  EXPECT_LT(h.find("id=\"timeline\""), h.find("id=\"findings\""));
  // Ticks at round times; a marker says when, where and from which line.
  EXPECT_NE(h.find(">10:00:30</text>"), std::string::npos);
  EXPECT_NE(h.find("on 10.0.0.2:2882: 1 event(s), 10:00:44.000000; first election.log"), std::string::npos);
  EXPECT_NE(h.find("network_partition"), std::string::npos);
  EXPECT_NE(h.find("class=\"leaderless\""), std::string::npos);
  EXPECT_NE(h.find("<mark>lease expired</mark>"), std::string::npos);  // key fields highlighted
  EXPECT_NE(h.find("reproduce with: <code>paxray scan lease-loss-4x</code>"), std::string::npos);
  // Each finding carries its ticket text: markdown, one evidence line per line, short paths, whole path on hover.
  const std::size_t ticket = h.find("<details class=\"ticket\"><summary>copy for the ticket (markdown)</summary><pre>**critical** `");
  ASSERT_NE(ticket, std::string::npos);
  const std::string pre = h.substr(ticket, h.find("</pre>", ticket) - ticket);
  EXPECT_NE(pre.find("\n```\n"), std::string::npos);
  EXPECT_NE(pre.find("\nFix: "), std::string::npos);
  EXPECT_NE(h.find("title=\"" ), std::string::npos);
  EXPECT_NE(h.find("<td class=\"mono nowrap\">2024-03-05 10:00:44.000000</td>"), std::string::npos);  // a time is never broken
}

TEST(HtmlReport, IsolationSectionFromTheSavedViewsEscaped) {
  const Rendered r = render("lease-loss-4x");
  // Node 2 is 12 s behind: stopping 1 or 3 is refused, stopping 2 is fine.
  EXPECT_EQ(count(r.html, "Tenant(1001) LS(1001) log not sync, stop server not allowed"), 2u);
  EXPECT_NE(r.html.find("<td class=\"mono\">10.0.0.2:2882</td><td>zone2, ACTIVE</td><td class=\"good\">passes"), std::string::npos);
  EXPECT_EQ(render("basic-4x").html.find("id=\"isolation\""), std::string::npos);  // no views, no section

  testing::TempDir dir;
  dir.write("servers.tsv", "SVR_IP\tSVR_PORT\tZONE\tSTATUS\tSTOP_TIME\n<img src=x onerror=alert(1)>\t2882\t<b>z</b>\tACTIVE\tNULL\n");
  ScanOptions opt;
  opt.paths = {dir.path().string()};
  ScanResult scan_result = scan(opt);
  const Timeline tl = build_timeline(scan_result, {});
  const Thresholds t;
  const Diagnosis d = diagnose(scan_result, tl, t);
  // The report renders the advice it is given and computes none of its own.
  EXPECT_EQ(render_html_report(ReportInput{scan_result, tl, d, t}, {}).find("id=\"isolation\""), std::string::npos);
  const isolation::FleetAdvice advice = replay::advise_every_server(scan_result.tables, 4);
  const std::string h = render_html_report(ReportInput{scan_result, tl, d, t, &advice}, {});
  ASSERT_NE(h.find("id=\"isolation\""), std::string::npos);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  EXPECT_EQ(h.find("<b>z</b>"), std::string::npos);
  EXPECT_NE(h.find("&lt;img src=x onerror=alert(1)&gt;:2882"), std::string::npos);
}

TEST(HtmlReport, HundredThousandEventsStayReadableAndSmall) {
  Rendered r = render("basic-4x");
  // Add 100,000 marker events across the nodes and the whole time range.
  const LocalMicros span = r.tl.last - r.tl.first;
  for (int i = 0; i < 100'000; ++i) {
    Event ev;
    ev.kind = i % 3 == 0 ? EventKind::elect_lease_expired : i % 3 == 1 ? EventKind::rcs_begin : EventKind::not_master;
    ev.node = r.tl.nodes[static_cast<std::size_t>(i) % r.tl.nodes.size()];
    ev.text = "synthetic";
    r.tl.events.push_back(ev);
    r.tl.times.push_back(r.tl.first + span * i / 100'000);
  }
  const std::string h = render_html_report(ReportInput{r.scan, r.tl, r.d, r.t}, {});
  EXPECT_LT(h.size(), 2'000'000u);
  // Aggregated: at most one marker per pixel column, class and node.
  EXPECT_LT(count(h, "event(s)</title>"), 3u * 220u * 3u + 1u);
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

// Markers link to the evidence rows of the lines they stand for, findings to
// their span above the lanes; every link has its target, every id is unique.
TEST(HtmlReport, MarkersAndFindingsLinkToTheirTargets) {
  for (const char* sample : {"lease-loss-4x", "clock-skew-4x", "majority-down-4x"}) {
    const Rendered r = render(sample);
    std::set<std::string> ids;
    std::size_t dup = 0;
    for (std::size_t at = r.html.find(" id=\""); at != std::string::npos; at = r.html.find(" id=\"", at + 1)) {
      const std::size_t from = at + 5;
      dup += !ids.insert(r.html.substr(from, r.html.find('"', from) - from)).second;
    }
    EXPECT_EQ(dup, 0u) << sample;
    std::size_t markers = 0, spans = 0;
    for (std::size_t at = r.html.find("href=\"#"); at != std::string::npos; at = r.html.find("href=\"#", at + 1)) {
      const std::size_t from = at + 7;
      const std::string target = r.html.substr(from, r.html.find('"', from) - from);
      EXPECT_TRUE(ids.count(target)) << sample << ": #" << target << " has no target";
      markers += target.rfind("ev-", 0) == 0;
      spans += target.rfind("span-", 0) == 0;
    }
    // majority-down's evidence is the members' last lines and lease expiries, which no marker draws.
    if (std::string_view(sample) != "majority-down-4x") {
      EXPECT_GT(markers, 0u) << sample << ": no marker links to its evidence";
    }
    EXPECT_EQ(spans, std::min<std::size_t>(r.d.findings.size(), 8)) << sample;
  }
}

}  // namespace
}  // namespace paxray

namespace paxray {
namespace {

// The faults the findings name are drawn on the nodes they concern: the
// partition with its direction, the clock episode with its step.
TEST(HtmlReport, FaultsAreDrawnOnTheirNodes) {
  EXPECT_NE(render("lease-loss-4x").html.find("<title>network_partition on 10.0.0.2:2882 (direction=two-way): 2024-03-05 10:00:44"),
            std::string::npos);
  const std::string h = render("clock-step-4x").html;
  EXPECT_NE(h.find("<title>clock +3.005 s apart: 2024-03-05 10:00:31"), std::string::npos);
  EXPECT_NE(h.find("a fault a finding names there"), std::string::npos);
  EXPECT_EQ(render("basic-4x").html.find("a fault a finding names there"), std::string::npos);
}

// Each system in its own terms, and only the sections of the systems present:
// ZooKeeper servers' states as bars in their lanes (with their legend), OpenIO
// members' election histories as printed, oldest first.
TEST(HtmlReport, EverySystemInItsOwnTerms) {
  const std::string zk = render("zookeeper/quorum-lost").html;
  EXPECT_NE(zk.find("myid:3 LEADING: "), std::string::npos);
  EXPECT_NE(zk.find("myid:1 FOLLOWING: "), std::string::npos);
  EXPECT_NE(zk.find("LEADING: in the server's colour"), std::string::npos);
  EXPECT_EQ(zk.find("id=\"openio\""), std::string::npos);
  EXPECT_EQ(zk.find("id=\"checklist\""), std::string::npos);
  const std::string oio = render("openio/election-loop").html;
  const std::size_t at = oio.find("id=\"openio\"");
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(oio.find("<b>CREATING</b>", at), oio.find("<b>FAILED</b>", at));  // oldest first
  EXPECT_EQ(oio.find("LEADING: in the server's colour"), std::string::npos);
  const std::string ob = render("lease-loss-4x").html;
  EXPECT_EQ(ob.find("id=\"openio\""), std::string::npos);
  EXPECT_EQ(ob.find("ZooKeeper server, thin bar"), std::string::npos);
}

}  // namespace
}  // namespace paxray
