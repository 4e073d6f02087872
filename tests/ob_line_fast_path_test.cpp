// parse_ob_line reads the common 4.x layout in one pass and leaves every other
// line to the general parser. The general parser is the reference: on every
// bundled OceanBase line, and on each of those lines cut or with one byte
// changed at every position, both must give the same error and the same
// fields, pointing at the same bytes.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ob_line_agreement.h"
#include "paxray/parsers/ob_line.h"
#include "test_util.h"

namespace paxray {
namespace {

using testing::ob_line_disagreement;

TEST(ObLineFastPath, AgreesWithTheGeneralParserOnEveryBundledLine) {
  const auto lines = testing::bundled_record_lines();
  ASSERT_GE(lines.size(), 5000u);
  std::size_t v4 = 0;
  for (const auto& l : lines) {
    ASSERT_EQ(ob_line_disagreement(l), "") << l;
    ObLine line;
    v4 += parse_ob_line(l, line) == LineError::kNone && line.layout == ObLayout::kV4;
  }
  EXPECT_GE(v4, 1000u);  // the layout the fast path is for is well represented
}

// A corpus the generator writes (three nodes, every level and message kind
// of its healthy traffic): every record line read alike by both parsers.
TEST(ObLineFastPath, AgreesOnAGeneratedCorpus) {
  testing::TempDir tmp;
  ASSERT_TRUE(testing::write_generated_corpus(tmp.path() / "corpus"));
  std::size_t lines = 0, v4 = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(tmp.path())) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    for (std::string l; std::getline(in, l);) {
      if (l.size() <= 6 || l[0] != '[' || l[5] != '-') continue;
      ASSERT_EQ(ob_line_disagreement(l), "") << e.path() << ": " << l;
      ++lines;
      ObLine line;
      v4 += parse_ob_line(l, line) == LineError::kNone && line.layout == ObLayout::kV4;
    }
  }
  EXPECT_GE(lines, 30000u);
  EXPECT_GE(v4, lines * 9 / 10);
}

// Every cut, every deleted byte and every byte replaced by one of the bytes
// the two parsers branch on, at every position of lines of each layout.
TEST(ObLineFastPath, AgreesOnEveryCutAndOneByteChange) {
  const std::array<std::string, 15> seeds{
      "[2024-03-05 10:07:06.410459] INFO  [PALF] submit_log (palf_handle_impl.cpp:380) [29010][T1003_LogLoop][T1003]"
      "[Y0-0000000000000000-0-0] [lt=26] submit_log success(palf_id=1001)",
      "[2024-03-05 10:21:33.482115] EDIAG [ELECT] operator() (election_acceptor.cpp:137) [28511][T1002_Occam][T1002]"
      "[Y0-0000000000000000-0-0] [lt=15][errcode=-4038] body BACKTRACE:0x1",
      "[2024-03-05 10:21:33.482115] WDIAG do_it (a.cpp:7) [1][][T1][YB42-1] [lt=3] [dc=0] x=1",
      "[2024-03-05 10:21:33.482115] WARN  [SERVER] f (ob_srv.cpp:12) [77][T1_X][C3][T1][Z0-1] [log=9]body",
      "[2024-03-05 10:21:33.482115] ERROR [RS] g (ob_rs.cpp:4294967295) [5][name[x]][T10][Y0] tail",
      "[2024-03-05 10:21:33.482115] TRACE h (b.cpp:1) [5][n][T2][Y1]",
      "[2024-03-05 10:21:33.482115] DEBUG [M] f(x) (c.cpp:2) [5][n][T2][Y1] [lt=-5] z",
      "[2019-08-11 10:00:00.000000] INFO  ob_server.cpp:99 [1234][0][Y0-0] [lt=4] [dc=1] v3",
      "[2019-08-11 10:00:00.000000] USER_ERR  f (a.cpp:1) [1][2][Y0-0] [lt=4] u",
      // The edges: a module of 63 bytes (64 is none), a line number just past
      // 32 bits, a no-break space before the function, no module.
      "[2024-03-05 10:21:33.482115] INFO  [" + std::string(63, 'M') + "] f (a.cpp:1) [1][n][T1][Y0] b",
      "[2024-03-05 10:21:33.482115] ERROR [RS] g (ob_rs.cpp:4294967296) [5][n][T10][Y0] tail",
      "[2024-03-05 10:21:33.482115] INFO  \xc2\xa0" "f (a.cpp:1) [1][n][T1][Y0] b",
      "[2024-03-05 10:21:33.482115] INFO  f (a.cpp:1) [1][n][T1][Y0] b",
      // Numbers of seven and eight digits, read eight bytes at a time (eight
      // digits: the slow way), and a one-letter file name.
      "[2024-03-05 10:21:33.482115] WDIAG [M] f (x:1234567) [1234567][n][T12345678][Y0] [lt=1234567][errcode=-12345678] b",
      "[2024-03-05 10:21:33.482115] INFO  f (ab:12345678) [12345678][n][T1234567][Y0] [lt=12345678][dc=7] b",
  };
  constexpr std::string_view kBytes{" []():-=\r\xc2\xa0" "0TYCN\0", 17};
  std::size_t variants = 0;
  for (const std::string& seed : seeds) {
    ASSERT_EQ(ob_line_disagreement(seed), "") << seed;
    for (std::size_t i = 0; i <= seed.size(); ++i) {
      const std::string cut = seed.substr(0, i);
      ASSERT_EQ(ob_line_disagreement(cut), "") << cut;
      if (i == seed.size()) break;
      std::string deleted = seed;
      deleted.erase(i, 1);
      ASSERT_EQ(ob_line_disagreement(deleted), "") << deleted;
      for (const char c : kBytes) {
        std::string changed = seed;
        changed[i] = c;
        ASSERT_EQ(ob_line_disagreement(changed), "") << changed;
        changed.insert(i, 1, c);
        ASSERT_EQ(ob_line_disagreement(changed), "") << changed;
        variants += 2;
      }
    }
  }
  EXPECT_GT(variants, 30000u);
}

}  // namespace
}  // namespace paxray
