#include "reference_ob_line.h"

#include <re2/re2.h>

namespace paxray::testing {
namespace {

// [ts] LEVEL [MOD] (func (file:line)|file:line) [tid]([tname]([C..])?[T..]|[coid])?[trace] meta* body
constexpr const char* kPattern =
    R"(^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})\] )"
    R"((ERROR|USER_ERR|WARN|INFO|EDIAG|WDIAG|TRACE|DEBUG) +)"
    R"((?:\[([^\] ]{1,64})\] )?)"
    R"((?:(.+?) \(([^():]+):(\d+)\)|([^ ():\[]+):(\d+)) )"
    R"(\[(\d+)\](?:\[[^\]]*\](?:\[C\d+\])?\[T\d+\]|\[\d+\])?\[([YZ][^\]]*)\])"
    R"((?: *\[(?:lt|dc|log|errcode)=-?\d+\])*)"
    R"( *(.*)$)";

// A record cut right after its level: the other fields are missing.
constexpr const char* kCutPattern =
    R"(^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})\] (ERROR|USER_ERR|WARN|INFO|EDIAG|WDIAG|TRACE|DEBUG)[ \r]*$)";

}  // namespace

std::optional<ReferenceLine> reference_parse(std::string_view line) {
  static const RE2 re(kPattern);
  static const RE2 cut(kCutPattern);
  std::string ts, level, module, func, file_a, line_a, file_b, line_b, tid, trace, body;
  if (RE2::FullMatch(line, cut, &ts, &level)) {
    ReferenceLine r;
    r.timestamp = ts;
    r.level = level;
    r.tid = -1;
    return r;
  }
  if (!RE2::FullMatch(line, re, &ts, &level, &module, &func, &file_a, &line_a, &file_b, &line_b, &tid, &trace, &body)) {
    return std::nullopt;
  }
  ReferenceLine r;
  r.timestamp = ts;
  r.level = level;
  r.module = module;
  r.function = func;
  r.file = file_a.empty() ? file_b : file_a;
  r.src_line = static_cast<std::uint32_t>(std::stoul(line_a.empty() ? line_b : line_a));
  r.tid = std::stoll(tid);
  r.trace = trace;
  r.body = body;
  // The fast parser splits a trailing backtrace off error-level bodies.
  if (level == "ERROR" || level == "EDIAG") {
    const auto bt = r.body.rfind(" BACKTRACE:");
    if (bt != std::string::npos) r.body.resize(bt);
  }
  return r;
}

}  // namespace paxray::testing
