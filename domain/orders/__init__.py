"""Orders: the immutable record of a completed checkout."""
