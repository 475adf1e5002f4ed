// Every refusal of the importer, each with its own message, and each leaving every table of the
// ledger exactly as it was (TempLedger::refusal compares row counts of all tables).
#include "import_fixture.h"

using fixture::TempLedger;
using subsidy::ImportKind;

namespace {

const char* const kApplicationsHeader =
    "application_id,project_id,year,scheme,equipment_amount,software_amount,total_investment,"
    "rd_expense,info_investment,loan_amount,service_revenue,staff_count\n";

// A ledger holding the worked example, so that references resolve.
TempLedger& example_ledger() {
  static TempLedger ledger;
  static bool loaded = false;
  if (!loaded) {
    ledger.import_example();
    loaded = true;
  }
  return ledger;
}

std::string application(const std::string& cells) {
  return kApplicationsHeader + cells + "\n";
}

}  // namespace

TEST_CASE("refused: unknown column") {
  CHECK(
      example_ledger().refusal(ImportKind::regions, "region_code,name,kind,area\nP02,x,park,1\n") ==
      "f.csv:1:area: unknown column; the columns of regions are region_code, name, kind\n");
}

TEST_CASE("refused: missing required column") {
  CHECK(example_ledger().refusal(ImportKind::tax, "uscc,year\n91321323L30P8774PE,2023\n") ==
        "f.csv:1:local_retained_tax: the required column is missing\n");
}

TEST_CASE("refused: a column named twice or not at all") {
  CHECK(
      example_ledger().refusal(ImportKind::regions, "region_code,name,kind,name\nP02,x,park,y\n") ==
      "f.csv:1:name: the column appears twice in the header\n");
  CHECK(example_ledger().refusal(ImportKind::regions, "region_code,,name,kind\nP02,,x,park\n") ==
        "f.csv:1:2: a column has no name\n");
}

TEST_CASE("refused: duplicate key inside the file") {
  CHECK(example_ledger().refusal(
            ImportKind::regions,
            "region_code,name,kind\nP02,甲,park\nP03,乙,park\nP02,丙,street\n") ==
        "f.csv:4:region_code: P02 appears twice in this file (also on line 2)\n");
  CHECK(example_ledger().refusal(ImportKind::tax,
                                 "uscc,year,local_retained_tax\n91321323L30P8774PE,2024,1\n"
                                 "91321323L30P8774PE,2024,2\n") ==
        "f.csv:3:uscc: 91321323L30P8774PE/2024 appears twice in this file (also on line 2)\n");
}

TEST_CASE("refused: reference to an unknown region") {
  CHECK(example_ledger().refusal(ImportKind::enterprises,
                                 "uscc,name,region_code\n91310110666007217T,某公司,P99\n") ==
        "f.csv:2:region_code: region P99 is not in the ledger; import it with `subsidy import "
        "regions` first\n");
}

TEST_CASE("refused: reference to an unknown enterprise") {
  const std::string expected =
      "f.csv:2:uscc: enterprise 91310110666007217T is not in the ledger; import it with `subsidy "
      "import enterprises` first\n";
  CHECK(example_ledger().refusal(ImportKind::tax,
                                 "uscc,year,local_retained_tax\n91310110666007217T,2023,1\n") ==
        expected);
  CHECK(example_ledger().refusal(ImportKind::compliance,
                                 "uscc,year,event\n91310110666007217T,2023,serious_dishonesty\n") ==
        expected);
  CHECK(example_ledger().refusal(ImportKind::projects,
                                 "project_id,uscc,name\nP-X,91310110666007217T,某项目\n") ==
        expected);
}

TEST_CASE("refused: reference to an unknown project") {
  CHECK(example_ledger().refusal(ImportKind::applications,
                                 application("A-99,P-NONE,2023,cloud_4star,,,,,,,,")) ==
        "f.csv:2:project_id: project P-NONE is not in the ledger; import it with `subsidy import "
        "projects` first\n");
}

