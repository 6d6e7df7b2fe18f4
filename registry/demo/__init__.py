"""Demo dataset: a realistic province, and the national-scale benchmark set."""
