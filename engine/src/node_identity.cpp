#include "node_identity.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fnmatch.h>
#include <map>
#include <set>

#include "paxray/parsers/node_hints.h"

namespace paxray {
namespace fs = std::filesystem;

namespace {

bool is_generic_dir(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kGeneric{
      "", ".", "..", "log", "logs", "oblog", "observer", "oceanbase", "home", "admin",
      "tmp", "var", "data", "alert", "audit", "root"};
  return std::find(kGeneric.begin(), kGeneric.end(), name) != kGeneric.end();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Finds "a.b.c.d" (and a following "_port" or ":port") inside a path component.
std::string ip_in_component(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.'))) continue;
    std::size_t j = i;
    int dots = 0;
    while (j < s.size() && (is_digit(s[j]) || s[j] == '.')) dots += s[j++] == '.';
    std::string_view ip = s.substr(i, j - i);
    if (dots != 3 || ip.back() == '.' || ip.find("..") != std::string_view::npos) continue;
    std::string out(ip);
    if (j + 1 < s.size() && (s[j] == '_' || s[j] == ':') && is_digit(s[j + 1])) {
      std::size_t k = j + 1;
      while (k < s.size() && is_digit(s[k])) ++k;
      std::string candidate = out + ":" + std::string(s.substr(j + 1, k - j - 1));
      if (looks_like_address(candidate)) return candidate;
    }
    return out;
  }
  return {};
}

std::string node_from_components(const fs::path& dir) {
  std::vector<std::string> parts;
  for (const auto& c : dir) parts.push_back(c.string());
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (std::string ip = ip_in_component(*it); !ip.empty()) return ip;
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (*it != "/" && !is_generic_dir(*it)) return *it;
  }
  return {};
}

// Directory that groups a file with its siblings (archive members: within the archive).
std::string directory_key(const FileReport& f) {
  return fs::path(f.path).parent_path().string();
}

fs::path normalised(const std::string& p) {
  std::error_code ec;
  fs::path n = fs::weakly_canonical(fs::path(p), ec);
  return ec ? fs::path(p).lexically_normal() : n;
}

std::size_t component_count(const fs::path& p) {
  std::size_t n = 0;
  for (const auto& c : p) n += !c.empty();
  return n;
}

// Number of components of `prefix` if it contains `p` (is `p` or one of its
// directories), else 0.
std::size_t prefix_depth(const fs::path& prefix, const fs::path& p) {
  auto a = prefix.begin();
  auto b = p.begin();
  std::size_t depth = 0;
  for (; a != prefix.end(); ++a, ++b, ++depth) {
    if (a->empty() && std::next(a) == prefix.end()) break;  // trailing slash
    if (b == p.end() || *a != *b) return 0;
  }
  return depth;
}

bool is_glob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

// `--node NAME=PATH`: PATH is a file, a directory (everything under it) or a
// glob matched against a file and each of its directories. The most specific
// (deepest) match wins; among equally deep ones the first given.
struct OverrideMatcher {
  struct Rule {
    std::string pattern;  // absolute, normalised (globs: made absolute, not resolved)
    bool glob = false;
    std::size_t depth = 0;
    std::string name;
  };
  std::vector<Rule> rules;

  explicit OverrideMatcher(const std::vector<NodeOverride>& overrides) {
    for (const auto& o : overrides) {
      Rule r;
      r.glob = is_glob(o.path);
      r.name = o.name;
      if (r.glob) {
        std::error_code ec;
        const fs::path abs = fs::path(o.path).is_absolute() ? fs::path(o.path) : fs::current_path(ec) / o.path;
        r.pattern = abs.lexically_normal().string();
        while (r.pattern.size() > 1 && r.pattern.back() == '/') r.pattern.pop_back();
        r.depth = component_count(fs::path(r.pattern));
      } else {
        const fs::path n = normalised(o.path);
        r.pattern = n.string();
        r.depth = prefix_depth(n, n);
      }
      rules.push_back(std::move(r));
    }
  }

  // The override's name for a file on disk, or nullptr.
  const std::string* match(const fs::path& on_disk) const {
    const Rule* best = nullptr;
    for (const Rule& r : rules) {
      std::size_t depth = 0;
      if (r.glob) {
        for (fs::path p = on_disk; !p.empty(); p = p.parent_path()) {
          if (::fnmatch(r.pattern.c_str(), p.c_str(), FNM_PATHNAME) == 0) {
            depth = r.depth;
            break;
          }
          if (p == p.parent_path()) break;
        }
      } else {
        depth = prefix_depth(fs::path(r.pattern), on_disk);
      }
      if (depth > 0 && (best == nullptr || depth > best->depth)) best = &r;
    }
    return best == nullptr ? nullptr : &best->name;
  }
};

// Directories named alike by their path ("host-a/2024-03-05/log" and
// "host-b/2024-03-05/log" both give "2024-03-05") are still two nodes: each
// takes the first component that tells it apart from the others.
void separate_same_named_directories(std::vector<FileReport>& files) {
  std::map<std::string, std::set<std::string>> dirs_by_name;
  for (const auto& f : files) {
    if (f.node_source == NodeSource::kPath) dirs_by_name[f.node].insert(directory_key(f));
  }
  std::map<std::string, std::string> rename;  // directory -> node name
  for (const auto& [name, dirs] : dirs_by_name) {
    if (dirs.size() < 2) continue;
    std::vector<std::vector<std::string>> parts;
    for (const auto& d : dirs) {
      std::vector<std::string> c;
      for (const auto& x : fs::path(d)) c.push_back(x.string());
      parts.push_back(std::move(c));
    }
    std::size_t common = 0;
    while (std::all_of(parts.begin(), parts.end(), [&](const auto& p) { return common < p.size() && p[common] == parts[0][common]; })) {
      ++common;
    }
    std::size_t k = 0;
    for (const auto& d : dirs) {
      const auto& p = parts[k++];
      std::string distinct, joined;
      for (std::size_t i = common; i < p.size(); ++i) {
        joined += (joined.empty() ? "" : "/") + p[i];
        if (distinct.empty() && !is_generic_dir(p[i])) distinct = p[i];
      }
      rename[d] = !distinct.empty() ? distinct : !joined.empty() ? joined : name;
    }
  }
  for (auto& f : files) {
    if (f.node_source != NodeSource::kPath) continue;
    if (const auto it = rename.find(directory_key(f)); it != rename.end()) f.node = it->second;
  }
}

}  // namespace

