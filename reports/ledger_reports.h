// The reports of the reconciliation issue, each read from the ledger (entries and lines of one
// fiscal year), the assessment record kept beside it and the master data for names, never from
// recomputed inputs; each states the ledger head digest it was made from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/years.h"
#include "ledger/store/store.h"
#include "ledger/tables/table.h"

namespace subsidy::reports {

// The report names of the interface, in the order the audit pack writes them:
// enterprise-statement, tax-retention, loan-interest, cost-sharing, awards-by-scheme,
// disbursement, trial-balance, policy-targets, balance-sheet, income-expenditure. build_report
// also takes each one's Chinese name (企业明细, 留成限额, 贷款贴息, 成本分担, 分类别奖补汇总, 拨付,
// 试算平衡 or 科目余额表, 目标完成情况, 资产负债表, 收入支出表).
const std::vector<std::string>& report_names();

// Builds report `name` for award / fiscal year `year` from the ledger in `db` (read only, in one
// read transaction), with words in cells (statuses, line labels) in `lang`.
// Throws UsageError for an unknown name (listing the known ones), RefusedError when the ledger
// cannot be read or a sum leaves the Money range.
ReportTable build_report(Db& db, std::string_view name, AwardYear year,
                         Language lang = Language::zh);
// Several reports from one read transaction, so that they all state (and show) the same ledger
// state; in the order of `names`. Throws as build_report.
std::vector<ReportTable> build_reports(Db& db, const std::vector<std::string>& names,
                                       AwardYear year, Language lang = Language::zh);

// The rows of `table` (a report with a `region_code` column: cost-sharing) of one region only, with
// its totals recomputed from them: what a region's own finance office is shown, by the command line
// (`--region`) and by the server (the `region:<code>` role) alike. The text layout is kept.
// Throws UsageError (from column_index) when the table has no region_code column.
ReportTable only_region(const ReportTable& table, const std::string& region);

}  // namespace subsidy::reports
