// Envelopes: what wraps log records in the forms people paste into tickets.
// grep -H / -n / -r prefixes ("pack/node1/log/observer.log:1234:[2024-..."),
// kubectl --prefix ("[pod/obcluster-zone1-0/observer] [2025-..."),
// docker-compose ("zoo1_1  | 2017-..."), syslog ("Mar  5 10:00:44 host
// observer[123]: [2024-..."), host columns ("host1-[  election.log
// [2019-..."), markdown quotes ("> [2024-..."),
// indentation. Pure functions over text: the walker decides per file, from a
// vote over its first lines, whether a file is wrapped, and only then peels
// it, so clean logs never pay for this (tests/envelope_test.cpp, fuzz_envelope).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace paxray {

enum class EnvelopeKind : unsigned char {
  kNone,     ///< the record starts the line
  kQuote,    ///< markdown quote markers and/or indentation
  kGrep,     ///< grep -H / -n / -r: the original file's path (and line number)
  kKubectl,  ///< kubectl logs --prefix: [pod/NAME/CONTAINER]
  kCompose,  ///< docker-compose: NAME | 
  kSyslog,   ///< a syslog header before the application's own line: "Mar  5 10:00:44 host observer[123]: "
  kHostColumn,  ///< a multi-host tool's columns: "HOST-[  election.log  " (the host, then the file)
};
[[nodiscard]] std::string_view envelope_kind_name(EnvelopeKind k) noexcept;

/// Where a log record starts in `line` (an OceanBase "[YYYY-" or a
/// "YYYY-MM-DD hh:mm:ss" timestamp), within its first 512 bytes; npos if none.
[[nodiscard]] std::size_t record_offset(std::string_view line) noexcept;

struct PeeledLine {
  EnvelopeKind kind = EnvelopeKind::kNone;
  std::string_view source;  ///< grep path, kubectl pod/container, compose service; "" for quotes
  std::string_view prefix;  ///< the whole envelope (what is cut)
  std::string_view record;  ///< the line without it
};

/// The name a source is kept under: the grep path, pod or service as printed;
/// for host columns "HOST/FILE", so that, like a grep path, it names the
/// node (its directory) and the file.
[[nodiscard]] std::string envelope_key(const PeeledLine& p);

/// Splits a line whose record starts after an envelope of a known shape;
/// nullopt-like: kind kNone and record == line when there is none.
[[nodiscard]] PeeledLine peel_record_line(std::string_view line) noexcept;

struct EnvelopeVote {
  std::size_t clean = 0;    ///< lines whose record starts at column 0
  std::size_t wrapped = 0;  ///< lines whose record starts after a known envelope
  /// Records a web page wrapped onto the next line (alone they do not parse,
  /// joined they do): a file of them is read through the envelope layer too,
  /// which joins them back, even when each record starts at column 0.
  std::size_t web_wrapped = 0;
  [[nodiscard]] bool enveloped() const noexcept { return (wrapped > 0 && wrapped > clean) || web_wrapped > 0; }
};

/// Counts over the first `max_lines` lines of `head` (lnav probes 15,000).
[[nodiscard]] EnvelopeVote vote_envelope(std::string_view head, std::size_t max_lines = 15000);

/// One source a paste holds: its lines with the envelope peeled. Lines that
/// carry no record (a stack trace, prose) go with the source of the record
/// before them, peeled of the same envelope when they carry it; a line that
/// completes a record a web page wrapped (the record alone does not parse,
/// joined it does) is joined back to it.
struct EnvelopeSource {
  EnvelopeKind kind = EnvelopeKind::kNone;
  std::string key;   ///< grep path, pod/container, service; "" for quoted or indented text
  std::string text;  ///< the peeled lines, '\n'-terminated
  std::size_t lines = 0;  ///< input lines it took (a record a web page wrapped, joined back, counts both)
};

/// Splits `text` into its sources, in order of first appearance. Total on
/// any input; memory is bounded by the input's size.
[[nodiscard]] std::vector<EnvelopeSource> demux_envelopes(std::string_view text);

}  // namespace paxray
