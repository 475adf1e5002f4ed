// The cell checks of the importer (import_rows.h): trimming, required cells, years, amounts,
// counts, factors, identifiers and references, each refusal with its own reason.
#include <algorithm>

#include "ledger/base/text_border.h"
#include "ledger/masterdata/identifiers.h"
#include "ledger/masterdata/import_rows.h"
#include "ledger/money/decimal.h"
#include "ledger/money/money.h"

namespace subsidy::import_detail {

namespace {

constexpr int64_t kMinYear = 2000;
constexpr int64_t kMaxYear = 2100;
constexpr size_t kMaxCountDigits = 9;
// A factor is at most 0.90 (POLICY.md rule S: "0.90 unless a lower factor is recorded").
const Decimal kMaxFactor(Int128(90), -2);

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The border check a column's text gets: names that reach a bank file (the payee's account name,
// the bank's name) the strictest, other names no odd spaces, everything else the common checks.
TextKind border_kind(std::string_view column) {
  if (column == "account_name" || column == "bank_name") return TextKind::bank_name;
  if (column == "name") return TextKind::name;
  return TextKind::text;
}

std::string joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view name : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

// Excel's scientific notation of a long number, like 9.13213E+17: digits, an optional point, E+.
bool scientific_notation(std::string_view value) {
  const size_t e = value.find_first_of("Ee");
  if (e == std::string_view::npos || e == 0 || e + 2 > value.size() || value[e + 1] != '+') {
    return false;
  }
  const std::string_view mantissa = value.substr(0, e);
  const std::string_view exponent = value.substr(e + 2);
  return all_digits(exponent) && std::all_of(mantissa.begin(), mantissa.end(), [](char c) {
           return (c >= '0' && c <= '9') || c == '.';
         });
}

// An amount as Excel users type it: full-width digits (０-９), 万, or the full-width comma.
bool excel_style_amount(std::string_view value) {
  if (value.find("万") != std::string_view::npos || value.find("，") != std::string_view::npos) {
    return true;
  }
  for (size_t i = 0; i + 2 < value.size(); ++i) {
    if (value.substr(i, 2) == "\xEF\xBC" && static_cast<unsigned char>(value[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(value[i + 2]) <= 0x99) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool References::exists(Lookup& lookup, std::string_view sql, const std::string& key) {
  if (lookup.found.count(key) != 0) return true;
  if (!lookup.statement) lookup.statement.emplace(db_.prepare(sql));
  Statement& statement = *lookup.statement;
  statement.bind(1, key);
  const bool found = statement.step();
  statement.reset();
  if (found) lookup.found.insert(key);
  return found;
}

RowChecker::RowChecker(const KindSpec& spec, const std::vector<int>& field_of,
                       const CsvRecord& record, const std::string& file_name,
                       References& references, const SchemeCatalog* schemes,
                       std::vector<InputProblem>& problems, Language language)
    : spec_(spec),
      field_of_(field_of),
      record_(record),
      file_name_(file_name),
      references_(references),
      schemes_(schemes),
      problems_(problems),
      problems_before_(problems.size()),
      language_(language) {}

std::string_view RowChecker::cell(std::string_view column) const {
  for (size_t i = 0; i < spec_.csv_columns.size(); ++i) {
    if (spec_.csv_columns[i].name != column) continue;
    const int field = field_of_[i];
    return field < 0 ? std::string_view() : trim(record_.fields[static_cast<size_t>(field)]);
  }
  return {};  // not a column of this kind: a programmer error caught by the kinds' tests
}

void RowChecker::problem(std::string_view column, std::string reason) {
  for (size_t i = problems_before_; i < problems_.size(); ++i) {
    if (problems_[i].column == column) return;
  }
  problems_.push_back({file_name_, record_.line, std::string(column), std::move(reason)});
}

void RowChecker::check_border() {
  for (const ColumnSpec& column : spec_.csv_columns) {
    const std::string_view value = cell(column.name);
    if (value.empty()) continue;
    const BorderText checked = border_text(value, border_kind(column.name));
    if (!checked) problem(column.name, checked.problem->reason);
  }
}

DbValue RowChecker::text(std::string_view column, bool required) {
  const std::string_view value = cell(column);
  if (value.empty()) {
    if (required) problem(column, "is empty; a value is required");
    return std::nullopt;
  }
  BorderText checked = border_text(value, border_kind(column));
  if (!checked) {
    problem(column, checked.problem->reason);
    return std::nullopt;
  }
  return std::move(checked.text);
}

DbValue RowChecker::one_of(std::string_view column, const std::vector<std::string_view>& allowed) {
  const std::string_view value = cell(column);
  if (value.empty()) {
    problem(column, "is empty; one of " + joined(allowed) + " is required");
    return std::nullopt;
  }
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    problem(column, std::string(value) + " is not one of " + joined(allowed));
    return std::nullopt;
  }
  return std::string(value);
}

DbValue RowChecker::year(std::string_view column) {
  const std::string_view value = cell(column);
  if (value.empty()) {
    problem(column, "is empty; a year is required");
    return std::nullopt;
  }
  if (!all_digits(value) || value.size() > 4) {
    problem(column, std::string(value) + " is not a year (four digits, e.g. 2023)");
    return std::nullopt;
  }
  const int64_t year = std::stoll(std::string(value));
  if (year < kMinYear || year > kMaxYear) {
    problem(column, "year " + std::string(value) + " is outside 2000-2100");
    return std::nullopt;
  }
  return year;
}

DbValue RowChecker::money(std::string_view column, bool required) {
  const std::string_view value = cell(column);
  if (value.empty()) {
    if (required) problem(column, "is empty; an amount is required");
    return std::nullopt;
  }
  if (excel_style_amount(value)) {
    problem(column,
            say(language_,
                std::string(value) + "：金额只能用半角数字和小数点，不能有全角数字、“万”或“，”；"
                                     "例如 12万 请写成 120000.00",
                std::string(value) +
                    ": write amounts with ASCII digits and a point, without full-width "
                    "digits, 万 or '，'; e.g. 12万 as 120000.00"));
    return std::nullopt;
  }
  const Parsed<Money> parsed = parse_money(value);
  if (!parsed) {
    problem(column, std::string(value) + " " + parsed.error);
    return std::nullopt;
  }
  if (parsed.value->is_negative()) {
    problem(column, std::string(value) + " is negative; amounts are 0 or more");
    return std::nullopt;
  }
  return parsed.value->fen();
}

DbValue RowChecker::count(std::string_view column) {
  const std::string_view value = cell(column);
  if (value.empty()) return std::nullopt;
  if (!all_digits(value)) {
    problem(column, std::string(value) + " is not a whole number of 0 or more");
    return std::nullopt;
  }
  if (value.size() > kMaxCountDigits) {
    problem(column, std::string(value) + " is too large a count");
    return std::nullopt;
  }
  return std::stoll(std::string(value));
}

DbValue RowChecker::factor(std::string_view column) {
  const std::string_view value = cell(column);
  if (value.empty()) return std::nullopt;
  const Parsed<Decimal> parsed = Decimal::parse_plain(value);
  if (!parsed) {
    problem(column, std::string(value) + " is not a decimal number like 0.50");
    return std::nullopt;
  }
  const Decimal factor = *parsed.value;
  if (factor.exponent() < -2) {
    problem(column, std::string(value) + " has more than two decimals");
  } else if (factor.is_negative()) {
    problem(column, "factor " + std::string(value) + " is negative; it must be 0 to 0.90");
  } else if (factor > kMaxFactor) {
    problem(column, "factor " + std::string(value) + " is above 0.90; it must be 0 to 0.90");
  } else {
    // Stored with exactly two decimals, so that "0.5" and "0.50" are the same content.
    return factor.quantize(-2, Rounding::half_up).to_plain_string();
  }
  return std::nullopt;
}

DbValue RowChecker::identifier(std::string_view column, IdentifierCheck check, bool optional) {
  const std::string_view value = cell(column);
  if (optional && value.empty()) return std::nullopt;
  if (scientific_notation(value)) {
    problem(column, say(language_,
                        std::string(value) +
                            "：Excel 把代码变成了科学计数法的数字；请把该列设置为“文本”格式，"
                            "重新输入完整代码",
                        std::string(value) +
                            ": Excel turned the code into a number in scientific notation; format "
                            "the column as text and type the full code again"));
    return std::nullopt;
  }
  if (const auto reason = check(value)) {
    problem(column, value.empty() ? *reason : std::string(value) + ": " + *reason);
    return std::nullopt;
  }
  return std::string(value);
}

DbValue RowChecker::reference(std::string_view column, DbValue key, KeyLookup exists,
                              std::string_view what, std::string_view kind) {
  if (key && !(references_.*exists)(std::get<std::string>(*key))) {
    problem(column, std::string(what) + " " + std::get<std::string>(*key) +
                        " is not in the ledger; import it with `subsidy import " +
                        std::string(kind) + "` first");
    return std::nullopt;
  }
  return key;
}

DbValue RowChecker::region_code(std::string_view column, bool must_exist) {
  DbValue code = identifier(column, check_region_code, false);
  if (!must_exist) return code;
  return reference(column, std::move(code), &References::region_exists, "region", "regions");
}

DbValue RowChecker::uscc(std::string_view column, bool must_exist) {
  DbValue uscc = identifier(column, check_uscc, false);
  if (!must_exist) return uscc;
  return reference(column, std::move(uscc), &References::enterprise_exists, "enterprise",
                   "enterprises");
}

DbValue RowChecker::cnaps_code(std::string_view column) {
  return identifier(column, check_cnaps_code, true);
}

DbValue RowChecker::account_no(std::string_view column) {
  return identifier(column, check_account_no, true);
}

DbValue RowChecker::record_id(std::string_view column) {
  return identifier(column, check_record_id, false);
}

DbValue RowChecker::project(std::string_view column) {
  return reference(column, record_id(column), &References::project_exists, "project", "projects");
}

}  // namespace subsidy::import_detail
