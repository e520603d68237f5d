-- Which sized copies of an image exist (widths in pixels), written by the job that makes them;
-- pages list exactly these in `srcset`.
ALTER TABLE media ADD COLUMN variant_widths INT[] NOT NULL DEFAULT '{}';
ALTER TABLE media ADD COLUMN last_error TEXT;
CREATE UNIQUE INDEX product_images_media_idx ON product_images (product_id, media_id);
