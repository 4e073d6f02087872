// The one-pass reading of the 4.x layout (parse_ob_line) against the general
// parser (detail::parse_ob_line_general), the reference: the same error and
// the same fields, each view pointing at the same bytes. Header-only, so the
// fuzz targets share it with the tests without linking paxray_testing.
#pragma once

#include <string>
#include <string_view>

#include "paxray/parsers/ob_line.h"

namespace paxray::testing {

/// The fields of `a` and `b` that differ, by name; empty when none does.
inline std::string ob_line_differences(const ObLine& a, const ObLine& b) {
  const auto same_view = [](std::string_view x, std::string_view y) { return x.data() == y.data() && x.size() == y.size(); };
  std::string d;
  const auto field = [&](const char* name, bool same) {
    if (!same) d += std::string(name) + " ";
  };
  field("ts", a.ts == b.ts);
  field("level", a.level == b.level);
  field("layout", a.layout == b.layout);
  field("module", same_view(a.module, b.module));
  field("function", same_view(a.function, b.function));
  field("file", same_view(a.file, b.file));
  field("src_line", a.src_line == b.src_line);
  field("tid", a.tid == b.tid);
  field("thread", same_view(a.thread, b.thread));
  field("cluster", a.cluster == b.cluster);
  field("tenant", a.tenant == b.tenant);
  field("trace_id", same_view(a.trace_id, b.trace_id));
  field("lt", a.lt == b.lt);
  field("dc", a.dc == b.dc);
  field("errcode", a.has_errcode == b.has_errcode && a.errcode == b.errcode);
  field("dba_event", same_view(a.dba_event, b.dba_event));
  field("body", same_view(a.body, b.body));
  field("backtrace", same_view(a.backtrace, b.backtrace));
  return d;
}

/// An ObLine left by some other line, every field set: the scan reuses one
/// ObLine for every line, so a parser must not count on a fresh one.
inline ObLine stale_ob_line() {
  static const std::string other = "stale";
  ObLine l;
  l.ts = 1;
  l.level = Level::kDebug;
  l.layout = ObLayout::kAlert;
  l.module = l.function = l.file = l.thread = l.trace_id = l.dba_event = l.body = l.backtrace = other;
  l.src_line = 7;
  l.tid = l.cluster = l.tenant = l.lt = l.dc = 7;
  l.has_errcode = true;
  l.errcode = 7;
  return l;
}

/// Empty when both parsers read `text` alike, else what differs.
inline std::string ob_line_disagreement(std::string_view text) {
  ObLine fast = stale_ob_line(), general;
  const LineError ef = parse_ob_line(text, fast);
  const LineError eg = detail::parse_ob_line_general(text, general);
  if (ef != eg) return "error: " + std::string(line_error_name(ef)) + " vs " + std::string(line_error_name(eg));
  return ef == LineError::kNone ? ob_line_differences(fast, general) : std::string();
}

}  // namespace paxray::testing
