-- The API now bounds what it accepts as the columns and the workflow can hold it: durations up to
-- 366 days (31,622,400 s), counts up to 2,147,483,647, links only http(s). Rows stored before the
-- bounds are brought within them, so every stored campaign still reads and publishes.

-- Schedules: each duration clamped to the longest one accepted.
UPDATE "campaigns" c
SET "schedule" = (
  SELECT jsonb_object_agg(
    key,
    CASE WHEN jsonb_typeof(value) = 'number' AND value::numeric > 31622400 THEN to_jsonb(31622400)
         ELSE value END)
  FROM jsonb_each(c."schedule")
)
WHERE EXISTS (
  SELECT 1 FROM jsonb_each(c."schedule")
  WHERE jsonb_typeof(value) = 'number' AND value::numeric > 31622400
);

-- A follower minimum beyond any count an account can have.
UPDATE "campaigns"
SET "qualifications" = jsonb_set("qualifications", '{minFollowers}', to_jsonb(2147483647))
WHERE jsonb_typeof("qualifications" -> 'minFollowers') = 'number'
  AND ("qualifications" ->> 'minFollowers')::numeric > 2147483647;

-- Links that are not http(s) (javascript:, data:, …) are dropped: they were never safe to show.
UPDATE "campaigns"
SET "story_image_urls" = ARRAY(
  SELECT url FROM unnest("story_image_urls") AS url WHERE url ~* '^https?://')
WHERE EXISTS (SELECT 1 FROM unnest("story_image_urls") AS url WHERE url !~* '^https?://');

UPDATE "results"
SET "screenshot_urls" = ARRAY(
  SELECT url FROM unnest("screenshot_urls") AS url WHERE url ~* '^https?://')
WHERE EXISTS (SELECT 1 FROM unnest("screenshot_urls") AS url WHERE url !~* '^https?://');

DELETE FROM "results" WHERE "post_url" !~* '^https?://';
