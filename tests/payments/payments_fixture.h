// Shared by the payment tests: a ledger holding the worked example of ../shared/examples/basic with
// its 2023 awards booked as `assess` books them (from expected-assess-2023.json), the payer
// configured, the policy facts payments need, a stepping clock, and a pain.002.001.10 builder.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>

#include "ledger/bankfiles/pain001.h"
#include "ledger/bankfiles/pain002.h"
#include "ledger/base/sha256.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/payments/bank_return_import.h"
#include "ledger/payments/config.h"
#include "ledger/payments/payments.h"
#include "tests/books/ledger_fixture.h"
#include "tests/masterdata/import_fixture.h"

namespace payments_fixture {

using namespace subsidy;

// The enterprises of the example with a 2023 award, and their totals.
inline const std::map<std::string, int64_t> kAwardedFen = {
    {"913213233MPWH2JD13", 3600000},    // 乙: A-06
    {"91321323846YQA32C6", 15000000},   // 己: A-12
    {"91321323L30P8774PE", 471345679},  // 甲: A-02..A-05
    {"91321323NLNHD7EJ8F", 10000000},   // 丁
};

inline PaymentPolicy siyang_policy() {
  PaymentPolicy policy;
  policy.document_number = "泗政办发〔2022〕9号";
  policy.clause_of_scheme = {{"smart_equipment_project", "三(一)"},
                             {"smart_factory_provincial", "三(一)"},
                             {"core_tech_rd", "三(二)"},
                             {"digital_project", "三(三)"},
                             {"cloud_4star", "三(五)"},
                             {"service_institution", "三(六)"},
                             {"loan_interest", "三(七)"}};
  policy.ineligible_events = {"major_safety_accident", "major_env_pollution", "court_enforcement",
                              "serious_dishonesty",    "resource_rating_c",   "resource_rating_d"};
  return policy;
}

// Posts one award the way assess does: Dr county_expense and region_due, Cr award_payable.
inline void post_award(Db& db, const std::string& application_id, const std::string& uscc,
                       const std::string& region, Money county, Money region_share,
                       int64_t year = 2023) {
  EntryDraft draft;
  draft.fiscal_year = year;
  draft.kind = std::string(chart::kAward);
  draft.actor = "assess";
  draft.idempotency_key = "award:" + std::to_string(year) + ":" + application_id;
  draft.application_id = application_id;
  draft.lines = {{std::string(chart::kCountyExpense), county},
                 {chart::award_payable(uscc), -(county + region_share)}};
  if (!region_share.is_zero()) draft.lines.push_back({chart::region_due(region), region_share});
  Transaction tx(db);
  post_entry(db, draft);
  tx.commit();
}

// The example ledger: master data imported, the 2023 awards of expected-assess-2023.json booked,
// the payer configured.
class PaymentsLedger : public fixture::TempLedger {
 public:
  PaymentsLedger() {
    import_example();
    const auto expected = nlohmann::json::parse(fixture::example("expected-assess-2023.json"));
    const std::map<std::string, std::string> region = {{"91321323L30P8774PE", "P01"},
                                                       {"913213233MPWH2JD13", "T01"},
                                                       {"91321323NLNHD7EJ8F", "T01"},
                                                       {"91321323846YQA32C6", "T01"}};
    for (const auto& application : expected["applications"]) {
      if (application["status"] != "awarded") continue;
      const std::string uscc = application["uscc"];
      post_award(db(), application["application_id"], uscc, region.at(uscc),
                 *parse_money(application["county_share"].get<std::string>()).value,
                 *parse_money(application["region_share"].get<std::string>()).value);
    }
    Transaction tx(db());
    for (const auto& [key, value] :
         std::map<std::string, std::string>{{"payer.name", "泗阳县财政局"},
                                            {"payer.account", "32001748836052500001"},
                                            {"payer.bank", "中国建设银行股份有限公司泗阳支行"},
                                            {"payer.cnaps", "105308200019"}}) {
      set_config(db(), key, value, "admin", "2026-01-10T08:00:00Z");
    }
    tx.commit();
  }

  Clock clock = subsidy::testing::stepping_clock();  // from 2024-01-31T08:00:00Z

  CreatedBatch create(std::optional<int64_t> max_items = std::nullopt,
                      const std::string& actor = "clerk-li") {
    return create_batch(db(), BatchRequest{AwardYear(2023), max_items, std::nullopt, actor},
                        siyang_policy(), clock);
  }

  ExportResult export_v9(int64_t batch_id, const std::string& actor = "clerk-li") {
    return export_batch(
        db(), batch_id, "pain001v9",
        [](const PaymentBatch& batch) { return write_pain001(batch, Pain001Version::v09); }, actor,
        clock);
  }

  ReturnImportResult import_return(const std::string& text, const std::string& name = "r.xml") {
    const BankReturn report = read_pain002(text, name);
    return import_bank_return(db(), report, ReturnFile{name, sha256_hex(text), "clerk-li"}, clock);
  }

  Money balance(const std::string& account) { return balance_of(db(), account); }
};

// A fresh ledger with batch 1 proposed, approved (by a second person) and exported as pain.001 v9:
// where the bank-return and verify tests start.
struct ExportedBatch {
  PaymentsLedger ledger;
  int64_t id = 0;
  PaymentBatch batch;
  ExportedBatch() {
    id = *ledger.create().batch_id;
    approve_batch(ledger.db(), id, "director-wang", ledger.clock);
    ledger.export_v9(id);
    batch = load_batch(ledger.db(), id);
  }
  const std::string& e2e(size_t i) const { return batch.items.at(i).end_to_end_id; }
  Money amount(size_t i) const { return batch.items.at(i).amount; }
};

// A pain.002.001.10 about `reference`: one TxInfAndSts per entry of `statuses` (EndToEndId →
// status, optionally "RJCT:AC04"), with the group count and sum when given.
inline std::string pain002(const std::string& reference,
                           const std::vector<std::pair<std::string, std::string>>& statuses,
                           const std::string& group_extra = "",
                           const std::string& message_id = "BANK-STS-1") {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\"><CstmrPmtStsRpt>"
      "<GrpHdr><MsgId>" +
      message_id +
      "</MsgId><CreDtTm>2026-01-22T10:00:00</CreDtTm></GrpHdr>"
      "<OrgnlGrpInfAndSts><OrgnlMsgId>" +
      reference +
      "</OrgnlMsgId>"
      "<OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>" +
      group_extra +
      "</OrgnlGrpInfAndSts>"
      "<OrgnlPmtInfAndSts><OrgnlPmtInfId>" +
      reference + "</OrgnlPmtInfId>";
  for (const auto& [end_to_end_id, status] : statuses) {
    xml += "<TxInfAndSts><OrgnlEndToEndId>" + end_to_end_id + "</OrgnlEndToEndId><TxSts>" +
           status.substr(0, 4) + "</TxSts>";
    if (status.size() > 5) {
      xml += "<StsRsnInf><Rsn><Cd>" + status.substr(5) +
             "</Cd></Rsn><AddtlInf>收款账户已销户</AddtlInf></StsRsnInf>";
    }
    xml += "</TxInfAndSts>";
  }
  return xml + "</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>\n";
}

}  // namespace payments_fixture
