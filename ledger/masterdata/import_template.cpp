// The import templates (import_template.h), from the kinds' column declarations (import_kinds.cpp).
#include "ledger/masterdata/import_template.h"

#include <xlsxwriter.h>

#include <memory>

#include "ledger/base/error.h"
#include "ledger/masterdata/import_rows.h"

namespace subsidy {

namespace {

// The compliance events of INTERFACE.md with their Chinese names, for the codes sheet.
constexpr std::pair<std::string_view, std::string_view> kEventNames[] = {
    {"major_safety_accident", "重大安全事故"},    {"major_env_pollution", "重大环境污染事件"},
    {"court_enforcement", "被法院强制执行"},      {"serious_dishonesty", "严重失信"},
    {"resource_rating_c", "资源集约利用评价C类"}, {"resource_rating_d", "资源集约利用评价D类"},
    {"general_safety_accident", "一般安全事故"},
};

// An example value for each column that appears in some kind (the first kind's meaning).
std::string_view example_of(ImportKind kind, std::string_view column) {
  if (column == "name") {
    return kind == ImportKind::regions       ? "众兴工业园"
           : kind == ImportKind::enterprises ? "泗阳示例机械有限公司"
                                             : "智能化改造项目";
  }
  constexpr std::pair<std::string_view, std::string_view> kExamples[] = {
      {"region_code", "P01"},
      {"kind", "park"},
      {"uscc", "91321323MA1XXXXX0X"},
      {"bank_name", "中国工商银行泗阳支行"},
      {"cnaps_code", "102308000000"},
      {"account_no", "1110000000000000000"},
      {"account_name", "泗阳示例机械有限公司"},
      {"year", "2023"},
      {"local_retained_tax", "1200000.00"},
      {"event", "general_safety_accident"},
      {"factor", "0.50"},
      {"project_id", "P-2023-001"},
      {"superior_award", "0.00"},
      {"application_id", "A-2023-001"},
      {"scheme", "robot_purchase"},
      {"staff_count", "120"},
  };
  for (const auto& [name, value] : kExamples) {
    if (name == column) return value;
  }
  return "120000.00";  // the money inputs of applications
}

// Codes and identifiers Excel must keep as typed text (no number conversion).
bool is_text_column(std::string_view column) {
  return column != "year" && column != "local_retained_tax" && column != "factor" &&
         column != "superior_award" && column != "staff_count" &&
         column.find("amount") == std::string_view::npos && column != "total_investment" &&
         column != "rd_expense" && column != "info_investment" && column != "service_revenue";
}

void checked(lxw_error error, const std::string& path) {
  if (error != LXW_NO_ERROR) {
    throw RefusedError("cannot write " + path + ": " + lxw_strerror(error));
  }
}

void write_codes_sheet(lxw_workbook* book, lxw_format* bold, const Policy& policy,
                       const std::string& path) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "代码表");
  if (sheet == nullptr) throw RefusedError("cannot write " + path);
  checked(worksheet_write_string(sheet, 0, 0, "类别", bold), path);
  checked(worksheet_write_string(sheet, 0, 1, "代码", bold), path);
  checked(worksheet_write_string(sheet, 0, 2, "中文名称", bold), path);
  lxw_row_t row = 1;
  for (const Scheme& scheme : policy.schemes()) {
    checked(worksheet_write_string(sheet, row, 0, "奖励类别", nullptr), path);
    checked(worksheet_write_string(sheet, row, 1, scheme.code.c_str(), nullptr), path);
    checked(worksheet_write_string(sheet, row++, 2, scheme.name.c_str(), nullptr), path);
  }
  for (const auto& [code, name] : kEventNames) {
    checked(worksheet_write_string(sheet, row, 0, "事件", nullptr), path);
    checked(worksheet_write_string(sheet, row, 1, std::string(code).c_str(), nullptr), path);
    checked(worksheet_write_string(sheet, row++, 2, std::string(name).c_str(), nullptr), path);
  }
  checked(worksheet_set_column(sheet, 0, 2, 28, nullptr), path);
}

}  // namespace

std::vector<TemplateColumn> import_columns(ImportKind kind) {
  std::vector<TemplateColumn> columns;
  for (const auto& column : import_detail::spec_of(kind).csv_columns) {
    columns.push_back({column.name, column.name_zh, column.required});
  }
  return columns;
}

std::string template_csv(ImportKind kind) {
  std::string out = "\xEF\xBB\xBF";
  for (const TemplateColumn& column : import_columns(kind)) {
    out += (out.size() > 3 ? "," : "") + std::string(column.name_zh);
  }
  return out + "\r\n";
}

void write_template_xlsx(ImportKind kind, const Policy& policy, const std::string& path) {
  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) throw RefusedError("cannot create " + path);
  std::unique_ptr<lxw_workbook, lxw_error (*)(lxw_workbook*)> closer(book, workbook_close);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* text = workbook_add_format(book);
  format_set_num_format(text, "@");  // Excel's "Text" format
  lxw_worksheet* sheet = workbook_add_worksheet(book, std::string(import_kind_name(kind)).c_str());
  if (sheet == nullptr) throw RefusedError("cannot write " + path);
  lxw_col_t col = 0;
  for (const TemplateColumn& column : import_columns(kind)) {
    lxw_format* format = is_text_column(column.name) ? text : nullptr;
    checked(worksheet_set_column(sheet, col, col, 22, format), path);
    checked(worksheet_write_string(sheet, 0, col, std::string(column.name_zh).c_str(), bold), path);
    checked(worksheet_write_string(sheet, 1, col,
                                   std::string(example_of(kind, column.name)).c_str(), format),
            path);
    ++col;
  }
  write_codes_sheet(book, bold, policy, path);
  checked(workbook_close(closer.release()), path);
}

}  // namespace subsidy
