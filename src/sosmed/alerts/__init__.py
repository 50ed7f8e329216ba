"""Alerts: problems told to the staff where they already are (a Telegram group, e-mail).

``config`` is the ``[alerts]`` table, ``decide`` the pure decisions (what to send, when,
grouped how), ``channels`` the sending. office/alert_events.py says what is wrong now, and
the office's ``AlertDesk`` (office/alerts.py) puts it together for the daemon and the CLI.
"""
