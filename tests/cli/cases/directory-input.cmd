samples
