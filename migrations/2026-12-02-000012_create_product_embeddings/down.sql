DROP TABLE product_embeddings;
