DROP INDEX order_lines_result_idx;
ALTER TABLE order_lines DROP COLUMN print_media_id;
ALTER TABLE order_lines DROP COLUMN result_id;
DROP INDEX cart_items_line_idx;
ALTER TABLE cart_items DROP COLUMN id;
DELETE FROM cart_items WHERE result_id IS NOT NULL;
ALTER TABLE cart_items DROP COLUMN result_id;
ALTER TABLE cart_items ADD PRIMARY KEY (cart_id, variant_id);
