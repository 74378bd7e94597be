"""CrowNest Python client."""
