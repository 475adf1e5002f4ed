// The readers of the assessment record (assessment_reader.h).
#include "ledger/awards/assessment_reader.h"

#include "ledger/books/readers.h"

namespace subsidy::awards {

namespace {

// The newest assessment run of an award year holds the current assessment (migration 004).
constexpr const char* kLatestRun = "(SELECT MAX(run_id) FROM assessment_runs WHERE year = ?1)";

// '["a","b:c"]' -> {"a", "b:c"}. Reason codes are [a-z_:] words (POLICY.md section 3), so the
// JSON array needs no general parser; anything else is kept as it was stored.
std::vector<std::string> reason_codes(std::string_view json) {
  std::vector<std::string> codes;
  std::string code;
  for (char c : json) {
    if (c == '[' || c == ']' || c == '"' || c == ' ') continue;
    if (c == ',') {
      codes.push_back(std::move(code));
      code.clear();
    } else {
      code.push_back(c);
    }
  }
  if (!code.empty() || !codes.empty()) codes.push_back(std::move(code));
  return codes;
}

}  // namespace

std::vector<AssessedApplication> latest_applications(Db& db, AwardYear award_year) {
  Statement rows = db.prepare(
      std::string("SELECT application_id, project_id, uscc, region_code, scheme, status, "
                  "amount_fen, formula_fen, loan_amount_fen, reasons FROM assessment_results "
                  "WHERE run_id = ") +
      kLatestRun + " ORDER BY application_id");
  rows.bind(1, int64_t{award_year.value});
  std::vector<AssessedApplication> list;
  while (rows.step()) {  // bounded by the applications of one run
    AssessedApplication item;
    item.application_id = rows.text(0);
    item.project_id = rows.text(1);
    item.uscc = rows.text(2);
    item.region_code = rows.text(3);
    item.scheme = rows.text(4);
    item.status = rows.text(5);
    item.amount = rows.money(6);
    item.formula = rows.money(7);
    item.loan_amount = rows.optional_money(8);
    item.reasons = reason_codes(rows.text_view(9));
    list.push_back(std::move(item));
  }
  return list;
}

std::map<std::string, AssessedEnterprise> latest_enterprises(Db& db, AwardYear award_year) {
  Statement rows =
      db.prepare(std::string("SELECT uscc, local_retained_tax_fen, total_fen, before_retention_fen "
                             "FROM assessment_enterprises WHERE run_id = ") +
                 kLatestRun);
  rows.bind(1, int64_t{award_year.value});
  std::map<std::string, AssessedEnterprise> enterprises;
  while (rows.step()) {  // bounded by the enterprises of one run
    enterprises[rows.text(0)] = {rows.optional_money(1), rows.money(2), rows.money(3)};
  }
  return enterprises;
}

std::optional<std::string> latest_policy(Db& db, AwardYear award_year) {
  Statement run =
      db.prepare("SELECT policy_id FROM assessment_runs WHERE run_id = " + std::string(kLatestRun));
  run.bind(1, int64_t{award_year.value});
  if (!run.step()) return std::nullopt;
  return run.text(0);
}

std::vector<BookedAward> awarded_and_booked_through(Db& db, AwardYear year) {
  Statement rows = db.prepare(
      "SELECT r.scheme, r.project_id, r.uscc FROM current_assessment r "
      "JOIN assessment_runs run ON run.run_id = r.run_id "
      "WHERE run.year <= ?1 AND r.status = 'awarded' AND EXISTS (SELECT 1 FROM ledger_entries e "
      "WHERE e.application_id = r.application_id AND e.fiscal_year <= ?1 "
      "AND e.kind IN " +
      books::award_kinds_sql() + ")");
  rows.bind(1, int64_t{year.value});  // the award year and the fiscal year it is booked in
  std::vector<BookedAward> awarded;
  while (rows.step()) awarded.push_back({rows.text(0), rows.text(1), rows.text(2)});  // bounded
  return awarded;
}

}  // namespace subsidy::awards
