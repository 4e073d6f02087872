#include "discover.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "paxray/parsers/byte_stream.h"

namespace paxray {
namespace fs = std::filesystem;

namespace {

void add_file(const fs::path& p, std::vector<InputItem>& out, std::vector<SkippedFile>& skipped) {
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (ec) {
    skipped.push_back({p.string(), "cannot stat: " + ec.message()});
    return;
  }
  out.push_back({p.string(), is_archive_name(p.filename().string()), size});
}

}  // namespace

std::vector<InputItem> discover_inputs(const std::vector<std::string>& paths, std::vector<SkippedFile>& skipped) {
  std::vector<InputItem> items;
  for (const auto& arg : paths) {
    const fs::path root(arg);
    std::error_code ec;
    const auto st = fs::status(root, ec);
    if (st.type() == fs::file_type::not_found) {
      skipped.push_back({arg, "no such file or directory"});
      continue;
    }
    if (ec) {
      skipped.push_back({arg, "cannot access: " + ec.message()});
      continue;
    }
    if (fs::is_regular_file(st)) {
      add_file(root, items, skipped);
      continue;
    }
    if (!fs::is_directory(st)) {
      skipped.push_back({arg, "not a regular file or directory"});
      continue;
    }
    std::vector<InputItem> found;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      skipped.push_back({arg, "cannot read directory: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        skipped.push_back({it->path().string(), "cannot read directory entry: " + ec.message()});
        ec.clear();
        continue;
      }
      std::error_code tec;
      const auto entry_status = it->status(tec);  // follows file symlinks
      if (tec) {
        skipped.push_back({it->path().string(), "cannot stat: " + tec.message()});
      } else if (fs::is_regular_file(entry_status)) {
        add_file(it->path(), found, skipped);
      } else if (!fs::is_directory(entry_status)) {
        skipped.push_back({it->path().string(), "not a regular file"});
      }
    }
    std::sort(found.begin(), found.end(), [](const InputItem& a, const InputItem& b) { return a.path < b.path; });
    items.insert(items.end(), found.begin(), found.end());
  }
  return items;
}

}  // namespace paxray
