-- Ops list every brand's campaigns newest first (GET /campaigns without a brand).
CREATE INDEX "campaigns_created_at_id_idx" ON "campaigns"("created_at" DESC, "id");
