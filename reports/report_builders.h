// The builder of each report (one source file each) and the column shorthands they share.
// Internal to the reports library; the public entry point is ledger_reports.h.
#pragma once

#include <string>

#include "ledger/base/years.h"
#include "ledger/store/store.h"
#include "ledger/tables/table.h"

namespace subsidy::reports::builders {

inline Column text_column(std::string key, std::string zh, std::string en) {
  return {std::move(key), std::move(zh), std::move(en), ColumnType::text, false};
}
inline Column money_column(std::string key, std::string zh, std::string en) {
  return {std::move(key), std::move(zh), std::move(en), ColumnType::money, true};
}
inline Column count_column(std::string key, std::string zh, std::string en) {
  return {std::move(key), std::move(zh), std::move(en), ColumnType::integer, true};
}
// An empty cell when `text` is empty, else the text: blanks stay blank in every format.
inline Cell text_or_empty(const std::string& text) {
  return text.empty() ? Cell{} : Cell{text};
}

// What every builder is given: the ledger (inside build_report's read transaction), the year, the
// head digest read once, and the language of words in cells (headings carry both languages).
struct Request {
  Db& db;
  AwardYear year;  // the award year; its awards are booked in fiscal_year()
  std::string head;
  Language lang;
  // The fiscal year the award year's entries are booked in.
  FiscalYear fiscal_year() const { return booked_in(year); }
  // The word in the request's language.
  std::string word(const char* zh, const char* en) const { return lang == Language::zh ? zh : en; }
};

// Refuses (RefusedError) a report whose figures do not balance: the books' stored totals were
// changed outside the program (`subsidy verify` names how). Ties between figures a report derives
// from one another are asserted instead.
void require_balanced(bool balanced, const std::string& what);

// A scheme as people read it: its Chinese name from the built-in policy in zh (the code when the
// policy does not know it), the code in en.
std::string scheme_label(const Request& request, const std::string& code);

ReportTable enterprise_statement(const Request& request);
ReportTable tax_retention(const Request& request);
ReportTable loan_interest(const Request& request);
ReportTable cost_sharing(const Request& request);
ReportTable awards_by_scheme(const Request& request);
ReportTable disbursement(const Request& request);
ReportTable trial_balance(const Request& request);
ReportTable policy_targets(const Request& request);
ReportTable balance_sheet(const Request& request);
ReportTable income_expenditure(const Request& request);
ReportTable budget_execution(const Request& request);

}  // namespace subsidy::reports::builders
