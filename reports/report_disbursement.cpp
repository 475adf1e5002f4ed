// disbursement: per payment batch, what the ledger says happened to its money in the year — sent
// to the bank, confirmed, rejected (returned) and still in transit — read from the batch's lines on
// bank_in_transit (credited when sent, debited when confirmed or returned). A payment is one
// payment_sent entry (one per item of the batch), so 支付笔数 counts those and not every entry
// that touched the batch; the totals row says how many batches there are (批次数).
#include "ledger/books/chart.h"
#include "ledger/books/readers.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

ReportTable disbursement(const Request& request) {
  ReportTable table("disbursement", "拨付批次核对", "Disbursement by batch", request.year.value,
                    request.head);
  table.add_column(text_column("batch_id", "批次号", "Batch"));
  table.add_column(count_column("payments", "支付笔数", "Payments"));
  table.add_column(count_column("returned", "退回笔数", "Returned"));
  table.add_column(money_column("sent", "已发送", "Sent"));
  table.add_column(money_column("confirmed", "已确认", "Confirmed"));
  table.add_column(money_column("rejected", "被退回", "Rejected"));
  table.add_column(money_column("outstanding", "在途", "Outstanding"));

  // One pass: the batch's lines on bank_in_transit by entry kind.
  struct BatchLine {
    int64_t payments = 0;
    int64_t returned = 0;
    Money sent, confirmed, rejected, outstanding;
  };
  std::map<int64_t, BatchLine> batches;
  for (const books::BatchAccountSums& sums :
       books::batch_account_sums(request.db, request.fiscal_year(), chart::kBankInTransit)) {
    BatchLine& line = batches[sums.batch_id];
    const std::string& kind = sums.kind;
    const Money credits = sums.credits;
    const Money debits = sums.debits;
    line.outstanding += credits - debits;
    if (kind == chart::kPaymentSent) {
      line.sent += credits - debits;
      line.payments += sums.entries;
    } else if (kind == chart::kPaymentRejected) {
      line.rejected += debits - credits;
      line.returned += sums.entries;
    } else {
      line.confirmed += debits - credits;
    }
  }
  for (const auto& [batch, line] : batches) {
    table.add_row({std::to_string(batch), line.payments, line.returned, line.sent, line.confirmed,
                   line.rejected, line.outstanding});
  }
  table.compute_totals();
  const std::string batches_count = std::to_string(batches.size());
  table.set_totals_label("合计（批次数 " + batches_count + "）",
                         "Total (" + batches_count + " batches)");
  return table;
}

}  // namespace subsidy::reports::builders
