-- Product embeddings for "similar products" when OpenAI is configured: one vector per active
-- product (unit length, so cosine similarity is a dot product) with the hash of the text it was
-- made from, and the nearest neighbours the embedding job precomputed, so the product page reads
-- one row and never waits on OpenAI.
CREATE TABLE product_embeddings (
    product_id bigint PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    model text NOT NULL,
    source_hash text NOT NULL,
    embedding real[] NOT NULL,
    similar_ids bigint[] NOT NULL DEFAULT '{}',
    embedded_at timestamptz NOT NULL DEFAULT now(),
    neighbours_at timestamptz
);
