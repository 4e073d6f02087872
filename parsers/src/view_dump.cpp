// Reading the table forms of obclient output (see view_dump.h).
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "paxray/parsers/view_dump.h"

namespace paxray {
namespace {

constexpr std::size_t kMaxColumns = 512;

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits text into lines (without '\n' / '\r').
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back(l);
    pos = nl + 1;
  }
  return out;
}

bool is_border(std::string_view l) { return l.size() >= 3 && l[0] == '+' && l[1] == '-'; }

bool is_row_separator(std::string_view l) {
  // "*************************** 1. row ***************************"
  return l.size() > 12 && l.front() == '*' && l.back() == '*' && l.find(". row ") != std::string_view::npos;
}

// Cells of a boxed line, cut at the '+' positions of the border above it (so
// values holding '|' stay whole); falls back to splitting on " | ".
std::vector<std::string> boxed_cells(std::string_view line, const std::vector<std::size_t>& cuts) {
  std::vector<std::string> cells;
  bool aligned = cuts.size() >= 2 && line.size() >= cuts.back() + 1;
  for (std::size_t c : cuts) aligned = aligned && c < line.size() && line[c] == '|';
  if (aligned) {
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      cells.emplace_back(trim(line.substr(cuts[i] + 1, cuts[i + 1] - cuts[i] - 1)));
    }
    return cells;
  }
  std::string_view rest = trim(line);
  if (!rest.empty() && rest.front() == '|') rest.remove_prefix(1);
  if (!rest.empty() && rest.back() == '|') rest.remove_suffix(1);
  std::size_t pos = 0;
  while (cells.size() < kMaxColumns) {
    const std::size_t bar = rest.find(" | ", pos);
    cells.emplace_back(trim(rest.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos)));
    if (bar == std::string_view::npos) break;
    pos = bar + 3;
  }
  return cells;
}

void finish_table(ViewTable& t, std::vector<ViewTable>& out) {
  if (t.columns.empty()) return;
  for (auto& r : t.rows) r.resize(t.columns.size());
  t.view = detect_view(t.columns);
  // A table of a few of a view's columns ("SELECT SVR_IP, ROLE,
  // SCN_TO_TIMESTAMP(END_SCN) FROM oceanbase.GV$OB_LOG_STAT") is named by
  // the query pasted above it, and read with the columns it has.
  if (t.view == ViewKind::kUnknown) t.view = view_from_query(t.query);
  out.push_back(std::move(t));
  t = ViewTable{};
}

std::vector<ViewTable> parse_boxed(const std::vector<std::string_view>& lines) {
  std::vector<ViewTable> out;
  ViewTable t;
  std::vector<std::size_t> cuts;
  std::string query;
  enum { kOutside, kHeader, kBody } state = kOutside;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = lines[i];
    if (state == kOutside && !is_border(l)) {  // prompt and query text pasted above the table
      if (query.size() < 4096) query.append(l).push_back('\n');
      continue;
    }
    if (is_border(l)) {
      if (state == kOutside) {
        cuts.clear();
        for (std::size_t p = 0; p < l.size(); ++p) {
          if (l[p] == '+') cuts.push_back(p);
        }
        state = kHeader;
      } else if (state == kHeader) {
        state = kBody;
      } else {
        finish_table(t, out);
        t.form = DumpForm::kBoxed;
        state = kOutside;
      }
      continue;
    }
    if (l.empty() || l.front() != '|') {
      if (state == kBody) finish_table(t, out);
      state = kOutside;
      continue;
    }
    auto cells = boxed_cells(l, cuts);
    if (state == kHeader) {
      t.form = DumpForm::kBoxed;
      t.query = std::move(query);
      query.clear();
      for (auto& c : cells) t.columns.push_back(upper(c));
    } else if (state == kBody) {
      for (auto& c : cells) {
        if (c == "NULL") c.clear();
      }
      t.rows.push_back(std::move(cells));
      t.row_lines.push_back(i + 1);
    }
  }
  finish_table(t, out);
  return out;
}

