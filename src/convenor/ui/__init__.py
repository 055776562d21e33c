"""The shared page furniture: base templates, components, static assets."""
