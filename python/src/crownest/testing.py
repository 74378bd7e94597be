"""crownest.testing: crownest-fake for your tests (a launcher and a pytest plugin)."""
