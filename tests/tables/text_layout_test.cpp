// The table model's options for tables that predate it (ledger/tables/table.h): the text layout
// (no header, no rules, an indent, a full-width rule, labels spanning the text columns), a
// right-aligned text column, explicit totals with their own label, and footer rows in every writer
// (XLSX read back by openpyxl through tests/tools/xlsx_matches_csv.py).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "ledger/tables/output.h"
#include "ledger/tables/table.h"
#include "ledger/tables/writers.h"

using namespace subsidy;
using namespace subsidy::reports;

namespace {

// Two text columns, one right-aligned text column, two amounts.
ReportTable small_table() {
  ReportTable table("small", "小表", "Small", 2023, "digest-1");
  table.add_column({"id", "编号", "Id", ColumnType::text});
  table.add_column({"name", "名称", "Name", ColumnType::text});
  table.add_column({"no", "序号", "No", ColumnType::text, false, Align::right});
  table.add_column({"amount", "金额", "Amount", ColumnType::money});
  table.add_column({"share", "分担", "Share", ColumnType::money});
  table.add_row({std::string("A-1"), std::string("泗阳"), std::string("7"), Money::from_fen(123456),
                 Money::from_fen(100)});
  table.add_row(
      {std::string("A-22"), std::string("x"), std::string("12"), Money::from_fen(5), Cell{}});
  return table;
}

std::string text_of(const ReportTable& table, Language lang) {
  std::ostringstream out;
  write_text(table, lang, out);
  return out.str();
}

}  // namespace

TEST_CASE("the default layout is the reports' one: title, digest, per-column rules") {
  ReportTable table = small_table();
  table.compute_totals();  // nothing summed: an empty totals row, labelled
  CHECK(text_of(table, Language::en) ==
        "Small (year 2023)\n"
        "Ledger head digest: digest-1\n"
        "\n"
        "Id     Name  No    Amount  Share\n"
        "-----  ----  --  --------  -----\n"
        "A-1    泗阳   7  1,234.56   1.00\n"
        "A-22   x     12      0.05\n"
        "-----  ----  --  --------  -----\n"
        "Total\n");
}

TEST_CASE("no header, no rules, an indent and a totals label of its own") {
  ReportTable table = small_table();
  table.set_totals({Cell{}, Cell{}, Cell{}, Money::from_fen(123461), Money::from_fen(100)});
  table.set_totals_label("合计", "total");
  TextLayout layout;
  layout.header = TextLayout::Header::none;
  layout.rule = TextLayout::Rule::none;
  layout.indent = "  ";
  table.set_text_layout(layout);
  CHECK(text_of(table, Language::en) ==
        "  Id     Name  No    Amount  Share\n"
        "  A-1    泗阳   7  1,234.56   1.00\n"
        "  A-22   x     12      0.05\n"
        "  total            1,234.61   1.00\n");
}

TEST_CASE("a title alone, one unbroken rule, and labels spanning the text columns") {
  ReportTable table = small_table();
  table.set_totals({Cell{}, Cell{}, Cell{}, Money::from_fen(123461), Cell{}});
  table.set_totals_label("合计", "Sum");
  table.add_footer(
      {"暂缓", "Held back, a long label", {Cell{}, Cell{}, Cell{}, Money::from_fen(9), Cell{}}});
  TextLayout layout;
  layout.header = TextLayout::Header::title;
  layout.rule = TextLayout::Rule::full_width;
  layout.span_labels = true;
  table.set_text_layout(layout);
  // "Held back, a long label" (23) is longer than Id+Name+No and their gaps (4+2+4+2+2 = 14): the
  // first column takes the 9 columns more.
  CHECK(text_of(table, Language::en) ==
        "Small\n"
        "Id             Name  No    Amount  Share\n"
        "----------------------------------------\n"
        "A-1            泗阳   7  1,234.56   1.00\n"
        "A-22           x     12      0.05\n"
        "----------------------------------------\n"
        "Sum                      1,234.61\n"
        "Held back, a long label      0.09\n");
}

