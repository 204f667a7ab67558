"""The one domain error: a refused move or bad input, with a Chinese message for the user."""


class DomainError(Exception):
    """A rule of the domain refuses the operation; `message` is shown to the user as it is."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    """The user's role does not allow the move (distinct from a move that is wrong in this state)."""
