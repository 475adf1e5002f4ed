// The online-banking batch file as an .xlsx workbook, for banks (and people) that take Excel: the
// cells of the CSV (bank_upload_csv.h, same template, same cut 用途) on one sheet, every cell typed
// as text so that Excel keeps all digits of an account number and the amounts exactly as written.
#pragma once

#include <string>

#include "ledger/bankfiles/bank_upload_csv.h"

namespace subsidy {

// The workbook's bytes. Deterministic: the same batch and template give the same bytes (the
// document's creation time is fixed), so that an export can be repeated and compared. The template's
// encoding, BOM and excel_text do not apply (an XLSX is UTF-8 XML, its cells are text). Throws
// RefusedError when the batch fails check_payment_batch or the workbook cannot be written (its
// temporary files live in a private 0700 directory that is removed before this returns).
std::string write_bank_upload_xlsx(const PaymentBatch& batch, const BankUploadTemplate& bank);

}  // namespace subsidy
