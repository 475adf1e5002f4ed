// The ISO 20022 customer credit transfer initiation (pain.001) a bank takes for a payment batch:
// one message per batch, one payment information block debiting the county treasury account, one
// credit transfer per item. Versions 001.001.09 (current) and 001.001.03 (still the one many banks'
// host-to-host channels ask for).
#pragma once

#include <string>
#include <string_view>

#include "ledger/payments/payment_batch.h"

namespace subsidy {

enum class Pain001Version { v03, v09 };

// "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09" and the like.
std::string_view pain001_namespace(Pain001Version version);
// "pain.001.001.09" and the like: the message name a pain.002 refers back to (OrgnlMsgNmId).
std::string_view pain001_message_name(Pain001Version version);

// The UTF-8 bytes of the message for `batch`. Deterministic: the same batch gives the same bytes
// (the only time inside is the batch's stored creation time). MsgId and PmtInfId are the batch id,
// EndToEndId and InstrId the item's EndToEndId, amounts are CNY with two decimals, the banks are
// named by CNAPS code (clearing system "CNAPS") and by BIC where the payer has one, charges are
// borne by the debtor (ChrgBr DEBT) so that every payee receives its award in full, and the
// remittance text travels as Ustrd pieces of at most 140 characters.
// Throws RefusedError when the batch fails check_payment_batch or a name exceeds the field length
// (140 characters; names are never cut: the bank matches them against the account).
std::string write_pain001(const PaymentBatch& batch, Pain001Version version);

}  // namespace subsidy
