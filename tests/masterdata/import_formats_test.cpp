// Imports as Excel users produce them: .xlsx workbooks made here with libxlsxwriter, UTF-16 and
// GBK text, Chinese headings, Excel-made values refused in Chinese, a file of another kind named,
// and the reader's refusals of hostile workbooks (a part beyond the size limit, a DOCTYPE).
#include <xlsxwriter.h>
#include <zip.h>

#include "import_fixture.h"
#include "ledger/masterdata/import_source.h"
#include "ledger/masterdata/import_template.h"
#include "ledger/masterdata/xlsx_reader.h"

namespace {

using fixture::TempLedger;
using subsidy::ImportKind;

subsidy::ImportResult import_detected(TempLedger& ledger, ImportKind kind, std::string_view bytes,
                                      subsidy::Language language = subsidy::Language::zh) {
  subsidy::ImportOptions options;
  options.file_name = "f.xlsx";
  options.actor = "tester";
  options.recorded_at = "2026-01-01T08:00:00Z";
  options.detect_format = true;
  options.language = language;
  return subsidy::import_file(ledger.db(), kind, bytes, options);
}

// A workbook of one sheet: strings as strings, the cell "=1.5" as the number 1.5.
std::string make_xlsx(const TempLedger& ledger, const std::vector<std::vector<std::string>>& rows) {
  const std::string path = (ledger.dir() / "made.xlsx").string();
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const auto row = static_cast<lxw_row_t>(r);
      const auto col = static_cast<lxw_col_t>(c);
      if (rows[r][c] == "=1.5") {
        worksheet_write_number(sheet, row, col, 1.5, nullptr);
      } else if (!rows[r][c].empty()) {
        worksheet_write_string(sheet, row, col, rows[r][c].c_str(), nullptr);
      }
    }
  }
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);
  return fixture::read_file(path);
}

// A zip archive of the given entries, made with libzip.
std::string make_zip(const TempLedger& ledger,
                     const std::vector<std::pair<std::string, std::string>>& entries) {
  const std::string path = (ledger.dir() / "made.zip").string();
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, content] : entries) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    REQUIRE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(archive) == 0);
  return fixture::read_file(path);
}

}  // namespace

TEST_CASE("an .xlsx workbook is read as text, with Chinese headings and a trailing empty column") {
  TempLedger ledger;
  const std::string bytes = make_xlsx(ledger, {{"地区代码", "地区名称", "地区类型"},
                                               {"P01", "众兴工业园", "park"},
                                               {"T01", "城厢街道", "street"}});
  const auto result = import_detected(ledger, ImportKind::regions, bytes);
  CHECK(result.format == subsidy::SourceFormat::xlsx);
  CHECK(result.new_count == 2);
  CHECK(ledger.count("SELECT count(*) FROM region_versions WHERE name = '众兴工业园'") == 1);
}

TEST_CASE("numbers are read as the XML text, never through a double") {
  TempLedger ledger;
  const auto rows = subsidy::read_xlsx_first_sheet(make_xlsx(ledger, {{"a", "", "=1.5"}}), "f");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0] == std::vector<std::string>{"a", "", "1.5"});
  CHECK(subsidy::rows_to_csv({{"a,b", "\"q\""}, {"x"}}) == "\"a,b\",\"\"\"q\"\"\"\nx,\n");
}

TEST_CASE("UTF-16 with a BOM, GBK and UTF-8 with a BOM are detected") {
  const std::string text = "region_code,name,kind\nP01,众兴工业园,park\n";
  const auto utf16 = subsidy::decode_source(
      std::string("\xFF\xFE") + std::string("a\0,\0b\0\n\0", 8), std::nullopt, "f.csv");
  CHECK(utf16.format == subsidy::SourceFormat::utf16le);
  CHECK(utf16.csv == "a,b\n");
  const auto be = subsidy::decode_source(std::string("\xFE\xFF\0a", 4), std::nullopt, "f.csv");
  CHECK(be.format == subsidy::SourceFormat::utf16be);
  CHECK(be.csv == "a");
  const auto gbk = subsidy::decode_source("\xD6\xDA\xD0\xCB", std::nullopt, "f.csv");  // 众兴
  CHECK(gbk.format == subsidy::SourceFormat::gbk);
  CHECK(gbk.csv == "众兴");
  CHECK(subsidy::decode_source("\xEF\xBB\xBF" + text, std::nullopt, "f.csv").format ==
        subsidy::SourceFormat::utf8_bom);
  CHECK(subsidy::decode_source(text, std::nullopt, "f.csv").format == subsidy::SourceFormat::utf8);
}

