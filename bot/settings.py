"""One typed settings object, read from the environment (and an optional ``.env``) in one place.

Secrets have no default. No model configured means offline mode. Tests build ``Settings`` from values
(see ``tests/conftest.py``, which also clears the real environment).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOCAL_SERVER_KEY = "not-needed"  # local OpenAI-compatible servers ignore the key but the client wants one
# One line at start-up: a role is matched by id only, since anyone with Manage Roles can create a role that
# has the same name as the moderators' (or a name that is its id).
ROLE_NAME_REFUSED = ('must be the role\'s id, not a name ("{value}"): with Developer Mode on (User Settings → '
                     "Advanced), right-click the role in Server Settings → Roles → Copy Role ID")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PARLEY_", env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True,
        populate_by_name=True, allow_inf_nan=False,  # "nan" seconds is no number of seconds
    )

    # --- knowledge and storage
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    db_path: Path = Path("parley.sqlite3")
    store_busy_timeout: float = Field(2.0, gt=0, le=60, description="seconds a write waits on another "
                                      "process's lock (a moderator's sqlite3 shell, a checkpoint)")
    knowledge_poll_seconds: float = Field(2.0, ge=0, description="0 turns the file watcher off")

    # --- questions and conversations
    max_question_chars: int = Field(500, ge=20, le=4000)
    history_turns: int = Field(6, ge=0, le=50)
    history_tokens: int = Field(1500, ge=0, le=20000)

    # --- the model (optional)
    openai_api_key: SecretStr | None = Field(None, validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key"))
    openai_base_url: str | None = Field(None, validation_alias=AliasChoices("OPENAI_BASE_URL", "openai_base_url"))
    openai_model: str = Field("gpt-4o-mini", validation_alias=AliasChoices("OPENAI_MODEL", "openai_model"))
    # The bounds admit a small model on a CPU (a 3,000-token request read cold at ~45 tokens/s is ~70 s,
    # then ~30 s of writing); the deadline stays under the 15 minutes a Discord interaction can be answered in.
    model_timeout: float = Field(20.0, gt=0, le=600, description="seconds for one model call")
    model_attempts: int = Field(3, ge=1, le=10, description="attempts per question, all errors together")
    model_deadline: float = Field(45.0, gt=0, le=840, description="seconds for all attempts together")
    model_max_tokens: int = Field(900, ge=64, le=8000)
    model_temperature: float = Field(0.1, ge=0, le=2, description="low: the model rephrases, it does not invent")
    # What the server accepts: auto (OpenAI's API when OPENAI_BASE_URL is unset or api.openai.com, else a
    # generic local server), or one named in bot.llm.providers.
    model_provider: Literal["auto", "openai", "llama.cpp", "ollama", "vllm", "lmstudio", "llama-cpp-python",
                            "local"] = "auto"
    # The most input tokens one request may carry (prompt, conversation, entries and question): the default
    # leaves room for the answer in a model with an 8,192-token context.
    context_tokens: int = Field(6000, ge=1500, le=1_000_000)

    # --- Discord
    discord_token: SecretStr | None = Field(None, validation_alias=AliasChoices("DISCORD_TOKEN", "discord_token"))
    message_content: bool = False
    dev_guild: int | None = None
    moderator_role: int | None = Field(None, description="the moderator role's id; never its name, which any "
                                       "member allowed to create roles could copy")
    mod_log_channel: int | None = Field(None, description="where knowledge changes are posted for moderators")
    allowed_channels: Annotated[list[int], NoDecode] = Field(default_factory=list)
    cooldown_rate: int = Field(3, ge=1)
    cooldown_per: float = Field(60.0, gt=0)
    thread_answers: bool = True

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] | None = Field(
        None, description="None: INFO for the bot, WARNING for the command line")

    @field_validator("allowed_channels", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [part for part in value.replace(" ", "").split(",") if part]
            bad = next((part for part in parts if not part.isdigit()), None)
            if bad is not None:
                raise ValueError(f"must be channel ids (numbers) separated by commas, not \"{bad[:40]}\"")
            return [int(part) for part in parts]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_upper(cls, value: Any) -> Any:
        return value.strip().upper() or None if isinstance(value, str) else value

    @field_validator("moderator_role", mode="before")
    @classmethod
    def _role_id(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = value.strip()
        if not value:
            return None
        if not value.isdigit():
            raise ValueError(ROLE_NAME_REFUSED.format(value=value[:40]))
        return int(value)

    @field_validator("openai_base_url", "openai_api_key", "discord_token", "mod_log_channel", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        # An empty ``OPENAI_API_KEY=`` line in .env means "not set", not a key of no characters.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("openai_base_url")
    @classmethod
    def _a_server_url(cls, value: str | None) -> str | None:
        # A typo here would otherwise show only as three failed attempts on every question
        if value is not None:
            url = urlsplit(value.strip())
            if url.scheme not in ("http", "https") or not url.hostname:
                raise ValueError(f"must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080/v1, "
                                 f"not \"{value[:60]}\"")
        return value

    @property
    def model_configured(self) -> bool:
        """A key, or a base URL for a local server that needs none, switches model mode on."""
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def api_key(self) -> str:
        return self.openai_api_key.get_secret_value() if self.openai_api_key else LOCAL_SERVER_KEY

    def describe_mode(self) -> str:
        if not self.model_configured:
            return "offline (answers from the knowledge alone; set OPENAI_API_KEY or OPENAI_BASE_URL for a model)"
        where = self.openai_base_url or "the OpenAI API"
        return f"llm ({self.openai_model} at {where})"
