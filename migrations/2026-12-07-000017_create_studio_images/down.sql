DROP TABLE studio_usage;
DROP TABLE studio_image_tags;
DROP TABLE studio_images;
