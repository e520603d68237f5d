-- Prints of studio results, ordered through the shop: cart and order lines that carry the
-- result printed (the "photo print" product, whose variants are the sizes and papers, is made
-- by `domain::studio::prints` the first time someone orders a print). A cart may hold several
-- pictures in one size and paper, so a cart line is no longer one per variant: it is one per
-- variant and result (no result for everything else).

-- Cart lines: one per variant and result.
ALTER TABLE cart_items ADD COLUMN result_id UUID REFERENCES studio_results (id) ON DELETE CASCADE;
ALTER TABLE cart_items DROP CONSTRAINT cart_items_pkey;
ALTER TABLE cart_items ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
CREATE UNIQUE INDEX cart_items_line_idx ON cart_items (cart_id, variant_id, result_id) NULLS NOT DISTINCT;

-- Order lines: the result printed, and the print file once rendered. A result in an order
-- cannot be deleted.
ALTER TABLE order_lines ADD COLUMN result_id UUID REFERENCES studio_results (id) ON DELETE RESTRICT;
ALTER TABLE order_lines ADD COLUMN print_media_id UUID REFERENCES media (id) ON DELETE SET NULL;
CREATE INDEX order_lines_result_idx ON order_lines (result_id) WHERE result_id IS NOT NULL;
