// `batch create`: the payable balances of an award year, the checks that decide which of them can
// be paid now, and storing the proposed batch with everything it left out.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <variant>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/books/budget.h"
#include "ledger/books/chart.h"
#include "ledger/masterdata/identifiers.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/payments/config.h"
#include "ledger/payments/payments.h"

namespace subsidy {

namespace {

constexpr int64_t kMaxApplicationsPerItem = 1000;
constexpr auto kRecentAccountChange = std::chrono::hours(24 * 30);

struct Payable {
  std::string uscc;
  Money amount;
};

// The applications whose awards make up each payable of the year, by USCC, sorted.
std::map<std::string, std::vector<std::string>> applications_of_year(Db& db, int64_t year) {
  Statement stmt = db.prepare(
      "SELECT substr(l.account, 15), e.application_id FROM ledger_entries e "
      "JOIN ledger_lines l ON l.entry_id = e.entry_id "
      "WHERE l.account >= 'award_payable:' AND l.account < 'award_payable;' "
      "AND e.application_id IS NOT NULL AND COALESCE(e.refers_year, e.fiscal_year) = ? "
      "GROUP BY l.account, e.application_id HAVING SUM(l.amount_fen) <> 0 ORDER BY 1, 2");
  stmt.bind(1, year);
  std::map<std::string, std::vector<std::string>> ids;
  while (stmt.step()) {
    std::vector<std::string>& of = ids[stmt.text(0)];
    if (static_cast<int64_t>(of.size()) < kMaxApplicationsPerItem) of.push_back(stmt.text(1));
    SUBSIDY_ASSERT(!of.empty());
  }
  return ids;
}

// "三(一)、三(七)": the clauses of the applications' schemes, each once, sorted.
std::string clauses_of(const std::vector<std::string>& application_ids,
                       const std::map<std::string, std::string>& scheme_of_application,
                       const PaymentPolicy& policy) {
  std::set<std::string> clauses;
  for (const std::string& id : application_ids) {
    auto scheme = scheme_of_application.find(id);
    if (scheme == scheme_of_application.end()) continue;
    auto clause = policy.clause_of_scheme.find(scheme->second);
    if (clause != policy.clause_of_scheme.end()) clauses.insert(clause->second);
  }
  std::string text;
  for (const std::string& clause : clauses) text += (text.empty() ? "" : "、") + clause;
  SUBSIDY_ASSERT(clauses.size() <= application_ids.size());
  return text;
}

// The first batch of the year holding an item to each enterprise that the chain does not show
// answered by the bank with a final status (a payment_confirmed or payment_rejected entry), and
// whose batch is not cancelled or was exported (a payment_sent entry) all the same, by USCC: an
// exported item is proposed again only after the bank rejected it, whatever the tables say.
std::map<std::string, std::string> open_items_of_year(Db& db, int64_t year) {
  Statement stmt = db.prepare(
      "SELECT i.uscc, b.reference FROM payment_batch_items i JOIN payment_batches b "
      "ON b.batch_id = i.batch_id WHERE b.year = ? "
      "AND (NOT EXISTS (SELECT 1 FROM payment_batch_events v WHERE v.batch_id = b.batch_id "
      "AND v.event = 'cancelled') OR EXISTS (SELECT 1 FROM ledger_entries s "
      "WHERE s.idempotency_key = 'payment_sent:' || i.end_to_end_id)) "
      "AND NOT EXISTS (SELECT 1 FROM ledger_entries f WHERE f.idempotency_key IN "
      "('payment_confirmed:' || i.end_to_end_id, 'payment_rejected:' || i.end_to_end_id)) "
      "ORDER BY b.batch_id");
  stmt.bind(1, year);
  std::map<std::string, std::string> open;
  while (stmt.step()) open.emplace(stmt.text(0), stmt.text(1));
  SUBSIDY_ASSERT(year >= 1900 && year <= 9999);  // create_batch refused any other year
  return open;
}

// The held applications of the year's current assessment, by USCC ("A-11,A-12").
std::map<std::string, std::string> held_of_year(Db& db, int64_t year) {
  Statement stmt = db.prepare(
      "SELECT c.uscc, c.application_id FROM current_assessment c JOIN assessment_runs r "
      "ON r.run_id = c.run_id WHERE r.year = ? AND c.status = 'held' ORDER BY 1, 2");
  stmt.bind(1, year);
  std::map<std::string, std::string> held;
  while (stmt.step()) {
    std::string& ids = held[stmt.text(0)];
    ids += (ids.empty() ? "" : ",") + stmt.text(1);
    SUBSIDY_ASSERT(!ids.empty());
  }
  return held;
}

// Everything create_batch reads once per year rather than once per enterprise.
struct YearFacts {
  std::map<std::string, std::string> ineligible;                 // uscc → first listed event
  std::map<std::string, std::string> held;                       // uscc → held applications
  std::map<std::string, std::string> open_items;                 // uscc → batch reference
  std::map<std::string, std::vector<std::string>> applications;  // uscc → application ids
  std::map<std::string, std::string> scheme_of_application;      // application_id → scheme
  std::string recent_change_since;  // UTC; changes at or after are recent
};

YearFacts year_facts(Db& db, int64_t year, const PaymentPolicy& policy,
                     std::chrono::system_clock::time_point now) {
  YearFacts facts;
  const std::set<std::string> events(policy.ineligible_events.begin(),
                                     policy.ineligible_events.end());
  for (const ComplianceEvent& event : load_compliance_events(db, static_cast<int>(year))) {
    if (events.count(event.event)) facts.ineligible.emplace(event.uscc, event.event);
  }
  for (const Application& application : load_applications(db, static_cast<int>(year))) {
    facts.scheme_of_application.emplace(application.application_id, application.scheme);
  }
  facts.held = held_of_year(db, year);
  facts.open_items = open_items_of_year(db, year);
  facts.applications = applications_of_year(db, year);
  facts.recent_change_since = format_utc(now - kRecentAccountChange);
  SUBSIDY_ASSERT(facts.recent_change_since.size() == 20);  // 2024-01-31T08:00:00Z
  return facts;
}

// The item for one payable, or the reason it cannot be paid now.
std::variant<PaymentItem, std::string> item_for(Db& db, const Payable& payable,
                                                const PaymentPolicy& policy,
                                                const YearFacts& facts) {
  if (payable.amount.is_negative()) return std::string("overpaid");
  const std::optional<Enterprise> enterprise = find_enterprise(db, payable.uscc);
  if (!enterprise) return std::string("unknown_enterprise");
  if (auto event = facts.ineligible.find(payable.uscc); event != facts.ineligible.end()) {
    return "ineligible:" + event->second;
  }
  if (auto held = facts.held.find(payable.uscc); held != facts.held.end()) {
    return "held:" + held->second;
  }
  if (auto open = facts.open_items.find(payable.uscc); open != facts.open_items.end()) {
    return "in_open_batch:" + open->second;
  }
  // Money the enterprise owes back (an award lowered after it was paid) is netted by a person,
  // not silently by the payment run.
  if (const Money owed = balance_of(db, chart::clawback_receivable(payable.uscc)); owed.fen() > 0) {
    return "clawback_outstanding:" + format_plain(owed);
  }
  if (std::string problem = bank_account_problem(*enterprise); !problem.empty()) return problem;
  PaymentItem item;
  item.uscc = payable.uscc;
  item.payee_name = enterprise->bank->account_name;
  item.account_no = enterprise->bank->account_no;
  item.bank_name = enterprise->bank->bank_name;
  item.cnaps_code = enterprise->bank->cnaps_code;
  item.payee_version = enterprise->version;
  item.amount = payable.amount;
  item.policy_document = policy.document_number;
  if (auto ids = facts.applications.find(payable.uscc); ids != facts.applications.end()) {
    item.application_ids = ids->second;
  }
  // A payment must name what it pays for; a balance no application explains is for a person.
  if (item.application_ids.empty()) return std::string("no_application_in_ledger");
  SUBSIDY_ASSERT_MSG(item.amount.fen() > 0, "a payable that is not overpaid is owed");
  item.clauses = clauses_of(item.application_ids, facts.scheme_of_application, policy);
  if (auto changed = last_bank_account_change(db, payable.uscc);
      changed && *changed >= facts.recent_change_since) {
    item.account_changed_on = changed->substr(0, 10);
  }
  return item;
}

void store_batch(Db& db, int64_t batch_id, int64_t year, const CreatedBatch& created) {
  const PaymentBatch& batch = created.batch;
  SUBSIDY_ASSERT(batch_id > 0 && !batch.items.empty() && batch.items.size() <= kMaxBatchItems);
  db.prepare(
        "INSERT INTO payment_batches (batch_id, reference, year, created_at, created_by, "
        "execution_date, payer_name, payer_account, payer_bank, payer_cnaps, payer_bic, "
        "item_count, total_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, batch_id)
      .bind(2, batch.batch_id)
      .bind(3, year)
      .bind(4, batch.created_at)
      .bind(5, batch.created_by)
      .bind(6, batch.execution_date)
      .bind(7, batch.payer.name)
      .bind(8, batch.payer.account_no)
      .bind(9, batch.payer.bank_name)
      .bind(10, batch.payer.cnaps_code)
      .bind(11, batch.payer.bic)
      .bind(12, static_cast<int64_t>(batch.items.size()))
      .bind(13, batch_total(batch))
      .run();
  Statement item_row = db.prepare(
      "INSERT INTO payment_batch_items (batch_id, item_no, end_to_end_id, uscc, payee_name, "
      "account_no, bank_name, cnaps_code, amount_fen, policy_document, clauses, application_ids, "
      "account_changed_at, payee_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; i < batch.items.size(); ++i) {
    const PaymentItem& item = batch.items[i];
    item_row.bind(1, batch_id)
        .bind(2, static_cast<int64_t>(i + 1))
        .bind(3, item.end_to_end_id)
        .bind(4, item.uscc)
        .bind(5, item.payee_name)
        .bind(6, item.account_no)
        .bind(7, item.bank_name)
        .bind(8, item.cnaps_code)
        .bind(9, item.amount)
        .bind(10, item.policy_document)
        .bind(11, item.clauses)
        .bind(12, nlohmann::json(item.application_ids).dump())
        .bind(13, item.account_changed_on)
        .bind(14, item.payee_version);
    item_row.run();
    item_row.reset();
  }
  Statement excluded = db.prepare(
      "INSERT INTO payment_batch_exclusions (batch_id, uscc, payable_fen, reason) "
      "VALUES (?, ?, ?, ?)");
  for (const Exclusion& exclusion : created.exclusions) {
    excluded.bind(1, batch_id)
        .bind(2, exclusion.uscc)
        .bind(3, exclusion.payable)
        .bind(4, exclusion.reason);
    excluded.run();
    excluded.reset();
  }
}

// The pair of store_batch, inside the same transaction: the stored head's item count and total
// equal the count and sum of the stored items, and the total is what was created.
void check_stored_batch(Db& db, int64_t batch_id, const PaymentBatch& batch) {
  Statement stored = db.prepare(
      "SELECT b.item_count, b.total_fen, (SELECT COUNT(*) FROM payment_batch_items i WHERE "
      "i.batch_id = b.batch_id), (SELECT SUM(i.amount_fen) FROM payment_batch_items i WHERE "
      "i.batch_id = b.batch_id) FROM payment_batches b WHERE b.batch_id = ?");
  stored.bind(1, batch_id);
  SUBSIDY_ASSERT_MSG(stored.step(), "the batch just stored is there");
  const int64_t item_count = stored.int64(0);
  const Money total = stored.money(1);
  SUBSIDY_ASSERT_MSG(item_count == stored.int64(2), "the head counts the stored items");
  SUBSIDY_ASSERT_MSG(total == stored.money(3), "the batch total is the sum of its items");
  SUBSIDY_ASSERT(item_count == static_cast<int64_t>(batch.items.size()));
  SUBSIDY_ASSERT(total == batch_total(batch) && total.fen() > 0);
}

// When the year has a budget: the items fitted into what it leaves after the year's other live
// payments, in application-id order (payment_budget.h); those that do not fit become over_budget
// exclusions, and the decision is kept in created.budget.
void fit_items_to_budget(Db& db, int64_t year, CreatedBatch& created) {
  const std::optional<YearBudget> budget = budget_of_year(db, year);
  if (!budget) return;
  BatchBudget decision{
      year, budget->last_change_id, budget->total, committed_payments(db, year), {}};
  std::map<std::string, PaymentItem> by_uscc;
  for (PaymentItem& item : created.batch.items) {
    SUBSIDY_ASSERT(!item.application_ids.empty());
    decision.lines.push_back({item.uscc, item.application_ids.front(), item.amount, false});
    by_uscc.emplace(item.uscc, std::move(item));
  }
  fit_to_budget(decision.lines, decision.remaining());
  created.batch.items.clear();
  for (const BudgetLine& line : decision.lines) {
    if (!line.included) created.exclusions.push_back({line.uscc, line.amount, "over_budget"});
  }
  for (auto& entry : by_uscc) {             // the items stay in USCC order
    const std::string& uscc = entry.first;  // not a structured binding: clang 14 cannot capture one
    PaymentItem& item = entry.second;
    const bool fits =
        std::any_of(decision.lines.begin(), decision.lines.end(),
                    [&](const BudgetLine& l) { return l.uscc == uscc && l.included; });
    if (fits) created.batch.items.push_back(std::move(item));
  }
  SUBSIDY_ASSERT(batch_total(created.batch) <= decision.remaining() || created.batch.items.empty());
  created.budget = std::move(decision);
}

std::string reference_for(int64_t year, int64_t batch_id) {
  std::string number = std::to_string(batch_id);
  SUBSIDY_ASSERT(batch_id > 0 && year >= 1900 && year <= 9999);
  if (number.size() < 6) number.insert(0, 6 - number.size(), '0');
  return "SY" + std::to_string(year) + "-" + number;
}

std::string item_suffix(size_t item_no) {
  std::string number = std::to_string(item_no);
  SUBSIDY_ASSERT(item_no >= 1 && item_no <= kMaxBatchItems);
  if (number.size() < 5) number.insert(0, 5 - number.size(), '0');
  return "-" + number;
}

}  // namespace

std::string bank_account_problem(const Enterprise& enterprise) {
  if (!enterprise.bank) return "no_bank_account";
  const BankAccount& bank = *enterprise.bank;
  std::string missing;
  const auto need = [&](const std::string& value, const char* field) {
    if (value.empty()) missing += std::string(missing.empty() ? "" : ",") + field;
  };
  need(bank.account_name, "account_name");
  need(bank.account_no, "account_no");
  need(bank.cnaps_code, "cnaps_code");
  need(bank.bank_name, "bank_name");
  if (!missing.empty()) return "bank_account_incomplete:" + missing;
  SUBSIDY_ASSERT(!bank.account_no.empty() && !bank.cnaps_code.empty());
  if (check_cnaps_code(bank.cnaps_code)) return "invalid_cnaps_code";
  return {};
}

PaymentPolicy payment_policy_for_year(Db& db, AwardYear award_year) {
  const int64_t year = award_year.value;
  const std::vector<Policy> policies = load_stored_policies(db);
  const Policy* policy = policy_for_year(policies, static_cast<int>(year));
  if (policy == nullptr) {
    throw RefusedError("no policy stored in this ledger covers award year " + std::to_string(year));
  }
  PaymentPolicy facts;
  facts.document_number = policy->document_number();
  for (const Scheme& scheme : policy->schemes()) {
    facts.clause_of_scheme.emplace(scheme.code, scheme.clause);
  }
  if (const Rule* rule = policy->find_rule(RuleKind::eligibility)) {
    facts.ineligible_events = std::get<EligibilityParams>(rule->params).events;
  }
  SUBSIDY_ASSERT(facts.clause_of_scheme.size() <= policy->schemes().size());
  return facts;
}

CreatedBatch create_batch(Db& db, const BatchRequest& request, const PaymentPolicy& policy,
                          const Clock& clock) {
  const int64_t year = request.year.value;
  if (year < 1900 || year > 9999) throw RefusedError("batch create: bad year");
  if (request.max_items && *request.max_items < 1) {
    throw RefusedError("batch create: --max-items must be at least 1");
  }
  Transaction tx(db);
  const auto now = clock();
  CreatedBatch created;
  PaymentBatch& batch = created.batch;
  batch.payer = configured_payer(db);
  batch.created_at = format_utc(now);
  batch.created_by = request.actor;
  batch.execution_date = request.execution_date.value_or(batch.created_at.substr(0, 10));
  const YearFacts facts = year_facts(db, year, policy, now);
  const size_t max_items = std::min<size_t>(
      kMaxBatchItems,
      static_cast<size_t>(request.max_items.value_or(static_cast<int64_t>(kMaxBatchItems))));
  for (const auto& [uscc, amount] : payables_for_year(db, request.year)) {
    const Payable payable{uscc, amount};
    auto item = item_for(db, payable, policy, facts);
    if (auto* reason = std::get_if<std::string>(&item)) {
      created.exclusions.push_back({payable.uscc, payable.amount, *reason});
    } else if (batch.items.size() >= max_items) {
      created.exclusions.push_back({payable.uscc, payable.amount, "over_max_items"});
    } else {
      batch.items.push_back(std::get<PaymentItem>(std::move(item)));
    }
  }
  fit_items_to_budget(db, year, created);
  if (batch.items.empty()) return created;  // nothing stored: the transaction rolls back
  Statement next = db.prepare("SELECT COALESCE(MAX(batch_id), 0) + 1 FROM payment_batches");
  next.step();
  const int64_t batch_id = next.int64(0);
  SUBSIDY_ASSERT(batch_id > 0 && batch.items.size() <= max_items);
  batch.batch_id = reference_for(year, batch_id);
  for (size_t i = 0; i < batch.items.size(); ++i) {
    batch.items[i].end_to_end_id = batch.batch_id + item_suffix(i + 1);
  }
  check_payment_batch(batch);
  SUBSIDY_ASSERT_MSG(batch_total(batch).fen() > 0, "every item pays more than 0.00");
  store_batch(db, batch_id, year, created);
  check_stored_batch(db, batch_id, batch);
  if (created.budget) store_batch_budget(db, batch_id, *created.budget);
  tx.commit();
  created.batch_id = batch_id;
  return created;
}

}  // namespace subsidy
