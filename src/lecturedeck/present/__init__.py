"""Live classroom (`deck present`): one lecture served to the presenter (with a secret token) and to the
audience's phones (a short room code), whose quiz and poll slides become live questions; every answer is
stored in the session's SQLite database before it is acknowledged."""
