// The canonical entry bytes and chain hash (chain.h) pinned byte for byte to docs/ledger-format.md,
// and SHA-256 itself against its published test vectors.
#include <catch2/catch.hpp>

#include "ledger/books/chain.h"
#include "ledger/base/sha256.h"

using namespace subsidy;

namespace {

Entry sample_entry() {
  Entry entry;
  entry.entry_id = 1;
  entry.fiscal_year = 2023;
  entry.kind = "award";
  entry.actor = "张会计";
  entry.posted_at = "2024-01-31T08:00:00Z";
  entry.idempotency_key = "award/A-02/1";
  entry.memo = "";
  entry.application_id = "A-02";
  entry.run_id = 3;
  entry.lines = {{"county_expense", Money::from_fen(10672840)},
                 {"region_due:P01", Money::from_fen(10672839)},
                 {"award_payable:91321323L30P8774PE", Money::from_fen(-21345679)}};
  return entry;
}

}  // namespace

TEST_CASE("SHA-256 matches the FIPS 180-2 test vectors") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 incremental;
  incremental.update("a");
  incremental.update("bc");
  CHECK(incremental.finish_hex() == sha256_hex("abc"));
  incremental.update("abc");  // ready for a new message after finish_hex
  CHECK(incremental.finish_hex() == sha256_hex("abc"));
}

TEST_CASE("the canonical bytes are exactly those of docs/ledger-format.md") {
  const std::string expected =
      "22:subsidy-ledger-entry/1,"
      "64:0000000000000000000000000000000000000000000000000000000000000000,"
      "1:1,4:2023,5:award,9:张会计,20:2024-01-31T08:00:00Z,12:award/A-02/1,0:,4:A-02,~,1:3,~,~,"
      "1:3,"
      "1:1,14:county_expense,8:10672840,"
      "1:2,14:region_due:P01,8:10672839,"
      "1:3,32:award_payable:91321323L30P8774PE,9:-21345679,";
  CHECK(canonical_entry_bytes(sample_entry(), kGenesisHash) == expected);
  CHECK(chain_hash(sample_entry(), kGenesisHash) == sha256_hex(expected));
}

TEST_CASE("every field, NULL or empty, and the previous hash change the hash") {
  const Entry base = sample_entry();
  const std::string base_hash = chain_hash(base, kGenesisHash);
  std::vector<Entry> variants(14, base);
  variants[0].entry_id = 2;
  variants[1].fiscal_year = 2024;
  variants[2].kind = "award_adjustment";
  variants[3].actor = "李会计";
  variants[4].posted_at = "2024-01-31T08:00:01Z";
  variants[5].idempotency_key = "award/A-02/2";
  variants[6].memo = " ";
  variants[7].application_id = std::nullopt;
  variants[8].batch_id = 0;
  variants[9].run_id = std::nullopt;
  variants[10].reverses_entry_id = 1;
  variants[11].refers_year = 2022;
  variants[12].lines[0].amount = Money::from_fen(10672841);
  variants[12].lines[1].amount = Money::from_fen(10672838);
  std::swap(variants[13].lines[0], variants[13].lines[1]);
  for (size_t i = 0; i < variants.size(); ++i) {
    INFO("variant " << i);
    CHECK(chain_hash(variants[i], kGenesisHash) != base_hash);
  }
  CHECK(chain_hash(base, std::string(63, '0') + "1") != base_hash);
  // Length prefixes keep field boundaries: moving a byte between fields changes the bytes.
  Entry shifted = base;
  shifted.kind = "awar";
  shifted.actor = "d张会计";
  CHECK(canonical_entry_bytes(shifted, kGenesisHash) != canonical_entry_bytes(base, kGenesisHash));
}
