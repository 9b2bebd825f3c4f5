"""Orders: checkout completion, lookup and payment confirmation."""
