// What a file's beginning says about its writer (its `New syslog file info`
// header and its self address), as extracts and the cron state both store
// it: node identity is decided again from these facts when the beginning is
// not read.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>

#include "paxray/engine/json_writer.h"
#include "paxray/parsers/node_hints.h"

namespace paxray {

/// `"header": {...} | null, "self_address": "..." | null` inside an open object.
inline void write_writer_facts(JsonWriter& w, const std::optional<FileHeaderInfo>& header,
                               const std::optional<std::string>& self_address) {
  w.key("header");
  if (header) {
    w.begin_object();
    w.key("address"), w.value(header->address);
    w.key("version"), w.value(header->version);
    w.key("tz_offset"), w.value(header->tz_offset);
    w.end_object();
  } else {
    w.null();
  }
  w.key("self_address"), w.value_or_null(self_address);
}

/// Reads them back; "" or what is wrong with the header.
inline std::string read_writer_facts(simdjson::dom::object obj, std::optional<FileHeaderInfo>& header,
                                     std::optional<std::string>& self_address) {
  simdjson::dom::object h;
  if (obj["header"].get_object().get(h) == simdjson::SUCCESS) {
    std::string_view a, v, tz;
    if (h["address"].get_string().get(a) != simdjson::SUCCESS || h["version"].get_string().get(v) != simdjson::SUCCESS ||
        h["tz_offset"].get_string().get(tz) != simdjson::SUCCESS) {
      return "header without address, version or tz_offset";
    }
    header = FileHeaderInfo{std::string(a), std::string(v), std::string(tz)};
  }
  std::string_view self;
  if (obj["self_address"].get_string().get(self) == simdjson::SUCCESS) self_address = std::string(self);
  return {};
}

}  // namespace paxray
