-- Idempotency replies were scoped by the bare user id, which users of two brands, or an influencer
-- and a brand user, can share. They are scoped by the whole principal now ("brand/<b>/user/<u>",
-- "influencer/<u>", "ops/<u>"). A bare-id scope cannot be told apart, so its replies are retired:
-- a retry across this change runs as a new request, which the workflow still judges by its rules.
DELETE FROM "idempotency_keys" WHERE "scope" NOT LIKE '%/%';
