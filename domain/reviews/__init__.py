"""Product reviews: verified buyers rate what they received; staff moderate."""
