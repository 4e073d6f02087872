// `paxray extract`: scan where the logs are, ship only what a scan keeps.
#include "extract_command.h"

#include <fmt/format.h>

#include "paxray/engine/atomic_write.h"
#include "paxray/engine/extract.h"

namespace paxray::cli {

void ExtractCommand::add_to(CLI::App& app) {
  cmd_ = app.add_subcommand("extract",
                            "Write the events, counts and saved views found under PATH to one NDJSON file "
                            "(zstd-compressed when FILE ends in .zst); `paxray scan` reads it like the raw logs");
  input_.add_to(*cmd_, "--node");
  cmd_->add_option("-o,--output", output_, "The extract to write ('-' for stdout, uncompressed)")->required();
}

int ExtractCommand::run() {
  const ScanOptions options = input_.scan_options();
  const ScanResult result = run_scan(input_, options);
  report_unreadable(result, "extract");
  std::string text;
  append_extract(result, text);
  if (output_ == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    const bool zst = output_.size() > 4 && output_.compare(output_.size() - 4, 4, ".zst") == 0;
    if (std::string err = write_file_atomically(output_, zst ? compress_zstd(text) : text); !err.empty()) {
      fmt::print(stderr, "paxray extract: {}\n", err);
      return kExitNothing;
    }
  }
  if (!input_.quiet) {
    fmt::print(stderr, "paxray extract: {} file(s), {} record(s), {} event(s) -> {}\n", result.files.size(),
               result.totals.records, result.events.size(), output_);
  }
  if (result.files.empty() || result.totals.records == 0) {
    fmt::print(stderr, "paxray extract: no log records found in the given paths\n");
    return kExitNothing;
  }
  return kExitOk;
}

}  // namespace paxray::cli
