"""HTTP for the one to-do list every home page shows."""

from fastapi import APIRouter

from api.auth.principals import CurrentPerson
from api.core.problems import error_responses
from api.core.routing import BodyAfterAuthRoute
from api.db import SessionDep
from api.todos import service
from api.todos.schemas import TodoList

router = APIRouter(tags=["me"], route_class=BodyAfterAuthRoute)


@router.get(
    "/me/todos",
    operation_id="list_my_todos",
    summary="What you should do next: every domain's to-dos for you, soonest first",
    response_model=TodoList,
    responses=error_responses(401, 403, e403="Integration clients have no to-dos"),
)
def list_my_todos(session: SessionDep, principal: CurrentPerson) -> TodoList:
    items = service.todos_for(session, principal)
    return TodoList(items=items, total=len(items))
