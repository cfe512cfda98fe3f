"""One module per DVC stage; each has `main(...)` reading params and calling pure functions."""