std::string_view node_source_name(NodeSource s) noexcept {
  static constexpr std::array<std::string_view, 7> kNames{"override", "file header", "self address",
                                                          "directory", "path", "unknown", "not applicable"};
  return kNames[static_cast<std::size_t>(s)];
}

std::string node_name_from_path(const std::string& path) {
  const auto bang = path.find('!');
  if (bang == std::string::npos) return node_from_components(fs::path(path).parent_path());
  // Archive member: the member's own directories first, then the archive's.
  std::string inner = node_from_components(fs::path(path.substr(bang + 1)).parent_path());
  if (!inner.empty()) return inner;
  return node_from_components(fs::path(path.substr(0, bang)).parent_path());
}

void resolve_nodes(std::vector<FileReport>& files, const std::vector<NodeOverride>& overrides) {
  const OverrideMatcher matcher(overrides);

  for (auto& f : files) {
    if (f.node_fixed) continue;
    f.node.clear();
    f.node_source = NodeSource::kUnknown;
    // A saved query result is about many nodes (each row names its own).
    if (f.kind == LogKind::kViewDump || f.kind == LogKind::kOpenIOElection) {
      f.node_source = NodeSource::kNotApplicable;
      continue;
    }
    const fs::path on_disk = normalised(f.archive.empty() ? f.path : f.archive);
    if (const std::string* name = matcher.match(on_disk)) {
      f.node = *name;
      f.node_source = NodeSource::kOverride;
      continue;
    }
    if (f.header && !f.header->address.empty()) {
      f.node = f.header->address;
      f.node_source = NodeSource::kHeader;
    } else if (f.self_address) {
      f.node = *f.self_address;
      f.node_source = NodeSource::kSelfAddress;
    }
  }

  // Files without a content address inherit the one their directory agrees on.
  std::map<std::string, std::set<std::string>> dir_addresses;
  for (const auto& f : files) {
    if (f.node_source == NodeSource::kHeader || f.node_source == NodeSource::kSelfAddress) {
      dir_addresses[directory_key(f)].insert(f.node);
    }
  }
  for (auto& f : files) {
    if (f.node_source != NodeSource::kUnknown) continue;
    const auto it = dir_addresses.find(directory_key(f));
    if (it != dir_addresses.end() && it->second.size() == 1) {
      f.node = *it->second.begin();
      f.node_source = NodeSource::kDirectory;
      continue;
    }
    if (f.kind == LogKind::kClockdiff) {
      // Saved clockdiff output belongs to the node whose logs sit beside or
      // below it (node1/clockdiff.txt next to node1/log/); a ticket
      // directory's name is no node.
      const std::string dir = directory_key(f);
      std::set<std::string> below;
      for (const auto& [log_dir, addrs] : dir_addresses) {
        if (log_dir == dir || log_dir.rfind(dir + "/", 0) == 0) below.insert(addrs.begin(), addrs.end());
      }
      if (below.size() == 1) {
        f.node = *below.begin();
        f.node_source = NodeSource::kDirectory;
      } else {
        f.node_source = NodeSource::kNotApplicable;
      }
      continue;
    }
    f.node = node_name_from_path(f.path);
    f.node_source = f.node.empty() ? NodeSource::kUnknown : NodeSource::kPath;
    if (f.node.empty()) f.node = "unknown";
  }
  separate_same_named_directories(files);
}

std::vector<NodeSummary> summarise_nodes(const std::vector<FileReport>& files) {
  std::map<std::string, NodeSummary> by_name;
  for (const auto& f : files) {
    if (f.node_source == NodeSource::kNotApplicable) continue;
    NodeSummary& n = by_name[f.node];
    n.name = f.node;
    ++n.files;
    n.counts.add(f.counts);
    if (f.header) {
      if (n.version.empty()) n.version = f.header->version;
      if (n.tz_offset.empty()) n.tz_offset = f.header->tz_offset;
    }
    if (f.node_source != NodeSource::kPath && f.node_source != NodeSource::kOverride) {
      const std::string alias = node_name_from_path(f.path);
      if (!alias.empty() && alias != f.node &&
          std::find(n.aliases.begin(), n.aliases.end(), alias) == n.aliases.end()) {
        n.aliases.push_back(alias);
      }
    }
  }
  std::vector<NodeSummary> out;
  for (auto& [name, n] : by_name) out.push_back(std::move(n));
  return out;
}

}  // namespace paxray
