// The declared readers of the books (readers.h): the only SQL outside ledger/books' writers that
// reads ledger_entries, ledger_lines and ledger_account_totals.
#include "ledger/books/readers.h"

#include <algorithm>
#include <array>

#include "ledger/base/check.h"
#include "ledger/books/chart.h"

namespace subsidy::books {

namespace {

constexpr std::array<std::string_view, 2> kAwardKinds = {chart::kAward, chart::kAwardAdjustment};

}  // namespace

bool is_award_kind(std::string_view kind) {
  return std::find(kAwardKinds.begin(), kAwardKinds.end(), kind) != kAwardKinds.end();
}

const std::string& award_kinds_sql() {
  // The kinds are chart.h constants of [a-z_], so quoting them needs no escaping.
  static const std::string list = [] {
    std::string sql = "(";
    for (std::string_view kind : kAwardKinds) {
      sql += (sql.size() > 1 ? ", '" : "'") + std::string(kind) + "'";
    }
    return sql + ")";
  }();
  return list;
}

void scan_award_lines(Db& db, FiscalYear fiscal_year,
                      const std::function<void(const AwardLine&)>& visit) {
  // Through the application index (migration 002 keeps ledger_entries_application for this), so
  // that the lines come in application order without a sort.
  Statement lines = db.prepare(
      "SELECT e.entry_id, e.application_id, l.account, l.amount_fen "
      "FROM ledger_entries e INDEXED BY ledger_entries_application "
      "JOIN ledger_lines l ON l.entry_id = e.entry_id WHERE e.application_id IS NOT NULL "
      "AND e.fiscal_year = ?1 AND e.kind IN " +
      award_kinds_sql() + " ORDER BY e.application_id, e.entry_id, l.line_no");
  lines.bind(1, int64_t{fiscal_year.value});
  while (lines.step()) {  // bounded by the award lines of one fiscal year
    visit({lines.int64(0), lines.text_view(1), lines.text_view(2), lines.money(3)});
  }
}

std::vector<Flows> account_flows(Db& db, FiscalYear fiscal_year,
                                 const std::vector<std::string>& bases, EntryKinds kinds) {
  // One scan of the year's lines for all bases: each is a prefix test on the account. Without the
  // award kinds the scan runs over the (fiscal_year, kind) index and joins only the other entries'
  // lines.
  std::string sql =
      "SELECT l.account, e.kind, SUM(l.amount_fen) FROM ledger_entries e "
      "JOIN ledger_lines l ON l.entry_id = e.entry_id WHERE e.fiscal_year = ?1 AND ";
  if (kinds == EntryKinds::except_awards) {
    sql += "e.kind NOT IN " + award_kinds_sql() + " AND ";
  }
  sql += "(";
  for (size_t i = 0; i < bases.size(); ++i) {
    const std::string parameter = "?" + std::to_string(i + 2);
    sql += (i > 0 ? " OR " : "") + std::string("substr(l.account, 1, length(") + parameter +
           ") + 1) = " + parameter + " || ':'";
  }
  Statement sums = db.prepare(sql + ") GROUP BY l.account, e.kind");
  sums.bind(1, int64_t{fiscal_year.value});
  for (size_t i = 0; i < bases.size(); ++i) sums.bind(static_cast<int>(i + 2), bases[i]);
  std::vector<Flows> flows(bases.size());
  while (sums.step()) {  // bounded: one row per qualified account and kind
    const std::string account = sums.text(0);
    const std::string_view base = chart::account_base(account);
    for (size_t i = 0; i < bases.size(); ++i) {
      if (base != bases[i]) continue;
      flows[i][std::string(chart::account_qualifier(account))][sums.text(1)] += sums.money(2);
    }
  }
  return flows;
}

std::map<std::string, Money> account_nets(Db& db, FiscalYear fiscal_year, std::string_view base) {
  // The accounts of one base are the key range [base + ':', base + ';'): ';' follows ':'.
  Statement nets = db.prepare(
      "SELECT account, debit_fen - credit_fen FROM ledger_account_totals "
      "WHERE account >= ?2 || ':' AND account < ?2 || ';' AND fiscal_year = ?1");
  nets.bind(1, int64_t{fiscal_year.value}).bind(2, base);
  std::map<std::string, Money> by_qualifier;
  while (nets.step()) {  // bounded: one row per account of the base
    by_qualifier.emplace(std::string(chart::account_qualifier(nets.text(0))), nets.money(1));
  }
  return by_qualifier;
}

std::optional<ClosingLines> closing_lines(Db& db, FiscalYear fiscal_year) {
  Statement rows = db.prepare(
      "SELECT c.entry_id, l.account, l.amount_fen FROM ledger_closings c "
      "JOIN ledger_lines l ON l.entry_id = c.entry_id WHERE c.fiscal_year = ?1 ORDER BY l.line_no");
  rows.bind(1, int64_t{fiscal_year.value});
  std::optional<ClosingLines> closing;
  while (rows.step()) {  // bounded: the lines of one entry
    if (!closing) closing = ClosingLines{rows.int64(0), {}};
    closing->lines.emplace_back(rows.text(1), rows.money(2));
  }
  return closing;
}

std::vector<AccountYear> account_years(Db& db, FiscalYear fiscal_year, ClosingEntry closing) {
  Statement totals = db.prepare(
      "SELECT account, "
      "SUM(CASE WHEN fiscal_year < ?1 THEN debit_fen - credit_fen ELSE 0 END), "
      "SUM(CASE WHEN fiscal_year = ?1 THEN debit_fen ELSE 0 END), "
      "SUM(CASE WHEN fiscal_year = ?1 THEN credit_fen ELSE 0 END) "
      "FROM ledger_account_totals WHERE fiscal_year <= ?1 GROUP BY account ORDER BY account");
  totals.bind(1, int64_t{fiscal_year.value});
  std::vector<AccountYear> accounts;
  while (totals.step()) {  // bounded by the accounts of the chart in use
    accounts.push_back({totals.text(0), totals.money(1), totals.money(2), totals.money(3)});
  }
  if (closing == ClosingEntry::included) return accounts;
  const std::optional<ClosingLines> lines = closing_lines(db, fiscal_year);
  if (!lines) return accounts;
  // Named copies, not structured bindings: clang 14 (the sanitizer build) cannot capture a
  // structured binding in a lambda.
  for (const auto& line : lines->lines) {  // bounded: one entry's lines
    const std::string& account = line.first;
    const Money& amount = line.second;
    const auto found = std::find_if(accounts.begin(), accounts.end(), [&](const AccountYear& year) {
      return year.account == account;
    });
    SUBSIDY_ASSERT_MSG(found != accounts.end(), "the closing's lines are in the totals");
    if (amount.fen() >= 0) {
      found->debits -= amount;
    } else {
      found->credits += amount;
    }
  }
  std::erase_if(accounts, [](const AccountYear& year) {
    return year.opening.is_zero() && year.debits.is_zero() && year.credits.is_zero();
  });
  return accounts;
}

std::vector<AccountBalance> year_movements(Db& db, FiscalYear fiscal_year, ClosingEntry closing) {
  std::vector<AccountBalance> balances = account_balances(db, int64_t{fiscal_year.value});
  if (closing == ClosingEntry::included) return balances;
  const std::optional<ClosingLines> lines = closing_lines(db, fiscal_year);
  if (!lines) return balances;
  for (const auto& line : lines->lines) {  // bounded: one entry's lines
    const std::string& account = line.first;
    const Money& amount = line.second;
    const auto found =
        std::find_if(balances.begin(), balances.end(),
                     [&](const AccountBalance& balance) { return balance.account == account; });
    SUBSIDY_ASSERT_MSG(found != balances.end(), "the closing's lines are in the totals");
    (amount.fen() >= 0 ? found->debit : found->credit) -= amount.fen() >= 0 ? amount : -amount;
    found->balance -= amount;
    --found->line_count;
  }
  std::erase_if(balances, [](const AccountBalance& balance) { return balance.line_count == 0; });
  return balances;
}

std::vector<std::pair<std::string, Money>> balances_before(Db& db, FiscalYear fiscal_year) {
  Statement balances = db.prepare(
      "SELECT account, SUM(debit_fen - credit_fen) FROM ledger_account_totals "
      "WHERE fiscal_year < ?1 GROUP BY account HAVING SUM(debit_fen - credit_fen) <> 0 "
      "ORDER BY account");
  balances.bind(1, int64_t{fiscal_year.value});
  std::vector<std::pair<std::string, Money>> out;
  while (balances.step()) out.emplace_back(balances.text(0), balances.money(1));  // bounded
  return out;
}

void scan_year_lines(Db& db, FiscalYear fiscal_year,
                     const std::function<void(const EntryLine&)>& visit) {
  Statement rows = db.prepare(
      "SELECT e.entry_id, substr(e.posted_at, 1, 10), e.kind, e.application_id, e.batch_id, "
      "e.memo, l.account, l.amount_fen FROM ledger_entries e "
      "JOIN ledger_lines l ON l.entry_id = e.entry_id WHERE e.fiscal_year = ?1 "
      "ORDER BY e.entry_id, l.line_no");
  rows.bind(1, int64_t{fiscal_year.value});
  while (rows.step()) {  // bounded by the lines of one fiscal year
    EntryLine line;
    line.entry_id = rows.int64(0);
    line.posted_date = rows.text_view(1);
    line.kind = rows.text_view(2);
    if (!rows.is_null(3)) line.application_id = rows.text_view(3);
    if (!rows.is_null(4)) line.batch_id = rows.int64(4);
    line.memo = rows.text_view(5);
    line.account = rows.text_view(6);
    line.amount = rows.money(7);
    visit(line);
  }
}

std::vector<BatchAccountSums> batch_account_sums(Db& db, FiscalYear fiscal_year,
                                                 std::string_view account) {
  Statement sums = db.prepare(
      "SELECT e.batch_id, e.kind, COUNT(DISTINCT e.entry_id), "
      "SUM(CASE WHEN l.amount_fen < 0 THEN -l.amount_fen ELSE 0 END), "
      "SUM(CASE WHEN l.amount_fen > 0 THEN l.amount_fen ELSE 0 END) "
      "FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.entry_id "
      "WHERE e.fiscal_year = ?1 AND e.batch_id IS NOT NULL AND l.account = ?2 "
      "GROUP BY e.batch_id, e.kind ORDER BY e.batch_id");
  sums.bind(1, int64_t{fiscal_year.value}).bind(2, account);
  std::vector<BatchAccountSums> out;
  while (sums.step()) {  // bounded: one row per batch and kind
    out.push_back({sums.int64(0), sums.text(1), sums.int64(2), sums.money(3), sums.money(4)});
  }
  return out;
}

}  // namespace subsidy::books
