DROP INDEX reviews_product_helpful_idx;
DROP INDEX reviews_status_updated_idx;
DROP TABLE review_votes;
