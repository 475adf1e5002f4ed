// People on the ledger (issue 16): the registry and its roles, the signature every change ends
// with, and verify naming what no valid signature covers: the maker approving their own batch,
// names differing only by spaces or invisible characters, a forged approval row, a signature
// after the signer was disabled, an auditor who writes nothing, and the lockout after five wrong
// passphrases.
#include "tests/ops/ops_fixture.h"

#include "ledger/books/records.h"
#include "ledger/ops/assess.h"
#include "ledger/ops/batch.h"
#include "ledger/ops/user.h"
#include "ledger/payments/payments.h"
#include "ledger/people/registry.h"
#include "ledger/people/signatures.h"

using namespace ops_fixture;

namespace {

constexpr people::ScryptCost kCheap{1 << 10, 8, 1};
constexpr const char* kPass = "passphrase-1";

struct PeopleLedger : OpsLedger {
  PeopleLedger() : OpsLedger(false) {
    ops::OpContext init = context("管理员");
    ops::InitRequest request = ops::builtin_init_request();
    request.admin = ops::AddPersonRequest{"管理员", "", "admin", kPass, kCheap};
    ops::init_ledger(init, request);
    admin = std::make_unique<ops::OpContext>(as("管理员"));
    for (const auto& [name, roles] :
         std::vector<std::pair<std::string, std::string>>{{"张会计", "maker"},
                                                          {"李科长", "checker"},
                                                          {"王出纳", "cashier"},
                                                          {"赵审计", "auditor"},
                                                          {"宿迁区", "region:321302"}}) {
      ops::add_person(*admin, {name, "", roles, kPass, kCheap});
    }
    ops::OpContext maker = as("张会计");
    ops_fixture::import_example_and_configure(maker);
    ops::assess_and_post(maker, {AwardYear(2023)});
    ops::create_batch(maker, {AwardYear(2023), {}, {}});
    log->lines.clear();
  }

  // The person `name` signed in with their passphrase.
  ops::OpContext as(const std::string& name) {
    const std::string login = people::person_login(name);
    const auto person = people::find_person(db(), login);
    REQUIRE(person);
    ops::OpContext op = context(login);
    op.signer = ops::Signer{login, std::make_shared<const people::UnlockedKey>(
                                       people::unlock_key(person->private_key, kPass))};
    op.arguments = "test";
    return op;
  }

  std::vector<std::string> people_problems() { return people::verify_people(db()).problems; }

  std::unique_ptr<ops::OpContext> admin;
};

bool any_contains(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& line : lines) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("every change of a ledger with people is signed and verifies against the registry") {
  PeopleLedger ledger;
  const people::PeopleCheck check = people::verify_people(ledger.db());
  CHECK(check.has_people);
  CHECK(check.people == 6);
  CHECK(check.signatures_checked == 18);  // init, 5 people, 6 imports, 4 config, assess, batch
  CHECK(check.problems.empty());
  CHECK(verify_records(ledger.db()).content_problems.empty());
  const std::vector<people::SignatureRow> rows = people::read_signatures(ledger.db());
  REQUIRE(rows.size() == 18);
  CHECK(rows.front().signer == "管理员");
  CHECK(rows.front().command == "init");
  CHECK(rows.back().signer == "张会计");
  CHECK(rows.back().command == "batch create --year 2023");
}

TEST_CASE("the maker cannot approve their own batch; the checker can; roles are enforced") {
  PeopleLedger ledger;
  ops::OpContext maker = ledger.as("张会计");
  check_refused<RefusedError>(ledger, [&] { ops::approve_batch(maker, {"1"}); });
  ops::OpContext auditor = ledger.as("赵审计");
  CHECK_THROWS_WITH(ops::approve_batch(auditor, {"1"}), Catch::Contains("岗位分离"));
  check_refused<RefusedError>(ledger, [&] { ops::approve_batch(auditor, {"1"}); });
  check_refused<RefusedError>(ledger, [&] { ops::set_config(auditor, {"payer.name", "x"}); });
  ops::OpContext cashier = ledger.as("王出纳");
  check_refused<RefusedError>(ledger, [&] { ops::approve_batch(cashier, {"1"}); });
  check_refused<RefusedError>(ledger, [&] { ops::set_roles(maker, "张会计", "maker,checker"); });
  ops::OpContext checker = ledger.as("李科长");
  CHECK(ops::approve_batch(checker, {"1"}).summary.approved_by == "李科长");
  CHECK(ledger.people_problems().empty());
}

TEST_CASE("a ledger with people refuses a change without a person") {
  PeopleLedger ledger;
  ops::OpContext nobody = ledger.context("李科长");
  CHECK_THROWS_WITH(ops::approve_batch(nobody, {"1"}), Catch::Contains("--user"));
  check_refused<RefusedError>(ledger, [&] { ops::approve_batch(nobody, {"1"}); });
}

TEST_CASE("names differing only by spaces or invisible characters are one person") {
  PeopleLedger ledger;
  CHECK(people::person_login(" 张 会计 ") == "张会计");
  CHECK(people::person_login("张会计\u200b") == "张会计");
  CHECK(people::person_login("\u200d张\u00a0会计\ufeff") == "张会计");
  check_refused<RefusedError>(ledger, [&] {
    ops::add_person(*ledger.admin, {"张 会计\u200b", "", "checker", kPass, kCheap});
  });
  ops::OpContext maker = ledger.as("张 会计\u200b");
  check_refused<RefusedError>(ledger, [&] { ops::approve_batch(maker, {"1"}); });
}

TEST_CASE("admin is not combined with maker, checker or cashier") {
  CHECK_THROWS_WITH(people::parse_roles("admin,maker"), Catch::Contains("岗位分离"));
  CHECK_THROWS_WITH(people::parse_roles("checker,admin"), Catch::Contains("admin"));
  CHECK_THROWS_WITH(people::parse_roles("auditor,boss"), Catch::Contains("unknown role"));
  CHECK(people::roles_text(people::parse_roles("checker, maker")) == "checker,maker");
  CHECK(people::roles_text(people::parse_roles("admin,auditor")) == "admin,auditor");
}

TEST_CASE("a forged approval row fails verify, also with a forged seal, naming it") {
  PeopleLedger ledger;
  Db& db = ledger.db();
  db.exec(
      "INSERT INTO payment_batch_events (batch_id, event, actor, at, content_sha256, format, note) "
      "SELECT batch_id, 'approved', '李科长', '2026-01-10T08:00:00Z', "
      "'0000000000000000000000000000000000000000000000000000000000000000', NULL, NULL "
      "FROM payment_batches LIMIT 1;");
  CHECK(any_contains(verify_records(db).content_problems, "payment_batch_events event_id="));
  {
    Transaction transaction(db);
    seal_new_groups(db, "李科长", kFixedTime);  // the forger also seals it
    transaction.commit();
  }
  CHECK(verify_records(db).content_problems.empty());
  const std::vector<std::string> problems = ledger.people_problems();
  CHECK(any_contains(problems, "(payment_batch_events "));
  CHECK(any_contains(problems, "not covered by any signature"));
}

TEST_CASE("a signature made after the signer was disabled fails verify; older ones stay valid") {
  PeopleLedger ledger;
  ops::OpContext checker = ledger.as("李科长");
  ops::disable_person(*ledger.admin, "李科长");
  CHECK(ledger.people_problems().empty());
  check_refused<RefusedError>(ledger, [&] { ops::approve_batch(checker, {"1"}); });
  Db& db = ledger.db();
  {  // what a program ignoring the registry would write
    Transaction transaction(db);
    approve_batch(db, 1, "李科长", fixed_clock());
    seal_new_groups(db, "李科长", kFixedTime);
    people::append_signature(db, *checker.signer->key, "李科长", "batch approve SY2023-000001", "",
                             kFixedTime);
    seal_new_groups(db, "李科长", kFixedTime);
    transaction.commit();
  }
  const std::vector<std::string> problems = ledger.people_problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().find("by 李科长 (batch approve SY2023-000001)") != std::string::npos);
  CHECK(problems.front().find("已停用") != std::string::npos);
}

