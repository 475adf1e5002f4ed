// The CSV return reader: the project's CSV reader (ledger/csv.h) for the file's structure, then
// the checks of each row. Every problem is collected, so that the person fixing the file sees all
// of them at once.
#include "ledger/bankfiles/bank_return_csv.h"

#include <map>
#include <set>

#include "ledger/base/csv.h"
#include "ledger/base/error.h"
#include "ledger/payments/payment_batch.h"
#include "ledger/base/utf8.h"

namespace subsidy {

namespace {

std::optional<std::string> status_from_word(const std::string& word) {
  if (status_class(word)) return word;
  static const std::map<std::string, std::string> kWords = {
      {"成功", "ACSC"}, {"失败", "RJCT"}, {"处理中", "PDNG"}};
  if (auto found = kWords.find(word); found != kWords.end()) return found->second;
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

Columns find_columns(const std::vector<std::string>& header, const std::string& label) {
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < header.size(); ++i) at.emplace(header[i], i);
  std::vector<InputProblem> problems;
  for (const char* name : {"EndToEndId", "status", "reason"}) {
    if (!at.count(name)) problems.push_back({label, 1, name, "missing column"});
  }
  if (!problems.empty()) throw InputError(problems);
  Columns columns{at["EndToEndId"], at["status"], at["reason"], std::nullopt};
  if (at.count("amount")) columns.amount = at["amount"];
  return columns;
}

}  // namespace

BankReturn read_bank_return_csv(std::string_view bytes, const std::string& label) {
  CsvLimits limits;
  limits.max_lines = static_cast<int64_t>(kMaxBatchItems) * 2;  // rows may hold line breaks
  const CsvTable table = parse_csv(bytes, label, limits);
  const Columns columns = find_columns(table.header, label);
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
    if (auto status = status_from_word(word)) {
      row.status = *status;
    } else {
      problem("status", "unknown status '" + printable(word) + "' (an ISO 20022 code, 成功, 失败 or 处理中)");
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
