// The numeric inputs of an application, declared once: one enum, one constexpr table indexed by it
// (the name in the CSV and in policy files, the column of application_versions, a Chinese label,
// money in fen or a count), and InputValues, the values of one application held in an array
// indexed by the same enum. Import, the engine, the policy loader, the assessment inputs and the
// demo generator read their column lists from here; migration 001 declares the same columns, and
// tests/masterdata/masterdata_schema_test.cpp checks that they agree.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "ledger/base/check.h"
#include "ledger/money/money.h"

namespace subsidy {

// The optional application columns a scheme's formula or conditions may read (INTERFACE.md).
enum class InputColumn : uint8_t {
  equipment_amount,
  software_amount,
  total_investment,
  rd_expense,
  info_investment,
  loan_amount,
  service_revenue,
  staff_count,  // the only integer column; all others are Money
};
inline constexpr size_t kInputColumnCount = static_cast<size_t>(InputColumn::staff_count) + 1;

// Money is stored in fen; a count is a plain non-negative whole number (never money).
enum class InputKind : uint8_t { money, count };

struct InputColumnInfo {
  InputColumn column;
  std::string_view name;           // the CSV header and the policy files' field name
  std::string_view schema_column;  // the column of application_versions / applications
  std::string_view label_zh;       // for people
  InputKind kind;
};

inline constexpr std::array<InputColumnInfo, kInputColumnCount> kInputColumns = {{
    {InputColumn::equipment_amount, "equipment_amount", "equipment_amount_fen", "设备投资额",
     InputKind::money},
    {InputColumn::software_amount, "software_amount", "software_amount_fen", "软件投资额",
     InputKind::money},
    {InputColumn::total_investment, "total_investment", "total_investment_fen", "项目总投资",
     InputKind::money},
    {InputColumn::rd_expense, "rd_expense", "rd_expense_fen", "研发费用", InputKind::money},
    {InputColumn::info_investment, "info_investment", "info_investment_fen", "信息化投入",
     InputKind::money},
    {InputColumn::loan_amount, "loan_amount", "loan_amount_fen", "贷款金额", InputKind::money},
    {InputColumn::service_revenue, "service_revenue", "service_revenue_fen", "服务收入",
     InputKind::money},
    {InputColumn::staff_count, "staff_count", "staff_count", "从业人数", InputKind::count},
}};

// Every enumerator has its row, in enum order, with every text given.
constexpr bool input_table_is_complete() {
  for (size_t i = 0; i < kInputColumns.size(); ++i) {
    const InputColumnInfo& info = kInputColumns[i];
    if (static_cast<size_t>(info.column) != i) return false;
    if (info.name.empty() || info.schema_column.empty() || info.label_zh.empty()) return false;
  }
  return true;
}
static_assert(input_table_is_complete(), "kInputColumns: one row per InputColumn, in enum order");
static_assert(kInputColumns[static_cast<size_t>(InputColumn::staff_count)].kind == InputKind::count,
              "staff_count is a count, never money");

// The table row of a column.
constexpr const InputColumnInfo& input_column(InputColumn column) {
  return kInputColumns[static_cast<size_t>(column)];
}

// "equipment_amount", ...: the CSV column name.
constexpr std::string_view column_name(InputColumn column) {
  return input_column(column).name;
}

// The column of a CSV name; nullopt for any other name.
constexpr std::optional<InputColumn> column_from_name(std::string_view name) {
  for (const InputColumnInfo& info : kInputColumns) {
    if (info.name == name) return info.column;
  }
  return std::nullopt;
}

// The eight input values of one application, indexed by InputColumn; nullopt: the cell was empty.
// money() and count() assert the column's kind, so a count is never read as money or back.
class InputValues {
 public:
  // The value of a money column.
  std::optional<Money> money(InputColumn column) const {
    SUBSIDY_ASSERT(input_column(column).kind == InputKind::money);
    const std::optional<int64_t>& fen = values_[static_cast<size_t>(column)];
    if (!fen) return std::nullopt;
    return Money::from_fen(*fen);
  }
  // The value of a count column (staff_count).
  std::optional<int64_t> count(InputColumn column) const {
    SUBSIDY_ASSERT(input_column(column).kind == InputKind::count);
    return values_[static_cast<size_t>(column)];
  }
  void set_money(InputColumn column, std::optional<Money> value) {
    SUBSIDY_ASSERT(input_column(column).kind == InputKind::money);
    values_[static_cast<size_t>(column)] =
        value ? std::optional<int64_t>(value->fen()) : std::nullopt;
  }
  void set_count(InputColumn column, std::optional<int64_t> value) {
    SUBSIDY_ASSERT(input_column(column).kind == InputKind::count);
    values_[static_cast<size_t>(column)] = value;
  }
  // The stored number whatever the kind: fen for money, the count for a count.
  std::optional<int64_t> raw(InputColumn column) const {
    return values_[static_cast<size_t>(column)];
  }
  void set_raw(InputColumn column, std::optional<int64_t> value) {
    values_[static_cast<size_t>(column)] = value;
  }

  bool operator==(const InputValues&) const = default;

 private:
  std::array<std::optional<int64_t>, kInputColumnCount> values_{};
};

}  // namespace subsidy