TEST_CASE("footer rows and the totals label reach CSV and JSON") {
  ReportTable table = small_table();
  table.set_totals({Cell{}, Cell{}, Cell{}, Money::from_fen(123461), Cell{}});
  table.set_totals_label("合计（2 项）", "Total (2)");
  table.add_footer({"暂缓", "Held", {Cell{}, Cell{}, Cell{}, Money::from_fen(9), Cell{}}});
  std::ostringstream csv;
  write_csv(table, Language::en, csv);
  CHECK(csv.str() ==
        "\xEF\xBB\xBF"
        "Id,Name,No,Amount,Share\n"
        "A-1,泗阳,7,1234.56,1.00\n"
        "A-22,x,12,0.05,\n"
        "Total (2),,,1234.61,\n"
        "Held,,,0.09,\n"
        "Ledger head digest,digest-1,,,\n");
  std::ostringstream json;
  write_json(table, Language::zh, json);
  const nlohmann::json document = nlohmann::json::parse(json.str());
  CHECK(document["totals"]["id"] == "合计（2 项）");
  REQUIRE(document["footers"].size() == 1);
  CHECK(document["footers"][0]["id"] == "暂缓");
  CHECK(document["footers"][0]["amount"] == "0.09");
}

TEST_CASE("a table without footers keeps the JSON document of the reports") {
  ReportTable table = small_table();
  table.compute_totals();
  std::ostringstream json;
  write_json(table, Language::en, json);
  const nlohmann::json document = nlohmann::json::parse(json.str());
  CHECK_FALSE(document.contains("footers"));
  CHECK(document["totals"]["id"] == "Total");
}

TEST_CASE("explicit totals and footers are checked like rows") {
  ReportTable table = small_table();
  CHECK_THROWS_AS(table.set_totals({Cell{}, Cell{}, Cell{}, int64_t{1}, Cell{}}), std::logic_error);
  CHECK_THROWS_AS(table.set_totals({Cell{}, Cell{}}), std::logic_error);
  CHECK_THROWS_AS(table.add_footer({"x", "x", {Cell{}, Cell{}, Cell{}, std::string("1"), Cell{}}}),
                  std::logic_error);
  CHECK_FALSE(table.has_totals());
  CHECK(table.footers().empty());
}

TEST_CASE("alignment follows the column: numbers right, text left unless asked") {
  CHECK(Column{"a", "a", "a", ColumnType::money}.right_aligned());
  CHECK(Column{"a", "a", "a", ColumnType::integer}.right_aligned());
  CHECK_FALSE(Column{"a", "a", "a", ColumnType::text}.right_aligned());
  CHECK(Column{"a", "a", "a", ColumnType::text, false, Align::right}.right_aligned());
  CHECK_FALSE(Column{"a", "a", "a", ColumnType::money, false, Align::left}.right_aligned());
}

TEST_CASE("an XLSX sheet with a totals label and a footer reads back as its CSV") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("tables_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  ReportTable table = small_table();
  table.set_totals({Cell{}, Cell{}, Cell{}, Money::from_fen(123461), Cell{}});
  table.set_totals_label("合计（2 项）", "Total (2)");
  table.add_footer({"暂缓", "Held", {Cell{}, Cell{}, Cell{}, Money::from_fen(9), Cell{}}});
  std::ostringstream unused;
  const std::string xlsx = (dir / "small.xlsx").string();
  const std::string csv = (dir / "small.csv").string();
  emit_report(table, Format::xlsx, Language::zh, xlsx, unused);
  emit_report(table, Format::csv, Language::zh, csv, unused);
  const std::string script = std::string(SUBSIDY_SOURCE_DIR) + "/tests/tools/xlsx_matches_csv.py";
  CHECK(std::system(("/usr/bin/python3 " + script + " " + xlsx + " " + csv).c_str()) == 0);
  std::filesystem::remove_all(dir);
}
