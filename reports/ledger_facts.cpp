// The readers behind every report: one SQL pass each over the ledger lines of a fiscal year, the
// latest assessment run of an award year, and the master data's names.
#include "reports/ledger_facts.h"

#include <algorithm>
#include <array>

#include "ledger/books/chart.h"
#include "ledger/base/error.h"
#include "ledger/books/journal.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/masterdata/masterdata.h"

namespace subsidy::reports::facts {

namespace {

// The newest assessment run of an award year holds the current assessment (migration 004).
constexpr const char* kLatestRun = "(SELECT MAX(run_id) FROM assessment_runs WHERE year = ?1)";

// '["a","b:c"]' → "a, b:c". Reason codes are [a-z_:] words (POLICY.md section 3), so the JSON
// array needs no general parser; anything else is kept as it was stored.
std::string reason_list(std::string_view json) {
  std::string out;
  for (char c : json) {
    if (c == '[' || c == ']' || c == '"' || c == ' ') continue;
    if (c == ',') {
      out += ", ";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

namespace {

constexpr std::array<std::string_view, 2> kAwardKinds = {chart::kAward, chart::kAwardAdjustment};

}  // namespace

bool is_award_kind(const std::string& kind) {
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

namespace {

std::vector<Application> assessed_in_order(Db& db, int64_t year) {
  Statement rows = db.prepare(
      std::string("SELECT application_id, project_id, uscc, region_code, scheme, status, "
                  "amount_fen, formula_fen, loan_amount_fen, reasons FROM assessment_results "
                  "WHERE run_id = ") +
      kLatestRun + " ORDER BY application_id");  // the primary key's order: no sort
  rows.bind(1, year);
  std::vector<Application> list;
  while (rows.step()) {  // bounded by the applications of one run
    Application item;
    item.application_id = rows.text(0);
    item.assessed = true;
    item.project_id = rows.text(1);
    item.uscc = rows.text(2);
    item.region_code = rows.text(3);
    item.scheme = rows.text(4);
    item.status = rows.text(5);
    item.amount = rows.money(6);
    item.formula = rows.money(7);
    item.loan_amount = rows.optional_money(8);
    item.reasons = reason_list(rows.text_view(9));
    list.push_back(std::move(item));
  }
  return list;
}

void add_line(Booking& booking, std::string_view account, Money amount) {
  // The award is what the county and the region bear (award_posting.h): the other side of the
  // entry may be award_payable or, for a change after payment, clawback_receivable.
  const std::string_view base = chart::account_base(account);
  if (base == chart::kAwardPayable || base == chart::kClawbackReceivable) {
    booking.uscc.assign(chart::account_qualifier(account));  // no allocation once it is set
  } else if (base == chart::kCountyExpense) {
    booking.county += amount;
    booking.award += amount;
  } else if (base == chart::kRegionDue) {
    booking.region_code.assign(chart::account_qualifier(account));
    booking.region += amount;
    booking.award += amount;
  }
}

}  // namespace

std::vector<Application> applications(Db& db, int64_t year) {
  std::vector<Application> list = assessed_in_order(db, year);
  // The award entries in application order through their index (migration 002 keeps
  // ledger_entries_application for this), so that they merge with the assessment in one pass.
  Statement lines = db.prepare(
      "SELECT e.entry_id, e.application_id, l.account, l.amount_fen "
      "FROM ledger_entries e INDEXED BY ledger_entries_application "
      "JOIN ledger_lines l ON l.entry_id = e.entry_id WHERE e.application_id IS NOT NULL "
      "AND e.fiscal_year = ?1 AND e.kind IN " +
      award_kinds_sql() + " ORDER BY e.application_id, e.entry_id, l.line_no");
  lines.bind(1, year);
  std::vector<Application> unassessed;  // booked without an assessment record: rare
  size_t next = 0;
  int64_t last_entry = 0;
  Booking* booking = nullptr;
  while (lines.step()) {  // bounded by the award lines of one fiscal year
    const int64_t entry_id = lines.int64(0);
    if (entry_id != last_entry) {
      const std::string_view id = lines.text_view(1);  // valid until the next step
      while (next < list.size() && list[next].application_id < id) ++next;
      if (next < list.size() && list[next].application_id == id) {
        booking = &list[next].booking;
      } else if (!unassessed.empty() && unassessed.back().application_id == id) {
        booking = &unassessed.back().booking;
      } else {
        unassessed.push_back(Application{});
        unassessed.back().application_id = id;
        booking = &unassessed.back().booking;
      }
      ++booking->entries;
      last_entry = entry_id;
    }
    add_line(*booking, lines.text_view(2), lines.money(3));
  }
  if (!unassessed.empty()) {
    const auto by_id = [](const Application& a, const Application& b) {
      return a.application_id < b.application_id;
    };
    const auto middle = static_cast<std::ptrdiff_t>(list.size());
    list.insert(list.end(), std::make_move_iterator(unassessed.begin()),
                std::make_move_iterator(unassessed.end()));
    std::inplace_merge(list.begin(), list.begin() + middle, list.end(), by_id);
  }
  return list;
}

Flows account_flows(Db& db, int64_t year, const std::string& base) {
  return std::move(account_flows(db, year, std::vector<std::string>{base}).front());
}

std::vector<Flows> account_flows(Db& db, int64_t year, const std::vector<std::string>& bases,
                                 EntryKinds kinds) {
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
  sums.bind(1, year);
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

std::map<std::string, Money> account_nets(Db& db, int64_t year, const std::string& base) {
  // The accounts of one base are the key range [base + ':', base + ';'): ';' follows ':'.
  Statement nets = db.prepare(
      "SELECT account, debit_fen - credit_fen FROM ledger_account_totals "
      "WHERE account >= ?2 || ':' AND account < ?2 || ';' AND fiscal_year = ?1");
  nets.bind(1, year).bind(2, base);
  std::map<std::string, Money> by_qualifier;
  while (nets.step()) {  // bounded: one row per account of the base
    by_qualifier.emplace(std::string(chart::account_qualifier(nets.text(0))), nets.money(1));
  }
  return by_qualifier;
}

std::map<std::string, AssessedEnterprise> assessed_enterprises(Db& db, int64_t year) {
  Statement rows =
      db.prepare(std::string("SELECT uscc, local_retained_tax_fen, total_fen, before_retention_fen "
                             "FROM assessment_enterprises WHERE run_id = ") +
                 kLatestRun);
  rows.bind(1, year);
  std::map<std::string, AssessedEnterprise> enterprises;
  while (rows.step()) {  // bounded by the enterprises of one run
    enterprises[rows.text(0)] = {rows.optional_money(1), rows.money(2), rows.money(3)};
  }
  return enterprises;
}

std::optional<std::string> assessed_policy(Db& db, int64_t year) {
  Statement run =
      db.prepare("SELECT policy_id FROM assessment_runs WHERE run_id = " + std::string(kLatestRun));
  run.bind(1, year);
  if (!run.step()) return std::nullopt;
  return run.text(0);
}

const std::string& Names::enterprise_name(const std::string& uscc) const {
  static const std::string none;
  const auto found = enterprise.find(uscc);
  return found == enterprise.end() ? none : found->second;
}

const std::string& Names::region_name(const std::string& code) const {
  static const std::string none;
  const auto found = region.find(code);
  return found == region.end() ? none : found->second;
}

Names master_names(Db& db) {
  Names names;
  for (const Enterprise& enterprise : load_enterprises(db)) {  // bounded by the register
    names.enterprise[enterprise.uscc] = enterprise.name;
    names.enterprise_region[enterprise.uscc] = enterprise.region_code;
  }
  for (const Region& region : load_regions(db)) names.region[region.region_code] = region.name;
  return names;
}

std::string head_digest(Db& db) {
  return format_digest(head(db));
}

}  // namespace subsidy::reports::facts
