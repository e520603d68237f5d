-- Carts, stock holds, coupons, shipping methods, tax rates, orders with their lines, payments
-- and history, and in-app notifications. Money is integer cents. Stock is changed only by
-- checkout (under row locks on the variants) and by cancellations that restock.

-- Units sold per variant (checkout adds, a restock takes back). `sold_counted` is how much of
-- it the product's `sales_count` already includes; a periodic job adds the difference.
ALTER TABLE product_variants
    ADD COLUMN sold         INT NOT NULL DEFAULT 0 CHECK (sold >= 0),
    ADD COLUMN sold_counted INT NOT NULL DEFAULT 0;
CREATE INDEX product_variants_sales_pending_idx ON product_variants (id) WHERE sold <> sold_counted;

-- A guest's cart belongs to a session (its id is kept in the session); a user's cart to them.
CREATE TABLE carts (
    id              UUID PRIMARY KEY,
    user_id         UUID UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    coupon_code     TEXT,
    -- When the last stock hold of this cart ran out (shown until the cart changes).
    hold_expired_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
SELECT diesel_manage_updated_at('carts');
CREATE INDEX carts_guest_updated_idx ON carts (updated_at) WHERE user_id IS NULL;

CREATE TABLE cart_items (
    cart_id    UUID NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    variant_id BIGINT NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    quantity   INT NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    added_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, variant_id)
);

-- Quantities reserved while a cart is in checkout: available = stock - active holds of others.
CREATE TABLE stock_holds (
    cart_id    UUID NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    variant_id BIGINT NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    quantity   INT NOT NULL CHECK (quantity > 0),
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cart_id, variant_id)
);
CREATE INDEX stock_holds_variant_idx ON stock_holds (variant_id, expires_at);
CREATE INDEX stock_holds_expiry_idx ON stock_holds (expires_at);

CREATE TABLE coupons (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{2,31}$'),
    description        TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    -- Percent off (1..100) or cents off.
    amount             BIGINT NOT NULL CHECK (amount > 0),
    min_subtotal_cents BIGINT NOT NULL DEFAULT 0 CHECK (min_subtotal_cents >= 0),
    starts_at          TIMESTAMPTZ,
    ends_at            TIMESTAMPTZ,
    usage_limit        INT CHECK (usage_limit > 0),
    per_user_limit     INT CHECK (per_user_limit > 0),
    times_used         INT NOT NULL DEFAULT 0 CHECK (times_used >= 0),
    active             BOOLEAN NOT NULL DEFAULT true,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (kind <> 'percent' OR amount <= 100),
    CHECK (usage_limit IS NULL OR times_used <= usage_limit),
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
);
SELECT diesel_manage_updated_at('coupons');

CREATE TABLE shipping_methods (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name            TEXT NOT NULL,
    price_cents     BIGINT NOT NULL CHECK (price_cents >= 0),
    -- Free when the discounted subtotal reaches this.
    free_over_cents BIGINT CHECK (free_over_cents >= 0),
    min_days        INT NOT NULL CHECK (min_days >= 0),
    max_days        INT NOT NULL,
    active          BOOLEAN NOT NULL DEFAULT true,
    position        INT NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (max_days >= min_days)
);
SELECT diesel_manage_updated_at('shipping_methods');
INSERT INTO shipping_methods (code, name, price_cents, free_over_cents, min_days, max_days, position) VALUES
    ('standard', 'Standard delivery', 490, 5000, 3, 5, 0),
    ('express', 'Express delivery', 1290, NULL, 1, 2, 1);

