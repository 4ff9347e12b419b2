"""The Discord edge: the bot's lifecycle, checks, posting, the replies for failures, and the cogs."""
