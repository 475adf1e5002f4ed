-- The assessment record keeps data, not rendered text: each application's steps as JSON (the rule,
-- the kind of step, its operands and exact value, the rounding, the amount after it, the pro-rata
-- numbers and the reason it added), from which `explain` and any front end render the words in
-- either language. `explanation` (rendered Chinese text) is no longer written; rows of runs made
-- before this migration keep theirs.
ALTER TABLE assessment_results ADD COLUMN steps TEXT;  -- NULL when the run kept no trace
