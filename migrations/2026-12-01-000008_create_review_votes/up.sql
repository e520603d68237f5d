-- "This review helped me": one vote per shopper per review; reviews.helpful_count is kept by
-- the write that adds a vote. The moderation queue is read oldest change first.
CREATE TABLE review_votes (
    review_id  BIGINT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (review_id, user_id)
);
CREATE INDEX reviews_status_updated_idx ON reviews (status, updated_at, id);
CREATE INDEX reviews_product_helpful_idx ON reviews (product_id, helpful_count DESC, id DESC) WHERE status = 'approved';
