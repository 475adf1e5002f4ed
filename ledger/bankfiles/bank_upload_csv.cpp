// The online-banking batch CSV: template reading (TOML) and the writer.
#include "ledger/bankfiles/bank_upload_csv.h"

#include <toml++/toml.h>
#include <array>
#include <set>

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
      return remittance_text(item);
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

BankUploadTemplate default_upload_template() {
  return BankUploadTemplate{"default",
                            {{"收款账号", UploadField::payee_account},
                             {"收款户名", UploadField::payee_name},
                             {"收款行名称", UploadField::payee_bank_name},
                             {"收款行行号", UploadField::payee_cnaps},
                             {"金额", UploadField::amount},
                             {"用途", UploadField::remittance},
                             {"备注", UploadField::end_to_end_id}},
                            Encoding::utf8,
                            true};
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
  check_payment_batch(batch);
  const auto row = [&](const std::vector<std::string>& cells, const std::string& what) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) line += (i == 0 ? "" : ",") + quoted(cells[i]);
    line += "\r\n";
    return bank.encoding == Encoding::gbk ? utf8_to_gbk(line, what) : line;
  };
  std::string out;
  if (bank.header) {
    std::vector<std::string> headings;
    for (const UploadColumn& column : bank.columns) headings.push_back(column.heading);
    out += row(headings, "template " + bank.name);
  }
  for (const PaymentItem& item : batch.items) {
    std::vector<std::string> cells;
    for (const UploadColumn& column : bank.columns) {
      cells.push_back(field_value(batch, item, column.field));
    }
    out += row(cells, "batch " + batch.batch_id + " item " + item.end_to_end_id);
  }
  return out;
}

}  // namespace subsidy
