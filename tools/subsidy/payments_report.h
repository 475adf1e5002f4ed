// How the payment commands print a batch: the report of one batch (`batch show`, and after
// `batch create`) with its items, their state with the bank, the flagged accounts and what was
// left out; in an aligned table (Chinese or English headings), CSV or JSON.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "ledger/base/language.h"
#include "ledger/payments/payments.h"

namespace subsidy::cli {

enum class ReportFormat { table, csv, json };

struct BatchReport {
  BatchSummary summary;
  PaymentBatch batch;
  std::vector<ItemProgress> items;
  std::vector<Exclusion> exclusions;
  std::string ledger_head;  // the digest of the ledger state all of the above was read from
};

// Reads everything the report shows for one batch, in one read transaction.
BatchReport read_batch_report(Db& db, int64_t batch_id);

// Writes the report. Table: a header block, one line per item (flags marked "!"), totals per
// state, then the exclusions with their reasons. CSV (the common writer, ledger/tables): one row
// per item, then one per exclusion (state "excluded"), then the ledger head digest. JSON: one
// object; money as strings with two decimals.
void write_batch_report(const BatchReport& report, ReportFormat format, Language lang,
                        std::ostream& out);

// The exclusions alone, for a `batch create` that found nothing to pay.
void write_exclusions(const std::vector<Exclusion>& exclusions, Language lang, std::ostream& out);

}  // namespace subsidy::cli
