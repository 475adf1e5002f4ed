// The report commands end to end: the `subsidy` binary ($SUBSIDY_BIN) run on a ledger holding the
// worked example. Every report's XLSX is read back by openpyxl and compared with its CSV; the
// journal export is balanced by ledger-cli and hledger against the trial balance; settle is
// idempotent and refuses what it must; the audit pack's manifest is checked with sha256sum.
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <map>
#include <vector>

#include "ledger/books/ledger_verify.h"
#include "report_fixture.h"
#include "reports/ledger_reports.h"

using namespace subsidy;
using subsidy::testing::ExampleLedger;
using subsidy::testing::shared_file;

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

// Runs the binary on the ledger with `arguments`; stdout and stderr go to files in the ledger's
// directory. Returns the exit code.
struct Cli {
  ExampleLedger& ledger;
  std::string out;
  std::string err;
  int run(const std::string& arguments) {
    const char* binary = std::getenv("SUBSIDY_BIN");
    REQUIRE(binary != nullptr);
    const std::string out_file = (ledger.dir() / "stdout.txt").string();
    const std::string err_file = (ledger.dir() / "stderr.txt").string();
    const std::string command = std::string(binary) + " --db " + ledger.path() + " " + arguments +
                                " >" + out_file + " 2>" + err_file;
    const int status = std::system(command.c_str());
    out = slurp(out_file);
    err = slurp(err_file);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string tool(const std::string& name) {
  return "/usr/bin/python3 " + std::string(SUBSIDY_SOURCE_DIR) + "/tests/tools/" + name;
}

// "account\tclosing" lines, sorted, non-zero, from the trial balance CSV (up to the totals row):
// the closing balance signed (credit negative) from its 借/贷 side and amount.
std::string closing_balances(const std::string& csv) {
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // headings
  std::map<std::string, std::string> balances;
  while (std::getline(lines, line) && line.rfind("合计,", 0) != 0) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
    REQUIRE(fields.size() == 8);
    const std::string& closing = fields[7];
    if (closing != "0.00") balances[fields[0]] = (fields[6] == "贷" ? "-" : "") + closing;
  }
  std::string text;
  for (const auto& [account, closing] : balances) text += account + "\t" + closing + "\n";
  return text;
}

}  // namespace

TEST_CASE("every report's XLSX reads back as its CSV, in both languages") {
  ExampleLedger ledger;
  Cli cli{ledger, {}, {}};
  const std::map<std::string, int> charts = {
      {"cost-sharing", 1}, {"awards-by-scheme", 1}, {"policy-targets", 1}, {"budget-execution", 1}};
  for (const std::string& name : reports::report_names()) {
    for (const std::string lang : {"zh", "en"}) {
      INFO(name << " " << lang);
      const std::string base = (ledger.dir() / (name + "-" + lang)).string();
      const std::string common = "report " + name + " --year 2023 --lang " + lang;
      REQUIRE(cli.run(common + " --format csv --out " + base + ".csv") == 0);
      REQUIRE(cli.run(common + " --format xlsx --out " + base + ".xlsx") == 0);
      const int expected_charts = charts.count(name) ? charts.at(name) : 0;
      CHECK(shell(tool("xlsx_matches_csv.py") + " " + base + ".xlsx --charts " +
                  std::to_string(expected_charts) + " " + base + ".csv") == 0);
    }
  }
}

