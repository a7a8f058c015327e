"""What every domain's request bodies share: the `Input` and `Patch` bases, and dates, times,
timestamps, free text and whole numbers described in the OpenAPI schema exactly as they are
checked.

Each is text matching one regular expression, which the schema states as its `pattern` and the
server checks before parsing: the parser alone would also take numbers (seconds) and spellings
the schema does not allow. The patterns carry the year ranges and every month's length (leap
years included), so a value matches exactly when the server takes it; a `format` beside them
would say no more, and makes test-data generators discard most of what they draw.
"""

import re
from datetime import date, time
from typing import Annotated, Any, ClassVar

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
EARLIEST_TIMESTAMP_YEAR, LATEST_TIMESTAMP_YEAR = 1900, 2200

_MONTH_DAY = (
    "((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
    "|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    "|02-(0[1-9]|1[0-9]|2[0-8]))"
)
# Years 2000 to 2100; 29 February in 2000, 2004, ..., 2096 (2100 is not a leap year).
SCHOOL_DATE = f"((20[0-9]{{2}}|2100)-{_MONTH_DAY}|20([02468][048]|[13579][26])-02-29)"
# Years 1900 to 2200; leap years as the Gregorian calendar has them (not 1900, 2100 or 2200).
_TIMESTAMP_DATE = (
    f"((19[0-9]{{2}}|2[01][0-9]{{2}}|2200)-{_MONTH_DAY}"
    "|(19|21)(0[48]|[2468][048]|[13579][26])-02-29"
    "|20([02468][048]|[13579][26])-02-29)"
)
TIMESTAMP = (
    f"{_TIMESTAMP_DATE}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{{1,6}})?"
    "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
)
# A time of day at the school, with no offset: JSON Schema's `format: time` requires one.
WALL_CLOCK = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?"


def _text(pattern: str, description: str, example: str) -> tuple[BeforeValidator, WithJsonSchema]:
    compiled = re.compile(pattern)

    def check(value: Any) -> Any:
        if isinstance(value, str) and not compiled.fullmatch(value):
            raise ValueError(f"must be {description}, written like {example}")
        if isinstance(value, int | float):
            raise ValueError(f"must be text written like {example}")
        return value

    schema = {
        "type": "string",
        "pattern": f"^{pattern}$",
        "description": f"{description[0].upper()}{description[1:]}, e.g. {example}",
        "examples": [example],
    }
    return BeforeValidator(check), WithJsonSchema(schema)


SchoolDate = Annotated[
    date, *_text(SCHOOL_DATE, f"a date from {EARLIEST_YEAR} to {LATEST_YEAR}", "2026-09-01")
]
Timestamp = Annotated[
    AwareDatetime,
    *_text(
        TIMESTAMP,
        "a time with its offset (Z or +01:00), from the year "
        f"{EARLIEST_TIMESTAMP_YEAR} to {LATEST_TIMESTAMP_YEAR}",
        "2026-09-01T15:30:00+01:00",
    ),
]
WallClockTime = Annotated[
    time, *_text(WALL_CLOCK, "a wall-clock time at the school, without an offset", "15:30")
]


# --- email addresses -------------------------------------------------------------------------

EMAIL_MESSAGE = "Enter an email address like name@school.org.uk"
MAX_EMAIL_LENGTH = 254


def email_problem(value: str) -> str | None:
    """The one email rule, for every way an address comes in (a form, an import, the command
    line): None when `value` is an address MentorHub takes, else the message to show.

    The syntax is checked, not whether mail would arrive: MentorHub sends no mail. Names under
    .test, reserved for testing (RFC 2606), are taken, as the demo's people have them; other
    special-use names (localhost, .local, .invalid, ...) are not."""
    if len(value) > MAX_EMAIL_LENGTH:
        return EMAIL_MESSAGE
    try:
        validate_email(value, check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return EMAIL_MESSAGE
    return None


def normalize_email(value: str) -> str:
    """How an address is stored and looked up: without surrounding spaces, lower-cased."""
    return value.strip().lower()


def _email_address(value: str) -> str:
    if email_problem(value):
        raise PydanticCustomError("email", EMAIL_MESSAGE)
    return normalize_email(value)


EmailAddress = Annotated[
    str,
    AfterValidator(_email_address),
    WithJsonSchema(
        {
            "type": "string",
            "format": "email",
            "maxLength": MAX_EMAIL_LENGTH,
            "description": "An email address, e.g. name@school.org.uk",
        }
    ),
]


# What JSON Schema's regular expressions (ECMAScript) call white space; Python's own idea of it
# differs a little, so the server strips exactly these and the schema's patterns name them.
SPACES = (
    "\t\n\v\f\r \u00a0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000\ufeff")
)
_NOT_SPACE = f"[^{SPACES}]"


