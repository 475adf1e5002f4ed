// disbursement: per payment batch, what the ledger says happened to its money in the year — sent
// to the bank, confirmed, rejected (returned) and still in transit — read from the batch's lines on
// bank_in_transit (credited when sent, debited when confirmed or returned).
#include "ledger/books/chart.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

ReportTable disbursement(const Request& request) {
  ReportTable table("disbursement", "拨付批次核对", "Disbursement by batch", request.year,
                    request.head);
  table.add_column(text_column("batch_id", "批次号", "Batch"));
  table.add_column(count_column("entries", "凭证数", "Entries"));
  table.add_column(money_column("sent", "已发送", "Sent"));
  table.add_column(money_column("confirmed", "已确认", "Confirmed"));
  table.add_column(money_column("rejected", "被退回", "Rejected"));
  table.add_column(money_column("outstanding", "在途", "Outstanding"));

  // One SQL pass: the batch's lines on bank_in_transit by entry kind.
  Statement sums = request.db.prepare(
      "SELECT e.batch_id, e.kind, COUNT(DISTINCT e.entry_id), "
      "SUM(CASE WHEN l.amount_fen < 0 THEN -l.amount_fen ELSE 0 END), "
      "SUM(CASE WHEN l.amount_fen > 0 THEN l.amount_fen ELSE 0 END) "
      "FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.entry_id "
      "WHERE e.fiscal_year = ?1 AND e.batch_id IS NOT NULL AND l.account = ?2 "
      "GROUP BY e.batch_id, e.kind ORDER BY e.batch_id");
  sums.bind(1, request.year).bind(2, std::string(chart::kBankInTransit));
  struct BatchLine {
    int64_t entries = 0;
    Money sent, confirmed, rejected, outstanding;
  };
  std::map<int64_t, BatchLine> batches;
  while (sums.step()) {  // bounded: one row per batch and kind
    BatchLine& line = batches[sums.int64(0)];
    const std::string kind = sums.text(1);
    const Money credits = sums.money(3);
    const Money debits = sums.money(4);
    line.entries += sums.int64(2);
    line.outstanding += credits - debits;
    if (kind == chart::kPaymentSent) {
      line.sent += credits - debits;
    } else if (kind == chart::kPaymentRejected) {
      line.rejected += debits - credits;
    } else {
      line.confirmed += debits - credits;
    }
  }
  for (const auto& [batch, line] : batches) {
    table.add_row({std::to_string(batch), line.entries, line.sent, line.confirmed, line.rejected,
                   line.outstanding});
  }
  table.compute_totals();
  return table;
}

}  // namespace subsidy::reports::builders
