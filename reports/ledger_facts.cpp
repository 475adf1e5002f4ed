// The facts behind every report (ledger_facts.h), made from the declared readers of the books, the
// assessment record and the master data.
#include "reports/ledger_facts.h"

#include <algorithm>

#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/masterdata/masterdata.h"

namespace subsidy::reports::facts {

namespace {

// {"a", "b:c"} -> "a, b:c": reason codes as the report tables show them.
std::string reason_list(const std::vector<std::string>& codes) {
  std::string out;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) out += ", ";
    out += codes[i];
  }
  return out;
}

std::vector<Application> assessed_in_order(Db& db, AwardYear year) {
  std::vector<Application> list;
  for (awards::AssessedApplication& row : awards::latest_applications(db, year)) {  // bounded
    Application item;
    item.application_id = std::move(row.application_id);
    item.assessed = true;
    item.project_id = std::move(row.project_id);
    item.uscc = std::move(row.uscc);
    item.region_code = std::move(row.region_code);
    item.scheme = std::move(row.scheme);
    item.status = std::move(row.status);
    item.amount = row.amount;
    item.formula = row.formula;
    item.loan_amount = row.loan_amount;
    item.reasons = reason_list(row.reasons);
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

std::vector<Application> applications(Db& db, AwardYear year) {
  std::vector<Application> list = assessed_in_order(db, year);
  // The award lines come in application order, so they merge with the assessment in one pass.
  std::vector<Application> unassessed;  // booked without an assessment record: rare
  size_t next = 0;
  int64_t last_entry = 0;
  Booking* booking = nullptr;
  books::scan_award_lines(db, booked_in(year), [&](const books::AwardLine& line) {
    if (line.entry_id != last_entry) {
      const std::string_view id = line.application_id;
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
      last_entry = line.entry_id;
    }
    add_line(*booking, line.account, line.amount);
  });
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

Flows account_flows(Db& db, FiscalYear year, const std::string& base) {
  return std::move(books::account_flows(db, year, std::vector<std::string>{base}).front());
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

}  // namespace subsidy::reports::facts
