"""The monthly report for the head of office: figures, charts, thumbnails, one HTML page."""
