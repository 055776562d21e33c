"""Django management commands of engagement, run from cron through `convenor <command>`."""
