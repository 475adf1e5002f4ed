// The open items of a fiscal year (open_items.h).
#include "ledger/ops/open_items.h"

#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "ledger/awards/assessment_reader.h"
#include "ledger/base/check.h"
#include "ledger/books/chart.h"
#include "ledger/books/readers.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/payments/payments.h"

namespace subsidy::ops {

namespace {

// Items the bank rejected whose enterprise is still owed for the year: the latest rejected amount
// per enterprise (a second rejection of the same payable is one open item).
OpenItemKind rejected_unpaid(Db& db, AwardYear year, const std::map<std::string, Money>& payables) {
  OpenItemKind kind{"rejected_unpaid", "银行退票未重新支付", 0, Money()};
  std::map<std::string, Money> rejected;
  for (const BatchSummary& batch : list_batches(db, int64_t{year.value})) {
    if (batch.export_count == 0) continue;
    for (const ItemProgress& item : batch_progress(db, batch.batch_id)) {
      if (item.state == "rejected") rejected[item.uscc] = item.amount;
    }
  }
  for (const auto& [uscc, amount] : rejected) {
    const auto owed = payables.find(uscc);
    if (owed == payables.end() || owed->second.fen() <= 0) continue;  // paid again since
    ++kind.count;
    kind.amount += amount;
  }
  return kind;
}

// Payables owed to enterprises whose bank details cannot carry a payment.
OpenItemKind without_account(Db& db, const std::map<std::string, Money>& payables) {
  OpenItemKind kind{"no_bank_account", "应付未付且无可用银行账户", 0, Money()};
  for (const auto& [uscc, amount] : payables) {
    if (amount.fen() <= 0) continue;
    const std::optional<Enterprise> enterprise = find_enterprise(db, uscc);
    if (enterprise && bank_account_problem(*enterprise).empty()) continue;
    ++kind.count;
    kind.amount += amount;
  }
  return kind;
}

OpenItemKind held_awards(Db& db, AwardYear year) {
  OpenItemKind kind{"held", "暂缓（held）的奖励", 0, Money()};
  for (const awards::AssessedApplication& application : awards::latest_applications(db, year)) {
    if (application.status != "held") continue;
    ++kind.count;
    kind.amount += application.amount;
  }
  return kind;
}

// Regions whose region_due balance through the year is not settled (owed to the county > 0).
OpenItemKind regions_owing(Db& db, FiscalYear year) {
  OpenItemKind kind{"region_owing", "区域分担款未结算", 0, Money()};
  const std::string prefix = std::string(chart::kRegionDue) + ":";
  for (const books::AccountYear& account : books::account_years(db, year)) {
    if (account.account.compare(0, prefix.size(), prefix) != 0) continue;
    const Money owed = account.closing();
    if (owed.fen() <= 0) continue;
    ++kind.count;
    kind.amount += owed;
  }
  return kind;
}

OpenItemKind approved_unexported(Db& db, AwardYear year) {
  OpenItemKind kind{"approved_unexported", "已审批未导出的支付批次", 0, Money()};
  for (const BatchSummary& batch : list_batches(db, int64_t{year.value})) {
    if (batch.state != BatchState::approved || batch.export_count > 0) continue;
    ++kind.count;
    kind.amount += batch.total;
  }
  return kind;
}

}  // namespace

int64_t OpenItems::total_count() const {
  int64_t total = 0;
  for (const OpenItemKind& kind : kinds) total += kind.count;
  return total;
}

OpenItems open_items_of_year(Db& db, FiscalYear year) {
  const AwardYear award_year = AwardYear::known(year.value);
  const std::map<std::string, Money> payables = payables_for_year(db, award_year);
  OpenItems items;
  items.kinds.push_back(rejected_unpaid(db, award_year, payables));
  items.kinds.push_back(without_account(db, payables));
  items.kinds.push_back(held_awards(db, award_year));
  items.kinds.push_back(regions_owing(db, year));
  items.kinds.push_back(approved_unexported(db, award_year));
  for (const OpenItemKind& kind : items.kinds) {
    SUBSIDY_ASSERT(kind.count >= 0 && !kind.amount.is_negative());
  }
  return items;
}

std::string format_open_items(const OpenItems& items) {
  std::ostringstream text;
  for (const OpenItemKind& kind : items.kinds) {
    text << "  " << kind.label << ": " << kind.count << " 项, 金额 " << format_grouped(kind.amount)
         << "\n";
  }
  return text.str();
}

std::string open_items_summary(const OpenItems& items) {
  std::string summary;
  for (const OpenItemKind& kind : items.kinds) {
    if (kind.count == 0) continue;
    if (!summary.empty()) summary += "; ";
    summary += kind.label + " " + std::to_string(kind.count) + " 项 " + format_plain(kind.amount);
  }
  return summary.empty() ? "无" : summary;
}

}  // namespace subsidy::ops
