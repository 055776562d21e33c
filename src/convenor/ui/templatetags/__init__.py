"""Template tags shared by Convenor's pages."""
