// policy-targets: the county's targets for 2024 in sections 一/二 of 泗政办发〔2022〕9号 that the
// ledger can count, against the projects (个) or enterprises (家) awarded so far: applications of
// award years up to the report year whose award the ledger booked and whose current assessment is
// `awarded`. The targets are the policy text's words, not policy parameters: they decide no amount.
#include <array>
#include <set>

#include "reports/ledger_facts.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

namespace {

struct Target {
  const char* key;
  const char* zh;
  const char* en;
  const char* clause;
  int64_t count;
  bool per_enterprise;  // 家: distinct enterprises; else 个: distinct projects
  std::vector<std::string> schemes;
};

// The targets, in the order of the policy text.
const std::array<Target, 10> kTargets = {{
    {"smart_workshop",
     "市级以上智能车间",
     "Municipal-or-higher smart workshops",
     "二(三)9",
     30,
     false,
     {"smart_workshop_municipal", "smart_workshop_provincial"}},
    {"smart_factory",
     "省级智能工厂",
     "Provincial smart factories",
     "二(三)9",
     1,
     false,
     {"smart_factory_provincial"}},
    {"smart_upgrade",
     "智能化技术改造项目",
     "Smart technical upgrade projects",
     "二(三)8",
     150,
     false,
     {"robot_purchase", "smart_equipment_project"}},
    {"first_set",
     "首台（套）装备",
     "First-of-a-kind equipment",
     "二(三)10",
     2,
     false,
     {"first_set_national", "first_set_provincial"}},
    {"digital_project",
     "数字化改造提升重点项目",
     "Key digital upgrade projects",
     "二(四)11",
     40,
     false,
     {"digital_project"}},
    {"benchmark_municipal",
     "市级互联网标杆工厂",
     "Municipal internet benchmark factories",
     "二(二)5",
     10,
     true,
     {"benchmark_factory_municipal", "benchmark_factory_provincial"}},
    {"benchmark_provincial",
     "省级互联网标杆工厂",
     "Provincial internet benchmark factories",
     "二(二)5",
     1,
     true,
     {"benchmark_factory_provincial"}},
    {"cloud",
     "星级上云企业",
     "Star-rated cloud enterprises",
     "二(四)12",
     200,
     true,
     {"cloud_3star", "cloud_4star", "cloud_5star"}},
    {"integration",
     "两化融合贯标企业",
     "Integration standard enterprises",
     "二(四)13",
     20,
     true,
     {"integration_5a", "integration_4a", "integration_3a", "integration_2a", "integration_a"}},
    {"service",
     "优秀服务机构",
     "Service institutions",
     "二(五)14",
     2,
     true,
     {"service_institution"}},
}};

// Awarded applications of award years up to a year that the ledger booked in fiscal years up to
// that year.
using Awarded = awards::BookedAward;

}  // namespace

ReportTable policy_targets(const Request& request) {
  ReportTable table("policy-targets", "2024年目标完成情况", "2024 policy targets",
                    request.year.value, request.head);
  table.add_column(text_column("target", "目标", "Target"));
  table.add_column(text_column("clause", "条款", "Clause"));
  table.add_column(text_column("schemes", "计入类别", "Schemes counted"));
  table.add_column(text_column("unit", "单位", "Unit"));
  table.add_column({"target_count", "目标数", "Target", ColumnType::integer, false});
  table.add_column({"achieved", "已奖补", "Achieved", ColumnType::integer, false});
  table.add_column({"remaining", "尚差", "Remaining", ColumnType::integer, false});
  table.add_column({"percent", "完成率", "Done", ColumnType::percent, false});

  const std::vector<Awarded> awarded = awards::awarded_and_booked_through(request.db, request.year);
  for (const Target& target : kTargets) {
    std::set<std::string> counted;  // distinct projects or enterprises
    for (const Awarded& item : awarded) {
      for (const std::string& scheme : target.schemes) {
        if (item.scheme == scheme)
          counted.insert(target.per_enterprise ? item.uscc : item.project_id);
      }
    }
    std::string schemes;
    for (const std::string& scheme : target.schemes)
      schemes += (schemes.empty() ? "" : ", ") + scheme;
    const auto achieved = static_cast<int64_t>(counted.size());
    table.add_row(
        {request.word(target.zh, target.en), std::string(target.clause), schemes,
         target.per_enterprise ? request.word("家", "enterprises") : request.word("个", "projects"),
         target.count, achieved, std::max<int64_t>(0, target.count - achieved),
         Permille{achieved * 1000 / target.count}});  // rounded down: never overstated
  }
  table.add_chart({ChartSpec::Kind::bar, "目标与已奖补", "Targets and achievements", 0, {4, 5}});
  return table;
}

}  // namespace subsidy::reports::builders
