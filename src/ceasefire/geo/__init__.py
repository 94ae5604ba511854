"""Geography: areas, corridors, bounding boxes and distances."""
