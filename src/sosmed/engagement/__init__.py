"""Engagement: what the public did with each published post (likes, comments, shares, views),
read from each platform's own counters at fixed ages of the post (1 h, 24 h, 7 days).

The config (``[engagement]``), the counters' names and the pure decision of which stage of
which post is due live here; the reads are the platforms', the rows the store's, the passes
the office's (``office/engagement.py``).
"""
