DROP INDEX product_images_media_idx;
ALTER TABLE media DROP COLUMN last_error;
ALTER TABLE media DROP COLUMN variant_widths;
