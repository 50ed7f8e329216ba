"""How long a text is in a platform's own units: X's weighted count with its links and emoji,
graphemes, UTF-16 units, code points. Facts of the platforms, used by compose, edit and publish."""
