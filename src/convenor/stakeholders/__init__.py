"""The stakeholder register: places, organisations and people."""
