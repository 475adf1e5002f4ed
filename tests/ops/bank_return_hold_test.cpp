// Held CSV rejections on a ledger with people (issue 16, payments/bank_return_hold.h): the
// cashier's CSV return books its confirmations but holds its rejections; the importer cannot
// confirm them (even holding the checker role), nor can anyone without it; a checker confirms,
// which books the reversal an unheld import would have booked and makes the payable payable again;
// a second confirmation is refused; a dismissal books nothing; pain.002 rejections are not held;
// and verify names a CSV rejection booked without a confirmation.
#include "tests/ops/ops_fixture.h"

#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/books/records.h"
#include "ledger/ops/bank_return.h"
#include "ledger/ops/batch.h"
#include "ledger/ops/user.h"
#include "ledger/payments/payment_verify.h"
#include "ledger/payments/payments.h"
#include "ledger/people/registry.h"
#include "ledger/people/signatures.h"
#include "tests/payments/payments_fixture.h"

using namespace ops_fixture;

namespace {

constexpr people::ScryptCost kHoldCheapCost{1 << 10, 8, 1};
constexpr const char* kHoldPass = "passphrase-1";

// A ledger with people whose first 2023 batch is made, approved and exported by its people.
struct HoldLedger : OpsLedger {
  HoldLedger() : OpsLedger(false) {
    ops::OpContext init = context("管理员");
    ops::InitRequest request = ops::builtin_init_request();
    request.admin = ops::AddPersonRequest{"管理员", "", "admin", kHoldPass, kHoldCheapCost};
    ops::init_ledger(init, request);
    ops::OpContext admin = signed_in("管理员");
    for (const char* name : {"张会计:maker", "李科长:checker", "王出纳:cashier",
                             "钱出纳:cashier,checker", "赵审计:auditor"}) {
      const std::string text(name);
      const size_t colon = text.find(':');
      ops::add_person(
          admin, {text.substr(0, colon), "", text.substr(colon + 1), kHoldPass, kHoldCheapCost});
    }
    ops::OpContext maker = signed_in("张会计");
    import_example_and_configure(maker);
    ops::assess_and_post(maker, {AwardYear(2023)});
    ops::create_batch(maker, {AwardYear(2023), {}, {}});
    ops::OpContext checker = signed_in("李科长");
    ops::approve_batch(checker, {"1"});
    ops::OpContext cashier = signed_in("王出纳");
    ops::export_batch(cashier, {"1",
                                ops::bank_file_writer({ops::BankFileFormat::pain001v9}),
                                {"memory", [](const std::string&) {}}});
    batch = load_batch(db(), 1);
    REQUIRE(batch.items.size() >= 3);
    log->lines.clear();
  }

  ops::OpContext signed_in(const std::string& name) {
    const std::string login = people::person_login(name);
    const auto person = people::find_person(db(), login);
    REQUIRE(person);
    ops::OpContext op = context(login);
    op.signer = ops::Signer{login, std::make_shared<const people::UnlockedKey>(
                                       people::unlock_key(person->private_key, kHoldPass))};
    op.arguments = "test";
    return op;
  }

  // A CSV return: item 0 settled, item 1 rejected (AC04), item 2 rejected (AC01).
  ops::BankReturnFile csv_return(const std::string& name = "return.csv") {
    const std::string csv = "EndToEndId,status,reason\r\n" + batch.items[0].end_to_end_id +
                            ",ACSC,\r\n" + batch.items[1].end_to_end_id +
                            ",RJCT,AC04 收款账户已销户\r\n" + batch.items[2].end_to_end_id +
                            ",失败,AC01 账号不正确\r\n";
    return ops::read_bank_return_file(name, csv);
  }

  Money payable(size_t item) {
    return -balance_of(db(), chart::award_payable(batch.items[item].uscc));
  }

  std::vector<std::string> all_problems() {
    VerifyReport report = verify_ledger(db());
    add_payment_problems(db(), report);
    people::add_people_problems(db(), report);
    return report.problems;
  }

  PaymentBatch batch;
};

bool names(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& line : lines) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a cashier's CSV rejections are held; a checker other than the importer books them") {
  HoldLedger ledger;
  ops::OpContext cashier = ledger.signed_in("王出纳");
  const std::string e1 = ledger.batch.items[1].end_to_end_id;
  const std::string e2 = ledger.batch.items[2].end_to_end_id;
  const ops::BankReturnOutcome imported = ops::import_bank_return(cashier, ledger.csv_return());
  CHECK(imported.result.settled == 1);
  CHECK(imported.result.rejected == 0);
  CHECK(imported.result.held == 2);
  CHECK(imported.record.counts.find(" held=2") != std::string::npos);
  // Nothing booked for the rejections: still in transit, nothing owed again.
  CHECK_FALSE(entry_by_key(ledger.db(), "payment_rejected:" + e1));
  CHECK(ledger.payable(1).is_zero());
  const auto progress = batch_progress(ledger.db(), 1);
  CHECK(progress[0].state == "settled");
  CHECK(progress[1].state == "held");
  CHECK(progress[1].bank_status == "RJCT");
  const std::vector<HeldRejection> waiting = held_rejections(ledger.db(), std::nullopt, true);
  REQUIRE(waiting.size() == 2);
  CHECK(waiting[0].imported_by == "王出纳");
  CHECK(ledger.all_problems().empty());
  const int64_t return_id = imported.result.return_id;

