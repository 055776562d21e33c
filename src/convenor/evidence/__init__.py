"""The evidence base: research, reports, data and intelligence that inform the strategy."""
