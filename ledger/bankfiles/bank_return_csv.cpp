// The CSV return reader: the project's CSV reader (ledger/csv.h) for the file's structure, then
// the checks of each row. Every problem is collected, so that the person fixing the file sees all
// of them at once.
#include "ledger/bankfiles/bank_return_csv.h"

#include <toml++/toml.h>

#include <map>
#include <set>

#include "ledger/base/check.h"
#include "ledger/base/csv.h"
#include "ledger/base/error.h"
#include "ledger/base/utf8.h"
#include "ledger/payments/payment_batch.h"

namespace subsidy {

namespace {

std::optional<std::string> status_from_word(const std::string& word,
                                            const BankReturnMapping& mapping) {
  if (status_class(word)) return word;
  const auto& words = mapping.status_words;
  if (auto found = words.find(word); found != words.end()) return found->second;
  return std::nullopt;
}

// "AC04 账户已销户" / "AC04:账户已销户" → code AC04 and its text; a lone word of 4 capitals and
// digits is a code; anything else is text.
StatusReason reason_from(const std::string& cell) {
  const auto is_code = [](std::string_view word) {
    if (word.size() != 4) return false;
    for (const char c : word) {
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
  };
  const size_t cut = cell.find_first_of(" :");
  if (is_code(cell.substr(0, cut))) {
    const size_t rest = cut == std::string::npos ? cell.size() : cut + 1;
    return StatusReason{cell.substr(0, cut), cell.substr(rest)};
  }
  return StatusReason{"", cell};
}

struct Columns {
  size_t end_to_end_id = 0, status = 0, reason = 0;
  std::optional<size_t> amount;
};

// The column of the first of `headings` the file has.
std::optional<size_t> column_of(const std::map<std::string, size_t>& at,
                                const std::vector<std::string>& headings) {
  for (const std::string& heading : headings) {
    if (auto found = at.find(heading); found != at.end()) return found->second;
  }
  return std::nullopt;
}

Columns find_columns(const std::vector<std::string>& header, const std::string& label,
                     const BankReturnMapping& mapping) {
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < header.size(); ++i) at.emplace(header[i], i);
  std::vector<InputProblem> problems;
  Columns columns;
  for (auto [field, headings] :
       {std::pair{&columns.end_to_end_id, &mapping.end_to_end_id},
        std::pair{&columns.status, &mapping.status}, std::pair{&columns.reason, &mapping.reason}}) {
    SUBSIDY_ASSERT(!headings->empty());
    if (auto column = column_of(at, *headings)) {
      *field = *column;
    } else {
      std::string also;
      for (size_t i = 1; i < headings->size(); ++i) also += (i == 1 ? "" : "、") + (*headings)[i];
      problems.push_back(
          {label, 1, headings->front(),
           also.empty() ? "missing column" : "missing column (缺少此列；也可名为 " + also + ")"});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  columns.amount = column_of(at, mapping.amount);
  return columns;
}

[[noreturn]] void mapping_problem(const std::string& label, const toml::source_region& where,
                                  const std::string& key, const std::string& reason) {
  throw InputError({{label, static_cast<int64_t>(where.begin.line), key, reason}});
}

// A [columns] entry: one heading or a list of them; `required` ones must be there.
std::vector<std::string> mapping_headings(const toml::table& columns, const std::string& key,
                                          bool required, const std::string& label) {
  const toml::node* node = columns.get(key);
  if (node == nullptr) {
    if (required) mapping_problem(label, columns.source(), key, "missing: the heading of " + key);
    return {};
  }
  std::vector<std::string> headings;
  if (auto one = node->value<std::string>()) headings.push_back(*one);
  if (const toml::array* many = node->as_array()) {
    for (const toml::node& item : *many) {
      if (auto text = item.value<std::string>()) headings.push_back(*text);
    }
  }
  if (headings.empty()) mapping_problem(label, node->source(), key, "a heading or a list of them");
  for (const std::string& heading : headings) {
    if (heading.empty() || !is_clean_utf8(heading)) {
      mapping_problem(label, node->source(), key,
                      "an empty heading or one with a control character");
    }
  }
  return headings;
}

}  // namespace

BankReturnMapping default_return_mapping() {
  return {"generic",
          {"EndToEndId", "支付编号", "备注", "客户流水号", "业务参考号", "端到端标识"},
          {"status", "状态", "交易状态", "处理状态", "交易结果", "处理结果"},
          {"reason", "原因", "失败原因", "返回信息", "错误信息", "说明"},
          {"amount", "金额", "交易金额"},
          {{"成功", "ACSC"},
           {"交易成功", "ACSC"},
           {"失败", "RJCT"},
           {"交易失败", "RJCT"},
           {"退票", "RJCT"},
           {"已退票", "RJCT"},
           {"处理中", "PDNG"}}};
}

BankReturnMapping parse_return_mapping(std::string_view toml_text, const std::string& label) {
  toml::table root;
  try {
    root = toml::parse(toml_text, label);
  } catch (const toml::parse_error& e) {
    mapping_problem(label, e.source(), "", std::string(e.description()));
  }
  const toml::table* columns = root["columns"].as_table();
  if (columns == nullptr) mapping_problem(label, root.source(), "columns", "missing: [columns]");
  BankReturnMapping mapping = default_return_mapping();
  mapping.name = root["name"].value_or(label);
  mapping.end_to_end_id = mapping_headings(*columns, "end_to_end_id", true, label);
  mapping.status = mapping_headings(*columns, "status", true, label);
  mapping.reason = mapping_headings(*columns, "reason", true, label);
  mapping.amount = mapping_headings(*columns, "amount", false, label);
  if (const toml::table* words = root["status"].as_table()) {
    for (const auto& [word, code] : *words) {
      const std::optional<std::string> iso = code.value<std::string>();
      if (!iso || !status_class(*iso)) {
        mapping_problem(label, code.source(), std::string(word.str()),
                        "an ISO 20022 status code (ACSC, RJCT, PDNG …)");
      }
      mapping.status_words[std::string(word.str())] = *iso;
    }
  }
  return mapping;
}

std::string bank_return_template_csv() {
  return "\xEF\xBB\xBF支付编号,状态,原因,金额\r\n";
}

BankReturn read_bank_return_csv(std::string_view bytes, const std::string& label,
                                const BankReturnMapping& mapping) {
  CsvLimits limits;
  limits.max_lines = static_cast<int64_t>(kMaxBatchItems) * 2;  // rows may hold line breaks
  const CsvTable table = parse_csv(bytes, label, limits);
  const Columns columns = find_columns(table.header, label, mapping);
  if (table.records.size() > kMaxBatchItems) {
    throw InputError({{label, 1, "", "more than " + std::to_string(kMaxBatchItems) + " rows"}});
  }
  BankReturn out;
  out.format = "csv";
  PaymentReturn rows;
  std::vector<InputProblem> problems;
  std::set<std::string> seen;
  for (const CsvRecord& record : table.records) {
    const auto problem = [&](const char* column, std::string reason) {
      problems.push_back({label, record.line, column, std::move(reason)});
    };
    TransactionReturn row;
    row.line = record.line;
    row.end_to_end_id = record.fields[columns.end_to_end_id];
    const std::string& word = record.fields[columns.status];
    const std::string& reason = record.fields[columns.reason];
    if (row.end_to_end_id.empty()) problem("EndToEndId", "empty");
    if (!seen.insert(row.end_to_end_id).second) problem("EndToEndId", "appears twice");
    if (auto status = status_from_word(word, mapping)) {
      row.status = *status;
    } else {
      problem("status", "unknown status '" + printable(word) +
                            "' (an ISO 20022 code, 成功, 失败 or 处理中; 无法识别的状态)");
    }
    if (!is_clean_utf8(reason) || !is_clean_utf8(row.end_to_end_id)) {
      problem("reason", "holds a control character");
    }
    row.reason = reason_from(reason);
    if (columns.amount) {
      auto amount = parse_money(record.fields[*columns.amount]);
      if (amount && !amount.value->is_negative()) {
        row.amount = amount.value;
        row.currency = "CNY";
      } else {
        problem("amount", amount ? "negative" : amount.error);
      }
    }
    rows.transactions.push_back(std::move(row));
  }
  if (!problems.empty()) throw InputError(problems);
  if (rows.transactions.empty()) throw InputError({{label, 1, "", "no rows after the header"}});
  out.payments.push_back(std::move(rows));
  return out;
}

}  // namespace subsidy
