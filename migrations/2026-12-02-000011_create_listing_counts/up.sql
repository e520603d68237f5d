-- How many active products fall in each combination of the listing's facet dimensions, per
-- category they are listed in (category 0: the whole shop). The listing's facet counts and
-- totals are summed from here instead of aggregated over every product per request, so their
-- cost does not grow with the catalog. Kept exact by the triggers below, inside the writing
-- transaction.
CREATE TABLE listing_counts (
    category_id  BIGINT NOT NULL,
    brand_id     BIGINT NOT NULL,     -- 0: no brand
    price_band   SMALLINT NOT NULL,   -- 0..4, the bands of listing::PRICE_BANDS
    rating_floor SMALLINT NOT NULL,   -- floor(rating_avg), 0..5
    in_stock     BOOLEAN NOT NULL,
    products     INT NOT NULL,
    PRIMARY KEY (category_id, brand_id, price_band, rating_floor, in_stock)
);

-- The price band of an amount in cents (must match listing::PRICE_BANDS).
CREATE FUNCTION listing_price_band(cents BIGINT) RETURNS SMALLINT AS $$
    SELECT (CASE WHEN cents < 2500 THEN 0 WHEN cents < 5000 THEN 1 WHEN cents < 10000 THEN 2
                 WHEN cents < 20000 THEN 3 ELSE 4 END)::smallint
$$ LANGUAGE sql IMMUTABLE;

-- The rating row of an average rating.
CREATE FUNCTION listing_rating_floor(avg REAL) RETURNS SMALLINT AS $$
    SELECT least(greatest(floor(avg), 0), 5)::smallint
$$ LANGUAGE sql IMMUTABLE;

CREATE TYPE listing_count_delta AS (
    category_id  BIGINT,
    brand_id     BIGINT,
    price_band   SMALLINT,
    rating_floor SMALLINT,
    in_stock     BOOLEAN,
    delta        INT
);

-- Adds the deltas, summed per row; rows in key order so concurrent writers lock them in the
-- same order.
CREATE FUNCTION listing_counts_add(deltas listing_count_delta[]) RETURNS void AS $$
    INSERT INTO listing_counts AS lc (category_id, brand_id, price_band, rating_floor, in_stock, products)
    SELECT d.category_id, d.brand_id, d.price_band, d.rating_floor, d.in_stock, sum(d.delta)::int
    FROM unnest(deltas) AS d
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(d.delta) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (category_id, brand_id, price_band, rating_floor, in_stock)
    DO UPDATE SET products = lc.products + EXCLUDED.products
$$ LANGUAGE sql;

-- New active products count in the whole shop (their category listings follow as
-- product_categories rows).
CREATE FUNCTION listing_counts_products_inserted() RETURNS trigger AS $$
BEGIN
    PERFORM listing_counts_add(ARRAY(
        SELECT ROW(0, coalesce(n.brand_id, 0), listing_price_band(n.price_cents),
                   listing_rating_floor(n.rating_avg), n.in_stock, 1)::listing_count_delta
        FROM new_rows n WHERE n.status = 'active'));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER listing_counts_products_insert AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION listing_counts_products_inserted();

