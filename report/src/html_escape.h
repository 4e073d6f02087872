// Escaping for every context the HTML report writes log text into. Log text
// is attacker-controllable: nothing from the input reaches the page unescaped.
#pragma once

#include <string>
#include <string_view>

namespace paxray::html {

/// Text content and attribute values (double-quoted): & < > " ' escaped;
/// control characters, invalid UTF-8, U+2028 and U+2029 replaced so the page
/// never breaks and no byte can start markup.
[[nodiscard]] std::string esc(std::string_view s);

/// Appends esc(s) to out.
void append_esc(std::string& out, std::string_view s);

/// Same as esc, but cuts after `max` bytes (on a character boundary) with "…".
[[nodiscard]] std::string esc_cut(std::string_view s, std::size_t max);

}  // namespace paxray::html
