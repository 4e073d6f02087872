#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "paxray/engine/atomic_write.h"

namespace paxray {

std::string write_file_atomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmp_name(".");
  tmp_name += target.filename().string();
  tmp_name += ".tmp.XXXXXX";
  std::string tmpl = (dir / tmp_name).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return "cannot create a file in " + dir.string() + ": " + std::strerror(errno);
  auto fail = [&](const char* what) {
    const std::string msg = std::string(what) + " " + tmpl + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(tmpl.c_str());
    return msg;
  };
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0) return fail("cannot chmod");
  if (::fsync(fd) != 0) return fail("cannot fsync");
  if (::close(fd) != 0) {
    ::unlink(tmpl.c_str());
    return "cannot close " + tmpl + ": " + std::strerror(errno);
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string msg = "cannot rename to " + path + ": " + std::strerror(errno);
    ::unlink(tmpl.c_str());
    return msg;
  }
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace paxray