-- Tax (VAT) by destination country, in basis points (2100 = 21 %), added on top of prices.
CREATE TABLE tax_rates (
    country    TEXT PRIMARY KEY CHECK (country ~ '^[A-Z]{2}$'),
    rate_bp    INT NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
SELECT diesel_manage_updated_at('tax_rates');
INSERT INTO tax_rates (country, rate_bp) VALUES
    ('AT', 2000), ('BE', 2100), ('DE', 1900), ('DK', 2500), ('ES', 2100), ('FI', 2550),
    ('FR', 2000), ('IE', 2300), ('IT', 2200), ('LU', 1700), ('NL', 2100), ('PL', 2300),
    ('PT', 2300), ('SE', 2500);

CREATE TABLE orders (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- What URLs and people use: random, never the sequential id.
    number           TEXT NOT NULL UNIQUE,
    -- One order per checkout form: a second submit of the same key finds this order.
    idempotency_key  UUID NOT NULL UNIQUE,
    user_id          UUID REFERENCES users (id) ON DELETE SET NULL,
    email            TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending_payment', 'paid', 'fulfilled',
                         'shipped', 'delivered', 'cancelled', 'refunded')),
    currency         TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    subtotal_cents   BIGINT NOT NULL CHECK (subtotal_cents >= 0),
    discount_cents   BIGINT NOT NULL CHECK (discount_cents >= 0),
    shipping_cents   BIGINT NOT NULL CHECK (shipping_cents >= 0),
    tax_cents        BIGINT NOT NULL CHECK (tax_cents >= 0),
    total_cents      BIGINT NOT NULL CHECK (total_cents >= 0),
    tax_rate_bp      INT NOT NULL,
    coupon_id        BIGINT REFERENCES coupons (id) ON DELETE SET NULL,
    coupon_code      TEXT,
    shipping_method  TEXT NOT NULL,
    ship_to          JSONB NOT NULL,
    placed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (total_cents = subtotal_cents - discount_cents + shipping_cents + tax_cents)
);
SELECT diesel_manage_updated_at('orders');
CREATE INDEX orders_user_idx ON orders (user_id, placed_at DESC);
CREATE INDEX orders_status_idx ON orders (status, placed_at DESC);
CREATE INDEX orders_placed_idx ON orders (placed_at DESC);
CREATE INDEX orders_email_idx ON orders (lower(email));

-- What was bought, copied at the moment of purchase (name, SKU, options, price).
CREATE TABLE order_lines (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id         BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    variant_id       BIGINT REFERENCES product_variants (id) ON DELETE SET NULL,
    product_id       BIGINT REFERENCES products (id) ON DELETE SET NULL,
    product_name     TEXT NOT NULL,
    product_slug     TEXT NOT NULL,
    sku              TEXT NOT NULL,
    options          JSONB NOT NULL DEFAULT '{}'::jsonb,
    unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents >= 0),
    quantity         INT NOT NULL CHECK (quantity > 0),
    line_total_cents BIGINT NOT NULL CHECK (line_total_cents = unit_price_cents * quantity)
);
CREATE INDEX order_lines_order_idx ON order_lines (order_id);
CREATE INDEX order_lines_product_idx ON order_lines (product_id, order_id);

CREATE TABLE payments (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id       BIGINT NOT NULL UNIQUE REFERENCES orders (id) ON DELETE CASCADE,
    provider       TEXT NOT NULL,
    reference      TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('authorized', 'captured', 'refund_pending', 'refunded')),
    amount_cents   BIGINT NOT NULL CHECK (amount_cents >= 0),
    refunded_cents BIGINT NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    currency       TEXT NOT NULL,
    card_brand     TEXT NOT NULL DEFAULT '',
    card_last4     TEXT NOT NULL DEFAULT '',
    refund_reference TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (provider, reference),
    CHECK (refunded_cents <= amount_cents)
);
SELECT diesel_manage_updated_at('payments');

CREATE TABLE coupon_uses (
    coupon_id BIGINT NOT NULL REFERENCES coupons (id) ON DELETE CASCADE,
    order_id  BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    user_id   UUID REFERENCES users (id) ON DELETE SET NULL,
    email     TEXT NOT NULL,
    used_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (coupon_id, order_id)
);
CREATE INDEX coupon_uses_user_idx ON coupon_uses (coupon_id, user_id);
CREATE INDEX coupon_uses_email_idx ON coupon_uses (coupon_id, lower(email));

-- Every status change: who (a user, or nobody for the system), when, from what, why.
CREATE TABLE order_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    actor_id    UUID REFERENCES users (id) ON DELETE SET NULL,
    actor_role  TEXT NOT NULL CHECK (actor_role IN ('customer', 'staff', 'system')),
    note        TEXT NOT NULL DEFAULT '',
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);

CREATE TABLE notifications (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    read_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
