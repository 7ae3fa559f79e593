-- The optional steps a batch chose (a base64 accountadmin.v1.StepOptions), so that a resumed
-- batch runs the same steps for its remaining users as for the first ones. Null: none chosen.
ALTER TABLE batches ADD COLUMN options TEXT;
