// The six import kinds of INTERFACE.md: their CSV columns, their version tables and the validator
// that turns one record into the values stored (import_rows.h).

#include "ledger/base/check.h"
#include "ledger/masterdata/import_rows.h"
#include "ledger/policy/input_columns.h"

namespace subsidy::import_detail {

namespace {

const std::vector<std::string_view> kRegionKinds = {"park", "township", "street"};
const std::vector<std::string_view> kEvents = {
    "major_safety_accident", "major_env_pollution", "court_enforcement",      "serious_dishonesty",
    "resource_rating_c",     "resource_rating_d",   "general_safety_accident"};
constexpr std::string_view kFactorEvent = "general_safety_accident";
const std::vector<std::string_view> kBankColumns = {"bank_name", "cnaps_code", "account_no",
                                                    "account_name"};

std::vector<DbValue> validate_region(RowChecker& row) {
  return {row.region_code("region_code", false), row.text("name", true),
          row.one_of("kind", kRegionKinds)};
}

std::vector<DbValue> validate_enterprise(RowChecker& row) {
  std::vector<DbValue> values = {row.uscc("uscc", false),
                                 row.text("name", true),
                                 row.region_code("region_code", true),
                                 row.text("bank_name", false),
                                 row.cnaps_code("cnaps_code"),
                                 row.account_no("account_no"),
                                 row.text("account_name", false)};
  // A payment needs all four bank details; a partial set is a typing slip, not a choice.
  size_t given = 0;
  for (std::string_view column : kBankColumns)
    given += row.cell(column).empty() ? size_t{0} : size_t{1};
  if (given != 0 && given != kBankColumns.size()) {
    for (std::string_view column : kBankColumns) {
      if (!row.cell(column).empty()) continue;
      row.problem(column,
                  "is empty but other bank details are given; give bank_name, "
                  "cnaps_code, account_no and account_name together, or none");
      break;
    }
  }
  return values;
}

std::vector<DbValue> validate_tax(RowChecker& row) {
  return {row.uscc("uscc", true), row.year("year"), row.money("local_retained_tax", true)};
}

std::vector<DbValue> validate_compliance(RowChecker& row) {
  std::vector<DbValue> values = {row.uscc("uscc", true), row.year("year"),
                                 row.one_of("event", kEvents), row.factor("factor")};
  const std::string_view event = row.cell("event");
  if (!row.cell("factor").empty() && event != kFactorEvent) {
    row.problem("factor", "a factor goes only with general_safety_accident, not with " +
                              std::string(event.empty() ? "an empty event" : event));
  }
  return values;
}

std::vector<DbValue> validate_project(RowChecker& row) {
  return {row.record_id("project_id"), row.uscc("uscc", true), row.text("name", true),
          row.money("superior_award", false)};
}

std::vector<DbValue> validate_application(RowChecker& row) {
  std::vector<DbValue> values = {row.record_id("application_id"), row.project("project_id"),
                                 row.year("year"), row.text("scheme", true)};
  for (const InputColumnInfo& input : kInputColumns) {
    values.push_back(input.kind == InputKind::money ? row.money(input.name, false)
                                                    : row.count(input.name));
  }
  const DbValue& year = values[2];
  const std::string_view scheme = row.cell("scheme");
  if (!year || scheme.empty()) return values;
  SUBSIDY_ASSERT_MSG(row.schemes() != nullptr,
                     "import_file requires a SchemeCatalog for applications");
  const auto inputs = row.schemes()->inputs_of(scheme, static_cast<int>(std::get<int64_t>(*year)));
  if (!inputs) {
    row.problem("scheme", std::string(scheme) + " is not a scheme of the policy for " +
                              std::to_string(std::get<int64_t>(*year)));
    return values;
  }
  for (const std::string& input : *inputs) {
    if (row.cell(input).empty()) {
      row.problem(input, "is empty but scheme " + std::string(scheme) + " needs it");
    }
  }
  return values;
}

// The key and text columns, then the eight inputs of input_columns.h, in the table's order (the
// order validate_application gives the values in).
std::vector<std::string_view> application_db_columns() {
  std::vector<std::string_view> columns = {"application_id", "project_id", "year", "scheme"};
  for (const InputColumnInfo& input : kInputColumns) columns.push_back(input.schema_column);
  return columns;
}

std::vector<ColumnSpec> application_csv_columns() {
  std::vector<ColumnSpec> columns = {{"application_id", true, "申请编号"},
                                     {"project_id", true, "项目编号"},
                                     {"year", true, "年度"},
                                     {"scheme", true, "奖励类别"}};
  for (const InputColumnInfo& input : kInputColumns) {
    columns.push_back({input.name, false, input.label_zh});
  }
  return columns;
}

}  // namespace

const KindSpec& spec_of(ImportKind kind) {
  static const std::vector<KindSpec> specs = {
      {ImportKind::regions,
       "region_versions",
       {"region_code", "name", "kind"},
       1,
       {{"region_code", true, "地区代码"}, {"name", true, "地区名称"}, {"kind", true, "地区类型"}},
       validate_region},
      {ImportKind::enterprises,
       "enterprise_versions",
       {"uscc", "name", "region_code", "bank_name", "cnaps_code", "account_no", "account_name"},
       1,
       {{"uscc", true, "统一社会信用代码"},
        {"name", true, "企业名称"},
        {"region_code", true, "地区代码"},
        {"bank_name", false, "开户银行"},
        {"cnaps_code", false, "联行号"},
        {"account_no", false, "银行账号"},
        {"account_name", false, "账户名称"}},
       validate_enterprise},
      {ImportKind::tax,
       "tax_versions",
       {"uscc", "year", "local_retained_tax_fen"},
       2,
       {{"uscc", true, "统一社会信用代码"},
        {"year", true, "年度"},
        {"local_retained_tax", true, "地方留成税收"}},
       validate_tax},
      {ImportKind::compliance,
       "compliance_versions",
       {"uscc", "year", "event", "factor"},
       3,
       {{"uscc", true, "统一社会信用代码"},
        {"year", true, "年度"},
        {"event", true, "事件"},
        {"factor", false, "系数"}},
       validate_compliance},
      {ImportKind::projects,
       "project_versions",
       {"project_id", "uscc", "name", "superior_award_fen"},
       1,
       {{"project_id", true, "项目编号"},
        {"uscc", true, "统一社会信用代码"},
        {"name", true, "项目名称"},
        {"superior_award", false, "上级奖励"}},
       validate_project},
      {ImportKind::applications, "application_versions", application_db_columns(), 1,
       application_csv_columns(), validate_application},
  };
  SUBSIDY_ASSERT_MSG(specs.size() == static_cast<size_t>(ImportKind::applications) + 1,
                     "one spec per ImportKind");
  const KindSpec& spec = specs[static_cast<size_t>(kind)];
  SUBSIDY_ASSERT_MSG(spec.kind == kind, "specs are listed in ImportKind order");
  return spec;
}

}  // namespace subsidy::import_detail
