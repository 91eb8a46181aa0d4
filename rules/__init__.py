"""Rule data for the `quotes` attributor (TOML files, read at load time); installed as `quotes.rules`."""
