// trial-balance: every account of the ledger with its balance brought forward from earlier fiscal
// years, its debits and credits in the year, and its balance at year end. Debits equal credits and
// the balances sum to zero, or the ledger does not balance. Read from the per-year account totals
// that posting keeps (and `verify` proves equal to the lines).
#include "ledger/books/readers.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

ReportTable trial_balance(const Request& request) {
  ReportTable table("trial-balance", "科目余额试算表", "Trial balance", request.year.value,
                    request.head);
  table.add_column(text_column("account", "科目", "Account"));
  table.add_column(money_column("opening", "年初余额", "Opening balance"));
  table.add_column(money_column("debit", "本年借方", "Debits"));
  table.add_column(money_column("credit", "本年贷方", "Credits"));
  table.add_column(money_column("closing", "年末余额", "Closing balance"));

  for (const books::AccountYear& account :
       books::account_years(request.db, request.fiscal_year())) {
    table.add_row(
        {account.account, account.opening, account.debits, account.credits, account.closing()});
  }
  table.compute_totals();
  return table;
}

}  // namespace subsidy::reports::builders
