// The application's inputs declared once (input_columns.h): every name found back, money kept in
// fen and the count kept a count, and the CSV header of the import spelled by the table.
#include <catch2/catch.hpp>

#include <string>

#include "ledger/policy/input_columns.h"

using namespace subsidy;

TEST_CASE("every input column is found back by its name, and nothing else is") {
  for (const InputColumnInfo& info : kInputColumns) {
    INFO(std::string(info.name));
    REQUIRE(column_from_name(info.name) == info.column);
    CHECK(column_name(info.column) == info.name);
    // money columns are stored in fen, the count as itself
    CHECK(info.schema_column == (info.kind == InputKind::money ? std::string(info.name) + "_fen"
                                                               : std::string(info.name)));
  }
  CHECK_FALSE(column_from_name("equipment_amount_fen"));
  CHECK_FALSE(column_from_name(""));
  static_assert(column_from_name("staff_count") == InputColumn::staff_count);
}

TEST_CASE("InputValues keeps money in fen and the staff count as a count") {
  InputValues values;
  CHECK_FALSE(values.money(InputColumn::rd_expense));
  values.set_money(InputColumn::rd_expense, Money::from_fen(700'000'000));
  values.set_count(InputColumn::staff_count, 20);
  CHECK(values.money(InputColumn::rd_expense) == Money::from_fen(700'000'000));
  CHECK(values.raw(InputColumn::rd_expense) == 700'000'000);
  CHECK(values.count(InputColumn::staff_count) == 20);
  CHECK_FALSE(values.money(InputColumn::loan_amount));
  values.set_money(InputColumn::rd_expense, std::nullopt);
  CHECK_FALSE(values.raw(InputColumn::rd_expense));
}
