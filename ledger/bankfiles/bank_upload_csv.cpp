// The online-banking batch CSV: template reading (TOML) and the writer.
#include "ledger/bankfiles/bank_upload_csv.h"

#include <toml++/toml.h>
#include <array>
#include <set>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/base/utf8.h"

namespace subsidy {

namespace {

struct FieldName {
  std::string_view name;
  UploadField field;
};

constexpr std::array<FieldName, 9> kFieldNames = {{
    {"payee_account", UploadField::payee_account},
    {"payee_name", UploadField::payee_name},
    {"payee_bank_name", UploadField::payee_bank_name},
    {"payee_cnaps", UploadField::payee_cnaps},
    {"amount", UploadField::amount},
    {"remittance", UploadField::remittance},
    {"end_to_end_id", UploadField::end_to_end_id},
    {"uscc", UploadField::uscc},
    {"batch_id", UploadField::batch_id},
}};

bool upload_all_digits(const std::string& text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string field_value(const PaymentBatch& batch, const PaymentItem& item, UploadField field) {
  switch (field) {
    case UploadField::payee_account:
      return item.account_no;
    case UploadField::payee_name:
      return item.payee_name;
    case UploadField::payee_bank_name:
      return item.bank_name;
    case UploadField::payee_cnaps:
      return item.cnaps_code;
    case UploadField::amount:
      return format_plain(item.amount);
    case UploadField::remittance:
      return remittance_text(item);  // cut by bank_upload_rows
    case UploadField::end_to_end_id:
      return item.end_to_end_id;
    case UploadField::uscc:
      return item.uscc;
    case UploadField::batch_id:
      return batch.batch_id;
  }
  return {};
}

std::string quoted(const std::string& value) {
  const bool needs = value.find_first_of(",\"") != std::string::npos ||
                     (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs) return value;
  std::string out = "\"";
  for (const char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

[[noreturn]] void template_problem(const std::string& label, const toml::source_region& where,
                                   const std::string& key, const std::string& reason) {
  throw InputError({{label, static_cast<int64_t>(where.begin.line), key, reason}});
}

UploadColumn read_column(const toml::node& node, const std::string& label) {
  const toml::table* entry = node.as_table();
  if (entry == nullptr) {
    template_problem(label, node.source(), "columns",
                     "each column is { heading = ..., field = ... }");
  }
  const auto heading = (*entry)["heading"].value<std::string>();
  const auto field_name = (*entry)["field"].value<std::string>();
  if (!heading || heading->empty() || !is_clean_utf8(*heading)) {
    template_problem(label, node.source(), "heading", "missing, empty or not clean text");
  }
  const auto field = field_name ? upload_field_from_name(*field_name) : std::nullopt;
  if (!field) {
    template_problem(label, node.source(), "field",
                     "unknown field '" + field_name.value_or("") +
                         "' (payee_account, payee_name, "
                         "payee_bank_name, payee_cnaps, amount, remittance, end_to_end_id, uscc, "
                         "batch_id)");
  }
  return UploadColumn{*heading, *field};
}

}  // namespace

std::optional<UploadField> upload_field_from_name(std::string_view name) {
  for (const FieldName& known : kFieldNames) {
    if (known.name == name) return known.field;
  }
  return std::nullopt;
}

std::string cut_to_gbk_bytes(std::string_view text, size_t max_bytes) {
  if (max_bytes == 0) return std::string(text);
  size_t used = 0;
  size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    const size_t width = lead < 0x80 ? 1 : 2;
    if (used + width > max_bytes || at + length > text.size()) break;
    used += width;
    at += length;
  }
  SUBSIDY_ASSERT(used <= max_bytes && at <= text.size());
  return std::string(text.substr(0, at));
}

std::optional<BankUploadTemplate> builtin_upload_template(std::string_view name) {
  BankUploadTemplate bank = default_upload_template();
  if (name == "generic") return bank;
  if (name == "gbk") {
    bank.name = "gbk";
    bank.encoding = Encoding::gbk;
    return bank;
  }
  if (name == "excel") {
    bank.name = "excel";
    bank.excel_text = true;
    return bank;
  }
  return std::nullopt;
}

std::string_view builtin_upload_template_names() { return "generic, gbk, excel"; }

std::vector<std::vector<std::string>> bank_upload_rows(const PaymentBatch& batch,
                                                       const BankUploadTemplate& bank) {
  check_payment_batch(batch);
  std::vector<std::vector<std::string>> rows;
  if (bank.header) {
    std::vector<std::string> headings;
    for (const UploadColumn& column : bank.columns) headings.push_back(column.heading);
    rows.push_back(std::move(headings));
  }
  for (const PaymentItem& item : batch.items) {
    std::vector<std::string> cells;
    for (const UploadColumn& column : bank.columns) {
      std::string value = field_value(batch, item, column.field);
      if (column.field == UploadField::remittance) {
        value = cut_to_gbk_bytes(value, bank.remittance_max_bytes);
      }
      const bool code = column.field == UploadField::payee_account ||
                        column.field == UploadField::payee_cnaps ||
                        column.field == UploadField::uscc;
      if (bank.excel_text && code && upload_all_digits(value)) value = "=\"" + value + "\"";
      cells.push_back(std::move(value));
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

BankUploadTemplate default_upload_template() {
  return BankUploadTemplate{"generic",
                            {{"收款账号", UploadField::payee_account},
                             {"收款户名", UploadField::payee_name},
                             {"收款行名称", UploadField::payee_bank_name},
                             {"收款行行号", UploadField::payee_cnaps},
                             {"金额", UploadField::amount},
                             {"用途", UploadField::remittance},
                             {"备注", UploadField::end_to_end_id}},
                            Encoding::utf8,
                            true,
                            true,
                            60,
                            false};
}

BankUploadTemplate parse_upload_template(std::string_view toml_text, const std::string& label) {
  constexpr size_t kMaxColumns = 50;
  toml::table root;
  try {
    root = toml::parse(toml_text, label);
  } catch (const toml::parse_error& e) {
    template_problem(label, e.source(), "", std::string(e.description()));
  }
  BankUploadTemplate bank;
  bank.name = root["name"].value_or(label);
  bank.header = root["header"].value_or(true);
  bank.bom = root["bom"].value_or(true);
  bank.excel_text = root["excel_text"].value_or(false);
  const int64_t max_bytes = root["remittance_max_bytes"].value_or(int64_t{60});
  if (max_bytes < 0 || max_bytes > 10000) {
    template_problem(label, root.source(), "remittance_max_bytes", "0 (no limit) to 10000");
  }
  bank.remittance_max_bytes = static_cast<size_t>(max_bytes);
  const std::string encoding = root["encoding"].value_or(std::string("utf-8"));
  const auto known = text_encoding_from_name(encoding);
  if (!known)
    template_problem(label, root.source(), "encoding", "'" + encoding + "': utf-8 or gbk");
  bank.encoding = *known;
  const toml::array* columns = root["columns"].as_array();
  if (columns == nullptr || columns->empty() || columns->size() > kMaxColumns) {
    template_problem(label, root.source(), "columns", "1 to 50 columns are needed");
  }
  std::set<std::string> headings;
  for (const toml::node& node : *columns) {
    bank.columns.push_back(read_column(node, label));
    if (!headings.insert(bank.columns.back().heading).second) {
      template_problem(label, node.source(), "heading",
                       "'" + bank.columns.back().heading + "' appears twice");
    }
  }
  return bank;
}

std::string write_bank_upload_csv(const PaymentBatch& batch, const BankUploadTemplate& bank) {
  const std::vector<std::vector<std::string>> rows = bank_upload_rows(batch, bank);
  const bool gbk = bank.encoding == Encoding::gbk;
  std::string out = !gbk && bank.bom ? std::string("\xEF\xBB\xBF") : std::string();
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t i = 0; i < rows[r].size(); ++i) line += (i == 0 ? "" : ",") + quoted(rows[r][i]);
    line += "\r\n";
    const size_t item = bank.header ? r - (r > 0 ? 1 : 0) : r;
    const std::string what = bank.header && r == 0 ? "template " + bank.name
                                                   : "batch " + batch.batch_id + " item " +
                                                         batch.items[item].end_to_end_id;
    out += gbk ? utf8_to_gbk(line, what) : line;
  }
  return out;
}

}  // namespace subsidy
