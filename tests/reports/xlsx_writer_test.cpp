// The XLSX writer: the exact hand-off of amounts to libxlsxwriter's doubles, and workbooks read
// back by an independent reader (/usr/bin/python3 with Debian's openpyxl) and compared cell by cell
// with the CSV of the same report.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ledger/money/decimal.h"
#include "ledger/base/error.h"
#include "ledger/tables/output.h"
#include "ledger/tables/xlsx.h"

using namespace subsidy;
using namespace subsidy::reports;

namespace {

// What a reader gets back from a cell: libxlsxwriter writes the double with "%.16G" (utility.h,
// lxw_sprintf_dbl); the text is parsed as an exact decimal and rounded to the cent.
int64_t fen_read_back(int64_t fen) {
  char text[64];
  std::snprintf(text, sizeof text, "%.16G", xlsx_number_from_fen(fen));
  const auto parsed = Decimal::parse_scientific(text);
  REQUIRE(parsed);
  const Decimal cents = parsed.value->quantize(-2, Rounding::half_even);
  return static_cast<int64_t>(cents.coefficient());
}

ReportTable sheet_table(int64_t rows) {
  ReportTable table("cost-sharing", "区域分担（测试）", "Cost sharing [test]", 2023, "c0ffee");
  table.add_column({"region", "区域名称", "Region", ColumnType::text, false});
  table.add_column({"awards", "奖补笔数", "Awards", ColumnType::integer, true});
  table.add_column({"county", "县级承担", "County share", ColumnType::money, true});
  table.add_column({"region_share", "区域承担", "Region share", ColumnType::money, true});
  table.add_column({"note", "说明", "Note", ColumnType::text, false});
  for (int64_t i = 0; i < rows; ++i) {
    table.add_row({std::string("泗阳经济开发区第") + std::to_string(i) + "片区", i * 7,
                   Money::from_fen(i * 123456789 + 1), Money::from_fen(i * 1001),
                   i % 3 == 0 ? Cell{} : Cell{std::string("note, \"q\" ") + std::to_string(i)}});
  }
  // The region column sums to just inside the exact range: the largest negative amount plus small
  // positive ones.
  table.add_row({std::string("最大"), int64_t{1}, Money::from_fen(99999999999999),
                 Money::from_fen(-kMaxXlsxExactFen), std::string("十五位有效数字")});
  table.compute_totals();
  ChartSpec chart;
  chart.title_zh = "县级与区域承担";
  chart.title_en = "County vs region share";
  chart.category_column = 0;
  chart.value_columns = {2, 3};
  table.add_chart(chart);
  return table;
}

struct Scratch {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("xlsx_writer_" + std::to_string(::getpid()));
  Scratch() { std::filesystem::create_directories(dir); }
  ~Scratch() { std::filesystem::remove_all(dir); }
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

int run_reader(const std::string& arguments) {
  const std::string script = std::string(SUBSIDY_SOURCE_DIR) + "/tests/tools/xlsx_matches_csv.py";
  return std::system(("/usr/bin/python3 " + script + " " + arguments).c_str());
}

}  // namespace

TEST_CASE("every amount up to 15 significant digits reads back from XLSX to the same fen") {
  for (int64_t fen : {int64_t{0}, int64_t{1}, int64_t{5}, int64_t{7}, int64_t{10}, int64_t{99},
                      int64_t{123450}, int64_t{40000000}, int64_t{99999999999999},
                      int64_t{100000000000000}, kMaxXlsxExactFen - 1, kMaxXlsxExactFen}) {
    INFO(fen);
    CHECK(fen_read_back(fen) == fen);
    CHECK(fen_read_back(-fen) == -fen);
  }
  // Every magnitude from 1 to 15 digits, with pseudo-random digits (a fixed LCG: reproducible).
  uint64_t state = 20220101;
  int64_t failures = 0;
  for (int digits = 1; digits <= 15; ++digits) {
    const int64_t limit = static_cast<int64_t>(power_of_ten(digits));
    for (int i = 0; i < 4000; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const int64_t fen = static_cast<int64_t>((state >> 11) % static_cast<uint64_t>(limit));
      if (fen_read_back(fen) != fen) ++failures;
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("amounts beyond 15 significant digits are refused rather than rounded") {
  CHECK_THROWS_AS(xlsx_number_from_fen(kMaxXlsxExactFen + 1), RefusedError);
  CHECK_THROWS_AS(xlsx_number_from_fen(-Money::kMaxAbsFen), RefusedError);
  CHECK_THROWS_AS(xlsx_number_from_count(int64_t{1} << 60), RefusedError);
  Scratch scratch;
  ReportTable table("big", "大", "Big", 2023, "d");
  table.add_column({"a", "甲", "A", ColumnType::text, false});
  table.add_column({"m", "金额", "Amount", ColumnType::money, false});
  table.add_row({std::string("x"), Money::from_fen(kMaxXlsxExactFen + 1)});
  std::ostringstream unused;
  const std::string path = scratch.file("big.xlsx");
  CHECK_THROWS_AS(emit_report(table, Format::xlsx, Language::zh, path, unused), RefusedError);
  CHECK_FALSE(std::filesystem::exists(path));
  // Neither the temporary file nor libxlsxwriter's private temporary directory is left.
  CHECK(std::filesystem::is_empty(scratch.dir));
}

TEST_CASE("an XLSX sheet reads back, cell by cell, as the CSV of the same report") {
  Scratch scratch;
  const ReportTable table = sheet_table(40);
  std::ostringstream unused;
  for (Language lang : {Language::zh, Language::en}) {
    const std::string suffix = lang == Language::zh ? "zh" : "en";
    const std::string xlsx = scratch.file("report-" + suffix + ".xlsx");
    const std::string csv = scratch.file("report-" + suffix + ".csv");
    emit_report(table, Format::xlsx, lang, xlsx, unused);
    emit_report(table, Format::csv, lang, csv, unused);
    CHECK(run_reader(xlsx + " --charts 1 --sums 3 " + csv) == 0);
    CHECK((std::filesystem::status(xlsx).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  }
  // Only the four files: no temporary file, no private temporary directory of libxlsxwriter's.
  CHECK(std::distance(std::filesystem::directory_iterator(scratch.dir),
                      std::filesystem::directory_iterator()) == 4);
}

TEST_CASE("several reports share one workbook, one sheet each, and the reader catches a mismatch") {
  Scratch scratch;
  const ReportTable first = sheet_table(3);
  const ReportTable second = sheet_table(5);
  const std::string book = scratch.file("book.xlsx");
  write_xlsx({&first, &second}, Language::zh, book);
  std::ostringstream unused;
  emit_report(first, Format::csv, Language::zh, scratch.file("first.csv"), unused);
  emit_report(second, Format::csv, Language::zh, scratch.file("second.csv"), unused);
  CHECK(run_reader(book + " --charts 2 --sums 6 " + scratch.file("first.csv") + " " +
                   scratch.file("second.csv")) == 0);
  // The same check must fail when the sheets and CSV files do not belong together.
  CHECK(run_reader(book + " " + scratch.file("second.csv") + " " + scratch.file("first.csv") +
                   " >/dev/null") != 0);
}

TEST_CASE("an XLSX sheet prints for signature: title rows, page setup, SUM totals, chart in 万元") {
  Scratch scratch;
  ReportTable table = sheet_table(12);
  table.set_organisation("泗阳县财政局");
  table.set_printed_at("2026-01-20T17:30:00Z");  // already the 21st in Beijing
  const std::string book = scratch.file("print.xlsx");
  write_xlsx({&table}, Language::zh, book);
  // The totals row (row 4 + 13 data rows + 1) holds formulas whose cached values are the exact
  // totals; the title rows, the page setup and the chart's axis as the brief of issue 18 asks.
  const std::string expected_total = format_plain(std::get<Money>(table.totals()[2]));
  const std::string script = R"PY(
import sys, zipfile, openpyxl
from decimal import Decimal
path, total = sys.argv[1], sys.argv[2]
f = openpyxl.load_workbook(path).worksheets[0]
v = openpyxl.load_workbook(path, data_only=True).worksheets[0]
problems = []
def want(ok, what):
    if not ok: problems.append(what)
want(v["A1"].value == "区域分担（测试）（2023年度）", f"title {v['A1'].value!r}")
want(v["A2"].value == "编制单位：泗阳县财政局", f"unit {v['A2'].value!r}")
want(v["E2"].value == "单位：元", f"yuan {v['E2'].value!r}")
want(v["A3"].value == "编制日期：2026年1月21日", f"date {v['A3'].value!r}")
want(f.page_setup.orientation == "landscape", "landscape")
want(f.page_setup.fitToWidth in (None, 1) and f.page_setup.fitToHeight == 0, "fit to width")
want(f.sheet_properties.pageSetUpPr.fitToPage, "fitToPage")
want(f.print_title_rows == "$4:$4", f"print titles {f.print_title_rows!r}")
want(f.oddFooter.center.text == "第 &P 页 共 &N 页", f"footer {f.oddFooter.center.text!r}")
want(f["C18"].value == "=SUM(C5:C17)", f"formula {f['C18'].value!r}")
want(f["B18"].value == "=SUM(B5:B17)", f"count formula {f['B18'].value!r}")
want(f["D18"].value == "=SUM(D5:D17)", f"region formula {f['D18'].value!r}")
want(Decimal(repr(v["C18"].value)).quantize(Decimal("0.01")) == Decimal(total),
     f"cached {v['C18'].value!r} != {total}")
want(f["C18"].number_format == "#,##0.00", f"money format {f['C18'].number_format!r}")
want(v["A21"].value == "制表人：" and v["B21"].value == "复核人：" and v["D21"].value == "负责人：",
     "signature row")
chart = zipfile.ZipFile(path).read("xl/charts/chart1.xml").decode()
want('formatCode="0\\.0,"' in chart, "axis number format in 万元")
want("万元" in chart, "axis title 万元")
for p in problems: print(p)
sys.exit(1 if problems else 0)
)PY";
  std::ofstream(scratch.file("check.py")) << script;
  CHECK(std::system(("/usr/bin/python3 " + scratch.file("check.py") + " " + book + " " +
                     expected_total)
                        .c_str()) == 0);
}

TEST_CASE("XLSX totals set as given (not the sum of every row) stay numbers, not formulas") {
  Scratch scratch;
  ReportTable table("t", "部分合计", "Partial", 2023, "d");
  table.add_column({"a", "项目", "Item", ColumnType::text, false});
  table.add_column({"m", "金额", "Amount", ColumnType::money, true});
  table.add_row({std::string("x"), Money::from_fen(100)});
  table.add_row({std::string("y"), Money::from_fen(250)});
  table.set_totals({Cell{}, Money::from_fen(100)});
  CHECK_FALSE(table.totals_are_sums());
  const std::string book = scratch.file("partial.xlsx");
  write_xlsx({&table}, Language::zh, book);
  std::ostringstream unused;
  emit_report(table, Format::csv, Language::zh, scratch.file("partial.csv"), unused);
  CHECK(run_reader(book + " --sums 0 " + scratch.file("partial.csv")) == 0);
  table.compute_totals();
  CHECK(table.totals_are_sums());
  table.add_row({std::string("z"), Money::from_fen(1)});
  CHECK_FALSE(table.totals_are_sums());  // a row after compute_totals: the sums are stale
}

TEST_CASE("percentages: exact permille, one decimal in every writer, a 0.0% number in XLSX") {
  CHECK(format_permille(Permille{365}) == "36.5%");
  CHECK(format_permille(Permille{1000}) == "100.0%");
  CHECK(format_permille(Permille{-5}) == "-0.5%");
  CHECK(cell_display(Cell{Permille{7}}) == "0.7%");
  CHECK(xlsx_number_from_permille(365) == 0.365);
  CHECK_THROWS_AS(xlsx_number_from_permille(kMaxXlsxExactFen + 1), RefusedError);
  Scratch scratch;
  ReportTable table("targets", "完成率", "Done", 2023, "d");
  table.add_column({"a", "目标", "Target", ColumnType::text, false});
  table.add_column({"p", "完成率", "Done", ColumnType::percent, false});
  table.add_row({std::string("x"), Permille{73 * 1000 / 200}});
  table.add_row({std::string("y"), Cell{}});
  CHECK_THROWS_AS(table.add_row({std::string("z"), int64_t{36}}), std::logic_error);
  std::ostringstream json;
  write_json(table, Language::zh, json);
  CHECK(json.str().find("\"p\": \"36.5%\"") != std::string::npos);
  CHECK(json.str().find("\"type\": \"percent\"") != std::string::npos);
  const std::string book = scratch.file("percent.xlsx");
  write_xlsx({&table}, Language::zh, book);
  std::ostringstream unused;
  emit_report(table, Format::csv, Language::zh, scratch.file("percent.csv"), unused);
  CHECK(run_reader(book + " " + scratch.file("percent.csv")) == 0);
}
