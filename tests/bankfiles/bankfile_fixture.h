// A small, realistic payment batch shared by the bank-file tests: the county treasury paying three
// enterprises, one of them with a name that needs XML and HTML escaping.
#pragma once

#include <string>

#include "ledger/payments/payment_batch.h"

namespace subsidy::testing {

inline PaymentItem sample_item(std::string end_to_end_id, std::string payee, int64_t fen) {
  PaymentItem item;
  item.end_to_end_id = std::move(end_to_end_id);
  item.uscc = "91321323MA1XXXXXXX";
  item.payee_name = std::move(payee);
  item.account_no = "32012345678900001";
  item.bank_name = "中国农业银行泗阳县支行";
  item.cnaps_code = "103308700018";
  item.amount = Money::from_fen(fen);
  item.policy_document = "泗政办发〔2022〕9号";
  item.clauses = "三(一)";
  item.application_ids = {"A-2023-001", "A-2023-002"};
  return item;
}

inline PaymentBatch sample_batch() {
  PaymentBatch batch;
  batch.batch_id = "PB2023-0001";
  batch.created_at = "2024-03-01T08:30:00Z";
  batch.execution_date = "2024-03-04";
  batch.created_by = "clerk-li";
  batch.approved_by = "director-wang";
  batch.approved_at = "2024-03-02T09:00:00Z";
  batch.payer = Payer{"泗阳县财政局", "110801010400001", "中国农业银行泗阳县支行", "103308700018",
                      "ABOCCNBJ"};
  batch.items.push_back(sample_item("PB2023-0001-0001", "江苏泗阳智造有限公司", 150000000));
  batch.items.push_back(sample_item("PB2023-0001-0002", "泗阳<数转>&\"科技\"有限公司", 4020050));
  batch.items.push_back(sample_item("PB2023-0001-0003", "宿迁市洋河机器人股份有限公司", 1));
  batch.items[2].clauses = "三(七)";
  batch.items[2].application_ids = {"A-2023-107"};
  return batch;
}

}  // namespace subsidy::testing
