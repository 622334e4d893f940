-- When an agreement's reminder went out. A campaign's workflow keeps its applicants and agreements
-- here between runs (a huge campaign's roster is too large to carry), so the read model must hold
-- everything the rules and the clock need, this included: a reminder is sent once.
ALTER TABLE "agreements" ADD COLUMN "reminded_at" TIMESTAMPTZ(3);
