// The PDF writer (ledger/tables/pdf.h), read back with poppler's pdftotext and pdfinfo: a long
// table runs over several pages, each with the title, the heading row and 第 N 页 共 M 页; no row
// is split over two pages; long Chinese cells wrap; a wide table turns the page to landscape; the
// totals, the ledger digest and the signature row close the last page; the date is Beijing time.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/tables/output.h"
#include "ledger/tables/pdf.h"

using namespace subsidy;
using namespace subsidy::reports;

namespace {

struct PdfScratch {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("pdf_writer_" + std::to_string(::getpid()));
  PdfScratch() { std::filesystem::create_directories(dir); }
  ~PdfScratch() { std::filesystem::remove_all(dir); }
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

// The standard output of `command` (at most 16 MB).
std::string run_capture(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0 &&
         out.size() < (16u << 20)) {
    out.append(buffer.data(), n);
  }
  return out;
}

// The pages of the PDF's text, split at the form feeds pdftotext writes after every page.
std::vector<std::string> pages_of(const std::string& pdf) {
  const std::string text = run_capture("pdftotext -layout '" + pdf + "' -");
  std::vector<std::string> pages;
  size_t start = 0;
  for (size_t at = text.find('\f'); at != std::string::npos; at = text.find('\f', start)) {
    pages.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  return pages;
}

size_t count_of(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

// `text` without its spaces (pdftotext puts spaces between glyphs as it measures them).
std::string without_spaces(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  return text;
}

// `rows` rows of an id, a long Chinese name and an amount; totals.
ReportTable long_table(int rows) {
  ReportTable table("long", "长表测试", "Long table", 2023, "digest-abc");
  table.add_column({"id", "编号", "Id", ColumnType::text});
  table.add_column({"name", "企业名称", "Name", ColumnType::text});
  table.add_column({"amount", "奖补金额", "Award", ColumnType::money, true});
  for (int i = 1; i <= rows; ++i) {
    std::string name = "泗阳第" + std::to_string(i) + "号智能制造有限公司";
    if (i % 7 == 0) {
      for (int k = 0; k < 12; ++k) name += "省级示范智能车间技术改造项目";
    }
    table.add_row({"R-" + std::to_string(1000 + i), name, Money::from_fen(100000 + i)});
  }
  table.compute_totals();
  return table;
}

PrintInfo fixed_print() {
  PrintInfo info;
  info.organisation = "泗阳县财政局";
  info.printed_at = *parse_utc("2026-01-20T17:30:00Z");  // 2026-01-21 01:30 in Beijing
  return info;
}

}  // namespace

TEST_CASE("a long report: every page has the heading row and its number; rows are never split") {
  PdfScratch scratch;
  const ReportTable table = long_table(160);
  const std::string path = scratch.file("long.pdf");
  write_pdf(table, Language::zh, fixed_print(), path);
  const std::vector<std::string> pages = pages_of(path);
  REQUIRE(pages.size() >= 3);
  CHECK(run_capture("pdfinfo '" + path + "'")
            .find("Pages:           " + std::to_string(pages.size())) != std::string::npos);
  size_t seen = 0;
  for (size_t p = 0; p < pages.size(); ++p) {
    INFO("page " << p + 1);
    CHECK(count_of(pages[p], "企业名称") == 1);
    CHECK(count_of(pages[p], "奖补金额") == 1);
    CHECK(count_of(pages[p], "长表测试（2023年度）") == 1);
    CHECK(count_of(without_spaces(pages[p]), "第" + std::to_string(p + 1) + "页共" +
                                                 std::to_string(pages.size()) + "页") == 1);
    CHECK(pages[p].find("编制单位：泗阳县财政局") != std::string::npos);
    CHECK(pages[p].find("编制日期：2026年1月21日") != std::string::npos);
    CHECK(pages[p].find("单位：元") != std::string::npos);
    for (int i = 1; i <= 160; ++i) {
      // A row on this page has its id and its amount here: it was not split.
      const std::string id = "R-" + std::to_string(1000 + i);
      if (pages[p].find(id) == std::string::npos) continue;
      ++seen;
      CHECK(pages[p].find(format_grouped(Money::from_fen(100000 + i))) != std::string::npos);
    }
  }
  CHECK(seen == 160);  // every row once
  const std::string& last = pages.back();
  const Money total = std::get<Money>(table.totals()[2]);
  CHECK(total == table.sum_money(2));
  CHECK(last.find("合计") != std::string::npos);
  CHECK(last.find(format_grouped(total)) != std::string::npos);
  CHECK(last.find("digest-abc") != std::string::npos);
  CHECK(last.find("制表：") != std::string::npos);
  CHECK(last.find("复核：") != std::string::npos);
  CHECK(last.find("负责人：") != std::string::npos);
  // A long name wraps: its tail is on a line of its own, inside the table.
  CHECK(count_of(pages[0] + pages[1], "技术改造") > 2);
}

TEST_CASE("a wide report is printed landscape; a narrow one portrait; English labels") {
  PdfScratch scratch;
  ReportTable wide("wide", "宽表", "Wide table", 2023, "d");
  for (int c = 0; c < 14; ++c) {
    wide.add_column({"m" + std::to_string(c), "金额列" + std::to_string(c),
                     "Amount " + std::to_string(c), ColumnType::money});
  }
  Row row;
  for (int c = 0; c < 14; ++c) row.push_back(Money::from_fen(123456789012));
  wide.add_row(row);
  const std::string wide_path = scratch.file("wide.pdf");
  write_pdf(wide, Language::en, fixed_print(), wide_path);
  CHECK(run_capture("pdfinfo '" + wide_path + "'").find("841.89 x 595.276") != std::string::npos);
  const std::vector<std::string> pages = pages_of(wide_path);
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].find("Page 1 of 1") != std::string::npos);
  CHECK(pages[0].find("Date: 2026-01-21") != std::string::npos);
  CHECK(count_of(pages[0], "1,234,567,890.12") == 14);  // no amount cut or wrapped

  const std::string narrow_path = scratch.file("narrow.pdf");
  write_pdf(long_table(3), Language::zh, fixed_print(), narrow_path);
  CHECK(run_capture("pdfinfo '" + narrow_path + "'").find("595.276 x 841.89") != std::string::npos);
}

TEST_CASE("emit_report writes a PDF only to a file") {
  PdfScratch scratch;
  std::ostringstream unused;
  CHECK_THROWS_AS(emit_report(long_table(2), Format::pdf, Language::zh, std::nullopt, unused),
                  UsageError);
  const std::string path = scratch.file("out.pdf");
  emit_report(long_table(2), Format::pdf, Language::zh, path, unused);
  CHECK(pages_of(path).size() == 1);
  CHECK(unused.str().empty());
}
