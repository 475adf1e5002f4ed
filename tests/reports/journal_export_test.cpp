// The ledger-cli / hledger journal writer: both tools read the exported file back to the balances
// the entries carry, and what the syntax cannot carry unchanged is refused.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ledger/base/error.h"
#include "reports/journal_export.h"

using namespace subsidy;
using namespace subsidy::reports;

namespace {

std::vector<JournalEntry> sample_entries() {
  std::vector<JournalEntry> entries;
  entries.push_back({"2023-03-01",
                     "E-1",
                     "award A-02 江苏甲机械有限公司\n(second line)",
                     {{"county_expense", Money::from_fen(10672840)},
                      {"region_due:P01", Money::from_fen(10672839)},
                      {"award_payable:91321323L30P8774PE", Money::from_fen(-21345679)}}});
  entries.push_back({"2023-06-30",
                     "E-2",
                     "payment batch B-1",
                     {{"award_payable:91321323L30P8774PE", Money::from_fen(21345679)},
                      {"bank_in_transit", Money::from_fen(-21345679)}}});
  entries.push_back(
      {"2023-07-02",
       "E-3",
       "settlement P01",
       {{"treasury", Money::from_fen(5000000)}, {"region_due:P01", Money::from_fen(-5000000)}}});
  return entries;
}

// "account\tamount" lines as the test computes them from the entries themselves.
std::string expected_balances(const std::vector<JournalEntry>& entries) {
  std::map<std::string, Money> balances;
  for (const auto& entry : entries) {
    for (const auto& [account, amount] : entry.postings) balances[account] += amount;
  }
  std::string lines;
  for (const auto& [account, amount] : balances) {
    if (!amount.is_zero()) lines += account + "\t" + format_plain(amount) + "\n";
  }
  return lines;
}

std::string run(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    output.append(buffer.data(), read);
  CHECK(::pclose(pipe) == 0);
  return output;
}

}  // namespace

TEST_CASE("ledger-cli and hledger read the exported journal back to the same balances") {
  const auto entries = sample_entries();
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("journal_export_" + std::to_string(::getpid()) + ".journal");
  {
    std::ofstream file(path);
    write_plain_journal(entries, {"subsidy-ledger export, year 2023", "ledger head abc"}, file);
  }
  const std::string script = std::string(SUBSIDY_SOURCE_DIR) + "/tests/tools/journal_balances.py";
  const std::string expected = expected_balances(entries);
  CHECK(run("/usr/bin/python3 " + script + " ledger " + path.string()) == expected);
  CHECK(run("/usr/bin/python3 " + script + " hledger " + path.string()) == expected);
  std::filesystem::remove(path);
}

TEST_CASE("the journal text is plain: header, commodity, accounts, exact amounts") {
  std::ostringstream out;
  write_plain_journal(sample_entries(), {"head"}, out);
  const std::string text = out.str();
  CHECK_THAT(text, Catch::StartsWith("; head\n\ncommodity CNY\n"));
  CHECK_THAT(text, Catch::Contains("account bank_in_transit\naccount county_expense\n"));
  CHECK_THAT(text,
             Catch::Contains("2023-03-01 * (E-1) award A-02 江苏甲机械有限公司 (second line)\n"));
  CHECK_THAT(text, Catch::Contains("    award_payable:91321323L30P8774PE    -213456.79 CNY\n"));
}

TEST_CASE("what the journal syntax cannot carry is refused") {
  std::ostringstream out;
  auto entries = sample_entries();
  entries[0].postings[0].second = Money::from_fen(1);
  CHECK_THROWS_WITH(write_plain_journal(entries, {}, out), Catch::Contains("does not balance"));
  entries = sample_entries();
  entries[1].postings[0].first = "award  payable";
  CHECK_THROWS_AS(write_plain_journal(entries, {}, out), RefusedError);
  entries = sample_entries();
  entries[2].date = "2023-7-2";
  CHECK_THROWS_WITH(write_plain_journal(entries, {}, out), Catch::Contains("YYYY-MM-DD"));
  entries = sample_entries();
  entries[2].code = "E)3";
  CHECK_THROWS_AS(write_plain_journal(entries, {}, out), RefusedError);
  CHECK(out.str().empty());  // refused before a line is written
}
