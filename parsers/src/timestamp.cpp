#include "paxray/parsers/timestamp.h"

#include <date/date.h>

#include <bit>
#include <cstring>
#include <fmt/format.h>

#include "paxray/parsers/digit_words.h"

namespace paxray {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) noexcept {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    const unsigned d = static_cast<unsigned char>(s[i]) - unsigned{'0'};
    if (d > 9) return false;
    v = v * 10 + static_cast<int>(d);
  }
  out = v;
  return true;
}

// s[pos, pos + 6) as a number when all six are digits; s[pos - 2, pos) must
// be readable: one 8-byte word whose first two bytes are set to '0'.
bool six_digits(std::string_view s, std::size_t pos, int& out) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + pos - 2, sizeof w);
    const std::uint64_t x = ((w & 0xffffffffffff0000ULL) | 0x3030ULL) ^ digit_words::kZeros;
    if (digit_words::non_digit_bytes(x) != 0) return false;
    out = static_cast<int>(digit_words::fold(x));
    return true;
  } else {
    return digits(s, pos, 6, out);
  }
}

std::optional<LocalMicros> compose(int y, int mo, int d, int h, int mi, int sec, int us) noexcept {
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                 date::day{static_cast<unsigned>(d)}};
  // Second 60 is accepted: a leap second written by the node is still its time.
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  const std::int64_t days = date::sys_days{ymd}.time_since_epoch().count();
  return days * kMicrosPerDay + ((h * 60 + mi) * 60 + sec) * kMicrosPerSecond + us;
}

}  // namespace

std::optional<LocalMicros> parse_fixed_timestamp(std::string_view s) noexcept {
  if (s.size() != 26 || s[19] != '.') return std::nullopt;
  // Consecutive lines mostly share their second: "YYYY-MM-DD hh:mm:ss" as
  // three loads compared with the last valid second seen (per thread), and
  // only the microseconds read on a match (its separators were checked when
  // it was cached).
  struct Second {
    std::uint64_t date = 0, time = 0;  // bytes 0-7 and 8-15
    std::uint32_t tail = 0;            // bytes 15-18
    std::int64_t micros = 0;           // the second's start
    bool valid = false;                // nothing cached yet
  };
  thread_local Second second;
  std::uint64_t w0, w1;
  std::uint32_t w2;
  std::memcpy(&w0, s.data(), sizeof w0);
  std::memcpy(&w1, s.data() + 8, sizeof w1);
  std::memcpy(&w2, s.data() + 15, sizeof w2);
  if (second.valid && w0 == second.date && w1 == second.time && w2 == second.tail) {
    int us;
    if (!six_digits(s, 20, us)) return std::nullopt;
    return second.micros + us;
  }
  if (s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return std::nullopt;
  // A log's lines share their date: the calendar is worked out once per day
  // seen (per thread), the time of day for every line.
  struct Day {
    std::uint64_t head = 0;  // "YYYY-MM-D" and the last digit: the date's 10 bytes as two loads
    std::uint16_t tail = 0;
    std::int64_t micros = 0;
  };
  thread_local Day last;
  int h, mi, sec, us;
  if (!digits(s, 11, 2, h) || !digits(s, 14, 2, mi) || !digits(s, 17, 2, sec) || !digits(s, 20, 6, us) || h > 23 || mi > 59 ||
      sec > 60) {
    return std::nullopt;
  }
  const std::int64_t second_of_day = ((h * 60 + mi) * 60 + sec) * kMicrosPerSecond;
  const std::int64_t time_of_day = second_of_day + us;
  const std::uint64_t head = w0;
  std::uint16_t tail;
  std::memcpy(&tail, s.data() + sizeof head, sizeof tail);
  const auto remember = [&](std::int64_t midnight) {
    second = Second{w0, w1, w2, midnight + second_of_day, true};
    return midnight + time_of_day;
  };
  if (head == last.head && tail == last.tail) return remember(last.micros);  // a fresh cache holds no digits
  int y, mo, d;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d)) return std::nullopt;
  const auto midnight = compose(y, mo, d, 0, 0, 0, 0);
  if (!midnight) return std::nullopt;
  last.head = head;
  last.tail = tail;
  last.micros = *midnight;
  return remember(*midnight);
}

std::optional<LocalMicros> parse_user_timestamp(std::string_view s) noexcept {
  int y, mo, d, h = 0, mi = 0, sec = 0, us = 0;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) ||
      !digits(s, 5, 2, mo) || !digits(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (s.size() > 10) {
    if ((s[10] != ' ' && s[10] != 'T') || s.size() < 16 || s[13] != ':' ||
        !digits(s, 11, 2, h) || !digits(s, 14, 2, mi)) {
      return std::nullopt;
    }
    if (s.size() > 16) {
      if (s.size() < 19 || s[16] != ':' || !digits(s, 17, 2, sec)) return std::nullopt;
      if (s.size() > 19) {
        const std::size_t frac = s.size() - 20;
        if (s[19] != '.' || frac == 0 || frac > 6 || !digits(s, 20, frac, us)) return std::nullopt;
        for (std::size_t i = frac; i < 6; ++i) us *= 10;
      }
    }
  }
  return compose(y, mo, d, h, mi, sec, us);
}

std::string format_timestamp(LocalMicros t) {
  std::int64_t days = t / kMicrosPerDay;
  std::int64_t rem = t % kMicrosPerDay;
  if (rem < 0) {
    rem += kMicrosPerDay;
    --days;
  }
  const date::year_month_day ymd{date::sys_days{date::days{days}}};
  const std::int64_t secs = rem / kMicrosPerSecond;
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     secs / 3600, (secs / 60) % 60, secs % 60, rem % kMicrosPerSecond);
}

}  // namespace paxray
