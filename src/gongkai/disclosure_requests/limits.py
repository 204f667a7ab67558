"""Size limits of what applicants and staff type: large enough for any real request, small enough that one
record cannot make the pages that read it slow (the applicant history runs jieba over earlier descriptions)."""

from django.core.validators import MaxLengthValidator

DESCRIPTION_CHARS = 5000  # 所需信息描述: a long list of documents with their 文号 fits in a few thousand
SUPPLEMENT_CHARS = 5000  # 补正内容: clarifies the description, so the same room
REASON_CHARS = 5000  # 理由/说明 of a move: the reasons of a partial or refused disclosure are printed in letters
WITHDRAW_REASON_CHARS = 500  # 撤回理由 on the public status page
SHORT_CHARS = 200  # names, addresses, agencies, contacts typed into a staff move

# Staff pages read at most this many earlier requests of one applicant, and only this much of each text.
HISTORY_REQUESTS = 50
HISTORY_TEXT_CHARS = 1000


def too_long_message(label: str) -> str:
    """Django fills in the limit and the actual length (MaxLengthValidator's params)."""
    return f"{label}不能超过%(limit_value)d个字（现有%(show_value)d个字）"


def max_length_validator(label: str, limit: int) -> MaxLengthValidator:
    return MaxLengthValidator(limit, message=too_long_message(label))


def name_too_long_errors(form) -> None:
    """Every length-limited field of a form says which field is too long, in Chinese."""
    for field in form.fields.values():
        if getattr(field, "max_length", None):
            field.error_messages["max_length"] = too_long_message(field.label or "该项")