std::vector<ViewTable> parse_vertical(const std::vector<std::string_view>& lines) {
  std::vector<ViewTable> out;
  ViewTable t;
  t.form = DumpForm::kVertical;
  std::vector<std::string> row;
  bool in_row = false;
  auto end_row = [&] {
    if (in_row && !row.empty()) {
      t.rows.push_back(std::move(row));
    }
    row.clear();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = lines[i];
    if (!in_row && !is_row_separator(l) && t.query.size() < 4096) {
      t.query.append(l).push_back('\n');
      continue;
    }
    if (is_row_separator(l)) {
      end_row();
      in_row = true;
      if (l.find(" 1. row ") != std::string_view::npos && !t.rows.empty()) {  // a new result set
        finish_table(t, out);
        t.form = DumpForm::kVertical;
      }
      t.row_lines.push_back(i + 1);
      continue;
    }
    if (!in_row) continue;
    const std::size_t colon = l.find(": ");
    const std::size_t bare = l.size() > 0 && l.back() == ':' ? l.size() - 1 : std::string_view::npos;
    const std::size_t sep = colon != std::string_view::npos ? colon : bare;
    if (sep == std::string_view::npos) continue;
    const std::string name = upper(trim(l.substr(0, sep)));
    std::string value(sep + 2 <= l.size() ? trim(l.substr(sep + 2)) : std::string_view{});
    if (value == "NULL") value.clear();
    const auto col = std::find(t.columns.begin(), t.columns.end(), name);
    if (col == t.columns.end()) {
      if (t.columns.size() >= kMaxColumns) continue;
      t.columns.push_back(name);
      row.resize(t.columns.size());
      row.back() = std::move(value);
    } else {
      const auto idx = static_cast<std::size_t>(col - t.columns.begin());
      if (row.size() <= idx) row.resize(idx + 1);
      row[idx] = std::move(value);
    }
  }
  end_row();
  finish_table(t, out);
  return out;
}

// RFC 4180 fields of one record; `pos` advances past the record (which may
// span lines inside quotes).
std::vector<std::string> csv_record(std::string_view text, std::size_t& pos, char sep) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  while (pos < text.size()) {
    const char c = text[pos++];
    if (quoted) {
      if (c == '"' && pos < text.size() && text[pos] == '"') {
        fields.back().push_back('"');
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"' && fields.back().empty()) {
      quoted = true;
    } else if (c == sep) {
      if (fields.size() >= kMaxColumns) break;
      fields.emplace_back();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  for (auto& f : fields) {
    if (f == "NULL" || f == "\\N") f.clear();
  }
  return fields;
}

std::vector<ViewTable> parse_delimited(std::string_view text, char sep, DumpForm form) {
  std::vector<ViewTable> out;
  ViewTable t;
  t.form = form;
  std::size_t pos = 0;
  std::uint64_t line = 1;
  bool header = true;
  while (pos < text.size()) {
    const std::size_t start = pos;
    auto fields = csv_record(text, pos, sep);
    const std::uint64_t this_line = line;
    line += static_cast<std::uint64_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(start),
                                                  text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (header) {
      for (auto& f : fields) t.columns.push_back(upper(trim(f)));
      header = false;
      continue;
    }
    t.rows.push_back(std::move(fields));
    t.row_lines.push_back(this_line);
  }
  finish_table(t, out);
  return out;
}

std::string json_scalar(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING: return std::string(v.get_string().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE: return {};
    case simdjson::dom::element_type::BOOL: return v.get_bool().value_unsafe() ? "true" : "false";
    default: return simdjson::minify(v);
  }
}

void json_row(simdjson::dom::object obj, ViewTable& t, std::uint64_t line) {
  std::vector<std::string> row(t.columns.size());
  for (auto field : obj) {
    const std::string name = upper(field.key);
    auto col = std::find(t.columns.begin(), t.columns.end(), name);
    if (col == t.columns.end()) {
      if (t.columns.size() >= kMaxColumns) continue;
      t.columns.push_back(name);
      row.resize(t.columns.size());
      col = t.columns.end() - 1;
    }
    row[static_cast<std::size_t>(col - t.columns.begin())] = json_scalar(field.value);
  }
  t.rows.push_back(std::move(row));
  t.row_lines.push_back(line);
}

std::vector<ViewTable> parse_json(std::string_view text, std::string& error) {
  std::vector<ViewTable> out;
  ViewTable t;
  t.form = DumpForm::kJson;
  simdjson::dom::parser parser;
  std::string_view trimmed = trim(text);
  while (!trimmed.empty() && (trimmed.front() == '\n' || trimmed.front() == '\r')) trimmed.remove_prefix(1);
  if (!trimmed.empty() && trimmed.front() == '[') {
    simdjson::dom::element doc;
    if (auto err = parser.parse(trimmed.data(), trimmed.size()).get(doc); err) {
      error = std::string("JSON: ") + simdjson::error_message(err);
      return out;
    }
    simdjson::dom::array arr;
    if (doc.get_array().get(arr)) return out;
    std::uint64_t n = 0;
    for (auto item : arr) {
      simdjson::dom::object obj;
      ++n;
      if (!item.get_object().get(obj)) json_row(obj, t, n);
    }
  } else {
    const auto lines = lines_of(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string_view l = trim(lines[i]);
      if (l.empty()) continue;
      simdjson::dom::element doc;
      simdjson::dom::object obj;
      if (parser.parse(l.data(), l.size()).get(doc) || doc.get_object().get(obj)) {
        if (error.empty()) error = "JSON: line " + std::to_string(i + 1) + " is not an object";
        continue;
      }
      json_row(obj, t, i + 1);
    }
  }
  finish_table(t, out);
  return out;
}

}  // namespace

std::string_view dump_form_name(DumpForm f) noexcept {
  static constexpr std::array<std::string_view, 5> kNames{"boxed table", "vertical (\\G)", "tab-separated", "CSV", "JSON"};
  return kNames[static_cast<std::size_t>(f)];
}

namespace {

// Every view paxray reads: the name it prints, and the names (upper case) a
// pasted query may read it by.
struct ViewNames {
  ViewKind kind;
  std::string_view name;
  std::array<std::string_view, 2> queried_as;
};
constexpr ViewNames kViewNames[] = {
    {ViewKind::kServerEventHistory, "DBA_OB_SERVER_EVENT_HISTORY", {"DBA_OB_SERVER_EVENT_HISTORY", "__ALL_SERVER_EVENT_HISTORY"}},
    {ViewKind::kLogStat, "GV$OB_LOG_STAT", {"GV$OB_LOG_STAT", "V$OB_LOG_STAT"}},
    {ViewKind::kServers, "DBA_OB_SERVERS", {"DBA_OB_SERVERS", ""}},
    {ViewKind::kZones, "DBA_OB_ZONES", {"DBA_OB_ZONES", ""}},
    {ViewKind::kTenants, "DBA_OB_TENANTS", {"DBA_OB_TENANTS", ""}},
    {ViewKind::kHaDiagnose, "__all_virtual_ha_diagnose", {"__ALL_VIRTUAL_HA_DIAGNOSE", ""}},
    {ViewKind::kLsLocations, "CDB_OB_LS_LOCATIONS", {"CDB_OB_LS_LOCATIONS", "DBA_OB_LS_LOCATIONS"}},
    {ViewKind::kLs, "DBA_OB_LS", {"DBA_OB_LS", "CDB_OB_LS"}},
};

}  // namespace

std::string_view view_kind_name(ViewKind v) noexcept {
  for (const auto& n : kViewNames) {
    if (n.kind == v) return n.name;
  }
  return "unknown view";
}

std::optional<std::size_t> ViewTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return i;
  }
  return std::nullopt;
}

