-- Idempotency replies were scoped by the bare user id, which users of two brands, or an influencer
-- and a brand user, can share. They are scoped by the whole principal now ("brand/<b>/user/<u>",
-- "influencer/<u>", "ops/<u>"). A bare-id scope cannot be told apart, so its replies are retired:
-- a retry across this change runs as a new request, which the workflow still judges by its rules.
DELETE FROM "idempotency_keys" WHERE "scope" NOT LIKE '%/%';

-- Inboxes were keyed by the bare user id, and a brand's team inbox by "brand:<brand id>", so an
-- influencer whose id was "brand:x" read brand x's team inbox, and user u1 of brand B read what was
-- addressed to user u1 of brand A. They are keyed by the whole principal now. Percent-encoding as
-- JavaScript's encodeURIComponent does it, for the ids this platform hands out (letters, digits,
-- "-", "_", ".", "~" stay; anything else is escaped byte by byte).
CREATE FUNCTION pg_temp.uri_component(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(string_agg(
    CASE WHEN ch ~ '^[A-Za-z0-9_.!~*''()-]$' THEN ch
         ELSE (SELECT string_agg('%' || upper(lpad(to_hex(b), 2, '0')), '')
               FROM (SELECT get_byte(convert_to(ch, 'UTF8'), i) AS b
                     FROM generate_series(0, octet_length(convert_to(ch, 'UTF8')) - 1) AS i) bytes)
    END, '' ORDER BY n), '')
  FROM regexp_split_to_table($1, '') WITH ORDINALITY AS chars(ch, n)
$$;

-- A brand's team inbox.
UPDATE "notifications" SET "recipient_id" = 'brand/' || pg_temp.uri_component(substr("recipient_id", 7)) || '/team'
WHERE "recipient_id" LIKE 'brand:%' AND "kind" = 'new_message';

-- What is only ever addressed to influencers.
UPDATE "notifications" SET "recipient_id" = 'influencer/' || pg_temp.uri_component("recipient_id")
WHERE "kind" IN ('invitation', 'agreement_sent', 'agreement_reminder', 'agreement_expired',
                 'congratulations', 'bummer', 'new_message')
  AND "recipient_id" NOT LIKE 'brand/%';

-- A brand user's own notifications (campaign published, selection reminder) never recorded which
-- brand the user acted for, and that is exactly what cannot be guessed safely: they are retired to
-- a key no principal has, rather than shown to a namesake in another brand.
UPDATE "notifications" SET "recipient_id" = 'retired/' || pg_temp.uri_component("recipient_id")
WHERE "recipient_id" NOT LIKE '%/%';
