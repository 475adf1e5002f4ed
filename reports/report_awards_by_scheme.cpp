// awards-by-scheme: the year's booked awards per scheme of the policy (section 三), with the county
// and region shares, and a bar chart of the amounts: where the money of the programme went.
#include "reports/ledger_facts.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

ReportTable awards_by_scheme(const Request& request) {
  ReportTable table("awards-by-scheme", "分类别奖补汇总", "Awards by scheme", request.year.value,
                    request.head);
  table.add_column(text_column("scheme", "奖补类别", "Scheme"));
  table.add_column(text_column("scheme_code", "类别代码", "Scheme code"));
  table.add_column(count_column("awards", "奖补笔数", "Awards"));
  table.add_column(money_column("award", "奖补金额", "Awards amount"));
  table.add_column(money_column("county_share", "县级承担", "County share"));
  table.add_column(money_column("region_share", "区域承担", "Region share"));

  std::map<std::string, facts::BookedSums> schemes;
  for (const facts::Application& item : facts::applications(request.db, request.year)) {
    if (!item.booked()) continue;
    schemes[item.assessed ? item.scheme : std::string("?")].add(item.booking);
  }
  for (const auto& [code, line] : schemes) {
    table.add_row(
        {scheme_label(request, code), code, line.awards, line.award, line.county, line.region});
  }
  table.compute_totals();
  table.add_chart({ChartSpec::Kind::bar, "分类别奖补金额", "Awards by scheme", 0, {3}});
  return table;
}

}  // namespace subsidy::reports::builders