  SECTION("the importer, anyone without the checker role, and the importer holding it, refused") {
    check_refused<RefusedError>(ledger, [&] {
      ops::decide_held_rejections(cashier, {return_id, {}, true, "", ""});
    });
    ops::OpContext maker = ledger.signed_in("张会计");
    check_refused<RefusedError>(ledger, [&] {
      ops::decide_held_rejections(maker, {return_id, {}, true, "", ""});
    });
    // 钱出纳 (cashier and checker) imports another return with the same rejection: held again,
    // and they cannot confirm what they imported.
    ops::OpContext both = ledger.signed_in("钱出纳");
    const std::string again = "EndToEndId,status,reason\r\n" + e1 + ",RJCT,AC04\r\n";
    const int64_t second =
        ops::import_bank_return(both, ops::read_bank_return_file("again.csv", again))
            .result.return_id;
    CHECK(second == return_id + 1);
    try {
      ops::decide_held_rejections(both, {second, {}, true, "", ""});
      FAIL("the importer confirmed their own return");
    } catch (const RefusedError& e) {
      CHECK_THAT(e.what(), Catch::Contains("岗位分离") && Catch::Contains("钱出纳 导入了"));
    }
    // But they may confirm the other cashier's return.
    CHECK(ops::decide_held_rejections(both, {return_id, {}, true, "", ""}).result.booked == 2);
  }

  SECTION("the checker confirms: booked as an import would have, payable again, verify clean") {
    ops::OpContext checker = ledger.signed_in("李科长");
    const ops::HoldDecisionOutcome confirmed =
        ops::decide_held_rejections(checker, {return_id, {}, true, "", ""});
    CHECK(confirmed.result.booked == 2);
    CHECK(confirmed.result.end_to_end_ids == std::vector<std::string>{e1, e2});
    CHECK(confirmed.record.command == "bank-return confirm " + std::to_string(return_id));
    const auto reversal = entry_by_key(ledger.db(), "payment_rejected:" + e1);
    REQUIRE(reversal);
    CHECK(reversal->memo.find("RJCT AC04 收款账户已销户 (return.csv)") != std::string::npos);
    CHECK(reversal->reverses_entry_id == entry_by_key(ledger.db(), "payment_sent:" + e1)->entry_id);
    CHECK(ledger.payable(1) == ledger.batch.items[1].amount);
    CHECK(batch_progress(ledger.db(), 1)[1].state == "rejected");
    CHECK(held_rejections(ledger.db(), std::nullopt, true).empty());
    CHECK(ledger.all_problems().empty());
    // Confirming twice is refused, whole or by item.
    check_refused<RefusedError>(ledger, [&] {
      ops::decide_held_rejections(checker, {return_id, {}, true, "", ""});
    });
    check_refused<RefusedError>(ledger, [&] {
      ops::decide_held_rejections(checker, {return_id, {e1}, true, "", ""});
    });
    // The rejected items come back in the next batch.
    ops::OpContext maker = ledger.signed_in("张会计");
    const ops::CreateBatchOutcome next = ops::create_batch(maker, {AwardYear(2023), {}, {}});
    REQUIRE(next.created.batch_id);
    CHECK(next.created.batch.items.size() == 2);

    // A CSV rejection booked without a confirmation (the decision's rows removed behind the
    // program's back) fails verify, naming the entry.
    ledger.db().exec(
        "DROP TRIGGER bank_return_decisions_no_delete; DELETE FROM bank_return_decisions;");
    CHECK(names(ledger.all_problems(),
                "(payment_rejected:" + e1 + "): books a rejection of CSV return"));
  }

  SECTION("one rejection confirmed, the other dismissed: only the first is booked") {
    ops::OpContext checker = ledger.signed_in("李科长");
    check_refused<RefusedError>(ledger, [&] {  // a dismissal says why
      ops::decide_held_rejections(checker, {return_id, {e2}, false, " ", ""});
    });
    check_refused<RefusedError>(ledger, [&] {  // not an item held in that return
      ops::decide_held_rejections(checker,
                                  {return_id, {ledger.batch.items[0].end_to_end_id}, true, "", ""});
    });
    CHECK(ops::decide_held_rejections(checker, {return_id, {e1}, true, "", ""}).result.booked == 1);
    const ops::HoldDecisionOutcome dismissed =
        ops::decide_held_rejections(checker, {return_id, {}, false, "银行电话确认已到账", ""});
    CHECK(dismissed.result.dismissed == 1);
    CHECK(dismissed.result.end_to_end_ids == std::vector<std::string>{e2});
    CHECK_FALSE(entry_by_key(ledger.db(), "payment_rejected:" + e2));
    CHECK(ledger.payable(2).is_zero());
    const std::vector<HeldRejection> all = held_rejections(ledger.db(), return_id, false);
    REQUIRE(all.size() == 2);
    CHECK(all[1].decision == "dismissed");
    CHECK(all[1].note == "银行电话确认已到账");
    CHECK(ledger.all_problems().empty());
  }
}