TEST_CASE("refused: USCC with a wrong check character, lower case, wrong length") {
  CHECK(example_ledger().refusal(ImportKind::enterprises,
                                 "uscc,name,region_code\n91310110666007217A,某公司,P01\n") ==
        "f.csv:2:uscc: 91310110666007217A: USCC check character is 'A' but the code needs 'T'; a "
        "character is mistyped\n");
  CHECK(
      example_ledger().refusal(ImportKind::enterprises,
                               "uscc,name,region_code\n91310110666007217t,某公司,P01\n") ==
      "f.csv:2:uscc: 91310110666007217t: USCC contains lower-case letters; use capital letters\n");
  CHECK(example_ledger().refusal(ImportKind::tax,
                                 "uscc,year,local_retained_tax\n9131011066600721,2023,1\n") ==
        "f.csv:2:uscc: 9131011066600721: USCC has 16 characters, not 18\n");
}

TEST_CASE("refused: year outside 2000-2100 or not a year") {
  CHECK(example_ledger().refusal(ImportKind::tax,
                                 "uscc,year,local_retained_tax\n91321323L30P8774PE,1999,1\n") ==
        "f.csv:2:year: year 1999 is outside 2000-2100\n");
  CHECK(example_ledger().refusal(ImportKind::tax,
                                 "uscc,year,local_retained_tax\n91321323L30P8774PE,2101,1\n") ==
        "f.csv:2:year: year 2101 is outside 2000-2100\n");
  CHECK(example_ledger().refusal(ImportKind::applications,
                                 application("A-99,P-E1-1,2023.0,cloud_4star,,,,,,,,")) ==
        "f.csv:2:year: 2023.0 is not a year (four digits, e.g. 2023)\n");
}

TEST_CASE("refused: negative amount") {
  CHECK(example_ledger().refusal(ImportKind::tax,
                                 "uscc,year,local_retained_tax\n91321323L30P8774PE,2024,-1.00\n") ==
        "f.csv:2:local_retained_tax: -1.00 is negative; amounts are 0 or more\n");
  CHECK(example_ledger().refusal(ImportKind::projects,
                                 "project_id,uscc,name,superior_award\n"
                                 "P-X,91321323L30P8774PE,某项目,-5\n") ==
        "f.csv:2:superior_award: -5 is negative; amounts are 0 or more\n");
}

TEST_CASE("refused: malformed amounts, named by line and column") {
  // The example of the issue: line 17 of an applications file.
  std::string text = kApplicationsHeader;
  for (int i = 2; i < 17; ++i)
    text += "B-" + std::to_string(i) + ",P-E1-3,2023,loan_interest,,,,,,100.00,,\n";
  text += "B-17,P-E1-3,2023,loan_interest,,,,,,12.345,,\n";
  CHECK(example_ledger().refusal(ImportKind::applications, text, "applications.csv") ==
        "applications.csv:17:loan_amount: 12.345 has more than two decimals\n");
  CHECK(example_ledger().refusal(ImportKind::applications,
                                 application("A-99,P-E1-3,2023,loan_interest,,,,,,1e5,,")) ==
        "f.csv:2:loan_amount: 1e5 uses an exponent; write the amount out\n");
  CHECK(example_ledger()
            .refusal(ImportKind::applications,
                     application("A-99,P-E1-3,2023,loan_interest,,,,,,¥12,,"))
            .find("f.csv:2:loan_amount: ¥12 contains a character that is not part of an amount") ==
        0);
  CHECK(example_ledger().refusal(ImportKind::tax,
                                 "uscc,year,local_retained_tax\n91321323L30P8774PE,2024,\n") ==
        "f.csv:2:local_retained_tax: is empty; an amount is required\n");
}

TEST_CASE("refused: scheme unknown to the policy") {
  CHECK(example_ledger().refusal(ImportKind::applications,
                                 application("A-99,P-E1-1,2023,robot_rental,,,,,,,,")) ==
        "f.csv:2:scheme: robot_rental is not a scheme of the policy for 2023\n");
}

TEST_CASE("refused: a column the scheme needs is empty") {
  CHECK(example_ledger().refusal(
            ImportKind::applications,
            application("A-99,P-E1-1,2023,smart_equipment_project,100,,,,,,,")) ==
        "f.csv:2:software_amount: is empty but scheme smart_equipment_project needs it\n"
        "f.csv:2:total_investment: is empty but scheme smart_equipment_project needs it\n");
  CHECK(example_ledger().refusal(ImportKind::applications,
                                 application("A-99,P-E6-1,2023,service_institution,,,,,,,100,")) ==
        "f.csv:2:staff_count: is empty but scheme service_institution needs it\n");
}

