// One story per outage (rules/src/explain.cpp), the last step of diagnose():
// public so that its two steps can be tested on findings made by hand.
#pragma once

#include <vector>

#include "paxray/rules/diagnosis.h"

namespace paxray::rules {

/// One finding per cause, group and outage: a repeat less than a minute from
/// another joins it (window, nodes, evidence; detail.occurrences).
void merge_repeats(std::vector<Finding>& findings);
/// The cause table's ranks decide who explains whom; what a root explains is
/// folded under it (Finding::consequences) and only roots remain, most severe
/// first, each as severe as its worst consequence.
void explain_and_fold(std::vector<Finding>& findings);

}  // namespace paxray::rules
