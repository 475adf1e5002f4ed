// The steps of the demo cycle (demo_cycle.h), shared by demo_cycle.cpp (ledger, import, assess,
// close, audit packs) and demo_payments.cpp (paying account, batches, bank returns, regions'
// settlements). Not a public header: only the two files include it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ledger/demo/demo_cycle.h"
#include "ledger/ops/operation.h"
#include "ledger/payments/payment_batch.h"
#include "ledger/store/store.h"

namespace subsidy::demo {

// The people of the demo's finance bureau, by role: each step runs as the person whose role it is.
inline constexpr const char* kAdmin = "管理员";
inline constexpr const char* kMaker = "张会计";
inline constexpr const char* kChecker = "李科长";
inline constexpr const char* kCashier = "王出纳";
inline constexpr const char* kAuditor = "赵审计";
// Transfers the simulated bank rejects in the first return of each award year.
inline constexpr size_t kRejectionsPerYear = 2;

class DemoCycle {
 public:
  explicit DemoCycle(const DemoOptions& options);
  DemoSummary run();

 private:
  // What an operation of the cycle is given: the ledger, the person (the maker unless named) with
  // their key, the clock and the operations log; its lines are prefixed "demo: " unless
  // `prefixed` is false.
  ops::OpContext op(Db& db, const std::string& person = kMaker, bool prefixed = true) const;
  // The five people added by the admin, their passphrases written to DIR/people (demo_cycle.cpp).
  void add_people(Db& db);
  // Who did what, from the signatures (for the summary).
  void count_signatures(Db& db);

  // demo_cycle.cpp
  Db create_ledger();
  void import_county(Db& db);
  DemoYear assess_year_and_post(Db& db, int year);
  void close_fiscal_year(Db& db, int year);
  void write_audit_packs(Db& db);
  std::string bank_file(const std::string& name);  // DIR/bank/name, counted for the summary

  // demo_payments.cpp
  void configure_payer(Db& db);
  // Sets the year's budget (its awards rounded up to the next 100,000.00) with a 文号.
  void fund_year(Db& db, DemoYear& figures);
  void pay_year(Db& db, DemoYear& figures);
  // Proposes a batch of what can be paid for the year; nullopt when nothing can.
  std::optional<int64_t> propose_batch(Db& db, DemoYear& figures);
  PaymentBatch export_pain001(Db& db, int64_t batch_id, const std::string& reference);
  // The simulated bank's return for `batch`, imported; returns the USCCs whose transfer it
  // rejected.
  std::vector<std::string> bank_return(Db& db, const PaymentBatch& batch, size_t rejections,
                                       DemoYear& figures);
  // The enterprises whose transfer was rejected give a new account: imported as a corrected
  // enterprises file, as the bureau would, so the next batch pays to it (and flags the change).
  void correct_accounts(Db& db, const std::vector<std::string>& usccs, int year);
  void settle_regions(Db& db, DemoYear& figures);

  DemoOptions options_;
  std::map<std::string, ops::Signer> signers_;  // login -> unlocked key (once per run)
  std::shared_ptr<ops::OpsLog> log_;
  DemoSummary summary_;
};

// Writes `bytes` to `path` (a new file in the demo's own directory). Throws RefusedError.
void write_demo_file(const std::string& path, const std::string& bytes);

}  // namespace subsidy::demo
