#include <gtest/gtest.h>

#include "paxray/parsers/timestamp.h"

namespace paxray {
namespace {

TEST(Timestamp, FixedLayoutRoundTrips) {
  const auto t = parse_fixed_timestamp("2024-03-05 10:21:33.482115");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_timestamp(*t), "2024-03-05 10:21:33.482115");
  EXPECT_EQ(*parse_fixed_timestamp("1970-01-01 00:00:01.000002"), 1'000'002);
  EXPECT_EQ(format_timestamp(-1), "1969-12-31 23:59:59.999999");
}

TEST(Timestamp, RejectsImpossibleDates) {
  EXPECT_FALSE(parse_fixed_timestamp("2023-02-29 00:00:00.000000"));
  EXPECT_TRUE(parse_fixed_timestamp("2024-02-29 00:00:00.000000"));
  EXPECT_FALSE(parse_fixed_timestamp("2024-13-01 00:00:00.000000"));
  EXPECT_FALSE(parse_fixed_timestamp("2024-01-01 24:00:00.000000"));
  EXPECT_FALSE(parse_fixed_timestamp("2024-01-01 00:00:00.00000x"));
  EXPECT_FALSE(parse_fixed_timestamp("2024-01-01 00:00:00"));
}

TEST(Timestamp, UserForms) {
  EXPECT_EQ(*parse_user_timestamp("2024-03-05"), *parse_fixed_timestamp("2024-03-05 00:00:00.000000"));
  EXPECT_EQ(*parse_user_timestamp("2024-03-05 10:21"), *parse_fixed_timestamp("2024-03-05 10:21:00.000000"));
  EXPECT_EQ(*parse_user_timestamp("2024-03-05T10:21:33"), *parse_fixed_timestamp("2024-03-05 10:21:33.000000"));
  EXPECT_EQ(*parse_user_timestamp("2024-03-05 10:21:33.5"), *parse_fixed_timestamp("2024-03-05 10:21:33.500000"));
  EXPECT_FALSE(parse_user_timestamp("yesterday"));
  EXPECT_FALSE(parse_user_timestamp("2024-03-05 10"));
  EXPECT_FALSE(parse_user_timestamp("2024-03-05 10:21:33.1234567"));
}

}  // namespace
}  // namespace paxray
