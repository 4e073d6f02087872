#include <gtest/gtest.h>
#include <simdjson.h>

#include "paxray/engine/json_writer.h"

namespace paxray {
namespace {

std::string as_json(std::string_view s) {
  std::string out;
  JsonWriter::append_string(out, s);
  return out;
}

TEST(JsonWriter, EscapesForJsonAndHtmlEmbedding) {
  EXPECT_EQ(as_json("a\"b\\c\n\t"), "\"a\\\"b\\\\c\\n\\t\"");
  EXPECT_EQ(as_json("</script><img src=x onerror=alert(1)>&"), "\"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\\u0026\"");
  EXPECT_EQ(as_json("\xe2\x80\xa8\xe2\x80\xa9"), "\"\\u2028\\u2029\"");
  EXPECT_EQ(as_json(std::string("\x01\x7f", 2)), "\"\\u0001\\u007f\"");
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(as_json("ok\xff\xfe"), "\"ok\\ufffd\\ufffd\"");
  EXPECT_EQ(as_json("\xc3\xa9"), "\"\xc3\xa9\"");           // é stays
  EXPECT_EQ(as_json("\xc3"), "\"\\ufffd\"");                // cut sequence
  EXPECT_EQ(as_json("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");  // surrogate
  EXPECT_EQ(as_json("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
}

TEST(JsonWriter, DocumentsParse) {
  JsonWriter w;
  w.begin_object();
  w.key("a");
  w.begin_array();
  w.value(std::uint64_t{1});
  w.value(std::int64_t{-2});
  w.value(true);
  w.null();
  w.value("x\xff");
  w.begin_object();
  w.end_object();
  w.end_array();
  w.key("b");
  w.value(1.5);
  w.end_object();
  simdjson::dom::parser parser;
  const std::string text = w.take();
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << text;
  EXPECT_EQ(doc["a"].at(1).get_int64().value(), -2);
  EXPECT_EQ(doc["b"].get_double().value(), 1.5);
}

}  // namespace
}  // namespace paxray
