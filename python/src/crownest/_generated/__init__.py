"""Code generated from openapi.yaml by scripts/generate.mjs (npm run generate)."""
