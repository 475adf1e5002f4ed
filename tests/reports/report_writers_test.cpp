// The report framework's plain-text writers: the typed table, the aligned table (Chinese text
// counted two cells wide), CSV quoting and exact money, streamed JSON with money as strings, and
// atomic files.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"
#include "ledger/tables/output.h"
#include "ledger/tables/table.h"
#include "ledger/tables/writers.h"

using namespace subsidy;
using namespace subsidy::reports;

namespace {

ReportTable sample_table() {
  ReportTable table("sample", "区域分担", "Region sharing", 2023, "ab12");
  table.add_column({"region", "区域", "Region", ColumnType::text, false});
  table.add_column({"awards", "奖补笔数", "Awards", ColumnType::integer, true});
  table.add_column({"amount", "奖补金额", "Amount", ColumnType::money, true});
  table.add_column({"note", "说明", "Note", ColumnType::text, false});
  table.add_row({std::string("泗阳经济开发区"), int64_t{1234}, Money::from_fen(123456789),
                 std::string("a, \"quoted\" note")});
  table.add_row({std::string("T01"), int64_t{2}, Money::from_fen(-5), Cell{}});
  table.compute_totals();
  return table;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a row whose cells do not fit the column types is refused") {
  ReportTable table("t", "表", "T", 2023, "d");
  table.add_column({"a", "甲", "A", ColumnType::money, true});
  CHECK_THROWS_AS(table.add_row({std::string("12.00")}), std::logic_error);
  CHECK_THROWS_AS(table.add_row({Money{}, Money{}}), std::logic_error);
  CHECK_NOTHROW(table.add_row({Cell{}}));
}

TEST_CASE("totals add up the summed columns exactly") {
  const ReportTable table = sample_table();
  REQUIRE(table.has_totals());
  CHECK(std::get<int64_t>(table.totals()[1]) == 1236);
  CHECK(std::get<Money>(table.totals()[2]).fen() == 123456784);
  CHECK(std::holds_alternative<std::monostate>(table.totals()[3]));
  CHECK(table.sum_money(table.column_index("amount")).fen() == 123456784);
}

TEST_CASE("the text table aligns Chinese headings and groups thousands") {
  std::ostringstream out;
  write_text(sample_table(), Language::zh, out);
  const std::string expected =
      "区域分担（2023年度）\n"
      "账本头摘要: ab12\n"
      "\n"
      "区域            奖补笔数      奖补金额  说明\n"
      "--------------  --------  ------------  ----------------\n"
      "泗阳经济开发区     1,234  1,234,567.89  a, \"quoted\" note\n"
      "T01                    2         -0.05\n"
      "--------------  --------  ------------  ----------------\n"
      "合计               1,236  1,234,567.84\n";
  CHECK(out.str() == expected);
  std::ostringstream english;
  write_text(sample_table(), Language::en, english);
  CHECK_THAT(english.str(),
             Catch::StartsWith("Region sharing (year 2023)\nLedger head digest: ab12"));
  CHECK_THAT(english.str(), Catch::Contains("Total"));
}

TEST_CASE("CSV carries exact plain amounts, quotes what needs it and ends with the digest") {
  std::ostringstream out;
  write_csv(sample_table(), Language::zh, out);
  const std::string expected =
      "\xEF\xBB\xBF"
      "区域,奖补笔数,奖补金额,说明\n"
      "泗阳经济开发区,1234,1234567.89,\"a, \"\"quoted\"\" note\"\n"
      "T01,2,-0.05,\n"
      "合计,1236,1234567.84,\n"
      "账本头摘要,ab12,,\n";
  CHECK(out.str() == expected);
  std::ostringstream english;
  write_csv(sample_table(), Language::en, english);
  CHECK_THAT(english.str(), Catch::Contains("Region,Awards,Amount,Note\n"));
  CHECK_THAT(english.str(), Catch::Contains("Total,1236,1234567.84,\n"));
}

TEST_CASE("JSON keeps money as strings and states the digest") {
  std::ostringstream out;
  write_json(sample_table(), Language::en, out);
  const nlohmann::json doc = nlohmann::json::parse(out.str());
  CHECK(doc["report"] == "sample");
  CHECK(doc["title"] == "Region sharing");
  CHECK(doc["year"] == 2023);
  CHECK(doc["ledger_head"] == "ab12");
  REQUIRE(doc["columns"].size() == 4);
  CHECK(doc["columns"][2]["type"] == "money");
  CHECK(doc["columns"][2]["heading"] == "Amount");
  REQUIRE(doc["rows"].size() == 2);
  CHECK(doc["rows"][0]["amount"] == "1234567.89");
  CHECK(doc["rows"][0]["awards"] == 1234);
  CHECK(doc["rows"][0]["note"] == "a, \"quoted\" note");
  CHECK(doc["rows"][1]["note"].is_null());
  CHECK(doc["totals"]["region"] == "Total");
  CHECK(doc["totals"]["amount"] == "1234567.84");

  ReportTable empty("e", "空", "Empty", 2024, "00");
  empty.add_column({"a", "甲", "A", ColumnType::text, false});
  std::ostringstream none;
  write_json(empty, Language::zh, none);
  const nlohmann::json parsed = nlohmann::json::parse(none.str());
  CHECK(parsed["rows"].empty());
  CHECK(parsed["totals"].is_null());
}

TEST_CASE("format and language choices are checked") {
  CHECK(parse_format("xlsx") == Format::xlsx);
  CHECK(parse_lang("en") == Language::en);
  CHECK(parse_format("pdf") == Format::pdf);
  CHECK_THROWS_AS(parse_format("docx"), UsageError);
  CHECK_THROWS_AS(parse_lang("fr"), UsageError);
  CHECK(format_integer_grouped(-1234567) == "-1,234,567");
  CHECK(format_integer_grouped(INT64_MIN) == "-9,223,372,036,854,775,808");
  CHECK(format_integer_grouped(999) == "999");
}

TEST_CASE("report files appear complete or not at all") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("report_writers_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.csv").string();
  std::ostringstream unused;
  emit_report(sample_table(), Format::csv, Language::zh, path, unused);
  const std::string written = slurp(path);
  CHECK_THAT(written, Catch::Contains("合计,1236,1234567.84,"));
  CHECK(unused.str().empty());

  // A writer that fails half-way leaves the earlier file as it was and no temporary file behind.
  CHECK_THROWS_AS(write_file_atomically(path,
                                        [](const std::string& temporary) {
                                          std::ofstream(temporary) << "half";
                                          throw RefusedError("disk full");
                                        }),
                  RefusedError);
  CHECK(slurp(path) == written);
  CHECK(std::distance(std::filesystem::directory_iterator(dir),
                      std::filesystem::directory_iterator()) == 1);

  CHECK_THROWS_AS(emit_report(sample_table(), Format::xlsx, Language::zh, std::nullopt, unused),
                  UsageError);
  CHECK_THROWS_AS(emit_report(sample_table(), Format::csv, Language::zh,
                              (dir / "missing" / "x.csv").string(), unused),
                  RefusedError);
  std::filesystem::remove_all(dir);
}
