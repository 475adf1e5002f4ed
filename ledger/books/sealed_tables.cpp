// The sealed tables and the canonical bytes of their groups and of the record chain. The layout is
// a contract with auditors (docs/ledger-format.md, tools/verify-chain.py): changing a column list
// or a byte here breaks every existing ledger, so both carry a version tag and a known-answer test
// pins them (tests/books/sealed_records_test.cpp), as does a test that each column list is the
// table's own column order.
#include "ledger/books/sealed_tables.h"

#include "ledger/base/check.h"

namespace subsidy {

namespace {

constexpr std::string_view kRecordTag = "subsidy-ledger-record/1";
constexpr std::string_view kRowsTag = "subsidy-ledger-rows/1";
constexpr size_t kFlushBytes = 1 << 16;

void put_field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ',';
}

std::vector<SealedTable> make_tables() {
  const std::vector<std::string_view> version_tail = {"content_sha256", "import_id", "source_line"};
  const auto versions = [&](std::string_view name, std::vector<std::string_view> columns,
                            std::vector<std::string_view> key) {
    columns.insert(columns.end(), version_tail.begin(), version_tail.end());
    return SealedTable{name, "import_id", std::move(columns), std::move(key)};
  };
  return {
      {"policies",
       "policy_id",
       {"policy_id", "source_name", "text", "sha256", "loaded_at", "actor"},
       {"policy_id"}},
      {"config_changes",
       "change_id",
       {"change_id", "key", "value", "changed_at", "actor"},
       {"change_id"}},
      {"imports",
       "import_id",
       {"import_id", "kind", "file_name", "file_sha256", "encoding", "actor", "imported_at",
        "rows_read", "new_count", "changed_count", "unchanged_count"},
       {"import_id"}},
      versions("region_versions", {"region_code", "version", "name", "kind"},
               {"region_code", "version"}),
      versions("enterprise_versions",
               {"uscc", "version", "name", "region_code", "bank_name", "cnaps_code", "account_no",
                "account_name"},
               {"uscc", "version"}),
      versions("tax_versions", {"uscc", "year", "version", "local_retained_tax_fen"},
               {"uscc", "year", "version"}),
      versions("compliance_versions", {"uscc", "year", "event", "version", "factor"},
               {"uscc", "year", "event", "version"}),
      versions("project_versions", {"project_id", "version", "uscc", "name", "superior_award_fen"},
               {"project_id", "version"}),
      versions("application_versions",
               {"application_id", "version", "project_id", "year", "scheme", "equipment_amount_fen",
                "software_amount_fen", "total_investment_fen", "rd_expense_fen",
                "info_investment_fen", "loan_amount_fen", "service_revenue_fen", "staff_count"},
               {"application_id", "version"}),
      {"assessment_runs",
       "run_id",
       {"run_id", "year", "policy_id", "actor", "run_at", "result_sha256", "entries_posted",
        "unchanged"},
       {"run_id"}},
      {"assessment_results",
       "run_id",
       {"run_id", "application_id", "project_id", "uscc", "region_code", "scheme", "status",
        "amount_fen", "county_share_fen", "region_share_fen", "formula_fen", "loan_amount_fen",
        "reasons", "explanation", "steps"},
       {"run_id", "application_id"}},
      {"assessment_enterprises",
       "run_id",
       {"run_id", "uscc", "local_retained_tax_fen", "total_fen", "before_retention_fen",
        "county_share_fen", "region_share_fen"},
       {"run_id", "uscc"}},
      {"payment_batches",
       "batch_id",
       {"batch_id", "reference", "year", "created_at", "created_by", "execution_date", "payer_name",
        "payer_account", "payer_bank", "payer_cnaps", "payer_bic", "item_count", "total_fen"},
       {"batch_id"}},
      {"payment_batch_items",
       "batch_id",
       {"batch_id", "item_no", "end_to_end_id", "uscc", "payee_name", "account_no", "bank_name",
        "cnaps_code", "amount_fen", "policy_document", "clauses", "application_ids",
        "account_changed_at", "payee_version"},
       {"batch_id", "item_no"}},
      {"payment_batch_exclusions",
       "batch_id",
       {"batch_id", "uscc", "payable_fen", "reason"},
       {"batch_id", "uscc"}},
      {"payment_batch_events",
       "event_id",
       {"event_id", "batch_id", "event", "actor", "at", "content_sha256", "format", "note"},
       {"event_id"}},
      {"bank_returns",
       "return_id",
       {"return_id", "file_name", "file_sha256", "format", "message_id", "original_message_id",
        "imported_at", "actor"},
       {"return_id"}},
      {"bank_return_items",
       "return_id",
       {"return_id", "end_to_end_id", "status", "status_class", "level", "reason_code",
        "reason_text", "entry_id"},
       {"return_id", "end_to_end_id"}},
      {"bank_return_holds",
       "return_id",
       {"return_id", "end_to_end_id"},
       {"return_id", "end_to_end_id"}},
      {"bank_return_decisions",
       "decision_id",
       {"decision_id", "end_to_end_id", "return_id", "decision", "entry_id", "note", "decided_at",
        "actor"},
       {"decision_id", "end_to_end_id"}},
      {"ledger_closings",
       "fiscal_year",
       {"fiscal_year", "entry_id", "digest_entry_count", "digest_head_hash", "closed_at", "actor"},
       {"fiscal_year"}},
      {"budget_changes",
       "change_id",
       {"change_id", "year", "kind", "amount_fen", "budget_after_fen", "ref", "entry_id",
        "recorded_at", "actor"},
       {"change_id"}},
      {"payment_batch_budgets",
       "batch_id",
       {"batch_id", "year", "budget_change_id", "budget_fen", "committed_fen"},
       {"batch_id"}},
      {"payment_batch_budget_lines",
       "batch_id",
       {"batch_id", "line_no", "uscc", "application_id", "amount_fen", "included"},
       {"batch_id", "line_no"}},
      {"people",
       "change_id",
       {"change_id", "login", "display_name", "roles", "status", "public_key", "private_key",
        "change", "changed_by", "changed_at"},
       {"change_id"}},
      {"signatures",
       "signature_id",
       {"signature_id", "signer", "command", "arguments", "signed_at", "entry_count", "entry_hash",
        "record_count", "record_hash", "signature"},
       {"signature_id"}},
  };
}

}  // namespace

