// The checked-in sample incidents are exactly what the generator writes from
// their .args files, so they can always be regenerated (scripts/regenerate-samples).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "test_util.h"

namespace paxray {
namespace {

namespace fs = std::filesystem;

TEST(Samples, CheckedInIncidentsMatchTheGenerator) {
  const fs::path incidents = testing::source_dir() / "samples/incidents";
  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(incidents)) {
    if (entry.path().extension() != ".args") continue;
    const fs::path expected = entry.path().parent_path() / entry.path().stem();
    testing::TempDir tmp;
    std::string args = testing::read_file(entry.path());
    while (!args.empty() && (args.back() == '\n' || args.back() == ' ')) args.pop_back();
    const std::string cmd = std::string(PAXRAY_GEN_BINARY) + " --out " + (tmp.path() / "out").string() + " " + args;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::size_t files = 0;
    for (const auto& f : fs::recursive_directory_iterator(expected)) {
      if (!f.is_regular_file()) continue;
      ++files;
      const fs::path rel = fs::relative(f.path(), expected);
      ASSERT_TRUE(fs::exists(tmp.path() / "out" / rel)) << rel;
      EXPECT_TRUE(testing::read_file(f.path()) == testing::read_file(tmp.path() / "out" / rel))
          << rel << " differs: run scripts/regenerate-samples";
    }
    std::size_t generated = 0;
    for (const auto& f : fs::recursive_directory_iterator(tmp.path() / "out")) generated += f.is_regular_file();
    EXPECT_EQ(files, generated) << expected;
    ++checked;
  }
  EXPECT_GE(checked, 1u);
}

}  // namespace
}  // namespace paxray
