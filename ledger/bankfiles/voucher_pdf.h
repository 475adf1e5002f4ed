// The payment vouchers as printed 记账凭证 (PDF, through ledger/tables/pdf.h): one A4 landscape
// page per item of an exported batch, printing the payment_sent entry the export booked for it —
// 记字号 (the entry's number in the ledger), the date 年月日 (Beijing time of the booking), 摘要,
// 会计科目 with the debit and credit amounts, 附单据 (the applications the item settles), the
// total in figures and in Chinese capitals (大写), and the signature row 单位负责人 / 会计主管 /
// 复核 / 出纳 / 制单 carrying the names of the people who approved, exported and made the batch.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ledger/base/language.h"
#include "ledger/money/money.h"
#include "ledger/payments/payment_batch.h"

namespace subsidy {

// The booking of one item: the payment_sent entry of the ledger.
struct VoucherBooking {
  int64_t entry_id = 0;   // the entry's position in the chain: 记字第 N 号
  std::string posted_at;  // UTC ISO-8601 of the entry
  std::vector<std::pair<std::string, Money>> lines;  // account, signed amount (debit > 0)
};

// The names on the signature row (display names; "" leaves a blank for a hand signature).
struct VoucherSigners {
  std::string head;        // 单位负责人
  std::string supervisor;  // 会计主管
  std::string checker;     // 复核: who approved the batch
  std::string cashier;     // 出纳: who exported the bank file
  std::string maker;       // 制单: who proposed the batch
};

// Writes the vouchers of `batch` to `path` (overwritten): `bookings[i]` is the entry of
// batch.items[i]. `printed_at` goes into the document properties. Labels in `language`; the
// amount in capitals is Chinese in both. Throws RefusedError when the batch fails
// check_payment_batch, has no booking per item (it was not exported: a 记账凭证 prints a booked
// entry), or the file cannot be written (it may then be partial: write to a temporary name).
// `page_mark` (e.g. 未结账) is set in the top-right corner of every page; "" for none.
void write_vouchers_pdf(const PaymentBatch& batch, const std::vector<VoucherBooking>& bookings,
                        const VoucherSigners& signers, Language language,
                        std::chrono::system_clock::time_point printed_at, const std::string& path,
                        const std::string& page_mark = "");

}  // namespace subsidy
