"""What the organisation plugs in at start-up: its to-do source."""

from api.org.todos import account_todos
from api.todos.sources import register_todo_source


def register() -> None:
    register_todo_source("org", account_todos)
