-- CreateTable
CREATE TABLE "calendar_feeds" (
    "id" UUID NOT NULL,
    "practice_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "last_read_at" TIMESTAMPTZ(3),

    CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("practice_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds"("token_hash");

-- CreateIndex
CREATE INDEX "calendar_feeds_practice_id_user_id_idx" ON "calendar_feeds"("practice_id", "user_id");

-- AddForeignKey
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_practice_id_user_id_fkey" FOREIGN KEY ("practice_id", "user_id") REFERENCES "users"("practice_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- One active feed per user (Prisma cannot say a partial index): creating a new one revokes the old in the same transaction.
CREATE UNIQUE INDEX "calendar_feeds_one_active_per_user" ON "calendar_feeds"("practice_id", "user_id") WHERE "revoked_at" IS NULL;
