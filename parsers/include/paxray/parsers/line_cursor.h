// Walks text one '\n'-separated line at a time (the last line may lack its
// newline); for text already in memory: pastes, headers, saved outputs.
#pragma once

#include <string_view>

namespace paxray {

class LineCursor {
 public:
  explicit LineCursor(std::string_view text) noexcept : text_(text) {}
  /// The next line without its '\n'; false at the end.
  bool next(std::string_view& line) noexcept {
    if (pos_ >= text_.size()) return false;
    std::size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) nl = text_.size();
    line = text_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace paxray
