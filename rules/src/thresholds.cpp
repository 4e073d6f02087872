#include <fmt/format.h>

#include <cstdlib>
#include <fstream>

#include "paxray/rules/diagnosis.h"

namespace paxray {
namespace {

struct Slot {
  const char* name;
  double Thresholds::*real = nullptr;
  int Thresholds::*integer = nullptr;
};

constexpr Slot kSlots[] = {
    {"clock_skew_s", &Thresholds::clock_skew_s},
    {"log_disk_limit_pct", &Thresholds::log_disk_limit_pct},
    {"sliding_window_stall_s", &Thresholds::sliding_window_stall_s},
    {"rcs_time_guard_s", &Thresholds::rcs_time_guard_s},
    {"min_leaderless_s", &Thresholds::min_leaderless_s},
    {"stale_cache_window_s", &Thresholds::stale_cache_window_s},
    {"silent_node_s", &Thresholds::silent_node_s},
    {"high_load_logging_ms", &Thresholds::high_load_logging_ms},
    {"high_load_min_lines", nullptr, &Thresholds::high_load_min_lines},
};

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::vector<std::pair<std::string, double>> Thresholds::list() const {
  std::vector<std::pair<std::string, double>> out;
  for (const Slot& s : kSlots) out.emplace_back(s.name, s.real ? this->*s.real : static_cast<double>(this->*s.integer));
  return out;
}

std::string load_thresholds(const std::string& path, Thresholds& out) {
  std::ifstream in(path);
  if (!in) return fmt::format("{}: cannot read", path);
  Thresholds t = out;
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) return fmt::format("{}:{}: expected 'name = value'", path, line_no);
    const std::string name = trim(line.substr(0, eq));
    const std::string value = trim(line.substr(eq + 1));
    const Slot* slot = nullptr;
    for (const Slot& s : kSlots) {
      if (name == s.name) slot = &s;
    }
    if (slot == nullptr) return fmt::format("{}:{}: unknown threshold '{}'", path, line_no, name);
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || v < 0) return fmt::format("{}:{}: '{}' is not a non-negative number", path, line_no, value);
    if (slot->real) {
      t.*slot->real = v;
    } else {
      t.*slot->integer = static_cast<int>(v);
    }
  }
  out = t;
  return {};
}

}  // namespace paxray