-- Products whose dimensions changed leave their old rows for the new ones, in the whole shop
-- and in every category they are listed in.
CREATE FUNCTION listing_counts_products_updated() RETURNS trigger AS $$
BEGIN
    PERFORM listing_counts_add(ARRAY(
        WITH moved AS (
            SELECT o.id,
                   o.status = 'active' AS was_active, n.status = 'active' AS is_active,
                   coalesce(o.brand_id, 0) AS o_brand, coalesce(n.brand_id, 0) AS n_brand,
                   listing_price_band(o.price_cents) AS o_band, listing_price_band(n.price_cents) AS n_band,
                   listing_rating_floor(o.rating_avg) AS o_rating, listing_rating_floor(n.rating_avg) AS n_rating,
                   o.in_stock AS o_stock, n.in_stock AS n_stock
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.status = 'active' OR n.status = 'active')
              AND (o.status, o.brand_id, listing_price_band(o.price_cents),
                   listing_rating_floor(o.rating_avg), o.in_stock)
                  IS DISTINCT FROM
                  (n.status, n.brand_id, listing_price_band(n.price_cents),
                   listing_rating_floor(n.rating_avg), n.in_stock)
        ), listed AS (
            SELECT m.*, 0::bigint AS category_id FROM moved m
            UNION ALL
            SELECT m.*, pc.category_id FROM moved m JOIN product_categories pc ON pc.product_id = m.id
        )
        SELECT ROW(category_id, o_brand, o_band, o_rating, o_stock, -1)::listing_count_delta
        FROM listed WHERE was_active
        UNION ALL
        SELECT ROW(category_id, n_brand, n_band, n_rating, n_stock, 1)::listing_count_delta
        FROM listed WHERE is_active));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER listing_counts_products_update AFTER UPDATE ON products
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION listing_counts_products_updated();

-- A deleted product leaves every row it counted in. Row-level and BEFORE, while its category
-- listings still exist (the cascade removes them next, and finds no product to subtract).
CREATE FUNCTION listing_counts_product_deleted() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'active' THEN
        PERFORM listing_counts_add(ARRAY(
            SELECT ROW(c.category_id, coalesce(OLD.brand_id, 0), listing_price_band(OLD.price_cents),
                       listing_rating_floor(OLD.rating_avg), OLD.in_stock, -1)::listing_count_delta
            FROM (SELECT 0::bigint AS category_id
                  UNION ALL
                  SELECT category_id FROM product_categories WHERE product_id = OLD.id) c));
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER listing_counts_product_delete BEFORE DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION listing_counts_product_deleted();

-- Category listings added or removed for active products.
CREATE FUNCTION listing_counts_listings_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM listing_counts_add(ARRAY(
            SELECT ROW(n.category_id, coalesce(p.brand_id, 0), listing_price_band(p.price_cents),
                       listing_rating_floor(p.rating_avg), p.in_stock, 1)::listing_count_delta
            FROM new_rows n JOIN products p ON p.id = n.product_id WHERE p.status = 'active'));
    ELSE
        PERFORM listing_counts_add(ARRAY(
            SELECT ROW(o.category_id, coalesce(p.brand_id, 0), listing_price_band(p.price_cents),
                       listing_rating_floor(p.rating_avg), p.in_stock, -1)::listing_count_delta
            FROM old_rows o JOIN products p ON p.id = o.product_id WHERE p.status = 'active'));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER listing_counts_listings_insert AFTER INSERT ON product_categories
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION listing_counts_listings_changed();
CREATE TRIGGER listing_counts_listings_delete AFTER DELETE ON product_categories
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION listing_counts_listings_changed();

-- The catalog there is already.
SELECT listing_counts_add(ARRAY(
    SELECT ROW(c.category_id, coalesce(p.brand_id, 0), listing_price_band(p.price_cents),
               listing_rating_floor(p.rating_avg), p.in_stock, 1)::listing_count_delta
    FROM products p
    CROSS JOIN LATERAL (SELECT 0::bigint AS category_id
                        UNION ALL
                        SELECT category_id FROM product_categories WHERE product_id = p.id) c
    WHERE p.status = 'active'));

-- The default listing order ("relevance" without words: featured, then best-selling).
CREATE INDEX products_active_relevance_idx ON products (featured DESC, sales_count DESC, id DESC)
    WHERE status = 'active';

-- Similar products: the best sellers of a category, and of a brand, walked in order.
CREATE INDEX products_active_category_best_idx
    ON products (category_id, in_stock DESC, sales_count DESC, id DESC) WHERE status = 'active';
CREATE INDEX products_active_brand_best_idx
    ON products (brand_id, in_stock DESC, sales_count DESC, id DESC) WHERE status = 'active';