TEST_CASE("a pain.002 rejection on a ledger with people is booked at once, not held") {
  HoldLedger ledger;
  ops::OpContext cashier = ledger.signed_in("王出纳");
  const std::string xml = payments_fixture::pain002(
      "SY2023-000001", {{ledger.batch.items[1].end_to_end_id, "RJCT:AC04"}});
  const ops::BankReturnOutcome imported =
      ops::import_bank_return(cashier, ops::read_bank_return_file("r.xml", xml));
  CHECK(imported.result.rejected == 1);
  CHECK(imported.result.held == 0);
  CHECK(ledger.payable(1) == ledger.batch.items[1].amount);
  ops::OpContext checker = ledger.signed_in("李科长");
  check_refused<RefusedError>(ledger, [&] {  // nothing held in it
    ops::decide_held_rejections(checker, {imported.result.return_id, {}, true, "", ""});
  });
  CHECK(ledger.all_problems().empty());
}

TEST_CASE("rejections booked behind the program's back fail verify, naming the entry") {
  HoldLedger ledger;
  // A held CSV rejection booked by hand, and a rejection of an item no return names.
  ops::OpContext cashier = ledger.signed_in("王出纳");
  const std::string e1 = ledger.batch.items[1].end_to_end_id;
  ops::import_bank_return(cashier, ledger.csv_return());
  {
    Transaction tx(ledger.db());
    JournalWriter writer(ledger.db(), fixed_clock());
    const Entry sent = *entry_by_key(ledger.db(), "payment_sent:" + e1);
    writer.post(reversal_of(sent, std::string(chart::kPaymentRejected), "王出纳",
                            "payment_rejected:" + e1, "forged"));
    const std::string e3 = ledger.batch.items.back().end_to_end_id;
    REQUIRE(ledger.batch.items.size() >= 4);
    writer.post(reversal_of(*entry_by_key(ledger.db(), "payment_sent:" + e3),
                            std::string(chart::kPaymentRejected), "王出纳",
                            "payment_rejected:" + e3, "forged"));
    tx.commit();
  }
  const std::vector<std::string> problems = ledger.all_problems();
  CHECK(names(problems, "(payment_rejected:" + e1 +
                            "): books a rejection of CSV return 1 (return.csv) without a "
                            "checker's confirmation"));
  CHECK(names(problems, "(payment_rejected:" + ledger.batch.items.back().end_to_end_id +
                            "): books a rejection that no bank return and no checker's "
                            "confirmation records"));
}

TEST_CASE("confirming and dismissing are the checker's commands") {
  CHECK(people::roles_for_command("bank-return confirm 3") == std::vector<std::string>{"checker"});
  CHECK(people::roles_for_command("bank-return dismiss 3") == std::vector<std::string>{"checker"});
  CHECK(people::roles_for_command("bank-return import r.csv") ==
        std::vector<std::string>{"cashier"});
}

TEST_CASE("a confirmation smuggled in under a cashier's signature fails verify, naming it") {
  HoldLedger ledger;
  ops::OpContext both = ledger.signed_in("钱出纳");
  const int64_t return_id = ops::import_bank_return(both, ledger.csv_return()).result.return_id;
  const std::string e0 = ledger.batch.items[0].end_to_end_id;
  const std::string e1 = ledger.batch.items[1].end_to_end_id;
  {  // 王出纳 (cashier, not the importer) books the rejection and a confirmation by hand, sealed
    Transaction tx(ledger.db());
    JournalWriter writer(ledger.db(), fixed_clock());
    const Entry sent = *entry_by_key(ledger.db(), "payment_sent:" + e1);
    const int64_t entry_id = writer
                                 .post(reversal_of(sent, std::string(chart::kPaymentRejected),
                                                   "王出纳", "payment_rejected:" + e1, "forged"))
                                 .entry.entry_id;
    Statement insert = ledger.db().prepare(
        "INSERT INTO bank_return_decisions VALUES (1, ?, ?, 'confirmed', ?, '', ?, '王出纳')");
    insert.bind(1, e1).bind(2, return_id).bind(3, entry_id).bind(4, kFixedTime);
    insert.run();
    seal_new_groups(ledger.db(), "王出纳", kFixedTime);
    tx.commit();
  }
  // ... and signs it with their next command, which their role allows.
  ops::OpContext cashier = ledger.signed_in("王出纳");
  ops::import_bank_return(cashier,
                          ops::read_bank_return_file(
                              "r.xml", payments_fixture::pain002("SY2023-000001", {{e0, "ACSC"}})));
  CHECK(names(ledger.all_problems(),
              "(bank_return_decisions 1): only bank-return confirm or bank-return dismiss writes "
              "bank_return_decisions, not bank-return import r.xml"));
}