TEST_CASE("refused: staff_count that is not a whole number") {
  CHECK(
      example_ledger().refusal(ImportKind::applications,
                               application("A-99,P-E6-1,2023,service_institution,,,,,,,100,2.5")) ==
      "f.csv:2:staff_count: 2.5 is not a whole number of 0 or more\n");
}

TEST_CASE("refused: factor above 0.90, negative, too precise, or with another event") {
  const std::string header = "uscc,year,event,factor\n";
  CHECK(
      example_ledger().refusal(ImportKind::compliance,
                               header + "913213233MPWH2JD13,2024,general_safety_accident,0.95\n") ==
      "f.csv:2:factor: factor 0.95 is above 0.90; it must be 0 to 0.90\n");
  CHECK(
      example_ledger().refusal(ImportKind::compliance,
                               header + "913213233MPWH2JD13,2024,general_safety_accident,-0.1\n") ==
      "f.csv:2:factor: factor -0.1 is negative; it must be 0 to 0.90\n");
  CHECK(example_ledger().refusal(
            ImportKind::compliance,
            header + "913213233MPWH2JD13,2024,general_safety_accident,0.505\n") ==
        "f.csv:2:factor: 0.505 has more than two decimals\n");
  CHECK(
      example_ledger().refusal(ImportKind::compliance,
                               header + "913213233MPWH2JD13,2024,general_safety_accident,half\n") ==
      "f.csv:2:factor: half is not a decimal number like 0.50\n");
  CHECK(example_ledger().refusal(ImportKind::compliance,
                                 header + "913213233MPWH2JD13,2024,major_env_pollution,0.5\n") ==
        "f.csv:2:factor: a factor goes only with general_safety_accident, not with "
        "major_env_pollution\n");
}

TEST_CASE("refused: an event or region kind outside the list") {
  CHECK(example_ledger()
            .refusal(ImportKind::compliance,
                     "uscc,year,event\n913213233MPWH2JD13,2024,minor_accident\n")
            .rfind("f.csv:2:event: minor_accident is not one of major_safety_accident, ", 0) == 0);
  CHECK(example_ledger().refusal(ImportKind::regions, "region_code,name,kind\nP02,某区,city\n") ==
        "f.csv:2:kind: city is not one of park, township, street\n");
}

TEST_CASE("refused: bad CNAPS code, account number, partial bank details") {
  const std::string header = "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n";
  CHECK(example_ledger().refusal(
            ImportKind::enterprises,
            header + "91310110666007217T,某公司,P01,某银行,10230820001,123,某公司\n") ==
        "f.csv:2:cnaps_code: 10230820001: CNAPS code has 11 digits, not 12\n");
  CHECK(example_ledger().refusal(
            ImportKind::enterprises,
            header + "91310110666007217T,某公司,P01,某银行,102308200012,12-3,某公司\n") ==
        "f.csv:2:account_no: 12-3: account number must be digits only; remove the spaces and "
        "hyphens (123)\n");
  CHECK(example_ledger().refusal(
            ImportKind::enterprises,
            header + "91310110666007217T,某公司,P01,某银行,102308200012,,某公司\n") ==
        "f.csv:2:account_no: is empty but other bank details are given; give bank_name, "
        "cnaps_code, account_no and account_name together, or none\n");
}

