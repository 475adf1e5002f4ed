// The batch report: reading it from the ledger and writing it as a table, CSV or JSON.
#include "payments_report.h"

#include <nlohmann/json.hpp>

#include <map>

#include "ledger/base/display_width.h"

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

// An aligned table: columns in `right` are right-aligned (amounts).
void print_table(const std::vector<std::string>& headings,
                 const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right,
                 std::ostream& out) {
  std::vector<size_t> widths;
  for (const std::string& heading : headings) widths.push_back(display_width(heading));
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (size_t i = 0; i < cells.size(); ++i) {
      text += (i ? "  " : "") +
              (right[i] ? pad_left(cells[i], widths[i]) : pad_right(cells[i], widths[i]));
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << "  " << text << "\n";
  };
  line(headings);
  for (const auto& row : rows) line(row);
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

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

void write_table(const BatchReport& report, const Labels& l, std::ostream& out) {
  const BatchSummary& s = report.summary;
  out << l.title << " " << s.reference << "  " << l.state << ": " << batch_state_name(s.state)
      << "  " << l.year << ": " << s.year << "\n";
  out << "  " << l.made << ": " << s.created_by << " " << s.created_at << "\n";
  if (!s.approved_by.empty()) {
    out << "  " << l.approved << ": " << s.approved_by << " " << s.approved_at
        << " sha256=" << s.approval_sha256 << "\n";
  }
  out << "  " << l.payer << ": " << report.batch.payer.name << " " << report.batch.payer.account_no
      << " " << report.batch.payer.bank_name << "\n";
  std::vector<std::vector<std::string>> rows;
  std::map<std::string, Money> by_state;
  for (size_t i = 0; i < report.items.size(); ++i) {
    const ItemProgress& item = report.items[i];
    rows.push_back({std::to_string(i + 1), item.end_to_end_id, item.uscc, item.payee_name,
                    format_grouped(item.amount), item.state, item.bank_status, item.reason,
                    flags(item, l)});
    by_state[item.state] += item.amount;
  }
  print_table(l.item_headings, rows, {true, false, false, false, true, false, false, false, false},
              out);
  out << "  " << l.total << ": " << format_grouped(s.total) << " (" << s.item_count << ")  "
      << l.by_state << ":";
  for (const auto& [state, amount] : by_state) out << " " << state << " " << format_grouped(amount);
  out << "\n";
  if (!report.exclusions.empty()) {
    out << l.excluded << " (" << report.exclusions.size() << "):\n";
    std::vector<std::vector<std::string>> left_out;
    for (const Exclusion& e : report.exclusions) {
      left_out.push_back({e.uscc, format_grouped(e.payable), e.reason});
    }
    print_table(l.exclusion_headings, left_out, {false, true, false}, out);
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

void write_csv(const BatchReport& report, const Labels& l, std::ostream& out) {
  const auto row = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
    out << "\r\n";
  };
  out << "\xEF\xBB\xBF";  // so that Excel on a Chinese Windows reads UTF-8
  row(std::vector<std::string>(l.item_headings.begin() + 1, l.item_headings.end()));
  for (const ItemProgress& item : report.items) {
    row({item.end_to_end_id, item.uscc, item.payee_name, format_plain(item.amount), item.state,
         item.bank_status, item.reason, flags(item, l)});
  }
  for (const Exclusion& e : report.exclusions) {
    row({"", e.uscc, "", format_plain(e.payable), "excluded", "", e.reason, ""});
  }
}

}  // namespace

BatchReport read_batch_report(Db& db, int64_t batch_id) {
  return BatchReport{batch_summary(db, batch_id), load_batch(db, batch_id),
                     batch_progress(db, batch_id), batch_exclusions(db, batch_id)};
}

void write_batch_report(const BatchReport& report, ReportFormat format, Language lang,
                        std::ostream& out) {
  const Labels& labels = lang == Language::zh ? kChinese : kEnglish;
  switch (format) {
    case ReportFormat::table:
      write_table(report, labels, out);
      break;
    case ReportFormat::json:
      write_json(report, out);
      break;
    case ReportFormat::csv:
      write_csv(report, labels, out);
      break;
  }
}

void write_exclusions(const std::vector<Exclusion>& exclusions, Language lang, std::ostream& out) {
  const Labels& l = lang == Language::zh ? kChinese : kEnglish;
  out << l.excluded << " (" << exclusions.size() << "):\n";
  std::vector<std::vector<std::string>> rows;
  for (const Exclusion& e : exclusions)
    rows.push_back({e.uscc, format_grouped(e.payable), e.reason});
  print_table(l.exclusion_headings, rows, {false, true, false}, out);
}

}  // namespace subsidy::cli
