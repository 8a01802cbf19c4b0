diff --format pdf a b
