#include "paxray/engine/line_context.h"

#include <filesystem>
#include <memory>
#include <string_view>

#include "paxray/parsers/byte_stream.h"

namespace paxray {

std::map<std::uint64_t, std::string> read_lines(const std::string& path, const std::set<std::uint64_t>& wanted, std::size_t max_line,
                                                std::uint64_t max_bytes) {
  std::map<std::uint64_t, std::string> out;
  if (wanted.empty()) return out;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return out;  // "archive!member", a paste's source, gone since
  std::string err;
  std::unique_ptr<ByteStream> in = open_input(path, err);
  if (!in) return out;
  const std::uint64_t last = *wanted.rbegin();
  std::uint64_t line = 1, read = 0;
  std::string current;
  bool cut = false;
  std::string buf(1 << 16, '\0');
  while (line <= last && read < max_bytes) {
    const std::size_t n = in->read(buf.data(), buf.size());
    if (n == 0) break;
    read += n;
    for (std::string_view chunk(buf.data(), n); !chunk.empty() && line <= last;) {
      const std::size_t nl = chunk.find('\n');
      const std::string_view part = chunk.substr(0, nl);
      if (wanted.count(line) && !cut) {
        current.append(part.substr(0, max_line - std::min(max_line, current.size())));
        cut = current.size() >= max_line;
      }
      if (nl == std::string_view::npos) break;
      if (wanted.count(line)) {
        if (!current.empty() && current.back() == '\r') current.pop_back();
        out[line] = std::move(current);
      }
      current.clear();
      cut = false;
      ++line;
      chunk.remove_prefix(nl + 1);
    }
  }
  if (line <= last && wanted.count(line) && !current.empty()) out[line] = std::move(current);  // the last line, without '\n'
  return out;
}

}  // namespace paxray
