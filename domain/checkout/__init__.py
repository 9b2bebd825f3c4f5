"""Cart and checkout: what a shopper buys, how it is taxed and shipped, and completing it."""