TEST_CASE("report prints a table by default, JSON with money as strings, and refuses misuse") {
  ExampleLedger ledger;
  Cli cli{ledger, {}, {}};
  const std::string digest = format_digest(head(ledger.db()));
  REQUIRE(cli.run("report cost-sharing --year 2023") == 0);
  CHECK_THAT(cli.out,
             Catch::StartsWith("县区（园区）奖补资金分担（2023年度）\n账本头摘要: " + digest));
  CHECK_THAT(cli.out, Catch::Contains("泗阳经济开发区"));
  REQUIRE(cli.run("report trial-balance --year 2023 --format json --lang en") == 0);
  const auto doc = nlohmann::json::parse(cli.out);
  CHECK(doc["ledger_head"] == digest);
  CHECK(doc["totals"]["debit"].is_string());
  CHECK(doc["totals"]["debit"] == doc["totals"]["credit"]);
  CHECK(cli.run("report no-such --year 2023") == 2);
  CHECK_THAT(cli.err, Catch::Contains("enterprise-statement"));
  CHECK(cli.run("report cost-sharing --year 2023 --format xlsx") == 2);
  CHECK(cli.run("report cost-sharing --year 2023 --format pdf") == 2);  // a PDF needs --out
  CHECK_THAT(cli.err, Catch::Contains("--out"));
  CHECK(cli.run("report cost-sharing") == 2);
  CHECK(cli.run("report cost-sharing --year 2023 --format csv --out /nonexistent/dir/x.csv") == 1);
}

TEST_CASE("settle books a region's payment once per reference and refuses what it must") {
  ExampleLedger ledger;
  Cli cli{ledger, {}, {}};
  const int64_t entries = head(ledger.db()).entry_count;
  REQUIRE(cli.run("settle P01 100000.00 --year 2023 --ref BANK-2023-001") == 0);
  CHECK_THAT(cli.out, Catch::StartsWith("recorded"));
  CHECK(head(ledger.db()).entry_count == entries + 1);
  REQUIRE(cli.run("settle P01 100000.00 --year 2023 --ref BANK-2023-001") == 0);
  CHECK_THAT(cli.out, Catch::StartsWith("already recorded"));
  CHECK(head(ledger.db()).entry_count == entries + 1);
  // The same reference with another amount, more than owed, unknown region, malformed amount.
  CHECK(cli.run("settle P01 100.00 --year 2023 --ref BANK-2023-001") == 1);
  CHECK(cli.run("settle T01 99999999.00 --year 2023 --ref BANK-2023-002") == 1);
  CHECK_THAT(cli.err, Catch::Contains("T01 owes"));
  CHECK(cli.run("settle X99 1.00 --year 2023 --ref BANK-2023-003") == 1);
  CHECK_THAT(cli.err, Catch::Contains("unknown region"));
  CHECK(cli.run("settle P01 1e5 --year 2023 --ref BANK-2023-004") == 1);
  CHECK(cli.run("settle P01 -5.00 --year 2023 --ref BANK-2023-005") == 1);
  CHECK(head(ledger.db()).entry_count == entries + 1);
  CHECK_THAT(slurp(ledger.path() + ".ops.log"), Catch::Contains("command=settle region=P01"));

  REQUIRE(cli.run("report cost-sharing --year 2023 --format csv") == 0);
  CHECK_THAT(cli.out, Catch::Contains("P01,泗阳经济开发区,"));
  const auto doc =
      nlohmann::json::parse((cli.run("report cost-sharing --year 2023 --format json"), cli.out));
  for (const auto& row : doc["rows"]) {
    if (row["region_code"] == "P01") CHECK(row["settled"] == "100000.00");
  }
}

TEST_CASE("the journal export balances, in ledger-cli and hledger, to the trial balance") {
  ExampleLedger ledger;
  Cli cli{ledger, {}, {}};
  REQUIRE(cli.run("settle P01 50000.00 --year 2023 --ref BANK-1") == 0);
  ledger.post_flow("pay:3:sent", "payment_sent", 3, "award_payable:91321323L30P8774PE",
                   "bank_in_transit", 1'000'000, 2024);
  for (const std::string year : {"2023", "2024"}) {
    INFO(year);
    const std::string journal = (ledger.dir() / ("journal-" + year)).string();
    REQUIRE(cli.run("export journal --year " + year + " --out " + journal) == 0);
    REQUIRE(cli.run("report trial-balance --year " + year + " --format csv") == 0);
    const std::string expected = closing_balances(cli.out);
    CHECK_FALSE(expected.empty());
    const std::string ledger_out = (ledger.dir() / "ledger-bal.txt").string();
    const std::string hledger_out = (ledger.dir() / "hledger-bal.txt").string();
    REQUIRE(shell(tool("journal_balances.py") + " ledger " + journal + " >" + ledger_out) == 0);
    REQUIRE(shell(tool("journal_balances.py") + " hledger " + journal + " >" + hledger_out) == 0);
    CHECK(slurp(ledger_out) == expected);
    CHECK(slurp(hledger_out) == expected);
  }
}

