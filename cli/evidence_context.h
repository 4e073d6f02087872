// The lines around each piece of evidence, read again from its file for the
// HTML report, where a reader expands them under the line.
#pragma once

#include "paxray/rules/diagnosis.h"

namespace paxray {

/// Fills Evidence::before / after with up to `around` lines each, for at most
/// `max_evidence` evidence lines (roots first), reading each file once.
void attach_evidence_context(Diagnosis& d, int around = 5, std::size_t max_evidence = 400);

}  // namespace paxray
