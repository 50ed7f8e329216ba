"""When posts go out: the office's slot rules and the lateness limit."""
