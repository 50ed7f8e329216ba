"""sosmed: Indonesian regional-government news to social-media posts, published on a schedule."""

__version__ = "0.1.0"
