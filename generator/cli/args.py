"""What every subcommand shares: command-line value types and loading the content root."""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO
from zoneinfo import ZoneInfo

from generator.core.messages import Msg, messages, msg, one_of

if TYPE_CHECKING:
    from generator.content.project import Project


class ValueProblem(argparse.ArgumentTypeError):
    """A command-line value that is not what its option takes, the reason a :class:`Msg` that
    :class:`Parser` tells in its language (argparse itself keeps only the English text)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


def _problem(name: str, **fields: Any) -> ValueProblem:
    return ValueProblem(msg(name, **fields))


def day(value: str) -> dt.date:
    """A ``YYYY-MM-DD`` date on the command line."""
    try:
        if len(value) != 10:
            raise ValueError
        found = dt.date.fromisoformat(value)
    except ValueError:
        raise _problem("value.day", value=value) from None
    return _supported(found, value)


def _supported(found: dt.date, value: str) -> dt.date:
    from generator.core.calendar import FIRST_DAY, LAST_DAY

    if not FIRST_DAY <= found <= LAST_DAY:
        raise _problem("value.supported", value=value, first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
    return found


def instant(value: str) -> dt.datetime:
    """An ISO 8601 timestamp on the command line. With an offset or ``Z`` it is that instant;
    without one it stays naive here and the command reads it as local time in the configured
    zone (:func:`generator.core.calendar.localized`), once routines.toml is loaded."""
    from generator.core.calendar import STOCKHOLM, parse_instant

    try:
        found = parse_instant(value)
        naive = dt.datetime.fromisoformat(value.strip().replace("z", "Z")).tzinfo is None
    except ValueError:
        raise (_problem("value.instant", value=value) if value.strip()
               else _problem("value.instant_empty")) from None
    try:  # the supported range, near enough in any zone
        local = found.astimezone(ZoneInfo(STOCKHOLM)).date()
    except OverflowError:  # past 9999-12-31 or before 0001-01-01 in Stockholm
        local = dt.date.max
    _supported(local, value)
    return found.replace(tzinfo=None) if naive else found


def bounded_int(value: str, low: int, high: int, what: Msg) -> int:
    """``value`` as a whole number from ``low`` to ``high``; else a usage error saying ``what``
    it must be ("'99999' is not a port number from 0 to 65535")."""
    try:
        number = int(value)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise _problem("value.not", value=value, what=what)
    return number


def port(value: str) -> int:
    """A TCP port number, 0 to 65535 (0: any free one)."""
    return bounded_int(value, 0, 65535, msg("value.port"))


def jobs(value: str) -> int:
    """``--jobs``: worker processes, 1 to :data:`MAX_JOBS` (0: one per core)."""
    return bounded_int(value, 0, MAX_JOBS, msg("value.jobs", max=MAX_JOBS))


MAX_JOBS = 256


LANGUAGE_ENV = "ROUTINES_LANG"
"""The environment variable that chooses the language when ``--lang`` is not given."""


def language(given: str | None, root: Path) -> str:
    """The language of what a command prints: ``--lang``, else ``$ROUTINES_LANG``, else
    ``language`` in ROOT/routines.toml, else Swedish."""
    from generator.core.messages import LANGUAGES

    if given in LANGUAGES:
        return given
    if (env := os.environ.get(LANGUAGE_ENV, "").strip().lower()) in LANGUAGES:
        return env
    from generator.content.config import load_config

    return load_config(root)[0].language


def language_of(argv: Sequence[str]) -> str:
    """:func:`language` read from the arguments before they are parsed (help and usage errors
    are written in it): ``--lang X`` or ``--lang=X``, and ``--root``."""
    found: dict[str, str] = {}
    for index, arg in enumerate(argv):
        for option in ("--lang", "--root"):
            if arg == option and index + 1 < len(argv):
                found[option] = argv[index + 1]
            elif arg.startswith(option + "="):
                found[option] = arg.split("=", 1)[1]
    return language(found.get("--lang"), Path(found.get("--root", ".")))


def check_period(args: argparse.Namespace) -> None:
    """``--from`` and ``--to`` in order (before the root is loaded: a usage error comes at once)."""
    if args.end < args.start:
        from generator.core.errors import GeneratorError
        from generator.core.messages import msg

        raise GeneratorError(msg("cases.to_before_from", start=args.start.isoformat(), end=args.end.isoformat()))


def cache_dir(args: argparse.Namespace) -> Path | None:
    """``--cache-dir``, the default cache, or None with ``--no-cache``."""
    from generator.content.cache import default_dir

    return None if args.no_cache else (args.cache_dir or default_dir())


def load(args: argparse.Namespace) -> Project:
    """The content root of ``--root``, with the cache and ``--jobs`` the options ask for."""
    from generator.content.project import load_project

    return load_project(args.root, cache_dir=cache_dir(args), jobs=args.jobs)


def resolve_today(args: argparse.Namespace) -> dt.date:
    """``--today``, else today in the configured zone (or the day of ``SOURCE_DATE_EPOCH``): the
    one place a command that does not load the root itself reads the clock for the day."""
    given: dt.date | None = args.today
    if given is not None:
        return given
    from generator.content.config import load_config
    from generator.core.clock import today_in

    return today_in(load_config(args.root)[0].timezone)


def moment(given: dt.datetime | None, timezone: str) -> dt.datetime:
    """An instant given on the command line (without an offset: local time in ``timezone``), else
    now there (or the instant of ``SOURCE_DATE_EPOCH``)."""
    from generator.core.calendar import localized
    from generator.core.clock import now_in

    return localized(given, timezone) if given is not None else now_in(timezone)


def resolve_now(args: argparse.Namespace) -> dt.datetime:
    """``--now`` as :func:`moment` reads it, in the zone of the root's routines.toml."""
    from generator.content.config import load_config

    return moment(args.now, load_config(args.root)[0].timezone)