TEST_CASE("a rotated key keeps the old signatures valid; passwd re-encrypts") {
  PeopleLedger ledger;
  ops::rotate_key(*ledger.admin, "张会计", "a new passphrase", kCheap);
  const auto maker = people::find_person(ledger.db(), "张会计");
  REQUIRE(maker);
  CHECK_THROWS_AS(people::unlock_key(maker->private_key, kPass), people::WrongPassphraseError);
  CHECK(ledger.people_problems().empty());
  ops::OpContext checker = ledger.as("李科长");
  ops::change_passphrase(checker, "another passphrase", kCheap);
  CHECK_NOTHROW(people::unlock_key(people::find_person(ledger.db(), "李科长")->private_key,
                                   "another passphrase"));
  CHECK(ops::approve_batch(checker, {"1"}).summary.approved_by == "李科长");
  CHECK(ledger.people_problems().empty());
}

TEST_CASE("five wrong passphrases in a row lock a person for 15 minutes") {
  PeopleLedger ledger;
  Db& db = ledger.db();
  const std::string digest = current_digest(db);
  for (int i = 0; i < 4; ++i) people::record_attempt(db, "李科长", "2026-01-10T08:00:00Z", false);
  CHECK_NOTHROW(people::check_not_locked(db, "李科长", "2026-01-10T08:00:01Z"));
  people::record_attempt(db, "李科长", "2026-01-10T08:00:00Z", false);
  CHECK_THROWS_WITH(people::check_not_locked(db, "李科长", "2026-01-10T08:14:59Z"),
                    Catch::Contains("锁定"));
  CHECK_NOTHROW(people::check_not_locked(db, "李科长", "2026-01-10T08:15:00Z"));
  CHECK_NOTHROW(people::check_not_locked(db, "张会计", "2026-01-10T08:00:01Z"));
  people::record_attempt(db, "李科长", "2026-01-10T08:16:00Z", true);
  CHECK_NOTHROW(people::check_not_locked(db, "李科长", "2026-01-10T08:16:01Z"));
  CHECK(current_digest(db) == digest);  // attempts change no digest
}

TEST_CASE("export signatures selects a fiscal year by the entries a command posted and its date") {
  PeopleLedger ledger;  // signed on 2026-01-10; the assessment posted into fiscal year 2023
  const std::vector<people::SignatureRow> all = people::read_signatures(ledger.db());
  const std::vector<people::SignatureRow> of_2026 =
      people::signatures_of_fiscal_year(ledger.db(), 2026);
  CHECK(of_2026.size() == all.size());  // every command was signed in 2026
  const std::vector<people::SignatureRow> of_2023 =
      people::signatures_of_fiscal_year(ledger.db(), 2023);
  REQUIRE(of_2023.size() == 1);  // only the assessment posted entries, all of fiscal year 2023
  CHECK(of_2023.front().command == "assess --year 2023");
  CHECK(people::signatures_of_fiscal_year(ledger.db(), 2022).empty());
}