TEST_CASE("refused: text at the border, with the character's position and code point") {
  const std::string header = "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n";
  const auto enterprise = [&](const std::string& name, const std::string& account_name) {
    return header + "91310110666007217T," + name + ",P01,某银行,102308200012,123," + account_name +
           "\n";
  };
  CHECK(example_ledger().refusal(ImportKind::enterprises,
                                 enterprise("某公司", "某\xe2\x80\xae公司")) ==
        "f.csv:2:account_name: character 2 is U+202E, a bidirectional control that changes how "
        "the text is shown; delete it\n");
  CHECK(example_ledger().refusal(ImportKind::enterprises,
                                 enterprise("某公司\xe2\x80\x8b", "某公司")) ==
        "f.csv:2:name: character 4 is U+200B, an invisible format character (zero-width or "
        "similar); delete it\n");
  CHECK(example_ledger().refusal(ImportKind::enterprises, enterprise("某\xc2\x85公司", "某公司")) ==
        "f.csv:2:name: character 2 is U+0085, a control character; delete it (retype the text if "
        "it was pasted)\n");
  CHECK(example_ledger().refusal(ImportKind::enterprises, enterprise("某公司", "某\xc2\xa0公司")) ==
        "f.csv:2:account_name: character 2 is U+00A0, a no-break space; use an ordinary space "
        "(U+0020) in names\n");
  CHECK(example_ledger().refusal(ImportKind::regions,
                                 "region_code,name,kind\nP02,某\xe3\x80\x80区,park\n") ==
        "f.csv:2:name: character 2 is U+3000, an ideographic (full-width) space; use an ordinary "
        "space (U+0020) in names\n");
  CHECK(example_ledger()
            .refusal(ImportKind::enterprises, enterprise("某公司", std::string(141, 'A')))
            .find("f.csv:2:account_name: is 141 characters long") == 0);
  CHECK(example_ledger()
            .refusal(ImportKind::enterprises, enterprise("某公司", "@SUM(1+1)"))
            .find("f.csv:2:account_name: starts with '@'") == 0);
  CHECK(
      example_ledger().refusal(
          ImportKind::applications,
          application("A-09\xe2\x80\xa8,P-E1-1,2023,robot_purchase,1.00,,,,,,,")) ==
      "f.csv:2:application_id: character 5 is U+2028, a line or paragraph separator; delete it\n");
}

TEST_CASE("refused: empty required cells and bad ids") {
  CHECK(example_ledger().refusal(ImportKind::regions, "region_code,name,kind\nP02,,park\n") ==
        "f.csv:2:name: is empty; a value is required\n");
  CHECK(
      example_ledger().refusal(ImportKind::regions, "region_code,name,kind\n园区 1,某区,park\n") ==
      "f.csv:2:region_code: 园区 1: region code may hold only letters A-Z, a-z, digits, '_' and "
      "'-'\n");
  CHECK(example_ledger().refusal(ImportKind::projects,
                                 "project_id,uscc,name\n,91321323L30P8774PE,某项目\n") ==
        "f.csv:2:project_id: id is empty\n");
}

TEST_CASE("refused: one bad row among good ones stores nothing; every problem is listed") {
  TempLedger& ledger = example_ledger();
  const std::string text =
      "region_code,name,kind\nP02,甲,park\nP03,乙,city\nP04,丙,park\nP05,,park\n";
  CHECK(ledger.refusal(ImportKind::regions, text) ==
        "f.csv:3:kind: city is not one of park, township, street\n"
        "f.csv:5:name: is empty; a value is required\n");
  CHECK(ledger.count("SELECT count(*) FROM regions WHERE region_code = 'P02'") == 0);
}

TEST_CASE("refused: at most 50 problems are listed") {
  std::string text = "region_code,name,kind\n";
  for (int i = 0; i < 200; ++i) text += "R" + std::to_string(i) + ",x,city\n";
  const std::string problems = example_ledger().refusal(ImportKind::regions, text);
  CHECK(std::count(problems.begin(), problems.end(), '\n') == 50);
}

TEST_CASE("refused: invalid UTF-8 and broken CSV store nothing either") {
  CHECK(example_ledger()
            .refusal(ImportKind::regions, "region_code,name,kind\nP02,\xD6\xDA,park\n")
            .rfind("f.csv:2:name: not valid UTF-8 (byte 0xD6)", 0) == 0);
  CHECK(example_ledger().refusal(ImportKind::regions, "region_code,name,kind\nP02,\"x,park\n") ==
        "f.csv:2:name: a quoted field is never closed: the quote opened on this line has no "
        "closing quote\n");
  CHECK(example_ledger().refusal(ImportKind::regions, "region_code,name,kind\nP02,x\n") ==
        "f.csv:2:kind: the record has 2 fields but the header has 3\n");
}