TEST_CASE(
    "the audit pack holds every report, the journal, verify and digest, and a true manifest") {
  ExampleLedger ledger;
  Cli cli{ledger, {}, {}};
  const std::filesystem::path pack = ledger.dir() / "pack";
  // 2023 is not closed: refused without --force, nothing written; forced, it says 未结账.
  CHECK(cli.run("audit-pack --year 2023 --out " + pack.string()) == 1);
  CHECK_THAT(cli.err, Catch::Contains("2023 年度未结账"));
  CHECK_FALSE(std::filesystem::exists(pack));
  REQUIRE(cli.run("audit-pack --force --year 2023 --out " + pack.string()) == 0);
  const std::string digest = format_digest(head(ledger.db()));
  CHECK(slurp(pack / "digest.txt") == digest + "\n");
  CHECK_THAT(slurp(pack / "verify.txt"), Catch::Contains(digest));
  const auto manifest = nlohmann::json::parse(slurp(pack / "manifest.json"));
  CHECK(manifest["ledger_digest"] == digest);
  CHECK(manifest["status"] == "未结账");
  // SHA256SUMS, beside the manifest, agrees with it and is what `sha256sum -c` reads.
  const std::string sums = slurp(pack / "SHA256SUMS");
  for (const auto& file : manifest["files"]) {
    CHECK_THAT(sums, Catch::Contains(file["sha256"].get<std::string>() + "  " +
                                     file["name"].get<std::string>() + "\n"));
  }
  CHECK_THAT(sums, Catch::Contains("  manifest.json\n"));
  CHECK(shell("cd " + pack.string() + " && sha256sum --quiet --strict -c SHA256SUMS") == 0);
  std::string csvs;
  for (const std::string& name : reports::report_names()) {
    CHECK(std::filesystem::exists(pack / (name + ".xlsx")));
    csvs += " " + (pack / (name + ".csv")).string();
  }
  // The workbook of all reports: one sheet per report, each equal to that report's CSV.
  CHECK(shell(tool("xlsx_matches_csv.py") + " " + (pack / "reports-2023.xlsx").string() +
              " --charts 4" + csvs) == 0);
  // The reports as XLSX and CSV, the workbook, journal, verify and digest; the 目录 (PDF, XLSX),
  // the policy file and the import record (no batches, no people, no operations log here).
  CHECK(manifest["files"].size() == 2 * reports::report_names().size() + 8);
  CHECK(std::filesystem::exists(pack / "目录.pdf"));
  CHECK(std::filesystem::exists(pack / "目录.xlsx"));
  CHECK(std::filesystem::exists(pack / "输入文件" / "导入记录.csv"));
  // A pack never overwrites, and a failed one leaves nothing behind.
  CHECK(cli.run("audit-pack --force --year 2023 --out " + pack.string()) == 1);
  CHECK(cli.run("audit-pack --force --year 2023 --out " +
                (ledger.dir() / "no" / "pack").string()) == 1);
  CHECK_FALSE(std::filesystem::exists(ledger.dir() / "no"));
  // A pack is refused for a ledger that fails verification.
  ledger.db().exec("DROP TRIGGER ledger_lines_no_update");
  CHECK(cli.run("audit-pack --force --year 2023 --out " + (ledger.dir() / "pack2").string()) == 1);
  CHECK_THAT(cli.err, Catch::Contains("fails verification"));
  CHECK_FALSE(std::filesystem::exists(ledger.dir() / "pack2"));
}
