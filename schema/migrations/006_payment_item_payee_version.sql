-- Issue 15: which master-data version of its payee each payment item took its bank details from, so
-- that `batch export` and `verify` can compare the item with exactly that version (an account
-- rewritten in the item or in the master data afterwards is then found). NULL for items made before
-- this migration: those are compared with the version imported last at or before the batch's
-- creation time.
ALTER TABLE payment_batch_items ADD COLUMN payee_version INTEGER
  CHECK (payee_version IS NULL OR payee_version >= 1);
