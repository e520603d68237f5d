DROP TABLE style_ratings;
DROP TABLE style_favorites;
DROP TABLE style_examples;
DROP TABLE styles;
DROP TABLE style_categories;
