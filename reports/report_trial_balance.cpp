// trial-balance: every account of the ledger with its balance brought forward from earlier fiscal
// years, its debits and credits in the year, and its balance at year end. Debits equal credits and
// the balances sum to zero, or the ledger does not balance. Read from the per-year account totals
// that posting keeps (and `verify` proves equal to the lines).
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

ReportTable trial_balance(const Request& request) {
  ReportTable table("trial-balance", "科目余额试算表", "Trial balance", request.year, request.head);
  table.add_column(text_column("account", "科目", "Account"));
  table.add_column(money_column("opening", "年初余额", "Opening balance"));
  table.add_column(money_column("debit", "本年借方", "Debits"));
  table.add_column(money_column("credit", "本年贷方", "Credits"));
  table.add_column(money_column("closing", "年末余额", "Closing balance"));

  Statement totals = request.db.prepare(
      "SELECT account, "
      "SUM(CASE WHEN fiscal_year < ?1 THEN debit_fen - credit_fen ELSE 0 END), "
      "SUM(CASE WHEN fiscal_year = ?1 THEN debit_fen ELSE 0 END), "
      "SUM(CASE WHEN fiscal_year = ?1 THEN credit_fen ELSE 0 END) "
      "FROM ledger_account_totals WHERE fiscal_year <= ?1 GROUP BY account ORDER BY account");
  totals.bind(1, request.year);
  while (totals.step()) {  // bounded by the accounts of the chart in use
    const Money opening = totals.money(1);
    const Money debit = totals.money(2);
    const Money credit = totals.money(3);
    table.add_row({totals.text(0), opening, debit, credit, opening + debit - credit});
  }
  table.compute_totals();
  return table;
}

}  // namespace subsidy::reports::builders
