"""The `gongkai` console script: every Django management command, the project's own included."""

import os
import sys
import tempfile


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:2] == ["report", "check"] and "GONGKAI_VAR_DIR" not in os.environ:
        # The checker keeps nothing: an assessor running it in a folder of reports gets no var/ (keys, database)
        # left in that folder.
        with tempfile.TemporaryDirectory(prefix="gongkai-check-") as scratch:
            os.environ["GONGKAI_VAR_DIR"] = scratch
            try:
                _run(args)
            finally:
                del os.environ["GONGKAI_VAR_DIR"]
        return
    _run(args)


def _run(args: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["gongkai", *args])
    except ImproperlyConfigured as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