const std::vector<SealedTable>& sealed_tables() {
  static const std::vector<SealedTable> tables = make_tables();
  SUBSIDY_ASSERT(!tables.empty());
  return tables;
}

std::string canonical_record_bytes(const SealRecord& record, std::string_view previous_hash) {
  std::string out;
  out.reserve(256 + record.table_name.size() + record.group_key.size() + record.actor.size());
  put_field(out, kRecordTag);
  put_field(out, previous_hash);
  put_field(out, std::to_string(record.record_id));
  put_field(out, record.table_name);
  put_field(out, record.group_key);
  put_field(out, std::to_string(record.row_count));
  put_field(out, record.content_sha256);
  put_field(out, record.sealed_at);
  put_field(out, record.actor);
  SUBSIDY_ASSERT(out.starts_with("23:subsidy-ledger-record/1,"));
  return out;
}

std::string record_chain_hash(const SealRecord& record, std::string_view previous_hash) {
  std::string hash = sha256_hex(canonical_record_bytes(record, previous_hash));
  SUBSIDY_ASSERT(hash.size() == 64);
  return hash;
}

GroupHasher::GroupHasher(std::string_view table_name, std::string_view group_key) {
  put(kRowsTag);
  put(table_name);
  put(group_key);
}

void GroupHasher::put(std::string_view value) {
  put_field(buffer_, value);
  if (buffer_.size() >= kFlushBytes) flush();
}

void GroupHasher::flush() {
  if (keeping_) kept_ += buffer_;
  sha_.update(buffer_);
  buffer_.clear();
}

void GroupHasher::add_value(const std::optional<std::string_view>& value) {
  if (value) {
    put(*value);
  } else {
    buffer_ += "~,";
  }
}

std::string GroupHasher::finish_hex() {
  SUBSIDY_ASSERT(row_count_ >= 0);
  put(std::to_string(row_count_));
  flush();
  return sha_.finish_hex();
}

}  // namespace subsidy
