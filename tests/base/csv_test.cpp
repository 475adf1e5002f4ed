// The CSV reader (csv.h): RFC 4180 quoting, BOM, CRLF, trailing blank lines, header trimming,
// physical line numbers, limits, UTF-8 checks and the GBK conversion.
#include <catch2/catch.hpp>

#include <string>

#include "ledger/base/csv.h"
#include "ledger/base/error.h"

using subsidy::CsvLimits;
using subsidy::CsvReader;
using subsidy::CsvRecord;
using subsidy::InputError;
using subsidy::parse_csv;

namespace {

// The first problem the text is refused with, as "FILE:LINE:COLUMN: reason".
std::string refusal(std::string_view bytes, CsvLimits limits = {}) {
  try {
    parse_csv(bytes, "t.csv", limits);
  } catch (const InputError& e) {
    return e.problems().front().to_string();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("plain records with their physical line numbers") {
  auto table = parse_csv("a,b\n1,2\n3,4\n", "t.csv");
  REQUIRE(table.header == std::vector<std::string>{"a", "b"});
  REQUIRE(table.records.size() == 2);
  CHECK(table.records[0].fields == std::vector<std::string>{"1", "2"});
  CHECK(table.records[0].line == 2);
  CHECK(table.records[1].fields == std::vector<std::string>{"3", "4"});
  CHECK(table.records[1].line == 3);
}

TEST_CASE("quoted fields: commas, doubled quotes, embedded line breaks") {
  auto table =
      parse_csv("a,b\n\"1,234.50\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\nlast,\"\"\n", "t.csv");
  REQUIRE(table.records.size() == 3);
  CHECK(table.records[0].fields == std::vector<std::string>{"1,234.50", "say \"hi\""});
  CHECK(table.records[1].fields == std::vector<std::string>{"two\nlines", "x"});
  CHECK(table.records[1].line == 3);
  CHECK(table.records[2].line == 5);  // the embedded line break counts as a physical line
  CHECK(table.records[2].fields == std::vector<std::string>{"last", ""});
}

TEST_CASE("BOM, CRLF, trimmed header names, no final line break") {
  auto table = parse_csv("\xEF\xBB\xBF a ,\tb\r\n1,2\r\n3,4", "t.csv");
  CHECK(table.header == std::vector<std::string>{"a", "b"});
  REQUIRE(table.records.size() == 2);
  CHECK(table.records[0].fields == std::vector<std::string>{"1", "2"});
  CHECK(table.records[1].fields == std::vector<std::string>{"3", "4"});
}

TEST_CASE("trailing blank lines and lines of empty fields are ignored") {
  auto table = parse_csv("a,b\n1,2\n\n\r\n,\n , \n\n", "t.csv");
  REQUIRE(table.records.size() == 1);
  CHECK(parse_csv("a,b\n1,\n\n", "t.csv").records.at(0).fields ==
        std::vector<std::string>{"1", ""});
  CHECK(parse_csv("a\n", "t.csv").records.empty());
}

TEST_CASE("a blank line inside the file is a problem of that line") {
  CHECK(refusal("a,b\n1,2\n\n3,4\n") == "t.csv:3:a: a blank line; delete it");
}

TEST_CASE("a record with the wrong number of fields names the first missing or extra column") {
  CHECK(refusal("a,b,c\n1,2\n") == "t.csv:2:c: the record has 2 fields but the header has 3");
  CHECK(refusal("a,b\n1,2,3\n") == "t.csv:2:3: the record has 3 fields but the header has 2");
}

TEST_CASE("structural errors stop the reading with their line and column") {
  CHECK(refusal("") == "t.csv:1:1: the file is empty; expected a header row with the column names");
  CHECK(refusal("\xEF\xBB\xBF\r\n\r\n") ==
        "t.csv:1:1: the file is empty; expected a header row with the column names");
  CHECK(refusal("a,b\n1,\"open\n2,3\n4,5\n") ==
        "t.csv:2:b: a quoted field is never closed: the quote opened on this line has no closing "
        "quote");
  CHECK(refusal("a,b\n1,\"x\"y\n") ==
        "t.csv:2:b: text after the closing quote of a field; quote the whole field");
  CHECK(refusal("a,b\n1,x\"y\n") ==
        "t.csv:2:b: a quote inside an unquoted field; quote the whole field and double the "
        "quotes in it");
  CHECK(refusal("a,b\n1,x\ry\n") == "t.csv:2:b: a carriage return that does not end a line");
}

TEST_CASE("invalid UTF-8 names the line and column and hints at --encoding gbk") {
  // "甲" in GBK is 0xBC 0xD7: not UTF-8.
  const std::string message = refusal("name,n\nok,1\n\xBC\xD7,2\n");
  CHECK(message.rfind("t.csv:3:name: not valid UTF-8 (byte 0xBC)", 0) == 0);
  CHECK(message.find("--encoding gbk") != std::string::npos);
  CHECK(refusal("a\n\xED\xA0\x80\n").rfind("t.csv:2:a: not valid UTF-8 (byte 0xED)", 0) ==
        0);  // surrogate
  CHECK(refusal("a\n\xC0\xAF\n").rfind("t.csv:2:a: not valid UTF-8 (byte 0xC0)", 0) ==
        0);                                                                     // overlong
  CHECK(refusal("a\n\xE7\x94\n").rfind("t.csv:2:a: not valid UTF-8", 0) == 0);  // truncated
  CHECK(refusal(std::string("a\nx\0y\n", 6)) == "t.csv:2:a: the field contains a NUL byte");
  CHECK(parse_csv("a\n\xF0\x9F\x98\x80\n", "t.csv").records.size() == 1);  // 4-byte form is fine
}

TEST_CASE("every problem is reported, one per line, up to 50") {
  std::string text = "a\n";
  for (int i = 0; i < 80; ++i) text += "\xBC\n";
  try {
    parse_csv(text, "t.csv");
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == InputError::kMaxProblems);
    CHECK(e.problems()[0].line == 2);
    CHECK(e.problems()[49].line == 51);
  }
}

TEST_CASE("limits on field length, line count and file size") {
  CsvLimits small;
  small.max_field_bytes = 4;
  CHECK(parse_csv("a\nabcd\n", "t.csv", small).records.size() == 1);
  CHECK(refusal("a\nabcde\n", small) == "t.csv:2:a: the field is longer than 4 bytes");
  CHECK(refusal("a\n\"ab\"\"cde\"\n", small) == "t.csv:2:a: the field is longer than 4 bytes");
  CHECK(refusal("a\n\"abcdefgh\nij\"\n", small) == "t.csv:2:a: the field is longer than 4 bytes");
  CsvLimits few_lines;
  few_lines.max_lines = 3;
  CHECK(parse_csv("a\n1\n2\n\n\n", "t.csv", few_lines).records.size() == 2);
  CHECK(refusal("a\n1\n2\n3\n", few_lines) ==
        "t.csv:4:1: the file has more than 3 lines; split it");
  CsvLimits tiny;
  tiny.max_file_bytes = 3;
  CHECK_THROWS_WITH(parse_csv("a\n1\n", "t.csv", tiny),
                    "t.csv: the file has 4 bytes, more than the limit of 3");
  CHECK(CsvLimits{}.max_field_bytes == 65536);
  CHECK(CsvLimits{}.max_lines == 10'000'000);
}

TEST_CASE("the streaming reader reports progress and reuses the record") {
  CsvReader reader("a,b\n1,2\n3,4\n", "t.csv");
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK(reader.lines_read() == 2);
  REQUIRE(reader.next(record));
  CHECK(record.fields == std::vector<std::string>{"3", "4"});
  CHECK_FALSE(reader.next(record));
  CHECK(subsidy::count_lines("a\nb") == 2);
  CHECK(subsidy::count_lines("a\nb\n") == 2);
}

TEST_CASE("GBK files are converted to UTF-8") {
  // "名称,金额\n甲,1\n" in GBK.
  const std::string gbk = "\xC3\xFB\xB3\xC6,\xBD\xF0\xB6\xEE\n\xBC\xD7,1\n";
  const std::string utf8 = subsidy::gbk_to_utf8(gbk, "g.csv");
  CHECK(utf8 == "名称,金额\n甲,1\n");
  auto table = parse_csv(utf8, "g.csv");
  CHECK(table.header == std::vector<std::string>{"名称", "金额"});
  // 0xFF is never a GBK lead byte; the quote-aware scan finds its field.
  try {
    subsidy::gbk_to_utf8("a,b\n\"x,y\",\xFF\n", "g.csv");
    FAIL("accepted");
  } catch (const InputError& e) {
    CHECK(e.problems().front().to_string() == "g.csv:2:2: not valid GBK (byte 0xFF)");
  }
  CHECK_THROWS_WITH(subsidy::gbk_to_utf8("a\n\xBC", "g.csv"),
                    "g.csv:2:1: the file ends in the middle of a GBK character");
}
