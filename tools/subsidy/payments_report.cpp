// The batch report: reading it from the ledger and writing it as a table, CSV or JSON. Its items
// and exclusions are ReportTables written by the common writers (ledger/tables); the JSON keeps the
// batch's own document, which scripts read.
#include "payments_report.h"

#include <nlohmann/json.hpp>

#include <map>

#include "ledger/books/ledger_verify.h"
#include "ledger/store/store.h"
#include "ledger/tables/writers.h"
#include "ledger/base/text_border.h"

namespace subsidy::cli {

namespace {

struct Labels {
  const char* title;
  const char* state;
  const char* year;
  const char* made;
  const char* approved;
  const char* payer;
  const char* total;
  std::vector<std::string> item_headings;
  std::vector<std::string> exclusion_headings;
  const char* excluded;
  const char* account_changed;
  const char* by_state;
  const char* previously_rejected;
  const char* unauthenticated;
};

const Labels kChinese = {
    "付款批次",
    "状态",
    "奖补年度",
    "制单",
    "审批",
    "付款人",
    "合计",
    {"序号", "流水号", "统一社会信用代码", "收款户名", "金额", "状态", "银行状态", "原因", "提示"},
    {"统一社会信用代码", "应付余额", "未纳入原因"},
    "未纳入本批次",
    "账户30日内变更",
    "按状态",
    "此前被银行退回",
    "银行状态未经认证 (CSV 回单)"};
const Labels kEnglish = {
    "Payment batch",
    "state",
    "award year",
    "prepared",
    "approved",
    "payer",
    "total",
    {"no", "EndToEndId", "USCC", "payee", "amount", "state", "bank status", "reason", "flag"},
    {"USCC", "payable", "reason left out"},
    "left out of this batch",
    "account changed within 30 days",
    "by state",
    "rejected before",
    "bank status unauthenticated (CSV return)"};

// The warnings of an item: a recently changed account, an earlier rejection by the bank.
std::string flags(const ItemProgress& item, const Labels& l) {
  std::string text;
  if (item.account_changed_on) {
    text += "! " + std::string(l.account_changed) + " " + *item.account_changed_on;
  }
  if (item.previous_rejection) {
    text += (text.empty() ? "! " : "; ") + std::string(l.previously_rejected) + " " +
            *item.previous_rejection;
  }
  if (item.bank_status_unauthenticated) {
    text += (text.empty() ? "! " : "; ") + std::string(l.unauthenticated);
  }
  return text;
}

using reports::Cell;
using reports::ColumnType;

// The text layout of the tables inside the report: no title or rules, indented under the header.
reports::TextLayout embedded_layout() {
  reports::TextLayout layout;
  layout.header = reports::TextLayout::Header::none;
  layout.rule = reports::TextLayout::Rule::none;
  layout.indent = "  ";
  return layout;
}

// The items of the batch, one row each; `numbered` puts the item's number (1, 2, …) first. The
// headings are those of `lang` (the table holds one language: Labels are chosen by it).
reports::ReportTable items_table(const BatchReport& report, const Labels& l, bool numbered) {
  reports::ReportTable table("batch-items", l.title, l.title, report.summary.year,
                             report.ledger_head);
  const std::vector<std::string>& h = l.item_headings;
  if (numbered) {
    table.add_column({"no", h[0], h[0], ColumnType::text, false, reports::Align::right});
  }
  table.add_column({"end_to_end_id", h[1], h[1], ColumnType::text});
  table.add_column({"uscc", h[2], h[2], ColumnType::text});
  table.add_column({"payee", h[3], h[3], ColumnType::text});
  table.add_column({"amount", h[4], h[4], ColumnType::money});
  table.add_column({"state", h[5], h[5], ColumnType::text});
  table.add_column({"bank_status", h[6], h[6], ColumnType::text});
  table.add_column({"reason", h[7], h[7], ColumnType::text});
  table.add_column({"flag", h[8], h[8], ColumnType::text});
  table.reserve_rows(report.items.size());
  for (size_t i = 0; i < report.items.size(); ++i) {
    const ItemProgress& item = report.items[i];
    reports::Row row{item.end_to_end_id, item.uscc,        item.payee_name, item.amount,
                     item.state,         item.bank_status, item.reason,     flags(item, l)};
    if (numbered) row.insert(row.begin(), std::to_string(i + 1));
    table.add_row(std::move(row));
  }
  return table;
}

// What was left out of the batch: the payee, the amount still payable and why.
reports::ReportTable exclusions_table(const std::vector<Exclusion>& exclusions, const Labels& l,
                                      int64_t year, const std::string& ledger_head) {
  reports::ReportTable table("batch-exclusions", l.excluded, l.excluded, year, ledger_head);
  const std::vector<std::string>& h = l.exclusion_headings;
  table.add_column({"uscc", h[0], h[0], ColumnType::text});
  table.add_column({"payable", h[1], h[1], ColumnType::money});
  table.add_column({"reason", h[2], h[2], ColumnType::text});
  for (const Exclusion& e : exclusions) table.add_row({e.uscc, e.payable, e.reason});
  table.set_text_layout(embedded_layout());
  return table;
}

void write_exclusions_block(const std::vector<Exclusion>& exclusions, const Labels& l, int64_t year,
                            const std::string& ledger_head, Language lang, std::ostream& out) {
  out << l.excluded << " (" << exclusions.size() << "):\n";
  reports::write_text(exclusions_table(exclusions, l, year, ledger_head), lang, out);
}

void write_table(const BatchReport& report, const Labels& l, Language lang, std::ostream& out) {
  const BatchSummary& s = report.summary;
  out << l.title << " " << s.reference << "  " << l.state << ": " << batch_state_name(s.state)
      << "  " << l.year << ": " << s.year << "\n";
  out << "  " << l.made << ": " << escape_for_line(s.created_by) << " " << s.created_at << "\n";
  if (!s.approved_by.empty()) {
    out << "  " << l.approved << ": " << escape_for_line(s.approved_by) << " " << s.approved_at
        << " sha256=" << s.approval_sha256 << "\n";
  }
  out << "  " << l.payer << ": " << report.batch.payer.name << " " << report.batch.payer.account_no
      << " " << report.batch.payer.bank_name << "\n";
  reports::ReportTable items = items_table(report, l, true);
  items.set_text_layout(embedded_layout());
  reports::write_text(items, lang, out);
  std::map<std::string, Money> by_state;
  for (const ItemProgress& item : report.items) by_state[item.state] += item.amount;
  out << "  " << l.total << ": " << format_grouped(s.total) << " (" << s.item_count << ")  "
      << l.by_state << ":";
  for (const auto& [state, amount] : by_state) out << " " << state << " " << format_grouped(amount);
  out << "\n";
  if (!report.exclusions.empty()) {
    write_exclusions_block(report.exclusions, l, s.year, report.ledger_head, lang, out);
  }
}

void write_json(const BatchReport& report, std::ostream& out) {
  const BatchSummary& s = report.summary;
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const ItemProgress& item : report.items) {
    items.push_back({{"end_to_end_id", item.end_to_end_id},
                     {"uscc", item.uscc},
                     {"payee", item.payee_name},
                     {"amount", format_plain(item.amount)},
                     {"state", item.state},
                     {"bank_status", item.bank_status},
                     {"reason", item.reason},
                     {"bank_status_authenticated", !item.bank_status_unauthenticated},
                     {"account_changed_on", item.account_changed_on
                                                ? nlohmann::ordered_json(*item.account_changed_on)
                                                : nlohmann::ordered_json(nullptr)},
                     {"previous_rejection", item.previous_rejection
                                                ? nlohmann::ordered_json(*item.previous_rejection)
                                                : nlohmann::ordered_json(nullptr)}});
  }
  nlohmann::ordered_json excluded = nlohmann::ordered_json::array();
  for (const Exclusion& e : report.exclusions) {
    excluded.push_back(
        {{"uscc", e.uscc}, {"payable", format_plain(e.payable)}, {"reason", e.reason}});
  }
  const nlohmann::ordered_json document = {{"batch_id", s.batch_id},
                                           {"reference", s.reference},
                                           {"year", s.year},
                                           {"state", batch_state_name(s.state)},
                                           {"created_by", s.created_by},
                                           {"created_at", s.created_at},
                                           {"approved_by", s.approved_by},
                                           {"approved_at", s.approved_at},
                                           {"approval_sha256", s.approval_sha256},
                                           {"total", format_plain(s.total)},
                                           {"items", items},
                                           {"excluded", excluded}};
  out << document.dump(2) << "\n";
}

// The CSV: the items table without the numbers, then one row per exclusion (state "excluded"),
// written by the common CSV writer.
void write_csv(const BatchReport& report, const Labels& l, Language lang, std::ostream& out) {
  reports::ReportTable table = items_table(report, l, false);
  for (const Exclusion& e : report.exclusions) {
    table.add_row(
        {Cell{}, e.uscc, Cell{}, e.payable, std::string("excluded"), Cell{}, e.reason, Cell{}});
  }
  reports::write_csv(table, lang, out);
}

}  // namespace

BatchReport read_batch_report(Db& db, int64_t batch_id) {
  ReadTransaction read(db);  // every part, and the digest, from one state of the ledger
  return BatchReport{batch_summary(db, batch_id), load_batch(db, batch_id),
                     batch_progress(db, batch_id), batch_exclusions(db, batch_id),
                     current_digest(db)};
}

void write_batch_report(const BatchReport& report, ReportFormat format, Language lang,
                        std::ostream& out) {
  const Labels& labels = lang == Language::zh ? kChinese : kEnglish;
  switch (format) {
    case ReportFormat::table:
      write_table(report, labels, lang, out);
      break;
    case ReportFormat::json:
      write_json(report, out);
      break;
    case ReportFormat::csv:
      write_csv(report, labels, lang, out);
      break;
  }
}

void write_exclusions(const std::vector<Exclusion>& exclusions, Language lang, std::ostream& out) {
  const Labels& l = lang == Language::zh ? kChinese : kEnglish;
  write_exclusions_block(exclusions, l, 0, "", lang, out);
}

}  // namespace subsidy::cli