def _strip(value: str) -> str:
    return value.strip(SPACES)


def free_text(minimum: int, maximum: int) -> Any:
    """Free text of at most `maximum` characters as sent, and at least `minimum` once the
    spaces around it are stripped (which the server then does)."""
    if minimum == 0:
        pattern = None
    elif minimum == 1:
        pattern = _NOT_SPACE
    else:
        pattern = f"{_NOT_SPACE}[\\s\\S]{{{minimum - 2},}}{_NOT_SPACE}"
    description = f"At least {minimum} characters besides surrounding spaces" if minimum else None
    return Annotated[
        str,
        Field(max_length=maximum, pattern=pattern, description=description),
        AfterValidator(_strip),
    ]


def _a_number(value: Any) -> Any:
    # JSON Schema's integer takes 3.0 but not "3" or true; the parser alone takes all three.
    if isinstance(value, str | bool):
        raise ValueError("must be a whole number, not text or true/false")
    return value


def whole_number(minimum: int, maximum: int) -> Any:
    """A whole number in a range: the range first, so that it shows in the schema."""
    return Annotated[int, Field(ge=minimum, le=maximum), BeforeValidator(_a_number)]


WEEKDAY_DESCRIPTION = "Day of the school week as a number: 0 is Monday, 1 Tuesday ... 4 is Friday"
# A weekday in a request (a school day: Monday to Friday) and as answered.
Weekday = Annotated[
    int,
    Field(ge=0, le=4, description=WEEKDAY_DESCRIPTION, examples=[2]),
    BeforeValidator(_a_number),
]
WeekdayPublic = Annotated[int, Field(description=WEEKDAY_DESCRIPTION, examples=[2])]


def required(name: str) -> dict[str, Any]:
    """JSON Schema: `name` is given, and not null."""
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


def null(name: str) -> dict[str, Any]:
    """JSON Schema: `name` is left out, or null."""
    return {"properties": {name: {"type": "null"}}}


def when(field: str, value: str, then: dict[str, Any], otherwise: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema for a model validator's rule that one field decides whether another is
    needed, for a model's `json_schema_extra`."""
    condition = {"required": [field], "properties": {field: {"const": value}}}
    return {"if": condition, "then": then, "else": otherwise}


# --- request bodies ------------------------------------------------------------------------


class Input(BaseModel):
    """Every request body refuses fields it does not know. Free text is stripped of the spaces
    around it by its type (`text`), after its length is checked as sent."""

    model_config = ConfigDict(extra="forbid")


class Patch(Input):
    """A partial update: fields left out stay as they are; only `nullable` fields take null."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # Every field is optional in Python (None stands for "left out"), but the schema says
        # null only where null is taken.
        schema = handler.resolve_ref_schema(handler(core_schema))
        for name, field in schema.get("properties", {}).items():
            if name in cls.nullable:
                continue
            field.pop("default", None)
            branches = [b for b in field.get("anyOf", []) if b != {"type": "null"}]
            if len(branches) == 1:
                del field["anyOf"]
                field.update(branches[0])
            elif branches:
                field["anyOf"] = branches
        return schema

    @model_validator(mode="after")
    def refuse_null_for_required(self):
        for name in self.model_fields_set - self.nullable:
            if getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null; leave it out to keep it")
        return self

    def changes(self) -> dict:
        return self.model_dump(exclude_unset=True)