std::string_view ViewTable::cell(std::size_t row, std::string_view name) const {
  const auto c = column(name);
  if (!c || row >= rows.size() || *c >= rows[row].size()) return {};
  return rows[row][*c];
}

std::string ViewTable::row_server(std::size_t row) const {
  const std::string_view ip = trim(cell(row, "SVR_IP"));
  const std::string_view port = trim(cell(row, "SVR_PORT"));
  if (ip.empty()) return {};
  std::string out(ip);
  if (!port.empty()) out.append(":").append(port);
  return out;
}

ViewKind view_from_query(std::string_view query) {
  // The table after the last FROM: "oceanbase.GV$OB_LOG_STAT", "GV$OB_LOG_STAT a".
  const std::string q = upper(query);
  const std::size_t from = q.rfind("FROM ");
  if (from == std::string::npos || (from > 0 && !std::isspace(static_cast<unsigned char>(q[from - 1])))) return ViewKind::kUnknown;
  std::size_t p = from + 5;
  while (p < q.size() && std::isspace(static_cast<unsigned char>(q[p]))) ++p;
  std::size_t e = p;
  while (e < q.size() && (std::isalnum(static_cast<unsigned char>(q[e])) || q[e] == '_' || q[e] == '$' || q[e] == '.')) ++e;
  std::string_view name = std::string_view(q).substr(p, e - p);
  if (const std::size_t dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
  for (const auto& n : kViewNames) {
    if (!name.empty() && std::find(n.queried_as.begin(), n.queried_as.end(), name) != n.queried_as.end()) return n.kind;
  }
  return ViewKind::kUnknown;
}

// A table is a view only when several of that view's own columns name it:
// one shared name (TENANT_ID, ZONE, STATUS) is in many views and in tables
// that are none of these (a CDB_OB_LS_LOCATIONS join has TENANT_NAME too).
ViewKind detect_view(const std::vector<std::string>& cols) {
  auto has = [&](std::string_view c) { return std::find(cols.begin(), cols.end(), c) != cols.end(); };
  auto count = [&](std::initializer_list<std::string_view> names) {
    int n = 0;
    for (std::string_view c : names) n += has(c);
    return n;
  };
  if (has("ELECTION_ROLE") && has("PALF_ROLE")) return ViewKind::kHaDiagnose;
  if (has("EVENT") && count({"MODULE", "NAME1", "VALUE1", "NAME2", "VALUE2", "NAME3", "VALUE3", "NAME4", "VALUE4", "NAME5",
                             "VALUE5", "NAME6", "VALUE6", "SVR_IP", "GMT_CREATE", "TIMESTAMP", "EXTRA_INFO"}) >= 2 &&
      count({"NAME1", "VALUE1", "NAME2", "VALUE2", "NAME3", "VALUE3", "VALUE4"}) >= 1) {
    return ViewKind::kServerEventHistory;
  }
  if (has("ROLE") && has("LS_ID") && (has("PROPOSAL_ID") || has("PAXOS_MEMBER_LIST") || has("END_SCN"))) {
    return ViewKind::kLogStat;
  }
  if (has("ROLE") && has("LS_ID") && has("SVR_IP") && (has("REPLICA_TYPE") || has("SQL_PORT") || has("LEARNER_LIST"))) {
    return ViewKind::kLsLocations;
  }
  // DBA_OB_LS: one row per log stream (no server, no role), its status and SCNs.
  if (has("LS_ID") && has("STATUS") && !has("SVR_IP") && !has("ROLE") &&
      count({"CREATE_SCN", "DROP_SCN", "SYNC_SCN", "READABLE_SCN", "LS_GROUP_ID", "UNIT_GROUP_ID", "FLAG"}) >= 1) {
    return ViewKind::kLs;
  }
  const bool per_replica = has("LS_ID") || has("SVR_IP") || has("ROLE");
  if (has("TENANT_ID") && has("TENANT_NAME") && !per_replica &&
      count({"TENANT_TYPE", "PRIMARY_ZONE", "LOCALITY", "COMPATIBILITY_MODE", "STATUS", "TENANT_ROLE"}) >= 1) {
    return ViewKind::kTenants;
  }
  if (has("SVR_IP") && has("ZONE") && has("STATUS") && !has("LS_ID") && !has("TENANT_ID")) return ViewKind::kServers;
  if (has("ZONE") && has("STATUS") && (has("REGION") || has("IDC")) && !has("SVR_IP")) return ViewKind::kZones;
  return ViewKind::kUnknown;
}

std::optional<DumpForm> detect_dump_form(std::string_view head) {
  const auto lines = lines_of(head.substr(0, 64 * 1024));
  // Boxed and vertical results may follow the pasted prompt and query text
  // ("obclient> SELECT ...", "    -> WHERE ..."): look for their markers.
  for (std::size_t i = 0; i < lines.size() && i < 200; ++i) {
    const std::string_view l = trim(lines[i]);
    if (is_border(l)) return DumpForm::kBoxed;
    if (is_row_separator(l)) return DumpForm::kVertical;
  }
  // Otherwise the first line that is not a prompt, query or comment decides.
  for (std::string_view l : lines) {
    l = trim(l);
    if (l.empty() || l.rfind("obclient", 0) == 0 || l.rfind("mysql", 0) == 0 || l.rfind("MySQL", 0) == 0 ||
        l.rfind("->", 0) == 0 || l.rfind("--", 0) == 0 || l.rfind("#", 0) == 0) {
      continue;
    }
    if (l.front() == '[' || l.front() == '{') return DumpForm::kJson;
    std::vector<std::string> cols;
    const char sep = l.find('\t') != std::string_view::npos ? '\t' : ',';
    std::size_t pos = 0;
    const std::string line(l);
    for (auto& f : csv_record(line, pos, sep)) cols.push_back(upper(trim(f)));
    if (cols.size() >= 2 && detect_view(cols) != ViewKind::kUnknown) return sep == '\t' ? DumpForm::kTsv : DumpForm::kCsv;
    return std::nullopt;
  }
  return std::nullopt;
}

std::vector<ViewTable> parse_view_dump(std::string_view text, DumpForm form, std::string& error) {
  switch (form) {
    case DumpForm::kBoxed: return parse_boxed(lines_of(text));
    case DumpForm::kVertical: return parse_vertical(lines_of(text));
    case DumpForm::kTsv: return parse_delimited(text, '\t', form);
    case DumpForm::kCsv: return parse_delimited(text, ',', form);
    case DumpForm::kJson: return parse_json(text, error);
  }
  return {};
}

}  // namespace paxray
