"""Development-only code: the sample generators and loaders, the example rules and the mock DSO
knooppunt. `make run` and `make test` use it from the checkout; the wheel does not ship it."""
