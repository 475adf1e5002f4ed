// The printed forms of an assessment (assess_output.h) beyond the JSON of the worked example: the
// CSV export, the table for people (headings in Chinese or English, thousands separators, columns
// aligned by display width, totals at the bottom) and the display width of CJK text.
#include "assess_fixture.h"

#include <sstream>

#include "ledger/base/display_width.h"
#include "ledger/base/utf8.h"
#include "ledger/engine/assess_output.h"
#include "ledger/tables/writers.h"

using namespace subsidy;
using namespace subsidy::testing;

namespace {

// Three enterprises: a capped robot purchase, a held award, a refusal, and an id with a comma.
Assessment small_county() {
  CountyBuilder county;
  county.enterprise("E1").project("P1");
  county.application("A-1", "robot_purchase")
      .inputs.set_money(InputColumn::equipment_amount, yuan("30000000.00"));  // 1,000,000.00
  county.enterprise("E2", "").project("P2");
  county.application("A-2", "cloud_3star");  // held: 30,000.00
  county.enterprise("E3").project("P3");
  county.application("A,3", "digital_project")
      .inputs.set_money(InputColumn::info_investment, yuan("500000.00"));  // refused
  return assess(builtin_policy(), county.input());
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("display width counts CJK characters as two columns") {
  CHECK(display_width("A-01") == 4);
  CHECK(display_width("泗阳") == 4);
  CHECK(display_width("（三）") == 6);  // full-width parentheses
  CHECK(display_width("〔2022〕9号") == 2 + 4 + 2 + 1 + 2);
  CHECK(display_width("e\xCC\x81") == 1);  // e + combining acute accent
  CHECK(display_width("\xFF") == 1);       // a malformed byte: one column
  CHECK(pad_right("泗阳", 6) == "泗阳  ");
  CHECK(pad_left("1.00", 6) == "  1.00");
  CHECK(pad_left("too wide", 3) == "too wide");
}

TEST_CASE("CSV: one row per application, English header, money plain, RFC 4180 quoting") {
  std::ostringstream out;
  write_assessment_csv(small_county(), out);
  CHECK(out.str() ==
        "application_id,project_id,uscc,scheme,status,amount,county_share,region_share,reasons\r\n"
        "\"A,3\",P3,E3,digital_project,rejected,0.00,0.00,0.00,condition_failed:info_investment\r\n"
        "A-1,P1,E1,robot_purchase,awarded,1000000.00,500000.00,500000.00,capped_by_scheme\r\n"
        "A-2,P2,E2,cloud_3star,held,30000.00,0.00,0.00,no_tax_retention\r\n");
}

TEST_CASE(
    "table: Chinese headings and scheme names, separators, totals, aligned by display width") {
  std::ostringstream out;
  write_assessment_table(small_county(), builtin_policy(), Language::zh, out);
  const std::vector<std::string> lines = lines_of(out.str());
  INFO(out.str());
  REQUIRE(lines.size() == 9);  // title, headings, rule, 3 applications, rule, 2 totals
  CHECK(lines[0] == "2023 年度测算结果（政策 siyang-2022-9）");
  CHECK(lines[1].rfind("申请编号", 0) == 0);
  CHECK(lines[1].find("县财政承担") != std::string::npos);
  CHECK(lines[4].find("购置工业机器人") != std::string::npos);
  CHECK(lines[4].find("1,000,000.00") != std::string::npos);
  CHECK(lines[5].find("暂缓") != std::string::npos);
  CHECK(lines[7].rfind("合计（予以奖励 1 项）", 0) == 0);
  CHECK(lines[8].rfind("暂缓（1 项，不入账）", 0) == 0);
  CHECK(lines[8].find("30,000.00") != std::string::npos);
  // The amount column ends at the same display column on every line that has one, however wide
  // the Chinese scheme names before it are.
  auto amount_end = [](const std::string& line, const std::string& amount) {
    const size_t at = line.find(amount);
    REQUIRE(at != std::string::npos);
    return display_width(line.substr(0, at + amount.size()));
  };
  const size_t end = amount_end(lines[4], "1,000,000.00");
  CHECK(amount_end(lines[3], " 0.00") == end);
  CHECK(amount_end(lines[5], "30,000.00") == end);
  CHECK(amount_end(lines[7], "1,000,000.00") == end);
  CHECK(amount_end(lines[8], "30,000.00") == end);
}

TEST_CASE("table: built as a ReportTable, the common writers write it (held in a footer row)") {
  const Assessment assessment = small_county();
  const reports::ReportTable table = assessment_table(assessment, builtin_policy(), Language::en);
  REQUIRE(table.columns().size() == 9);
  CHECK(table.columns()[5].key == "amount");
  CHECK(table.columns()[5].type == reports::ColumnType::money);
  CHECK(table.rows().size() == 3);
  CHECK(table.totals_row_label(Language::en) == "Total awarded (1)");
  REQUIRE(table.footers().size() == 1);
  CHECK(table.footers()[0].label(Language::en) == "Held (1, not posted)");
  std::ostringstream text;
  reports::write_text(table, Language::en, text);
  std::ostringstream printed;
  write_assessment_table(assessment, builtin_policy(), Language::en, printed);
  CHECK(text.str() == printed.str());
  std::ostringstream csv;
  reports::write_csv(table, Language::en, csv);
  const std::vector<std::string> lines = lines_of(csv.str());
  REQUIRE(lines.size() == 7);  // headings, 3 applications, totals, held, digest
  CHECK(lines[4] == "Total awarded (1),,,,,1000000.00,500000.00,500000.00,");
  CHECK(lines[5] == "\"Held (1, not posted)\",,,,,30000.00,,,");
}

TEST_CASE("table: English headings with Language::en") {
  std::ostringstream out;
  write_assessment_table(small_county(), builtin_policy(), Language::en, out);
  const std::vector<std::string> lines = lines_of(out.str());
  REQUIRE(lines.size() == 9);
  CHECK(lines[0] == "Assessment of 2023 (policy siyang-2022-9)");
  CHECK(lines[1].rfind("Application", 0) == 0);
  CHECK(lines[1].find("County share") != std::string::npos);
  CHECK(lines[4].find("robot_purchase") != std::string::npos);
  CHECK(lines[7].rfind("Total awarded (1)", 0) == 0);
  CHECK(language_from_name("en") == Language::en);
  CHECK_FALSE(language_from_name("fr").has_value());
}

TEST_CASE("explain: outside the period and an ineligible enterprise, in both languages") {
  CountyBuilder county(2025);
  county.enterprise("E1").project("P1");
  county.application("A-1", "cloud_5star");
  AssessOptions options;
  options.trace_all = true;
  std::ostringstream zh;
  write_explanation(assess(builtin_policy(), county.input(), options), builtin_policy(), "A-1",
                    Language::zh, zh);
  CHECK(zh.str().find("2025 ∉ 2022-01-01 … 2024-12-31") != std::string::npos);
  CHECK(zh.str().find("不在政策有效期内") != std::string::npos);

  CountyBuilder excluded;
  excluded.enterprise("E1").event("serious_dishonesty").project("P1");
  excluded.application("A-1", "cloud_5star");
  std::ostringstream en;
  write_explanation(assess(builtin_policy(), excluded.input(), options), builtin_policy(), "A-1",
                    Language::en, en);
  CHECK(en.str().find("eligibility: serious_dishonesty") != std::string::npos);
  CHECK(en.str().find("Result: rejected 0.00") != std::string::npos);
}

TEST_CASE("JSON text: escapes, non-ASCII text, empty lists and null as dump(2) writes them") {
  Assessment empty;
  empty.year = 2023;
  empty.policy_id = "siyang-2022-9";
  CHECK(assessment_json_text(empty) == assessment_json(empty).dump(2));
  CHECK(assessment_json_text(empty).find("\"applications\": [],") != std::string::npos);

  Assessment county = small_county();
  REQUIRE(county.applications.size() == 3);
  county.applications[0].application_id = "A\"1\\\t\x01泗阳";  // quote, backslash, tab, control
  county.applications[1].reasons.push_back(Reason{ReasonCode::ineligible, "e\nvent"});
  CHECK(assessment_json_text(county) == assessment_json(county).dump(2));
  CHECK(assessment_json_text(county).find("A\\\"1\\\\\\t\\u0001泗阳") != std::string::npos);
  CHECK(assessment_json_text(county).find("\"local_retained_tax\": null") != std::string::npos);

  // Text that is not UTF-8 is refused the same way by both.
  county.applications[2].scheme = "\xFF";
  CHECK_THROWS_AS(assessment_json(county).dump(2), nlohmann::json::type_error);
  CHECK_THROWS_AS(assessment_json_text(county), nlohmann::json::type_error);
}

TEST_CASE("assess table: the first line tells a dry run from a posting run") {
  const Assessment assessment = small_county();
  AssessTableOptions dry;
  AssessTableOptions posted;
  posted.booked = AssessBooked{7, 2, 0, 1};
  std::ostringstream dry_out;
  std::ostringstream posted_out;
  write_assessment_table(assessment, builtin_policy(), Language::zh, dry, dry_out);
  write_assessment_table(assessment, builtin_policy(), Language::zh, posted, posted_out);
  const std::vector<std::string> dry_lines = lines_of(dry_out.str());
  const std::vector<std::string> posted_lines = lines_of(posted_out.str());
  REQUIRE(!dry_lines.empty());
  REQUIRE(!posted_lines.empty());
  CHECK(dry_lines[0] == "预览（未入账）：2023 年度测算结果（政策 siyang-2022-9）");
  CHECK(posted_lines[0] ==
        "已入账（第 7 次测算，过账分录 2 笔，未变 0 项，暂缓 1 项）：2023 年度测算结果（政策 "
        "siyang-2022-9）");
  // Below the first line the two print the same table.
  CHECK(std::vector<std::string>(dry_lines.begin() + 1, dry_lines.end()) ==
        std::vector<std::string>(posted_lines.begin() + 1, posted_lines.end()));
  CHECK(assessment_status_line(assessment, dry, Language::en).rfind("Dry run", 0) == 0);
  CHECK(assessment_status_line(assessment, posted, Language::en).rfind("Posted (run 7: 2", 0) ==
        0);
}

TEST_CASE("assess table: the default fits its width, names the enterprise and wraps long texts") {
  const Assessment assessment = small_county();
  AssessTableOptions options;
  options.max_width = 64;
  options.enterprise_names = {{"E1", "泗阳县某某精密机械制造有限公司第一分公司（智能工厂）"},
                              {"E2", "短名"}};
  std::ostringstream out;
  write_assessment_table(assessment, builtin_policy(), Language::zh, options, out);
  INFO(out.str());
  const std::vector<std::string> lines = lines_of(out.str());
  for (const std::string& line : lines) CHECK(display_width(line) <= 64);
  CHECK(lines[1].find("企业名称") != std::string::npos);
  CHECK(lines[1].find("统一社会信用代码") == std::string::npos);  // only with --wide
  // The long name and the scheme run over continuation lines; every piece is there, in order.
  std::string names;
  for (const std::string& line : lines) {
    for (const char* piece : {"泗阳", "精密", "分公司"}) {
      if (line.find(piece) != std::string::npos) names += piece;
    }
    CHECK(line.find("泗阳县某某精密") == std::string::npos);  // wrapped, never on one line
  }
  CHECK(names == "泗阳精密分公司");
  CHECK(out.str().find("短名") != std::string::npos);
  CHECK(out.str().find("E3") != std::string::npos);  // no name known: the USCC
  CHECK(out.str().find("1,000,000.00") != std::string::npos);
  CHECK(out.str().find("其中：县财政承担") != std::string::npos);
  CHECK(out.str().find("500,000.00") != std::string::npos);
  CHECK(out.str().find("暂缓（1 项，不入账）") != std::string::npos);
}

TEST_CASE("assess table: --wide keeps every column of the old table") {
  const Assessment assessment = small_county();
  AssessTableOptions options;
  options.wide = true;
  const reports::ReportTable wide = assessment_table(assessment, builtin_policy(), Language::zh,
                                                     options);
  const reports::ReportTable old = assessment_table(assessment, builtin_policy(), Language::zh);
  REQUIRE(wide.columns().size() == old.columns().size());
  for (size_t c = 0; c < old.columns().size(); ++c) {
    CHECK(wide.columns()[c].key == old.columns()[c].key);
  }
  CHECK(wide.rows() == old.rows());
  std::ostringstream wide_out;
  std::ostringstream old_out;
  reports::write_text(wide, Language::zh, wide_out);
  reports::write_text(old, Language::zh, old_out);
  const std::vector<std::string> wide_lines = lines_of(wide_out.str());
  const std::vector<std::string> old_lines = lines_of(old_out.str());
  CHECK(std::vector<std::string>(wide_lines.begin() + 1, wide_lines.end()) ==
        std::vector<std::string>(old_lines.begin() + 1, old_lines.end()));
}

TEST_CASE("assess table: wrapping breaks after ', ' and between characters, never inside one") {
  // Many reasons on one application: a refused one carries at least one; force a narrow width.
  const Assessment assessment = small_county();
  AssessTableOptions options;
  options.max_width = 40;  // below what the fixed columns need: the wrapped ones keep 8 columns
  std::ostringstream out;
  write_assessment_table(assessment, builtin_policy(), Language::zh, options, out);
  INFO(out.str());
  for (const std::string& line : lines_of(out.str())) {
    CHECK(is_clean_utf8(line));  // never half a character
  }
  // The scheme names are cut between characters: the first piece of 购置工业机器人… is on a line.
  CHECK(out.str().find("购置") != std::string::npos);
  CHECK(out.str().find("购置工业机器人、机器人集成系统") == std::string::npos);
}
