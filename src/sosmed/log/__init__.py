"""The post log: rows, filters, periods, reasons in plain words, exports, and the fast read
that `sosmed log` uses (the database driver only, no ORM)."""
