// Payment vouchers (付款凭证 / 拨付通知): one printable page per item of an approved batch, for the
// accounting file and for the payee — payer, payee, account, bank, amount in figures and in Chinese
// capitals (大写), the policy clause, the applications, the batch, who made and who approved it.
#pragma once

#include <string>

#include "ledger/base/language.h"
#include "ledger/payments/payment_batch.h"

namespace subsidy {

// Labels in Chinese (the default) or English. The amount in capitals is Chinese in both: it is the
// legal form of the amount on a voucher.

// One self-contained HTML file (inline CSS, no script, no external resource), one <section> per
// item with a page break after each, in batch order. Every text from the batch is HTML-escaped.
// An item whose account changed within 30 days carries a visible warning. Throws RefusedError when
// the batch fails check_payment_batch or is not approved (approved_by empty).
std::string write_vouchers_html(const PaymentBatch& batch, Language language);

}  // namespace subsidy
