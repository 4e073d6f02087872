// Built-in incident scenarios for the sample directories (samples/incidents/).
// Each scenario is healthy traffic from ob4_corpus plus the lines, leader
// changes, clock skew and saved query results that the incident leaves behind,
// written the way OceanBase writes them (shared/reference/).
#pragma once

#include <string>
#include <vector>

#include "ob4_corpus.h"

namespace paxray::gen {

[[nodiscard]] std::vector<std::string> scenario_names();

/// Writes scenario `name` into `options.out_dir`; returns an error or "".
[[nodiscard]] std::string write_scenario(const std::string& name, CorpusOptions options);

/// One scenario per cause (scenarios.cpp); `known` is false for other names.
[[nodiscard]] std::string write_cause_scenario(const std::string& name, const CorpusOptions& options, bool& known);

/// The 3.x incident has its own writer: the 3.x prefix differs throughout.
[[nodiscard]] std::string write_ob3_sliding_window(const CorpusOptions& options);

}  // namespace paxray::gen
