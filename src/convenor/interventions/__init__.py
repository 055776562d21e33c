"""Interventions: what the strategy proposes to do, tested with partners until agreed."""
