// cost-sharing: per tax-attribution region (税收归属地), the awards booked for its enterprises in
// the year, the county's and the region's shares (rule C), what the region has paid the county
// (`subsidy settle`: Dr treasury, Cr region_due:<region>) and what it still owes (the year's net of
// its region_due account). The regions add up to the county totals; a chart compares the shares.
#include <set>

#include "ledger/books/chart.h"
#include "reports/ledger_facts.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

namespace {

struct RegionLine {
  std::set<std::string> enterprises;
  facts::BookedSums booked;
  Money settled;
  Money owed;
};

// The region of an award: the region_due account it debits; for county-only awards (loan
// interest) the enterprise's region in the assessment record, then in the master data.
std::string region_of(const facts::Application& item, const facts::Names& names) {
  if (!item.booking.region_code.empty()) return item.booking.region_code;
  if (item.assessed) return item.region_code;
  const auto found = names.enterprise_region.find(item.booking.uscc);
  return found == names.enterprise_region.end() ? std::string("?") : found->second;
}

}  // namespace

ReportTable cost_sharing(const Request& request) {
  ReportTable table("cost-sharing", "县区（园区）奖补资金分担", "Cost sharing by region",
                    request.year.value, request.head);
  table.add_column(text_column("region_code", "区域代码", "Region code"));
  table.add_column(text_column("region", "区域名称", "Region"));
  table.add_column(count_column("enterprises", "企业数", "Enterprises"));
  table.add_column(count_column("awards", "奖补笔数", "Awards"));
  table.add_column(money_column("award", "奖补金额", "Awards amount"));
  table.add_column(money_column("county_share", "县级承担", "County share"));
  table.add_column(money_column("region_share", "区域承担", "Region share"));
  table.add_column(money_column("settled", "区域已缴县财政", "Paid to county"));
  table.add_column(money_column("owed", "区域尚欠", "Still owed"));

  const facts::Names names = facts::master_names(request.db);
  std::map<std::string, RegionLine> regions;
  for (const facts::Application& item : facts::applications(request.db, request.year)) {
    if (!item.booked()) continue;
    RegionLine& line = regions[region_of(item, names)];
    line.enterprises.insert(item.enterprise());
    line.booked.add(item.booking);
  }
  const std::string due(chart::kRegionDue);
  for (const auto& [code, kinds] : facts::account_flows(request.db, request.fiscal_year(), due)) {
    RegionLine& line = regions[code];
    for (const auto& [kind, amount] : kinds) {
      line.owed += amount;
      if (kind == chart::kRegionPayment) line.settled -= amount;
    }
  }
  for (const auto& [code, line] : regions) {
    table.add_row({code, text_or_empty(names.region_name(code)),
                   static_cast<int64_t>(line.enterprises.size()), line.booked.awards,
                   line.booked.award, line.booked.county, line.booked.region, line.settled,
                   line.owed});
  }
  table.compute_totals();
  ChartSpec chart{ChartSpec::Kind::column,
                  "各区域县级与区域承担",
                  "County vs region share by region",
                  1,
                  {5, 6}};
  // The category axis needs a label in every row: the region names, or the codes when one lacks
  // a name.
  for (const auto& entry : regions) {
    if (names.region_name(entry.first).empty()) chart.category_column = 0;
  }
  table.add_chart(chart);
  return table;
}

}  // namespace subsidy::reports::builders
