// The CSV return reader: a small RFC 4180 record splitter (quoted fields may hold commas, quotes
// and line breaks) and the checks of each row. Every problem is collected, so that the person
// fixing the file sees all of them at once.
#include "reports/bank_return_csv.h"

#include <map>
#include <set>

#include "ledger/error.h"
#include "reports/payment_batch.h"

namespace subsidy {

namespace {

struct Record {
  int64_t line = 0;  // physical line where the record starts
  std::vector<std::string> fields;
};

// Splits `text` into records. A quote inside an unquoted field, or an unterminated quote, is an
// error of the record where it happens.
std::vector<Record> split_records(std::string_view text, const std::string& label,
                                  size_t max_records) {
  std::vector<Record> records;
  Record current{1, {}};
  std::string field;
  bool quoted = false;
  bool field_started = false;
  int64_t line = 1;
  const auto end_record = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
    const bool blank = current.fields.size() == 1 && current.fields[0].empty();
    if (!blank) records.push_back(std::move(current));
    if (records.size() > max_records) {
      throw InputError({{label, line, "", "more than " + std::to_string(max_records) + " rows"}});
    }
    current = Record{line + 1, {}};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == '"') {
      throw InputError({{label, line, std::to_string(current.fields.size() + 1),
                         "quote inside an unquoted field"}});
    } else if (c == ',') {
      current.fields.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) throw InputError({{label, current.line, "", "a quoted field is never closed"}});
  end_record();
  return records;
}

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

Columns find_columns(const Record& header, const std::string& label) {
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < header.fields.size(); ++i) at.emplace(header.fields[i], i);
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
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::vector<Record> records = split_records(bytes, label, kMaxBatchItems + 1);
  if (records.empty()) throw InputError({{label, 1, "", "empty file: no header row"}});
  const Columns columns = find_columns(records[0], label);
  BankReturn out;
  out.format = "csv";
  PaymentReturn rows;
  std::vector<InputProblem> problems;
  std::set<std::string> seen;
  for (size_t r = 1; r < records.size(); ++r) {
    const Record& record = records[r];
    const auto problem = [&](const char* column, std::string reason) {
      problems.push_back({label, record.line, column, std::move(reason)});
    };
    if (record.fields.size() != records[0].fields.size()) {
      problem("", "has " + std::to_string(record.fields.size()) + " fields, the header has " +
                      std::to_string(records[0].fields.size()));
      continue;
    }
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
      problem("status", "unknown status '" + word + "' (an ISO 20022 code, 成功, 失败 or 处理中)");
    }
    if (!is_clean_utf8(reason) || !is_clean_utf8(row.end_to_end_id)) {
      problem("reason", "not clean UTF-8 text");
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
