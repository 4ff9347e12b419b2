"""Model mode: the OpenAI-compatible adapter, its one retry policy, the prompt files and the chat messages."""