TEST_CASE("Excel-made values are refused in Chinese, or English on request, saying what to write") {
  TempLedger ledger;
  ledger.import_example();
  const std::string before = ledger.snapshot();
  const auto reason = [&](std::string_view text, subsidy::Language language) {
    try {
      import_detected(ledger, ImportKind::tax, text, language);
    } catch (const subsidy::InputError& e) {
      return e.problems().front().to_string();
    }
    return std::string("accepted");
  };
  const std::string head = "uscc,year,local_retained_tax\n";
  CHECK(reason(head + "91321323L30P8774PE,2024,12万\n", subsidy::Language::zh)
            .find("例如 12万 请写成 120000.00") != std::string::npos);
  CHECK(reason(head + "91321323L30P8774PE,2024,１２\n", subsidy::Language::zh).find("全角数字") !=
        std::string::npos);
  CHECK(reason(head + "91321323L30P8774PE,2024,\"1，234.50\"\n", subsidy::Language::en)
            .find("e.g. 12万 as 120000.00") != std::string::npos);
  CHECK(reason(head + "9.13213E+17,2024,1.00\n", subsidy::Language::zh) ==
        "f.xlsx:2:uscc: 9.13213E+17：Excel 把代码变成了科学计数法的数字；请把该列设置为“文本”格式，"
        "重新输入完整代码");
  CHECK(reason(fixture::example("regions.csv"), subsidy::Language::en) ==
        "f.xlsx:1:1: this looks like a regions file: subsidy import regions");
  CHECK(ledger.snapshot() == before);
}

TEST_CASE("hostile workbooks are refused: a part over the size limit, a DOCTYPE, a broken zip") {
  TempLedger ledger;
  const std::string big(5000, ' ');
  subsidy::XlsxLimits limits;
  limits.max_entry_bytes = 4096;
  const std::string bomb = make_zip(ledger, {{"xl/worksheets/sheet1.xml", "<a>" + big + "</a>"}});
  CHECK_THROWS_WITH(subsidy::read_xlsx_first_sheet(bomb, "f.xlsx", limits),
                    Catch::Contains("expands beyond 4096 bytes"));
  const std::string doctype =
      make_zip(ledger, {{"xl/worksheets/sheet1.xml",
                         "<!DOCTYPE a [<!ENTITY x \"y\">]><worksheet><sheetData/></worksheet>"}});
  CHECK_THROWS_WITH(subsidy::read_xlsx_first_sheet(doctype, "f.xlsx"),
                    Catch::Contains("DOCTYPE or ENTITY"));
  CHECK_THROWS_WITH(subsidy::read_xlsx_first_sheet("PK\x03\x04xx", "f.xlsx"),
                    Catch::Contains("not an Excel workbook"));
}

TEST_CASE("templates hold the Chinese headings in INTERFACE.md's order") {
  CHECK(subsidy::template_csv(ImportKind::tax) ==
        "\xEF\xBB\xBF统一社会信用代码,年度,地方留成税收\r\n");
  const auto columns = subsidy::import_columns(ImportKind::applications);
  REQUIRE(columns.size() == 12);
  CHECK(columns[0].name_zh == "申请编号");
  CHECK(columns[11].name_zh == "从业人数");
  for (int k = 0; k <= static_cast<int>(ImportKind::applications); ++k) {
    for (const auto& column : subsidy::import_columns(static_cast<ImportKind>(k))) {
      CHECK(!column.name_zh.empty());
    }
  }
}
