// A batch's 拨付审批表 (payment approval form) as a PDF to sign: the batch and its payer, one row
// per item (payee, USCC, account, bank, amount, policy basis, warnings), the totals in figures
// (小写) and in Chinese capitals (大写), what was left out of the batch, and the signature row
// 经办（制单）/ 复核（审批）/ 负责人 with the names of who made and who approved the batch.
// A ReportTable written by the PDF writer of ledger/tables.
#pragma once

#include <string>
#include <vector>

#include "ledger/base/language.h"
#include "ledger/payments/payments.h"
#include "ledger/tables/pdf.h"
#include "ledger/tables/table.h"

namespace subsidy {

// Everything the form shows, read by the caller from one state of the ledger.
struct ApprovalFormData {
  BatchSummary summary;
  PaymentBatch batch;
  std::vector<ItemProgress> progress;  // the same items, in batch order: the warnings
  std::vector<Exclusion> exclusions;
  std::string ledger_head;
  std::string maker_name;    // display name of summary.created_by
  std::string checker_name;  // display name of summary.approved_by ("" while not approved)
};

// A batch's state as the form prints it: 待审批, 已审批，未导出, 已导出, 已作废 (or in English).
const char* batch_state_text(BatchState state, Language lang);

// The items as a table (columns: no, payee, uscc, account, bank, amount, basis, warnings) with
// the total of the amounts; headings in `lang`.
reports::ReportTable approval_form_table(const ApprovalFormData& data, Language lang);

// The print details of the form: the batch lines, the notes (totals 小写 and 大写, the state, what
// was left out) and the signature row; `base` gives 编制单位 and the date.
reports::PrintInfo approval_form_print(const ApprovalFormData& data, Language lang,
                                       reports::PrintInfo base);

// Writes the form to `path` (overwritten; a temporary name is the caller's). Throws RefusedError
// when the file cannot be written.
void write_approval_form_pdf(const ApprovalFormData& data, Language lang,
                             const reports::PrintInfo& base, const std::string& path);

}  // namespace subsidy
