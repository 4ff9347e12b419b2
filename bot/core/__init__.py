"""The pure answer path: a question in, an ``Answer`` out. Nothing here imports Discord, openai or the store."""
