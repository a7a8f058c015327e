"""Choosing a representation from an Accept header (RFC 9110 12.5.1)."""


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The quality of the most specific range that covers `media_type`."""
    kind = media_type.split("/")[0]
    best, specificity = 0.0, -1
    for media, quality in ranges:
        if media == media_type:
            level = 2
        elif media == f"{kind}/*":
            level = 1
        elif media == "*/*":
            level = 0
        else:
            continue
        if level > specificity:
            best, specificity = quality, level
    return best


def preferred(accept: str | None, offered: list[str]) -> str:
    """The offered type the client prefers; the first offered when it names none of them (a
    server may ignore an Accept it cannot satisfy, and an answer it can read beats a 406)."""
    if not accept:
        return offered[0]
    ranges = _ranges(accept)
    scored = [(_quality(media, ranges), -index, media) for index, media in enumerate(offered)]
    quality, _, media = max(scored)
    return media if quality > 0 else offered[0]
