"""Parley's cogs, one concern each, loaded by ``ParleyBot.setup_hook`` from ``bot.discord_app.app.COGS``."""