class Prompt:
    """Where a command asks for what is missing: the input stream, and whether questions may be
    asked on it (a terminal, or a stream the caller handed in with the answers)."""

    def __init__(self, stream: TextIO | None, interactive: bool) -> None:
        self.stream, self.interactive = stream, interactive

    @classmethod
    def of(cls, stdin: TextIO | None) -> Prompt:
        """The prompt of ``main``: the given stream, else standard input when it is a terminal."""
        if stdin is not None:
            return cls(stdin, True)
        try:
            return cls(sys.stdin, sys.stdin is not None and sys.stdin.isatty())
        except (ValueError, OSError):
            return cls(None, False)

    def ask(self, question: str, err: TextIO) -> str:
        """The answer to ``question`` (written to ``err``), one line."""
        from generator.core.errors import GeneratorError

        err.write(f"{question}: ")
        err.flush()
        line = self.stream.readline() if self.stream is not None else ""
        if not line:
            raise GeneratorError(msg("cli.no_answer"))
        return line.strip()


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with the usage line's prefix in the parser's language."""

    usage_prefix: str | None = None

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse as the commands use it: no abbreviated options (``--form`` is not ``--format``),
    help and usage errors in a language (argparse's own words too), and a usage error that says
    what was probably meant (``chek`` -> ``check``, ``--stict`` -> ``--strict``)."""

    language = "sv"
    """The language of help and usage errors (see :meth:`speak`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self.streams: tuple[TextIO, TextIO] | None = None
        """(out, err) that help and usage errors go to, instead of the process's own."""

    def speak(self, language: str) -> None:
        """Write help and usage errors in ``language``, in this parser and its subcommands: the
        group titles and the help of ``-h`` and ``--version`` too."""
        self.language = language
        t = messages(language)
        self._positionals.title, self._optionals.title = t("usage.positionals"), t("usage.options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = t("help.help")
            elif isinstance(action, argparse._VersionAction):
                action.help = t("help.version")
        for sub in self._subcommands():
            if isinstance(sub, Parser):
                sub.speak(language)

    def route(self, out: TextIO, err: TextIO) -> None:
        """Send help to ``out`` and usage errors to ``err``, for this parser and its subcommands."""
        self.streams = (out, err)
        for sub in self._subcommands():
            if isinstance(sub, Parser):
                sub.route(out, err)

    def _subcommands(self) -> list[argparse.ArgumentParser]:
        return [sub for action in self._actions if isinstance(action, argparse._SubParsersAction)
                for sub in action.choices.values()]

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = super()._get_formatter()
        if isinstance(formatter, _Formatter):
            formatter.usage_prefix = messages(self.language)("usage.prefix")
        return formatter

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as error:  # a value type's reason, in the parser's language
            if isinstance(error.__context__, ValueProblem):
                told = messages(self.language).text(error.__context__.message)
                raise argparse.ArgumentError(action, told) from None
            raise

    def _print_message(self, message: str, file: Any = None) -> None:
        if self.streams is not None and message:
            (self.streams[1] if file is sys.stderr else self.streams[0]).write(message)
            return
        super()._print_message(message, file)

    def error(self, message: str) -> NoReturn:
        """The usage and ``PROG: fel: …`` in the parser's language, with what was probably meant; exit 2."""
        t = messages(self.language)
        self.print_usage(sys.stderr)
        told = t.text(usage_message(message)) + t.text(self._suggestion(message))
        self.exit(2, t("usage.error", prog=self.prog, message=told) + "\n")

    def _suggestion(self, message: str) -> Msg | str:
        import difflib

        from generator.core.suggest import did_you_mean

        choice = _INVALID_CHOICE.search(message)
        if choice is not None:  # a command, or a value such as --format's: argparse lists the choices
            return did_you_mean(difflib.get_close_matches(_unquoted(choice["value"]), _listed(choice["choices"]), n=1))
        unknown = re.search(r"unrecognized arguments: (.*)$", message)
        if unknown is not None:
            options = sorted(self._every_option())
            close = [c for arg in unknown.group(1).split() if arg.startswith("-")
                     for c in difflib.get_close_matches(arg.split("=")[0], options, n=1)]
            return did_you_mean(list(dict.fromkeys(close)))
        return ""

    def _every_option(self) -> set[str]:
        """The options of this parser and of its subcommands (argparse reports a subcommand's
        unknown option from the top parser)."""
        return {o for parser in (self, *self._subcommands()) for action in parser._actions
                for o in action.option_strings}


_INVALID_CHOICE = re.compile(r"invalid choice: (?P<value>'(?:[^'\\]|\\.)*'|\"[^\"]*\"|\S*),?"
                             r"(?: maybe you meant \S+\?)? \(choose from (?P<choices>.*)\)")
_USAGE: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern, re.DOTALL), name) for pattern, name in (
    (r"argument (?P<name>\S+): (?P<message>.*)", "usage.argument"),
    (r"the following arguments are required: (?P<names>.+)", "usage.required"),
    (r"one of the arguments (?P<names>.+) is required", "usage.one_required"),
    (r"unrecognized arguments: (?P<args>.*)", "usage.unrecognized"),
    (r"expected one argument", "usage.expected_one"),
    (r"expected at most one argument", "usage.expected_at_most_one"),
    (r"expected at least one argument", "usage.expected_at_least_one"),
    (r"invalid (?P<type>\S+) value: (?P<value>.*)", "usage.invalid_value"),
    (r"not allowed with argument (?P<other>.+)", "usage.not_allowed"),
    (r"ignored explicit argument (?P<value>.*)", "usage.ignored_explicit"),
))
"""argparse's messages (their wording in Python 3.11 to 3.13) and the catalog's name for each."""


def usage_message(message: str) -> Msg | str:
    """argparse's usage error ``message`` as a catalog message; a message it does not know stays
    as argparse wrote it (English)."""
    choice = _INVALID_CHOICE.fullmatch(message)
    if choice is not None:
        return msg("usage.invalid_choice", value=_unquoted(choice["value"]),
                   choices=one_of(f"'{c}'" for c in _listed(choice["choices"])))
    for pattern, name in _USAGE:
        found = pattern.fullmatch(message)
        if found is not None:
            fields: dict[str, Msg | str] = dict(found.groupdict())
            if "message" in fields:
                fields["message"] = usage_message(found["message"])
            if "value" in fields:
                fields["value"] = _unquoted(found["value"])
            return msg(name, **fields)
    return message


def _unquoted(value: str) -> str:
    """A value argparse wrote with ``%r`` (``'jsn'``), as it was given."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        try:
            told = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value[1:-1]
        return told if isinstance(told, str) else value
    return value


def _listed(choices: str) -> list[str]:
    """The choices argparse lists after "choose from": quoted (Python 3.11) or not (later versions)."""
    quoted = re.findall(r"'([^']*)'", choices)
    return quoted or [c.strip() for c in choices.split(",") if c.strip()]
