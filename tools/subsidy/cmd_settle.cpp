// `settle REGION AMOUNT --year Y --ref TEXT`: records that a region (park, township, street) paid
// the county its share of the awards: one entry Dr treasury, Cr region_due:<region>, idempotent by
// the bank reference, refused when the region does not owe that much.
#include <iostream>

#include "cli.h"
#include "ledger/books/chart.h"
#include "ledger/base/error.h"
#include "ledger/books/journal.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/masterdata/masterdata.h"

namespace subsidy::cli {

namespace {

struct SettleOptions {
  std::string region;
  std::string amount_text;
  int64_t year = 0;
  std::string ref;
};

bool region_known(Db& db, const std::string& code) {
  for (const Region& region : load_regions(db)) {
    if (region.region_code == code) return true;
  }
  return false;
}

int run_settle(const Context& context, const SettleOptions& options) {
  const Parsed<Money> amount = parse_money(options.amount_text);
  if (!amount) throw RefusedError("amount '" + options.amount_text + "' " + amount.error);
  Db db = context.open_db();
  const PostResult result =
      settle_region(context, db, options.region, *amount.value, options.year, options.ref);
  std::cout << (result.posted ? "recorded" : "already recorded") << ": entry "
            << result.entry.entry_id << ", " << options.region << " paid "
            << format_grouped(*amount.value) << " (ref " << options.ref << ")\n";
  return 0;
}

}  // namespace

PostResult settle_region(const Context& context, Db& db, const std::string& region, Money amount,
                         int64_t year, const std::string& ref) {
  if (amount.fen() <= 0) throw RefusedError("a settlement must be more than 0.00");
  if (ref.empty()) throw RefusedError("--ref must name the payment (e.g. the bank reference)");
  if (!region_known(db, region)) {
    throw RefusedError("unknown region '" + region + "' (import it with `import regions`)");
  }
  const std::string account = chart::region_due(region);
  const std::string key = "region_payment:" + ref;
  const std::string before = format_digest(head(db));
  Transaction transaction(db);
  // A repeat of a recorded settlement is checked by post() (same content: nothing posted);
  // only a new one must fit within what the region still owes.
  if (!entry_by_key(db, key)) {
    const Money owed = balance_of(db, account);
    if (amount > owed) {
      throw RefusedError("region " + region + " owes " + format_grouped(owed) + ", less than " +
                         format_grouped(amount));
    }
  }
  EntryDraft draft;
  draft.fiscal_year = year;
  draft.kind = std::string(chart::kRegionPayment);
  draft.actor = context.actor;
  draft.idempotency_key = key;
  draft.memo = "settle " + region + " " + format_plain(amount) + " ref " + ref;
  draft.lines = {{std::string(chart::kTreasury), amount}, {account, -amount}};
  const PostResult result = post_entry(db, draft);
  transaction.commit();
  log_operation(context, "settle",
                "region=" + region + " amount=" + format_plain(amount) + " ref=" + ref +
                    " posted=" + (result.posted ? "1" : "0"),
                before, format_digest(head(db)));
  return result;
}

void add_settle_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<SettleOptions>();
  CLI::App* settle =
      app.add_subcommand("settle", "record a region's payment of its share to the county");
  settle->add_option("region", options->region, "region code (regions.csv)")->required();
  settle->add_option("amount", options->amount_text, "the amount paid, e.g. 250000.00")->required();
  settle->add_option("--year", options->year, "the fiscal year to book it in")
      ->required()
      ->check(CLI::Range(1900, 9999));
  settle->add_option("--ref", options->ref, "the payment's reference; one entry per reference")
      ->required();
  settle->callback([&context, options] {
    context.action = [&context, options] { return run_settle(context, *options); };
  });
}

}  // namespace subsidy::cli
