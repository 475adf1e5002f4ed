// trial-balance (科目余额表, 结账前): every account of the ledger with its subject name, its
// balance brought forward from earlier fiscal years (after their closings), its debits and credits
// in the year and its balance at year end, balances in 借/贷 form (a side and an amount). It is the
// pre-closing trial balance: the year's own closing entry is left out (a footer names it), so that
// revenue and expense show what the year did. Debits equal credits and debit balances equal credit
// balances, or the ledger's stored totals are damaged (refused: `verify` names the damage).
#include "ledger/books/chart.h"
#include "ledger/books/readers.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

namespace {

// The side (借/贷/平) of a signed balance, and its amount without the sign.
Cell side_of(const Request& request, Money balance) {
  return std::string(chart::balance_side(balance.fen(), request.lang));
}
Money amount_of(Money balance) {
  return balance.fen() < 0 ? -balance : balance;
}

void add_trial_balance_columns(ReportTable& table) {
  table.add_column(text_column("account", "科目编码", "Account"));
  table.add_column(text_column("subject", "科目名称", "Subject"));
  table.add_column(text_column("opening_side", "期初方向", "Opening Dr/Cr"));
  table.add_column(money_column("opening", "期初余额", "Opening balance"));
  table.add_column(money_column("debit", "本期借方", "Debits"));
  table.add_column(money_column("credit", "本期贷方", "Credits"));
  table.add_column(text_column("closing_side", "期末方向", "Closing Dr/Cr"));
  table.add_column(money_column("closing", "期末余额", "Closing balance"));
}

}  // namespace

ReportTable trial_balance(const Request& request) {
  ReportTable table("trial-balance", "科目余额表（结账前）", "Trial balance (before closing)",
                    request.year.value, request.head);
  add_trial_balance_columns(table);
  Money debits, credits;
  Money opening_debit, opening_credit, closing_debit, closing_credit;
  for (const books::AccountYear& account :
       books::account_years(request.db, request.fiscal_year(), books::ClosingEntry::excluded)) {
    const Money closing = account.closing();
    table.add_row({account.account, std::string(chart::subject_name(account.account, request.lang)),
                   side_of(request, account.opening), amount_of(account.opening), account.debits,
                   account.credits, side_of(request, closing), amount_of(closing)});
    debits += account.debits;
    credits += account.credits;
    (account.opening.fen() >= 0 ? opening_debit : opening_credit) += amount_of(account.opening);
    (closing.fen() >= 0 ? closing_debit : closing_credit) += amount_of(closing);
  }
  // Posting keeps every entry balanced; stored totals that do not are damage verify names.
  require_balanced(
      debits == credits && opening_debit == opening_credit && closing_debit == closing_credit,
      "the trial balance");
  const std::string dr(chart::balance_side(1, request.lang));
  const std::string cr(chart::balance_side(-1, request.lang));
  table.set_totals({Cell{}, Cell{}, Cell{}, Cell{}, debits, credits, Cell{}, Cell{}});
  table.add_footer({"借方余额合计",
                    "Debit balances",
                    {Cell{}, Cell{}, dr, opening_debit, Cell{}, Cell{}, dr, closing_debit}});
  table.add_footer({"贷方余额合计",
                    "Credit balances",
                    {Cell{}, Cell{}, cr, opening_credit, Cell{}, Cell{}, cr, closing_credit}});
  if (const auto closing = books::closing_lines(request.db, request.fiscal_year())) {
    const std::string id = std::to_string(closing->entry_id);
    table.add_footer({"本年已结账：结账分录（第" + id + "号）未计入本表",
                      "Year closed: closing entry " + id + " not included",
                      Row(table.columns().size())});
  }
  return table;
}

}  // namespace subsidy::reports::builders
