# Generated from package.json by scripts/generate.mjs. Do not edit.
__version__ = "0.1.0"
