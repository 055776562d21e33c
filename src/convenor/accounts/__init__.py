"""Sign-in accounts: people who can sign in, identified by email address."""
