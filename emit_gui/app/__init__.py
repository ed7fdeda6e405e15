"""The application layer between the domain (catalog, tags, inference, store) and the window
or the command line: review sessions, background jobs, stored proposals. No Qt here."""
