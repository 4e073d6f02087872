#include <gtest/gtest.h>

#include <cstdio>
#include <string>

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

// The calendar is worked out once per date a thread sees: lines that change
// day, go back to an earlier one, or carry a bad time on a cached date give
// what a fresh parse gives.
TEST(Timestamp, DaysSeenBeforeGiveTheSameTime) {
  const char* lines[] = {"2024-02-28 23:59:59.999999", "2024-02-29 00:00:00.000000", "2024-02-28 12:00:00.000001",
                         "2024-02-29 23:59:60.000000", "2024-03-01 00:00:00.000000", "2024-02-29 24:00:00.000000",
                         "2024-02-30 00:00:00.000000", "2024-02-29 10:61:00.000000", "1970-01-01 00:00:00.000000",
                         "1970-01-01 00:00:01.000000", "1970-01-01 00:00:01.000002", "1970-01-01 00:00:01.00000x",
                         "2024-02-28 23:59:59.000001", "2024-02-28 23:59:59.99x999",  // a second seen, new microseconds
                         "1969-12-31 23:59:59.000001", "1969-12-31 23:59:59.000002",  // before 1970: negative times
                         "2024-02-28 23:59:59.000003", "2024-02-28 23:59:59:000003"};  // its second, a bad separator
  for (int round = 0; round < 2; ++round) {
    for (const char* l : lines) {
      const std::string s(l);
      const auto fresh = parse_user_timestamp(s.substr(0, 19));  // no cache behind it
      const auto cached = parse_fixed_timestamp(s);
      const bool valid_time = s[19] == '.' && s.substr(11, 2) < "24" && s.substr(14, 2) < "60" && fresh.has_value() &&
                              s.find_first_not_of("0123456789", 20) == std::string::npos;
      if (!valid_time) {
        EXPECT_FALSE(cached) << s;
        continue;
      }
      ASSERT_TRUE(cached) << s;
      EXPECT_EQ(*cached, *fresh + std::stoi(s.substr(20, 6))) << s;
    }
  }
}

// On a second already seen only the microseconds are read, as one word:
// every six-digit value, and every byte value at each of the six places,
// gives what reading the digits one by one gives.
TEST(Timestamp, MicrosecondsOfACachedSecond) {
  const std::string head = "2024-03-05 10:21:33.";
  const auto second = parse_fixed_timestamp(head + "000000");
  ASSERT_TRUE(second);
  char digits[8];
  for (int us = 0; us < 1'000'000; ++us) {
    std::snprintf(digits, sizeof digits, "%06d", us);
    const auto t = parse_fixed_timestamp(head + digits);
    ASSERT_TRUE(t) << digits;
    ASSERT_EQ(*t, *second + us) << digits;
  }
  for (std::size_t place = 0; place < 6; ++place) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string s = head + "123456";
      s[20 + place] = static_cast<char>(byte);
      const bool digit = byte >= '0' && byte <= '9';
      const auto t = parse_fixed_timestamp(s);
      ASSERT_EQ(t.has_value(), digit) << place << " " << byte;
      if (digit) {
        EXPECT_EQ(*t, *second + std::stoi(s.substr(20))) << s;
      }
    }
  }
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
