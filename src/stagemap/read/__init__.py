"""Files -> model: the only code that reads the project (settings, models, front matter, assets, the parse cache)."""
