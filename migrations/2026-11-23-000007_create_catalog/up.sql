-- The catalog: a category tree, brands, products with variants and images, the uploaded media
-- behind the images, old slugs that redirect, reviews and wishlists. Products carry a summary
-- of their variants and reviews (lowest price, in stock, rating, sales) kept up to date by the
-- writes, so listings filter and sort on one table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE categories (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id   BIGINT REFERENCES categories (id) ON DELETE RESTRICT,
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX categories_parent_idx ON categories (parent_id, position);
SELECT diesel_manage_updated_at('categories');

CREATE TABLE brands (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
SELECT diesel_manage_updated_at('brands');

-- Uploaded images: the original is re-encoded without metadata; a job writes the sized variants.
CREATE TABLE media (
    id           UUID PRIMARY KEY,
    content_type TEXT NOT NULL,
    width        INT NOT NULL CHECK (width > 0),
    height       INT NOT NULL CHECK (height > 0),
    bytes        BIGINT NOT NULL CHECK (bytes >= 0),
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
    created_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
SELECT diesel_manage_updated_at('media');

CREATE TABLE products (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
    brand_id         BIGINT REFERENCES brands (id) ON DELETE RESTRICT,
    category_id      BIGINT NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    featured         BOOLEAN NOT NULL DEFAULT false,
    -- Summary of the variants (kept by the writes that change them).
    currency         TEXT NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    price_cents      BIGINT NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    compare_at_cents BIGINT CHECK (compare_at_cents >= 0),
    in_stock         BOOLEAN NOT NULL DEFAULT false,
    -- Summary of the approved reviews (kept by the review writes).
    rating_count     INT NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    rating_sum       INT NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
    rating_avg       REAL NOT NULL DEFAULT 0,
    rating_hist      INT[] NOT NULL DEFAULT '{0,0,0,0,0}',
    sales_count      INT NOT NULL DEFAULT 0 CHECK (sales_count >= 0),
    -- Weighted full-text document: name (A), brand and category (B), description (C).
    search_document  TSVECTOR NOT NULL DEFAULT ''::tsvector,
    published_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
SELECT diesel_manage_updated_at('products');
CREATE INDEX products_active_created_idx ON products (created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX products_active_price_idx ON products (price_cents, id) WHERE status = 'active';
CREATE INDEX products_active_rating_idx ON products (rating_avg DESC, id DESC) WHERE status = 'active';
CREATE INDEX products_active_sales_idx ON products (sales_count DESC, id DESC) WHERE status = 'active';
CREATE INDEX products_active_featured_idx ON products (id DESC) WHERE status = 'active' AND featured;
CREATE INDEX products_brand_idx ON products (brand_id);
CREATE INDEX products_category_idx ON products (category_id);
CREATE INDEX products_search_idx ON products USING GIN (search_document);
CREATE INDEX products_name_trgm_idx ON products USING GIN (name gin_trgm_ops);
CREATE INDEX products_updated_idx ON products (updated_at DESC) WHERE status = 'active';

-- Keeps the search document in step with the name, description, brand and category.
CREATE FUNCTION products_search_document() RETURNS trigger AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
        setweight(to_tsvector('english',
            coalesce((SELECT name FROM brands WHERE id = NEW.brand_id), '') || ' ' ||
            coalesce((SELECT name FROM categories WHERE id = NEW.category_id), '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER products_search_document_trigger
    BEFORE INSERT OR UPDATE OF name, description, brand_id, category_id ON products
    FOR EACH ROW EXECUTE FUNCTION products_search_document();

-- Every category a product is listed in (its main one included).
CREATE TABLE product_categories (
    product_id  BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, category_id)
);
CREATE INDEX product_categories_category_idx ON product_categories (category_id, product_id);

CREATE TABLE product_variants (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id          BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku                 TEXT NOT NULL UNIQUE,
    -- Option values, e.g. {"size": "M", "colour": "Navy"}.
    options             JSONB NOT NULL DEFAULT '{}'::jsonb,
    price_cents         BIGINT NOT NULL CHECK (price_cents >= 0),
    compare_at_cents    BIGINT CHECK (compare_at_cents >= 0),
    currency            TEXT NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    stock               INT NOT NULL DEFAULT 0 CHECK (stock >= 0),
    low_stock_threshold INT NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
    position            INT NOT NULL DEFAULT 0,
    archived            BOOLEAN NOT NULL DEFAULT false,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
SELECT diesel_manage_updated_at('product_variants');
CREATE INDEX product_variants_product_idx ON product_variants (product_id, position);

CREATE TABLE product_images (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    media_id   UUID NOT NULL REFERENCES media (id) ON DELETE RESTRICT,
    position   INT NOT NULL DEFAULT 0,
    alt        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX product_images_product_idx ON product_images (product_id, position);

-- Old slugs answer 301 to the current one.
CREATE TABLE slug_redirects (
    kind       TEXT NOT NULL CHECK (kind IN ('product', 'category', 'brand')),
    old_slug   TEXT NOT NULL,
    target_id  BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, old_slug)
);

CREATE TABLE reviews (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id    BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    user_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating        SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    helpful_count INT NOT NULL DEFAULT 0 CHECK (helpful_count >= 0),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (product_id, user_id)
);
SELECT diesel_manage_updated_at('reviews');
CREATE INDEX reviews_product_approved_idx ON reviews (product_id, created_at DESC) WHERE status = 'approved';
CREATE INDEX reviews_pending_idx ON reviews (created_at) WHERE status = 'pending';

CREATE TABLE wishlist_items (
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id)
);

-- The words of product names, brands and categories, for typo correction by trigram
-- similarity (a few thousand rows, however large the catalog).
CREATE TABLE search_words (
    word TEXT PRIMARY KEY
);
CREATE INDEX search_words_trgm_idx ON search_words USING GIN (word gin_trgm_ops);
